"""Ready-to-render view data for every page, per language. No markup here, no MkDocs.

Templates receive these dictionaries and only loop, escape and print.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import LANGUAGES, SOURCE_LANGUAGE, routes
from .changes import NO_HISTORY, History
from .export import SCHEMA_DIR, source_schemas
from .facets import FACETS
from .graph import Graph
from .labels import Labels, load_labels
from .languages import REGISTRY, language
from .model import Catalog, Entry, Recommendation, Theme
from .taxonomies import TAXONOMIES, TAXONOMY_KINDS
from .textview import paragraphs, plain, segments

View = dict[str, Any]
LANGUAGE_NAMES = {lang.code: lang.name for lang in REGISTRY}
DIRECTION = {lang.code: lang.direction for lang in REGISTRY}
COUNTER_STYLE = {"arab": "arabic-indic", "latn": "decimal"}  # CSS counter style of a numbering system


@dataclass(frozen=True)
class ViewContext:
    catalog: Catalog
    graph: Graph
    labels: Labels
    site_link: Callable[[str], str]  # path from the site root -> href from the current page
    site_url: str                    # absolute, ends with "/"
    edit_base: str = ""              # the forge's edit URL of the repository root, or ""
    history: History = NO_HISTORY    # the records' changes, from the repository (changes.py)

    def edit_url(self, path: str) -> str:
        """Where an editor changes the file a page comes from (a YAML record, not a generated file)."""
        return self.edit_base + path if self.edit_base else ""

    @property
    def lang(self) -> str:
        return self.labels.lang

    def link(self, path: str) -> str:
        """href of a language-neutral path in this page's language."""
        return self.site_link(routes.language_prefix(self.lang) + path)

    def t(self, key: str, **values: Any) -> str:
        return self.labels.t(key, **values)

    def permalink(self, path: str, lang: str | None = None) -> str:
        return self.site_url + routes.language_prefix(lang or self.lang) + path


def rec_item(rec: Recommendation, ctx: ViewContext) -> View:
    theme = ctx.catalog.theme(rec.theme)
    return {"id": rec.id, "title": rec.title.get(ctx.lang), "href": ctx.link(routes.recommendation(rec.id)),
            "url": ctx.permalink(routes.recommendation(rec.id)),
            "theme": theme.short.get(ctx.lang), "theme_href": ctx.link(routes.theme(theme.id)),
            "status": status_view(rec.status(ctx.lang), ctx)}


def entry_item(entry: Entry, ctx: ViewContext) -> View:
    number = ctx.labels.number(int(entry.id)) if entry.kind == "objectives" else None
    return {"id": entry.id, "number": number, "label": entry.label.get(ctx.lang),
            "prefix": ctx.t("objective_number", number=int(entry.id)) if number else None,
            "href": ctx.link(routes.entry(entry.kind, entry.id)),
            "url": ctx.permalink(routes.entry(entry.kind, entry.id)),
            "count": ctx.graph.count(entry.kind, entry.id),
            "count_label": ctx.labels.count("count_recommendations", ctx.graph.count(entry.kind, entry.id))}


def status_view(code: str, ctx: ViewContext) -> View:
    notice = {"draft": "notice_draft", "outdated": "notice_outdated"}.get(code)
    return {"code": code, "label": ctx.t(f"status_{code}"), "notice": ctx.t(notice) if notice else None}


def theme_item(theme: Theme, ctx: ViewContext) -> View:
    count = len(ctx.catalog.in_theme(theme.id))
    return {"id": theme.id, "number": ctx.labels.number(theme.order), "title": theme.title.get(ctx.lang),
            "short": theme.short.get(ctx.lang),
            "description": theme.description.get(ctx.lang), "href": ctx.link(routes.theme(theme.id)),
            "count": count, "count_label": ctx.labels.count("count_recommendations", count)}


def crumbs(ctx: ViewContext, *items: tuple[str, str]) -> list[View]:
    return [{"label": ctx.t("home"), "href": ctx.link("")}] + [{"label": lbl, "href": ctx.link(p)}
                                                             for lbl, p in items]


