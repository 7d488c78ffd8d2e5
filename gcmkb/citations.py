"""Citations a reference manager reads (Zotero, EndNote, Word, BibTeX): RIS, BibTeX and CSL-JSON
for every recommendation and practice in every language, written beside its page
(`recommendations/rNN/cite.ris`, `practices/pNNN/cite.bib`, `cite.json`) and, per language, all of
them in shards of SHARD_SIZE records the brief composer joins (`assets/cite/<lang>/<shard>.json`,
see shards.py: it fetches the shards of its records only) so that a brief's references never need a
second formatter in the browser.

One reference: the recommendation's title in the page's language (the source's while its
translation is pending, with the source's language code), the publisher from the configuration as
corporate author, the document as container, the date of the version cited (the latest change of
the record, as the page's "As of" says; else the edition's date; none for an undated copy), the
permalink. A practice's reference is made the same way: its title in the page's language where it is
written, else in its own; no container (it belongs to no document); its countries and period in the
formats' note field (RIS N1, BibTeX note, CSL note), which is the only one each has for them.
Nothing reads the clock.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from . import routes
from .history_views import day_of
from .model import Catalog
from .output import Write, write_file
from .practices import PRACTICE_ID
from .publishing import UNDATED
from .shards import PLACEHOLDER, by_shard, compact_json, shard_file, shard_keys
from .textview import plain
from .viewcontext import View, ViewContext
from .views.practices import coverage_label
from .views.sources import document_title

FORMATS = {"ris": "cite.ris", "bib": "cite.bib", "csl": "cite.json"}  # format -> file beside the page
MEDIA_TYPES = {"ris": "application/x-research-info-systems", "bib": "application/x-bibtex",
               "csl": "application/vnd.citationstyles.csl+json"}
# the references of a language, a file per shard of records, for the brief's downloads
BRIEF_FILE = "assets/cite/{lang}/" + PLACEHOLDER + ".json"
# LaTeX's special characters in a BibTeX field; non-ASCII letters stay UTF-8 (biber, Zotero read it)
BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                  "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@dataclass(frozen=True)
class Reference:
    key: str          # "gcm-r01-en": unique across records and languages
    id: str           # the recommendation's or the practice's id
    title: str
    language: str     # the language the title is written in
    container: str | None  # the document the recommendation belongs to; a practice belongs to none
    author: str       # the publisher: a corporate name, never split into given and family names
    issued: date | None
    url: str
    note: str | None = None  # a practice's countries and period, in the page's language


def cite_data(lang: str) -> str:
    """The template of a language's shards of references, relative to the site root."""
    return BRIEF_FILE.replace("{lang}", lang)


def cited_shards(catalog: Catalog) -> list[str]:
    """The shards that have references: the recommendations' and the practices'."""
    return shard_keys(cited_ids(catalog))


def cited_ids(catalog: Catalog) -> list[str]:
    """Every record that has a reference: the recommendations, then the practices."""
    return [*(r.id for r in catalog.recommendations), *(p.id for p in catalog.practices)]


def page_of(rid: str) -> str:
    """A cited record's page: a practice's or a recommendation's."""
    return routes.practice(rid) if PRACTICE_ID.match(rid) else routes.recommendation(rid)


def file_path(rid: str, fmt: str, lang: str) -> str:
    """A citation file, relative to the site root."""
    return routes.language_prefix(lang) + page_of(rid) + FORMATS[fmt]


def issued(rid: str, ctx: ViewContext) -> date | None:
    """The date of the version cited: the record's latest change, else the edition's, else none."""
    latest = ctx.history.latest(rid)
    if latest:
        return day_of(latest)
    if ctx.edition.state != UNDATED:
        return datetime.fromtimestamp(ctx.edition.time, UTC).date()
    return None


def reference(rid: str, ctx: ViewContext) -> Reference:
    if PRACTICE_ID.match(rid):
        return practice_reference(rid, ctx)
    rec = ctx.catalog.recommendation(rid)
    return Reference(f"gcm-{rid}-{ctx.lang}", rid, plain(rec.title.get(ctx.lang)), rec.shown_in(ctx.lang),
                     document_title(rec, ctx.catalog, ctx.labels), ctx.publisher_name, issued(rid, ctx),
                     ctx.permalink(routes.recommendation(rid)))


def practice_reference(pid: str, ctx: ViewContext) -> Reference:
    practice = ctx.catalog.practice(pid)
    title, shown = practice.text(practice.title, ctx.lang)
    return Reference(f"gcm-{pid}-{ctx.lang}", pid, plain(title), shown, None, ctx.publisher_name,
                     issued(pid, ctx), ctx.permalink(routes.practice(pid)), plain(coverage_label(practice, ctx.labels)))


