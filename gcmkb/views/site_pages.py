"""Views of the site's own pages: home, about, translation dashboard, open data, the error page."""

from __future__ import annotations

from collections.abc import Sequence

from .. import LANGUAGES, SOURCE_LANGUAGE, routes
from ..export import SCHEMA_DIR, TABLES, companion, source_schemas
from ..labels import load_labels
from ..layout import COLLECTION_DIR
from ..paging import list_limit, page_count, page_number
from ..problems import Problem
from ..textview import paragraphs
from ..viewcontext import (
    DIRECTION,
    LANGUAGE_NAMES,
    View,
    ViewContext,
    crumbs,
    rec_item,
    written_in,
)
from .records import list_pager, themes_view


def printable_documents(ctx: ViewContext) -> list[View]:
    """Each source document's printable version and PDF: the whole collection's, while it has one."""
    one = len(ctx.catalog.sources) == 1
    return [{"label": ctx.t("print_collection") if one else ctx.text(s.title),
             "print_href": ctx.link(routes.source_printable(s.id)),
             "pdf_href": ctx.site_link(routes.source_pdf(ctx.lang, s.id))} for s in ctx.catalog.sources]


def home_view(_: str, ctx: ViewContext) -> View:
    return {**themes_view("", ctx),
            "languages": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "dir": DIRECTION[lang],
                           "href": ctx.site_link(routes.language_prefix(lang))}
                          for lang in LANGUAGES],
            "all_href": ctx.link("recommendations/"),
            "search_href": ctx.link(routes.SEARCH_PAGE),
            "documents": printable_documents(ctx),
            "data_href": ctx.link("data/")}


