"""Views of the document itself: each recommendation, each theme, the parallel view, the lists."""

from __future__ import annotations

from typing import Any

from .. import LANGUAGES, SOURCE_LANGUAGE, routes
from ..glossary import marked_terms, recommendation_terms
from ..history_views import version_note
from ..model import Recommendation
from ..paging import list_limit, page_count, page_key, page_number, page_path
from ..taxonomies import TAXONOMIES
from ..textview import paragraphs, plain, segments
from ..typography import address_parts, typeset
from ..viewcontext import (
    DIRECTION,
    LANGUAGE_NAMES,
    View,
    ViewContext,
    crumbs,
    entry_item,
    rec_item,
    script_json,
    status_notices,
    status_view,
    theme_item,
    written_in,
)
from .practices import implementing
from .sources import document_title, source_item


def recommendation_view(rid: str, ctx: ViewContext) -> View:
    rec, lang, cat = ctx.catalog.recommendation(rid), ctx.lang, ctx.catalog
    theme = cat.theme(rec.theme)
    before, after = ctx.graph.neighbours(rec)
    permalink = ctx.permalink(routes.recommendation(rid))
    title, shown = ctx.text(rec.title), rec.shown_in(lang)  # shown: the source's while pending
    lead = [segments(rec.lead.get(lang), shown, cat, ctx.link)] if rec.lead else []
    texts = lead + paragraphs(rec.text, shown, cat, ctx.link)
    blocks = marked_terms(texts, ctx) if shown == lang else texts  # the page's terms, not the source's
    return {
        "id": rid, "title": title, "text_lang": written_in(rec, ctx), "page_title_lang": written_in(rec, ctx),
        "lead": blocks[0] if lead else None,
        "paragraphs": blocks[len(lead):],
        "terms": recommendation_terms(rid, ctx),
        "theme": theme_item(theme, ctx),
        "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (ctx.text(theme.short), routes.theme(theme.id))),
        "previous": rec_item(before, ctx) if before else None,
        "next": rec_item(after, ctx) if after else None,
        "taxonomies": [{"kind": k.name, "label": ctx.t(k.fact),
                        "entries": [entry_item(cat.entry(k.name, e), ctx) for e in rec.tagged(k.name)]}
                       for k in TAXONOMIES],
        # typeset as text: "الغاية ١٠٫٧", and a lettered target such as 13.a a Latin run, isolated
        "sdg_targets": [segments(ctx.t("sdg_target", target=t), lang, cat, ctx.link) for t in rec.sdg_targets],
        "related": [rec_item(r, ctx) for r in ctx.graph.recs(rec.related)],
        "practices": implementing(rid, ctx),
        # each recommendation once: one this record relates to is not repeated among those referring to it
        "referenced_by": [rec_item(r, ctx) for r in ctx.graph.recs(ctx.graph.referenced_by.get(rid, ()))
                          if r.id not in rec.related],
        # readers get the place in the document; editors, in the notes, the bullet and extraction line
        "document": source_item(cat.source(rec.document), ctx) if rec.document else None,
        "source": ctx.t("source_position", theme=theme.order, title=ctx.text(theme.short), bullet=rec.bullet,
                        count=len(cat.in_theme(theme.id))),
        "source_editorial": source_editorial(rec, ctx),
        "status": status_view(rec.status(lang), ctx),
        "original_href": ctx.site_link(routes.recommendation(rid)) if lang != SOURCE_LANGUAGE else None,
        "original_lang": SOURCE_LANGUAGE,
        "permalink": permalink, "address": address_parts(permalink),
        "citation": segments(ctx.t("cite_text", document=document_title(rec, ctx.catalog, ctx.labels), id=rid,
                                   title=plain(title)) + version_note(rid, ctx), lang, cat, ctx.link),
        "notes": [paragraphs(n, n.language(lang), cat, ctx.link) for n in rec.notes],
        "notes_lang": written_in(rec, ctx),
        "parallel_href": ctx.link(routes.parallel(theme.id)) + f"#{rid}",
        "jsonld": recommendation_jsonld(rec, ctx),
        "embed": {"src": ctx.permalink(routes.embed("recommendations", rid)), "title": title,
                  "guide_href": ctx.link(routes.EMBED_GUIDE)},
        "embed_href": ctx.link(routes.embed("recommendations", rid)),
    }


def source_editorial(rec: Recommendation, ctx: ViewContext) -> str:
    """Where the record's bullet stands in the source and in its extraction, for the editors."""
    location = ctx.t("source_location", theme=ctx.catalog.theme(rec.theme).order, bullet=rec.bullet)
    if not rec.source_line:
        return location
    return ctx.t("source_editorial", location=location, line=ctx.t("source_line", line=rec.source_line))


