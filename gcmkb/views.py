"""Ready-to-render view data for every page, per language. No markup here, no MkDocs.

Templates receive these dictionaries and only loop, escape and print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import LANGUAGES, SOURCE_LANGUAGE
from . import routes
from .graph import Graph
from .labels import Labels
from .model import Catalog, Entry, Recommendation, Theme
from .textview import paragraphs, plain, segments

View = dict[str, Any]
LANGUAGE_NAMES = {"ar": "العربية", "en": "English", "fr": "Français"}
DIRECTION = {"ar": "rtl", "en": "ltr", "fr": "ltr"}


@dataclass(frozen=True)
class ViewContext:
    catalog: Catalog
    graph: Graph
    labels: Labels
    link: Callable[[str], str]  # language-neutral path -> href from the current page
    site_url: str               # absolute, ends with "/"

    @property
    def lang(self) -> str:
        return self.labels.lang

    def t(self, key: str, **values: Any) -> str:
        return self.labels.t(key, **values)

    def permalink(self, path: str, lang: str | None = None) -> str:
        return self.site_url + routes.language_prefix(lang or self.lang) + path


def rec_item(rec: Recommendation, ctx: ViewContext) -> View:
    theme = ctx.catalog.theme(rec.theme)
    return {"id": rec.id, "title": rec.title.get(ctx.lang), "href": ctx.link(routes.recommendation(rec.id)),
            "theme": theme.title.get(ctx.lang), "theme_href": ctx.link(routes.theme(theme.id)),
            "status": status_view(rec.status(ctx.lang), ctx)}


def entry_item(entry: Entry, ctx: ViewContext) -> View:
    number = ctx.labels.number(int(entry.id)) if entry.kind == "objectives" else None
    return {"id": entry.id, "number": number, "label": entry.label.get(ctx.lang),
            "prefix": ctx.t("objective_number", number=int(entry.id)) if number else None,
            "href": ctx.link(routes.entry(entry.kind, entry.id)),
            "count": len(ctx.graph.serving(entry.kind, entry.id)),
            "count_label": ctx.labels.count("count_recommendations",
                                            len(ctx.graph.serving(entry.kind, entry.id)))}


def status_view(code: str, ctx: ViewContext) -> View:
    notice = {"draft": "notice_draft", "outdated": "notice_outdated"}.get(code)
    return {"code": code, "label": ctx.t(f"status_{code}"), "notice": ctx.t(notice) if notice else None}


def theme_item(theme: Theme, ctx: ViewContext) -> View:
    count = len(ctx.catalog.in_theme(theme.id))
    return {"id": theme.id, "number": ctx.labels.number(theme.order), "title": theme.title.get(ctx.lang),
            "description": theme.description.get(ctx.lang), "href": ctx.link(routes.theme(theme.id)),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count)}


def crumbs(ctx: ViewContext, *items: tuple[str, str]) -> list[View]:
    return [{"label": ctx.t("home"), "href": ctx.link("")}] + [{"label": lbl, "href": ctx.link(p)}
                                                             for lbl, p in items]


def recommendation_view(rid: str, ctx: ViewContext) -> View:
    rec, lang, cat = ctx.catalog.recommendation(rid), ctx.lang, ctx.catalog
    theme = cat.theme(rec.theme)
    before, after = ctx.graph.neighbours(rec)
    permalink = ctx.permalink(routes.recommendation(rid))
    title = rec.title.get(lang)
    return {
        "id": rid, "title": title,
        "lead": segments(rec.lead.get(lang), lang, cat, ctx.link) if rec.lead else None,
        "paragraphs": paragraphs(rec.text, lang, cat, ctx.link),
        "theme": theme_item(theme, ctx),
        "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (theme.title.get(lang), routes.theme(theme.id))),
        "previous": rec_item(before, ctx) if before else None,
        "next": rec_item(after, ctx) if after else None,
        "objectives": [entry_item(cat.entry("objectives", o), ctx) for o in rec.objectives],
        "actors": [entry_item(cat.entry("actors", a), ctx) for a in rec.actors],
        "topics": [entry_item(cat.entry("topics", t), ctx) for t in rec.topics],
        "related": [rec_item(r, ctx) for r in ctx.graph.recs(rec.related)],
        "referenced_by": [rec_item(r, ctx) for r in ctx.graph.recs(ctx.graph.referenced_by.get(rid, ()))],
        "source": ctx.t("source_location", theme=theme.order, bullet=rec.bullet),
        "source_line": ctx.t("source_line", line=rec.source_line) if rec.source_line else None,
        "status": status_view(rec.status(lang), ctx),
        "original_href": (ctx.site_url + routes.recommendation(rid)) if lang != SOURCE_LANGUAGE else None,
        "permalink": permalink,
        "citation": segments(ctx.t("cite_text", document=ctx.t("document_title"), id=rid,
                                   title=plain(title)), lang, cat, ctx.link),
        "notes": [paragraphs(n, lang, cat, ctx.link) for n in rec.notes],
        "parallel_href": ctx.link(routes.parallel(theme.id)) + f"#{rid}",
    }


def theme_view(tid: str, ctx: ViewContext) -> View:
    theme, cat = ctx.catalog.theme(tid), ctx.catalog
    i = cat.themes.index(theme)
    return {
        **theme_item(theme, ctx),
        "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/")),
        "recommendations": [{**rec_item(r, ctx), "number": ctx.labels.number(r.bullet)}
                            for r in cat.in_theme(tid)],
        "parallel_href": ctx.link(routes.parallel(tid)),
        "previous": theme_item(cat.themes[i - 1], ctx) if i > 0 else None,
        "next": theme_item(cat.themes[i + 1], ctx) if i + 1 < len(cat.themes) else None,
        "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in theme.notes],
    }


def parallel_columns(lang: str) -> list[str]:
    return list(LANGUAGES) if lang == SOURCE_LANGUAGE else [SOURCE_LANGUAGE, lang]


def parallel_view(tid: str, ctx: ViewContext) -> View:
    """The Arabic beside the translation(s), aligned paragraph by paragraph."""
    theme, cat = ctx.catalog.theme(tid), ctx.catalog
    columns = parallel_columns(ctx.lang)
    rows = []
    for rec in cat.in_theme(tid):
        blocks = [[{"lang": c, "dir": DIRECTION[c], "title": rec.title.get(c),
                    "paragraphs": ([segments(rec.lead.get(c), c, cat, ctx.link)] if rec.lead else [])
                    + paragraphs(rec.text, c, cat, ctx.link)} for c in columns]]
        width = max(len(b["paragraphs"]) for b in blocks[0])
        rows.append({"id": rec.id, "href": ctx.link(routes.recommendation(rec.id)),
                     "titles": [{"lang": b["lang"], "dir": b["dir"], "text": b["title"]} for b in blocks[0]],
                     "pairs": [[{"lang": b["lang"], "dir": b["dir"],
                                 "segments": b["paragraphs"][k] if k < len(b["paragraphs"]) else []}
                                for b in blocks[0]] for k in range(width)]})
    return {"title": theme.title.get(ctx.lang), "theme_href": ctx.link(routes.theme(tid)),
            "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (theme.title.get(ctx.lang), routes.theme(tid))),
            "columns": [{"lang": c, "dir": DIRECTION[c], "name": LANGUAGE_NAMES[c]} for c in columns],
            "rows": rows}


def themes_view(_: str, ctx: ViewContext) -> View:
    return {"themes": [theme_item(t, ctx) for t in ctx.catalog.themes],
            "breadcrumbs": crumbs(ctx), "total": ctx.labels.count("count_recommendations",
                                                                  len(ctx.catalog.recommendations))}


def recommendations_view(_: str, ctx: ViewContext) -> View:
    rows = []
    for rec in ctx.catalog.recommendations:
        rows.append({**rec_item(rec, ctx),
                     "objectives": [entry_item(ctx.catalog.entry("objectives", o), ctx) for o in rec.objectives]})
    return {"rows": rows, "breadcrumbs": crumbs(ctx),
            "total": ctx.labels.count("count_recommendations", len(rows))}


def entry_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(eid: str, ctx: ViewContext) -> View:
        entry = ctx.catalog.entry(kind, eid)
        return {**entry_item(entry, ctx), "kind": kind,
                "description": entry.description.get(ctx.lang) if entry.description else None,
                "breadcrumbs": crumbs(ctx, (ctx.t(kind), f"{kind}/")),
                "recommendations": [rec_item(r, ctx) for r in ctx.graph.serving(kind, eid)]}
    return view


def entries_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(_: str, ctx: ViewContext) -> View:
        return {"kind": kind, "entries": [entry_item(e, ctx) for e in ctx.catalog.taxonomies[kind]],
                "breadcrumbs": crumbs(ctx)}
    return view


def home_view(_: str, ctx: ViewContext) -> View:
    return {**themes_view("", ctx),
            "languages": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "dir": DIRECTION[lang],
                           "href": ctx.link("") if lang == ctx.lang else ctx.permalink("", lang)}
                          for lang in LANGUAGES],
            "citation": ctx.t("document_title"),
            "all_href": ctx.link("recommendations/"),
            "permalink": ctx.permalink("")}


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
    notes += [{"id": t.id, "title": t.title.get(ctx.lang), "href": ctx.link(routes.theme(t.id)),
               "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in t.notes]}
              for t in cat.themes if t.notes]
    return {"status_rows": status_rows, "notes": notes, "breadcrumbs": crumbs(ctx),
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


FACETS = (("theme", "theme"), ("objective", "objective"), ("actor", "actor"), ("topic", "topic"),
          ("status", "translation_status"))


def search_view(_: str, ctx: ViewContext) -> View:
    """The explore page: facet controls, and every recommendation by theme for readers without JS."""
    cat = ctx.catalog
    options = {
        "theme": [(t.id, t.title.get(ctx.lang)) for t in cat.themes],
        "objective": [(e.id, f"{ctx.t('objective_number', number=int(e.id))}: {e.label.get(ctx.lang)}")
                      for e in cat.taxonomies["objectives"]],
        "actor": [(e.id, e.label.get(ctx.lang)) for e in cat.taxonomies["actors"]],
        "topic": [(e.id, e.label.get(ctx.lang)) for e in cat.taxonomies["topics"]],
        "status": [(code, ctx.t(f"status_{code}")) for code in ("source", "draft", "reviewed", "outdated")],
    }
    return {"breadcrumbs": crumbs(ctx),
            "facets": [{"name": name, "label": ctx.t(label),
                        "options": [{"value": v, "label": lbl} for v, lbl in options[name]]}
                       for name, label in FACETS],
            "groups": [{**theme_item(t, ctx), "recommendations": [rec_item(r, ctx) for r in cat.in_theme(t.id)]}
                       for t in cat.themes],
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


def search_config(ctx: ViewContext, site_link: Callable[[str], str]) -> View:
    """What the header search and the explore page need on every page (JSON in the page)."""
    keys = ("search", "search_none", "search_elsewhere", "search_loading", "search_all_results",
            "search_results", "facet_all")
    return {"lang": ctx.lang, "index": site_link(routes.search_index(ctx.lang)),
            "page": ctx.link(routes.SEARCH_PAGE), "root": ctx.link(""),
            "labels": {k: ctx.t(k) for k in keys},
            "counts": dict(ctx.labels.entries["count_results"]),
            "others": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "index": site_link(routes.search_index(lang)),
                        "page": site_link(routes.language_prefix(lang) + routes.SEARCH_PAGE)}
                       for lang in LANGUAGES if lang != ctx.lang]}


VIEWS: dict[str, Callable[[str, ViewContext], View]] = {
    "search": search_view,
    "home": home_view, "about": about_view, "themes": themes_view, "theme": theme_view,
    "parallel": parallel_view, "recommendation": recommendation_view,
    "recommendations": recommendations_view,
    **{kind: entry_view(kind) for kind in ("objectives", "actors", "topics")},
    **{f"index:{kind}": entries_view(kind) for kind in ("objectives", "actors", "topics")},
}


def build_view(kind: str, key: str, ctx: ViewContext) -> View:
    return VIEWS[kind](key, ctx)