def recommendation_view(rid: str, ctx: ViewContext) -> View:
    from .glossary import marked_terms, recommendation_terms  # glossary builds on this module
    from .history_views import version_note  # so do the history's views

    rec, lang, cat = ctx.catalog.recommendation(rid), ctx.lang, ctx.catalog
    theme = cat.theme(rec.theme)
    before, after = ctx.graph.neighbours(rec)
    permalink = ctx.permalink(routes.recommendation(rid))
    title = rec.title.get(lang)
    lead = [segments(rec.lead.get(lang), lang, cat, ctx.link)] if rec.lead else []
    blocks = marked_terms(lead + paragraphs(rec.text, lang, cat, ctx.link), ctx)
    return {
        "id": rid, "title": title,
        "lead": blocks[0] if lead else None,
        "paragraphs": blocks[len(lead):],
        "terms": recommendation_terms(rid, ctx),
        "theme": theme_item(theme, ctx),
        "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (theme.short.get(lang), routes.theme(theme.id))),
        "previous": rec_item(before, ctx) if before else None,
        "next": rec_item(after, ctx) if after else None,
        "taxonomies": [{"kind": k.name, "label": ctx.t(k.fact),
                        "entries": [entry_item(cat.entry(k.name, e), ctx) for e in rec.tagged(k.name)]}
                       for k in TAXONOMIES],
        "sdg_targets": [ctx.t("sdg_target", target=language(lang).numeral(t)) for t in rec.sdg_targets],
        "related": [rec_item(r, ctx) for r in ctx.graph.recs(rec.related)],
        "referenced_by": [rec_item(r, ctx) for r in ctx.graph.recs(ctx.graph.referenced_by.get(rid, ()))],
        "source": ctx.t("source_location", theme=theme.order, bullet=rec.bullet),
        "source_line": ctx.t("source_line", line=rec.source_line) if rec.source_line else None,
        "status": status_view(rec.status(lang), ctx),
        "original_href": ctx.site_link(routes.recommendation(rid)) if lang != SOURCE_LANGUAGE else None,
        "permalink": permalink,
        "citation": segments(ctx.t("cite_text", document=ctx.t("document_title"), id=rid,
                                   title=plain(title)) + version_note(rid, ctx), lang, cat, ctx.link),
        "notes": [paragraphs(n, lang, cat, ctx.link) for n in rec.notes],
        "parallel_href": ctx.link(routes.parallel(theme.id)) + f"#{rid}",
        "jsonld": recommendation_jsonld(rec, ctx),
        "embed": embed_snippet(ctx, routes.embed("recommendations", rid), title),
        "embed_href": ctx.link(routes.embed("recommendations", rid)),
    }


def recommendation_jsonld(rec: Recommendation, ctx: ViewContext) -> str:
    """schema.org description of the page, as a string safe inside <script>."""
    lang = ctx.lang
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "CreativeWork", "identifier": rec.id,
        "name": plain(rec.title.get(lang)),
        "text": plain(" ".join(([rec.lead.get(lang)] if rec.lead else []) + rec.text.paragraphs(lang))),
        "inLanguage": lang, "url": ctx.permalink(routes.recommendation(rec.id)),
        "isPartOf": {"@type": "CreativeWork", "name": ctx.t("document_title")},
        "about": [ctx.catalog.entry("objectives", o).label.get(lang) for o in rec.objectives],
        "keywords": [ctx.catalog.entry("topics", t).label.get(lang) for t in rec.topics],
        "audience": [{"@type": "Audience", "audienceType": ctx.catalog.entry("actors", a).label.get(lang)}
                     for a in rec.actors],
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if lang != SOURCE_LANGUAGE:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": SOURCE_LANGUAGE,
                                     "url": ctx.permalink(routes.recommendation(rec.id), SOURCE_LANGUAGE)}
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


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
        "print_href": ctx.link(routes.printable(tid)),
        "pdf_href": ctx.site_link(routes.pdf(ctx.lang, tid)),
        "embed": embed_snippet(ctx, routes.embed("themes", tid), theme.title.get(ctx.lang)),
        "embed_href": ctx.link(routes.embed("themes", tid)),
    }


def parallel_columns(lang: str) -> list[str]:
    return list(LANGUAGES) if lang == SOURCE_LANGUAGE else [SOURCE_LANGUAGE, lang]


