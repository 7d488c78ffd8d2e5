"""The brief composer: a reader's own selection of recommendations and practices, for a meeting.

The brief itself lives in the reader's address (`brief/?ids=r05,r16&langs=ar,en&title=…&note=…`)
and browser, so the site stays static: at build time the core writes, per language, every
recommendation's full text as render-ready segments (`assets/brief/<lang>/<shard>.json`, a file
per SHARD_SIZE records, see shards.py: a brief of three fetches three files, not the collection; a
practice in the language its page shows it in, the block saying which), and the page gets its
labels and settings as view data. The browser (docs/assets/brief.js) only fetches, orders and
sets text; it never builds markup from data.
"""

from __future__ import annotations

import json
from typing import Any

from . import LANGUAGES, routes
from .citations import FORMATS, MEDIA_TYPES, cite_data, cited_shards
from .labels import Labels, load_labels
from .languages import language
from .model import Catalog, Recommendation
from .practices import PRACTICE_ID, Practice
from .shards import PLACEHOLDER, SHARD_SIZE, by_shard, compact_json, shard_file, shard_keys
from .text_checks import RECOMMENDATION_ID
from .textview import Segment, paragraphs, plain, segments
from .typography import typeset
from .viewcontext import COUNTER_STYLE, DIRECTION, LANGUAGE_NAMES, View, ViewContext, crumbs
from .views.practices import citation as practice_citation
from .views.sources import document_title

BRIEF_PAGE = routes.BRIEF_PAGE
STORAGE_KEY = "kb-brief"  # localStorage, shared by every language of the site
# what the address may carry; longer values are cut, more ids ignored (with a notice)
LIMITS = {"ids": 100, "title": 200, "note": 2000}
# the ids a brief may hold: a recommendation's or a practice's
ID_PATTERN = f"(?:{RECOMMENDATION_ID.pattern})|(?:{PRACTICE_ID.pattern})"

# labels of the page itself, in the page's language
PAGE_LABELS = (
    "brief", "brief_page", "brief_empty", "brief_added", "brief_removed", "brief_moved", "brief_first",
    "brief_last", "brief_cleared", "brief_retired", "brief_not_found", "brief_malformed", "brief_replaced",
    "brief_restore", "brief_loading", "brief_load_error", "brief_move_up", "brief_move_down", "brief_drag",
    "brief_remove", "brief_too_many",
)
# labels of a recommendation's block, in the block's language (two languages side by side)
BLOCK_LABELS = ("theme", "objectives", "brief_citation", "permalink", "notice_draft", "notice_outdated")


def brief_data(lang: str) -> str:
    """The template of a language's shards of full texts, relative to the site root."""
    return f"assets/brief/{lang}/{PLACEHOLDER}.json"


def _compact(items: list[Segment]) -> list[Any]:
    """Segments in few bytes: plain text as a string, the rest as [kind, text(, id, path)]."""
    out: list[Any] = []
    for s in items:
        if s["kind"] == "text":
            out.append(s["text"])
        elif s["kind"] == "ref":
            out.append(["ref", s["title"], s["id"], s["href"]])
        else:
            out.append([s["kind"], s["text"]])
    return out


def _document(rec: Recommendation, catalog: Catalog, labels: Labels) -> dict[str, Any]:
    lang, link = labels.lang, routes.recommendation  # links stay language-neutral paths
    title = rec.title.get(lang)
    citation = labels.t("cite_text", document=document_title(rec, catalog, labels), id=rec.id, title=plain(title))
    return {"t": typeset(title, rec.title.language(lang)),
            "l": _compact(segments(rec.lead.get(lang), lang, catalog, lambda p: p)) if rec.lead else None,
            "p": [_compact(p) for p in paragraphs(rec.text, lang, catalog, lambda p: p)],
            "th": rec.theme, "o": list(rec.objectives), "s": rec.status(lang),
            "c": _compact(segments(citation, lang, catalog, lambda p: p)), "u": link(rec.id)}


def _practice(practice: Practice, catalog: Catalog, labels: Labels) -> dict[str, Any]:
    """A practice as `labels.lang`'s page shows it: its texts in that language where written, else
    in its own (`tl`, the block marks them so); no theme (a practice has none); its citation line
    as its page has it, the title marked `own` with its language when it is written in another."""
    lang = labels.lang
    shown = practice.shown_in(lang)
    before, title, title_shown, after = practice_citation(practice, labels)
    cited = [*_compact(segments(before, lang, catalog, lambda p: p)),
             ["own", title, title_shown] if title_shown != lang else title,
             *_compact(segments(after, lang, catalog, lambda p: p))]
    texts = [t for t in (practice.description, practice.results, practice.lessons) if t]
    summary, summary_lang = practice.text(practice.summary, lang)
    return {"t": typeset(*practice.text(practice.title, lang)),
            "tl": shown if shown != lang else None,
            "l": _compact(segments(summary, summary_lang, catalog, lambda p: p)),
            "p": [_compact(p) for t in texts
                  for p in paragraphs(t, practice.text(t, lang)[1], catalog, lambda p: p)],
            "th": None, "o": list(practice.objectives), "s": "", "c": cited, "u": routes.practice(practice.id)}