def about_view(_: str, ctx: ViewContext) -> View:
    cat = ctx.catalog
    status_rows = []
    for lang in LANGUAGES:
        counts: dict[str, int] = {}
        for rec in cat.recommendations:
            counts[rec.status(lang)] = counts.get(rec.status(lang), 0) + 1
        status_rows.append({"lang": lang, "name": LANGUAGE_NAMES[lang],
                            "counts": [{"label": ctx.t(f"status_{code}"), "n": ctx.labels.number(n)}
                                       for code, n in counts.items()]})
    notes = [{**rec_item(r, ctx), "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in r.notes]}
             for r in cat.recommendations if r.notes]
    notes += [{"id": t.id, "title": ctx.text(t.title), "href": ctx.link(routes.theme(t.id)),
               "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in t.notes]}
              for t in cat.themes if t.notes]
    return {"status_rows": status_rows, "notes": notes, "breadcrumbs": crumbs(ctx),
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


TAXONOMY_STATUS = "draft"  # taxonomy labels carry no translation record yet: shown as drafts


def dashboard_view(key: str, ctx: ViewContext) -> View:
    """The translation dashboard: every record and taxonomy entry, each language's status; the
    totals count them all, the table shows `list_limit()` recommendations a page (`key`: "" the
    first page, "2"…), the themes and taxonomy entries (bounded by the document and the
    vocabularies, not the collection) on the first.

    Only recommendations show their id: the others' ids are English slugs, not for readers.
    """
    cat, limit, number = ctx.catalog, list_limit(), page_number(key)
    shown = cat.recommendations[(number - 1) * limit: number * limit]
    codes = [[rec.status(lang) for lang in LANGUAGES] for rec in cat.recommendations]
    codes += [[theme.tracking.status(lang) for lang in LANGUAGES] for theme in cat.themes]
    codes += [["source" if lang == SOURCE_LANGUAGE else TAXONOMY_STATUS for lang in LANGUAGES]
              for entries in cat.taxonomies.values() for _ in entries]
    rows: list[View] = []
    for rec in shown:
        rows.append({"id": rec.id, "title": ctx.text(rec.title), "title_lang": written_in(rec, ctx),
                     "href": ctx.link(routes.recommendation(rec.id)),
                     "edit": ctx.edit_url(rec.path), "kind": ctx.t("recommendation"),
                     "statuses": [status_cell(lang, rec.status(lang), ctx) for lang in LANGUAGES]})
    for theme in cat.themes if number == 1 else ():
        rows.append({"id": "", "title": ctx.text(theme.title), "href": ctx.link(routes.theme(theme.id)),
                     "edit": ctx.edit_url(theme.path), "kind": ctx.t("theme"),
                     "statuses": [status_cell(lang, theme.tracking.status(lang), ctx) for lang in LANGUAGES]})
    for kind, entries in cat.taxonomies.items() if number == 1 else ():
        for entry in entries:
            rows.append({"id": "", "title": ctx.text(entry.label),
                         "href": ctx.link(routes.entry(kind, entry.id)), "edit": ctx.edit_url(entry.path),
                         "kind": ctx.t(kind),
                         "statuses": [status_cell(lang, "source" if lang == SOURCE_LANGUAGE else TAXONOMY_STATUS, ctx)
                                      for lang in LANGUAGES]})
    totals = []
    for i, lang in enumerate(LANGUAGES):
        counts: dict[str, int] = {}
        for item in codes:
            counts[item[i]] = counts.get(item[i], 0) + 1
        totals.append({"lang": lang, "name": LANGUAGE_NAMES[lang],
                       "counts": [{"code": c, "label": ctx.t(f"status_{c}"), "n": ctx.labels.number(n)}
                                  for c, n in counts.items()]})
    return {"breadcrumbs": crumbs(ctx), "rows": rows, "totals": totals, "editable": bool(ctx.edit_base),
            "pager": list_pager(number, page_count(len(cat.recommendations), limit), "status/", ctx),
            "languages": [{"lang": lang, "name": LANGUAGE_NAMES[lang]} for lang in LANGUAGES]}


def status_cell(lang: str, code: str, ctx: ViewContext) -> View:
    return {"lang": lang, "code": code, "label": ctx.t(f"status_{code}")}


def data_view(_: str, ctx: ViewContext) -> View:
    files = [("data/recommendations.json", "JSON")]
    for table, *_ in TABLES:  # each table, then its companion
        files += [("data/" + table, "CSV"), ("data/" + companion(table), "JSON")]
    schemas = sorted(source_schemas(), key=lambda name: name != "collection.schema.json")  # the whole first
    files += [(SCHEMA_DIR + name, "JSON Schema") for name in schemas]
    return {"breadcrumbs": crumbs(ctx),
            "files": [{"name": path.rsplit("/", 1)[-1], "format": fmt, "href": ctx.site_link(path)}
                      for path, fmt in files],
            "pdfs": [{"name": d["label"], "href": d["pdf_href"]} for d in printable_documents(ctx)]
            + [{"name": ctx.text(t.title), "href": ctx.site_link(routes.pdf(ctx.lang, t.id))}
               for t in ctx.catalog.themes]}


def unbuilt_record_view(rid: str, problems: Sequence[Problem], ctx: ViewContext) -> View:
    """The error page at the address of a new record that has never validated (under `serve`): what
    it is and its own problems, located in the page's language (the messages are the validator's,
    in English), instead of "not found"."""
    title, file = ctx.t("unbuilt_title", id=rid), f"{COLLECTION_DIR}/{rid}.yml"
    return {**not_found_view("", ctx), "html_title": title,
            "unbuilt": {"title": title, "text": ctx.t("unbuilt_text"), "heading": ctx.t("unbuilt_problems"),
                        "file": file,
                        "problems": [{"line": ctx.t("problem_line", line=ctx.labels.number(p.line)),
                                      "field": p.field, "message": p.message}
                                     for p in problems if p.path == file]}}


def not_found_view(_: str, ctx: ViewContext) -> View:
    """The error page of a language (written as <prefix>404.html): what happened, a search, the way
    home, and the same in the other languages, since hosts serve the root 404.html for every
    missing address. Served at any path: `ctx.site_link` gives links from the site root."""
    labels = load_labels()  # the other languages' words too: the page speaks to every reader

    def words(lang: str) -> View:
        t, prefix = labels[lang].t, routes.language_prefix(lang)
        return {"lang": lang, "dir": DIRECTION[lang], "prefix": prefix, "title": t("not_found_title"),
                "home_href": ctx.site_link(prefix), "home_label": t("not_found_home"),
                "search_href": ctx.site_link(prefix + routes.SEARCH_PAGE), "search_label": t("search_page"),
                "page": ctx.site_link(prefix + "404.html")}

    return {**words(ctx.lang), "html_title": ctx.t("not_found_title"), "root": ctx.site_link(""),
            "languages": [{"lang": lang, "prefix": routes.language_prefix(lang),
                           "page": ctx.site_link(routes.language_prefix(lang) + "404.html")} for lang in LANGUAGES],
            "others": [words(lang) for lang in LANGUAGES if lang != ctx.lang]}