def parallel_view(tid: str, ctx: ViewContext) -> View:
    """The Arabic beside the translation(s), aligned paragraph by paragraph."""
    theme, cat = ctx.catalog.theme(tid), ctx.catalog
    columns = parallel_columns(ctx.lang)
    rows = []
    for rec in cat.in_theme(tid):
        blocks = [[{"lang": c, "dir": DIRECTION[c], "name": LANGUAGE_NAMES[c], "title": rec.title.get(c),
                    "paragraphs": ([segments(rec.lead.get(c), c, cat, ctx.link)] if rec.lead else [])
                    + paragraphs(rec.text, c, cat, ctx.link)} for c in columns]]
        width = max(len(b["paragraphs"]) for b in blocks[0])
        rows.append({"id": rec.id, "href": ctx.link(routes.recommendation(rec.id)),
                     "titles": [{"lang": b["lang"], "dir": b["dir"], "name": b["name"],
                                 "text": b["title"]} for b in blocks[0]],
                     "pairs": [[{"lang": b["lang"], "dir": b["dir"], "name": b["name"],
                                 "segments": b["paragraphs"][k] if k < len(b["paragraphs"]) else []}
                                for b in blocks[0]] for k in range(width)]})
    return {"title": theme.title.get(ctx.lang), "theme_href": ctx.link(routes.theme(tid)),
            "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (theme.short.get(ctx.lang), routes.theme(tid))),
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
                "working_rendering": ctx.t("working_rendering") if ctx.lang in entry.working_renderings else None,
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
                           "href": ctx.site_link(routes.language_prefix(lang))}
                          for lang in LANGUAGES],
            "all_href": ctx.link("recommendations/"),
            "search_href": ctx.link(routes.SEARCH_PAGE),
            "print_href": ctx.link(routes.printable()),
            "pdf_href": ctx.site_link(routes.pdf(ctx.lang)),
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
    notes += [{"id": t.id, "title": t.title.get(ctx.lang), "href": ctx.link(routes.theme(t.id)),
               "notes": [paragraphs(n, ctx.lang, cat, ctx.link) for n in t.notes]}
              for t in cat.themes if t.notes]
    return {"status_rows": status_rows, "notes": notes, "breadcrumbs": crumbs(ctx),
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


def embed_snippet(ctx: ViewContext, path: str, title: str) -> str:
    """The iframe another site pastes: sandboxed, lazy, and sized to its content.

    The embed page posts its height; the small listener resizes the frame that sent it.
    """
    src = ctx.permalink(path)
    title = title.replace('"', "&quot;")
    return (f'<iframe src="{src}" title="{title}" loading="lazy" referrerpolicy="no-referrer" '
            'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox" '
            'style="width:100%;height:320px;border:0"></iframe>\n'
            '<script>addEventListener("message",function(e){var d=e.data;'
            'if(!d||d.type!=="kb-embed-height")return;'
            'document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)'
            'f.style.height=Math.min(Math.max(+d.height||0,80),5000)+"px"})})</script>')


def document_view(ctx: ViewContext, chrome: dict[str, Any]) -> View:
    """What the standalone templates (embed, print) need besides their content."""
    return {"lang": ctx.lang, "dir": DIRECTION[ctx.lang], "site_name": ctx.t("site_name"),
            "css": ctx.site_link(chrome["css"]), "home": ctx.link(""), **chrome.get("extra", {})}


def embed_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(key: str, ctx: ViewContext) -> View:
        base = document_view(ctx, {"css": "assets/embed.css",
                                   "extra": {"script": ctx.site_link("assets/embed.js")}})
        if kind == "recommendation":
            rec = ctx.catalog.recommendation(key)
            theme = ctx.catalog.theme(rec.theme)
            return {**base, "kind": kind, "id": key, "title": rec.title.get(ctx.lang),
                    "eyebrow": theme.short.get(ctx.lang),
                    "lead": segments(rec.lead.get(ctx.lang), ctx.lang, ctx.catalog, ctx.permalink)
                    if rec.lead else None,
                    "paragraphs": paragraphs(rec.text, ctx.lang, ctx.catalog, ctx.permalink),
                    "status": status_view(rec.status(ctx.lang), ctx),
                    "full": ctx.permalink(routes.recommendation(key)), "recommendations": []}
        theme = ctx.catalog.theme(key)
        return {**base, "kind": kind, "id": key, "title": theme.title.get(ctx.lang),
                "eyebrow": ctx.t("theme") + " " + ctx.labels.number(theme.order), "lead": None,
                "paragraphs": [[{"kind": "text", "text": theme.description.get(ctx.lang)}]],
                "status": status_view(theme.tracking.status(ctx.lang), ctx),
                "full": ctx.permalink(routes.theme(key)),
                "recommendations": [{"id": r.id, "title": r.title.get(ctx.lang),
                           "href": ctx.permalink(routes.recommendation(r.id)),
                           "status": status_view(r.status(ctx.lang), ctx)}
                          for r in ctx.catalog.in_theme(key)]}
    return view


def print_view(key: str, ctx: ViewContext) -> View:
    """A printable document (and the source of the PDF): one theme, or every theme."""
    cat = ctx.catalog
    themes = [cat.theme(key)] if key else list(cat.themes)
    base = document_view(ctx, {"css": "assets/print.css"})
    return {**base,
            "title": themes[0].title.get(ctx.lang) if key else ctx.t("all_recommendations"),
            "subtitle": segments(ctx.t("document_title"), ctx.lang, cat, ctx.link),
            "page_counter": COUNTER_STYLE[language(ctx.lang).digits],
            "back": ctx.link(routes.theme(key) if key else ""),
            "pdf": ctx.site_link(routes.pdf(ctx.lang, key)),
            "themes": [{**theme_item(t, ctx), "anchor": f"theme-{t.id}",
                        "recommendations": [{
                            "id": r.id, "title": r.title.get(ctx.lang),
                            "lead": segments(r.lead.get(ctx.lang), ctx.lang, cat, ctx.link) if r.lead else None,
                            "paragraphs": paragraphs(r.text, ctx.lang, cat, ctx.link),
                            "permalink": ctx.permalink(routes.recommendation(r.id)),
                            "status": status_view(r.status(ctx.lang), ctx),
                            "citation": segments(ctx.t("cite_text", document=ctx.t("document_title"), id=r.id,
                                                       title=plain(r.title.get(ctx.lang))), ctx.lang, cat, ctx.link),
                        } for r in cat.in_theme(t.id)]} for t in themes]}


def search_view(_: str, ctx: ViewContext) -> View:
    """The explore page: facet controls, and every recommendation by theme for readers without JS."""
    cat = ctx.catalog
    return {"breadcrumbs": crumbs(ctx),
            "facets": [{"name": f.name, "label": ctx.t(f.label),
                        "options": [{"value": v, "label": lbl} for v, lbl in f.options(cat, ctx.labels)]}
                       for f in FACETS],
            "groups": [{**theme_item(t, ctx), "recommendations": [rec_item(r, ctx) for r in cat.in_theme(t.id)]}
                       for t in cat.themes],
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


def search_config(ctx: ViewContext) -> View:
    """What the header search and the explore page need on every page (JSON in the page)."""
    keys = ("search", "search_none", "search_elsewhere", "search_loading", "search_all_results",
            "search_results", "facet_all")
    site_link = ctx.site_link
    return {"lang": ctx.lang, "digits": language(ctx.lang).digits, "index": site_link(routes.search_index(ctx.lang)),
            "page": ctx.link(routes.SEARCH_PAGE), "root": ctx.link(""),
            "labels": {k: ctx.t(k) for k in keys},
            "counts": dict(ctx.labels.entries["count_results"]),
            "others": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "index": site_link(routes.search_index(lang)),
                        "page": site_link(routes.language_prefix(lang) + routes.SEARCH_PAGE)}
                       for lang in LANGUAGES if lang != ctx.lang]}