def brief_payload(catalog: Catalog, lang: str) -> dict[str, Any]:
    """Every recommendation and practice of one language in full, the labels of the themes and
    objectives, and the retired ids with the ids that replaced them."""
    labels = load_labels()[lang]
    used = {o for r in (*catalog.recommendations, *catalog.practices) for o in r.objectives}
    objectives = {e.id: labels.t("objective_heading", number=int(e.id), title=e.label.get(lang))
                  for e in catalog.taxonomies.get("objectives", ()) if e.id in used}
    return {"lang": lang, "redirects": dict(sorted(catalog.redirects.items())),
            "themes": {t.id: typeset(t.title.get(lang), t.title.language(lang)) for t in catalog.themes},
            "objectives": objectives,
            "docs": {**{r.id: _document(r, catalog, labels) for r in catalog.recommendations},
                     **{p.id: _practice(p, catalog, labels) for p in catalog.practices}}}


def brief_shards(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A language's payload in shards: each with its records, the retired ids it holds (and their
    replacements) and the labels of the themes and objectives its records name."""
    docs, redirects = by_shard(payload["docs"]), by_shard(payload["redirects"])
    shards: dict[str, dict[str, Any]] = {}
    for key in sorted({*docs, *redirects}):
        held = docs.get(key, {})
        themes = {d["th"] for d in held.values() if d["th"]}
        objectives = {o for d in held.values() for o in d["o"]}
        shards[key] = {"redirects": redirects.get(key, {}),
                       "themes": {k: v for k, v in payload["themes"].items() if k in themes},
                       "objectives": {k: v for k, v in payload["objectives"].items() if k in objectives},
                       "docs": held}
    return shards


def brief_files(catalog: Catalog, lang: str) -> list[tuple[str, bytes]]:
    """A language's full texts, a file per shard."""
    template = brief_data(lang)
    return [(shard_file(template, key), compact_json(shard))
            for key, shard in brief_shards(brief_payload(catalog, lang)).items()]


def brief_ids(catalog: Catalog) -> list[str]:
    return [r.id for r in (*catalog.recommendations, *catalog.practices)]


def brief_ids_file(catalog: Catalog) -> tuple[str, bytes]:
    """The ids of the collection and the retired ones with their replacements, for every page's
    count of the brief (a few bytes per record: the full texts are per language and large)."""
    payload = {"ids": brief_ids(catalog),
               "redirects": dict(sorted(catalog.redirects.items()))}
    return routes.BRIEF_IDS, json.dumps(payload, separators=(",", ":")).encode("utf-8")


def brief_config(ctx: ViewContext) -> View:
    """What the page's script needs (JSON in the page): labels, limits, where each language is."""
    every = load_labels()  # each block speaks its own language
    cat = ctx.catalog
    return {
        "lang": ctx.lang, "digits": language(ctx.lang).digits, "storage": STORAGE_KEY,
        "pattern": ID_PATTERN, "limits": LIMITS, "site_name": ctx.t("site_name"),
        "labels": {k: ctx.t(k) for k in PAGE_LABELS},
        # which shard files exist: an id whose shard is not listed is unknown, and fetched from nowhere
        "shards": {"size": SHARD_SIZE, "placeholder": PLACEHOLDER,
                   "brief": shard_keys([*brief_ids(cat), *cat.redirects]), "cite": cited_shards(cat)},
        "languages": {code: {"name": LANGUAGE_NAMES[code], "dir": DIRECTION[code],
                             "data": ctx.site_link(brief_data(code)),
                             "cite": ctx.site_link(cite_data(code)),
                             "link": ctx.site_link(routes.language_prefix(code)),
                             "url": ctx.permalink("", code),
                             "counter": COUNTER_STYLE[language(code).digits],
                             "labels": {k: every[code].t(k) for k in BLOCK_LABELS}}
                      for code in LANGUAGES},
    }


def brief_citations(ctx: ViewContext) -> list[View]:
    """The brief's download links (the script gives them their files: every reference of the brief,
    in each of its languages, joined from the shards of `assets/cite/<lang>/`)."""
    return [{"format": fmt, "label": ctx.t(f"cite_{fmt}"), "type": MEDIA_TYPES[fmt],
             "download": "brief." + FORMATS[fmt].rpartition(".")[2]} for fmt in FORMATS]


def brief_view(_: str, ctx: ViewContext) -> View:
    cat = ctx.catalog
    return {"breadcrumbs": crumbs(ctx),
            "search_href": ctx.link(routes.SEARCH_PAGE),
            "languages": [{"code": code, "name": LANGUAGE_NAMES[code]} for code in LANGUAGES],
            "page_counter": COUNTER_STYLE[language(ctx.lang).digits],
            "printable": [{"label": ctx.text(s.title), "href": ctx.link(routes.source_printable(s.id))}
                          for s in cat.sources]
            + [{"label": ctx.text(t.title), "href": ctx.link(routes.printable(t.id))} for t in cat.themes],
            "citations": brief_citations(ctx),
            "config": brief_config(ctx)}