def recommendation_jsonld(rec: Recommendation, ctx: ViewContext) -> str:
    """schema.org description of the page, as a string safe inside <script>. The text is the
    page's own and is not repeated here (it was, on every recommendation page, twice its bytes
    in Arabic); the lead, where the record has one, is its abstract."""
    lang = ctx.lang
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "CreativeWork", "identifier": rec.id,
        "name": plain(rec.title.get(lang)),
        **({"abstract": plain(rec.lead.get(lang))} if rec.lead else {}),
        "inLanguage": rec.shown_in(lang), "url": ctx.permalink(routes.recommendation(rec.id)),
        "isPartOf": {"@type": "CreativeWork", "name": document_title(rec, ctx.catalog, ctx.labels),
                     **({"url": ctx.permalink(routes.source(rec.document))} if rec.document else {})},
        "about": [ctx.catalog.entry("objectives", o).label.get(lang) for o in rec.objectives],
        "keywords": [ctx.catalog.entry("topics", t).label.get(lang) for t in rec.topics],
        "audience": [{"@type": "Audience", "audienceType": ctx.catalog.entry("actors", a).label.get(lang)}
                     for a in rec.actors],
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if lang != SOURCE_LANGUAGE:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": SOURCE_LANGUAGE,
                                     "url": ctx.permalink(routes.recommendation(rec.id), SOURCE_LANGUAGE)}
    return script_json(data)


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
        "embed": {"src": ctx.permalink(routes.embed("themes", tid)), "title": ctx.text(theme.title),
                  "guide_href": ctx.link(routes.EMBED_GUIDE)},
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
        blocks = [[{"lang": c, "dir": DIRECTION[c], "name": LANGUAGE_NAMES[c], "title": typeset(rec.title.get(c), c),
                    "paragraphs": ([segments(rec.lead.get(c), c, cat, ctx.link)] if rec.lead else [])
                    + paragraphs(rec.text, c, cat, ctx.link)} for c in columns]]
        width = max(len(b["paragraphs"]) for b in blocks[0])
        rows.append({"id": rec.id, "href": ctx.link(routes.recommendation(rec.id)),
                     "titles": [{"lang": b["lang"], "dir": b["dir"], "name": b["name"],
                                 "text": b["title"]} for b in blocks[0]],
                     "pairs": [[{"lang": b["lang"], "dir": b["dir"], "name": b["name"],
                                 "segments": b["paragraphs"][k] if k < len(b["paragraphs"]) else []}
                                for b in blocks[0]] for k in range(width)]})
    return {"title": ctx.text(theme.title), "theme_href": ctx.link(routes.theme(tid)),
            "breadcrumbs": crumbs(ctx, (ctx.t("themes"), "themes/"), (ctx.text(theme.short), routes.theme(tid))),
            "columns": [{"lang": c, "dir": DIRECTION[c], "name": LANGUAGE_NAMES[c]} for c in columns],
            "rows": rows}


def themes_view(_: str, ctx: ViewContext) -> View:
    return {"themes": [theme_item(t, ctx) for t in ctx.catalog.themes],
            "breadcrumbs": crumbs(ctx), "total": ctx.labels.count("count_recommendations",
                                                                  len(ctx.catalog.recommendations))}


def recommendations_view(key: str, ctx: ViewContext) -> View:
    """One page of the table of all recommendations (`key`: "" the first, "2" the second…)."""
    every, limit, number = ctx.catalog.recommendations, list_limit(), page_number(key)
    shown = every[(number - 1) * limit: number * limit]
    rows = [{**rec_item(rec, ctx),
             "objectives": [entry_item(ctx.catalog.entry("objectives", o), ctx) for o in rec.objectives]}
            for rec in shown]
    return {"rows": rows, "breadcrumbs": crumbs(ctx),
            "notices": status_notices([(r.id, r.status(ctx.lang)) for r in shown], ctx),
            "total": ctx.labels.count("count_recommendations", len(every)),
            "pager": list_pager(number, page_count(len(every), limit), "recommendations/", ctx)}


def list_pager(number: int, pages: int, base: str, ctx: ViewContext) -> View | None:
    """Where a list split into pages goes on: this page's number, the previous and next, and the
    first, the last and the two either side of this one (a gap between them is None: "…"), so that
    a hundred pages still fit a phone's line or two."""
    if pages == 1:
        return None

    def href(n: int) -> str:
        return ctx.link(page_path(base, n))

    near = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    links: list[View | None] = []
    for n in near:
        if links and n > near[near.index(n) - 1] + 1:
            links.append(None)
        links.append({"number": ctx.labels.number(n), "href": href(n), "current": n == number,
                      "label": ctx.t("page_number", page=n), "key": page_key(n)})
    return {"label": ctx.t("page_of", page=number, pages=pages),
            "previous": href(number - 1) if number > 1 else None,
            "next": href(number + 1) if number < pages else None, "pages": links}