def redirect_view(old: str, ctx: ViewContext) -> View:
    """A retired id's page: its permalink keeps working and leads to the record that replaced it."""
    target = ctx.catalog.recommendation(ctx.catalog.redirects[old])
    return {**document_view(ctx, {"css": "assets/embed.css"}), "old": old, "target": rec_item(target, ctx),
            "message": ctx.t("redirect_text", old=old, new=target.id)}


TAXONOMY_STATUS = "draft"  # taxonomy labels carry no translation record yet: shown as drafts


def dashboard_view(_: str, ctx: ViewContext) -> View:
    """The translation dashboard: every record and taxonomy entry, each language's status.

    Only recommendations show their id: the others' ids are English slugs, not for readers.
    """
    cat = ctx.catalog
    rows: list[View] = []
    for rec in cat.recommendations:
        rows.append({"id": rec.id, "title": rec.title.get(ctx.lang), "href": ctx.link(routes.recommendation(rec.id)),
                     "edit": ctx.edit_url(rec.path), "kind": ctx.t("recommendation"),
                     "statuses": [status_cell(lang, rec.status(lang), ctx) for lang in LANGUAGES]})
    for theme in cat.themes:
        rows.append({"id": "", "title": theme.title.get(ctx.lang), "href": ctx.link(routes.theme(theme.id)),
                     "edit": ctx.edit_url(theme.path), "kind": ctx.t("theme"),
                     "statuses": [status_cell(lang, theme.tracking.status(lang), ctx) for lang in LANGUAGES]})
    for kind, entries in cat.taxonomies.items():
        for entry in entries:
            rows.append({"id": "", "title": entry.label.get(ctx.lang),
                         "href": ctx.link(routes.entry(kind, entry.id)), "edit": ctx.edit_url(entry.path),
                         "kind": ctx.t(kind),
                         "statuses": [status_cell(lang, "source" if lang == SOURCE_LANGUAGE else TAXONOMY_STATUS, ctx)
                                      for lang in LANGUAGES]})
    totals = []
    for i, lang in enumerate(LANGUAGES):
        counts: dict[str, int] = {}
        for row in rows:
            code = row["statuses"][i]["code"]
            counts[code] = counts.get(code, 0) + 1
        totals.append({"lang": lang, "name": LANGUAGE_NAMES[lang],
                       "counts": [{"code": c, "label": ctx.t(f"status_{c}"), "n": ctx.labels.number(n)}
                                  for c, n in counts.items()]})
    return {"breadcrumbs": crumbs(ctx), "rows": rows, "totals": totals,
            "languages": [{"lang": lang, "name": LANGUAGE_NAMES[lang]} for lang in LANGUAGES]}