def to_ris(ref: Reference) -> str:
    """One RIS record (a web page: Zotero and EndNote import it as one), CRLF as the format has it."""
    lines = [("TY", "ELEC"), ("ID", ref.key), ("TI", ref.title)]
    lines += [("T2", ref.container)] if ref.container else []
    lines += [("AU", ref.author)]
    if ref.issued:
        lines += [("PY", str(ref.issued.year)), ("DA", ref.issued.strftime("%Y/%m/%d"))]
    lines += [("N1", ref.note)] if ref.note else []
    lines += [("UR", ref.url), ("LA", ref.language), ("ER", "")]
    return "".join(f"{tag}  - {value}".rstrip(" ") + "\r\n" for tag, value in lines)


def bibtex_escape(text: str) -> str:
    return "".join(BIBTEX_ESCAPES.get(ch, ch) for ch in text)


def to_bibtex(ref: Reference) -> str:
    """One @misc entry; the author in double braces, so that it stays one corporate name."""
    fields = [("author", "{" + bibtex_escape(ref.author) + "}"), ("title", bibtex_escape(ref.title))]
    fields += [("howpublished", bibtex_escape(ref.container))] if ref.container else []
    if ref.issued:
        fields += [("year", str(ref.issued.year)), ("month", BIBTEX_MONTHS[ref.issued.month - 1]),
                   ("date", ref.issued.isoformat())]
    fields += [("note", bibtex_escape(ref.note))] if ref.note else []
    fields += [("url", ref.url), ("language", ref.language)]
    body = ",\n".join(f"  {name} = {value if name == 'month' else '{' + value + '}'}" for name, value in fields)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def to_csl(ref: Reference) -> dict[str, Any]:
    item: dict[str, Any] = {"id": ref.key, "type": "webpage", "title": ref.title,
                            **({"container-title": ref.container} if ref.container else {}),
                            "author": [{"literal": ref.author}], "URL": ref.url, "language": ref.language,
                            "number": ref.id, **({"note": ref.note} if ref.note else {})}
    if ref.issued:
        item["issued"] = {"date-parts": [[ref.issued.year, ref.issued.month, ref.issued.day]]}
    return item


def csl_json(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def formats(ref: Reference) -> dict[str, str]:
    return {"ris": to_ris(ref), "bib": to_bibtex(ref), "csl": csl_json([to_csl(ref)])}


def citation_links(rid: str, ctx: ViewContext) -> list[dict[str, str]]:
    """The page's download links: label, href, file name, media type."""
    return [{"label": ctx.t(f"cite_{fmt}"), "href": ctx.site_link(file_path(rid, fmt, ctx.lang)),
             "download": f"{rid}-{ctx.lang}.{FORMATS[fmt].rpartition('.')[2]}", "type": MEDIA_TYPES[fmt]}
            for fmt in FORMATS]


def with_citations(view: Callable[[str, ViewContext], View]) -> Callable[[str, ViewContext], View]:
    """A recommendation's or a practice's view, with the links to its citation files."""
    def cited(rid: str, ctx: ViewContext) -> View:
        return {**view(rid, ctx), "cite_files": citation_links(rid, ctx)}
    return cited


# A reference's files (format -> bytes) and its entry in the brief's shard, made from it alone
Made = tuple[dict[str, bytes], dict[str, Any]]


def write_citations(site_dir: Path, contexts: dict[str, ViewContext], write: Write = write_file,
                    made: dict[Reference, Made] | None = None) -> None:
    """Every recommendation's and practice's citation files in every language, and each language's
    shards for the brief.
    Given `made` (under `mkdocs serve`, kept between builds), a reference made before is not made again."""

    for lang, ctx in contexts.items():
        every: dict[str, Any] = {}
        for rid in cited_ids(ctx.catalog):
            ref = reference(rid, ctx)
            files, entry = made[ref] if made is not None and ref in made else _make(ref)
            if made is not None:
                made[ref] = files, entry
            for fmt, data in files.items():
                write(site_dir / file_path(rid, fmt, lang), data)
            every[rid] = entry
        for key, shard in by_shard(every).items():
            write(site_dir / shard_file(cite_data(lang), key), compact_json(shard))


def _make(ref: Reference) -> Made:
    texts = formats(ref)
    return ({fmt: text.encode() for fmt, text in texts.items()},
            {"ris": texts["ris"], "bib": texts["bib"], "csl": to_csl(ref)})