def status_cell(lang: str, code: str, ctx: ViewContext) -> View:
    return {"lang": lang, "code": code, "label": ctx.t(f"status_{code}")}


def data_view(_: str, ctx: ViewContext) -> View:
    files = [("data/recommendations.json", "JSON"), ("data/recommendations.csv", "CSV")]
    schemas = sorted(source_schemas(), key=lambda name: name != "collection.schema.json")  # the whole first
    files += [(SCHEMA_DIR + name, "JSON Schema") for name in schemas]
    return {"breadcrumbs": crumbs(ctx),
            "files": [{"name": path.rsplit("/", 1)[-1], "format": fmt, "href": ctx.site_link(path),
                       "url": ctx.site_url + path} for path, fmt in files],
            "pdfs": [{"name": ctx.t("all_recommendations"), "href": ctx.site_link(routes.pdf(ctx.lang))}]
            + [{"name": t.title.get(ctx.lang), "href": ctx.site_link(routes.pdf(ctx.lang, t.id))}
               for t in ctx.catalog.themes]}


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


VIEWS: dict[str, Callable[[str, ViewContext], View]] = {
    "data": data_view, "redirect": redirect_view, "status": dashboard_view,
    "prose": lambda _, ctx: {"breadcrumbs": crumbs(ctx)},
    "search": search_view, "print": print_view, "not-found": not_found_view,
    "embed-recommendation": embed_view("recommendation"), "embed-theme": embed_view("theme"),
    "home": home_view, "about": about_view, "themes": themes_view, "theme": theme_view,
    "parallel": parallel_view, "recommendation": recommendation_view,
    "recommendations": recommendations_view,
    **{kind: entry_view(kind) for kind in TAXONOMY_KINDS},
    **{f"index:{kind}": entries_view(kind) for kind in TAXONOMY_KINDS},
}


