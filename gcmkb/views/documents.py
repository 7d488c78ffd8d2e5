"""Views of the standalone documents: embeds for other sites, printable documents, redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import routes
from ..languages import language
from ..textview import paragraphs, plain, segments
from ..typography import address_parts
from ..viewcontext import (
    COUNTER_STYLE,
    DIRECTION,
    View,
    ViewContext,
    rec_item,
    status_notices,
    theme_item,
    written_in,
)
from .sources import document_title


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
            shown = rec.shown_in(ctx.lang)  # the source's while its translation is pending
            return {**base, "kind": kind, "id": key, "title": ctx.text(rec.title),
                    "text_lang": written_in(rec, ctx), "eyebrow": ctx.text(theme.short),
                    "lead": segments(rec.lead.get(ctx.lang), shown, ctx.catalog, ctx.permalink)
                    if rec.lead else None,
                    "paragraphs": paragraphs(rec.text, shown, ctx.catalog, ctx.permalink),
                    "notices": status_notices([(key, rec.status(ctx.lang))], ctx),
                    "full": ctx.permalink(routes.recommendation(key)), "recommendations": []}
        theme = ctx.catalog.theme(key)
        return {**base, "kind": kind, "id": key, "title": ctx.text(theme.title),
                "eyebrow": ctx.t("theme") + " " + ctx.labels.number(theme.order), "lead": None,
                "paragraphs": [[{"kind": "text", "text": ctx.text(theme.description)}]],
                "notices": status_notices([("", theme.tracking.status(ctx.lang))]
                                          + [(r.id, r.status(ctx.lang)) for r in ctx.catalog.in_theme(key)], ctx),
                "full": ctx.permalink(routes.theme(key)),
                "text_lang": None, "recommendations": [{"id": r.id, "title": ctx.text(r.title),
                           "title_lang": written_in(r, ctx),
                           "href": ctx.permalink(routes.recommendation(r.id))}
                          for r in ctx.catalog.in_theme(key)]}
    return view


def _printable(ctx: ViewContext, title: tuple[str, str], back: str, pdf: str,
               parts: list[tuple[Any, list[Any]]]) -> View:
    """A printable document (and the source of its PDF): themes, each with its recommendations."""
    cat = ctx.catalog
    return {**document_view(ctx, {"css": "assets/print.css"}),
            "title": title[0], "subtitle": segments(title[1], ctx.lang, cat, ctx.link),
            "page_counter": COUNTER_STYLE[language(ctx.lang).digits],
            "back": ctx.link(back), "pdf": ctx.site_link(pdf),
            "notices": status_notices([(item, code) for t, recs in parts for item, code in
                                       [("", t.tracking.status(ctx.lang))]
                                       + [(r.id, r.status(ctx.lang)) for r in recs]], ctx),
            "themes": [{**theme_item(t, ctx), "anchor": f"theme-{t.id}",
                        "recommendations": [{
                            "id": r.id, "title": ctx.text(r.title), "title_lang": written_in(r, ctx),
                            "lead": segments(r.lead.get(ctx.lang), r.shown_in(ctx.lang), cat, ctx.link)
                            if r.lead else None,
                            "paragraphs": paragraphs(r.text, r.shown_in(ctx.lang), cat, ctx.link),
                            "permalink": ctx.permalink(routes.recommendation(r.id)),
                            "address": address_parts(ctx.permalink(routes.recommendation(r.id))),
                            "citation": segments(ctx.t("cite_text", id=r.id,
                                                       document=document_title(r, cat, ctx.labels),
                                                       title=plain(ctx.text(r.title))), ctx.lang, cat, ctx.link),
                        } for r in recs]} for t, recs in parts]}


def print_view(key: str, ctx: ViewContext) -> View:
    """The printable document of one theme."""
    theme, recs = ctx.catalog.theme(key), list(ctx.catalog.in_theme(key))
    document = document_title(recs[0], ctx.catalog, ctx.labels) if recs else ctx.t("site_name")
    return _printable(ctx, (ctx.text(theme.title), document), routes.theme(key), routes.pdf(ctx.lang, key),
                      [(theme, recs)])


def source_print_view(sid: str, ctx: ViewContext) -> View:
    """The printable document of one source document: its themes, its recommendations in its order."""
    cat = ctx.catalog
    recs = cat.from_source(sid)
    parts = [(t, [r for r in recs if r.theme == t.id]) for t in cat.themes]
    src = cat.source(sid)
    return _printable(ctx, (ctx.text(src.title), ctx.t(f"source_kind_{src.kind}")), routes.source(sid),
                      routes.source_pdf(ctx.lang, sid),
                      [(t, in_theme) for t, in_theme in parts if in_theme])


def redirect_view(old: str, ctx: ViewContext) -> View:
    """A retired id's page: its permalink keeps working and leads to the record that replaced it."""
    target = ctx.catalog.recommendation(ctx.catalog.redirects[old])
    return {**document_view(ctx, {"css": "assets/embed.css"}), "old": old, "target": rec_item(target, ctx),
            "canonical": ctx.permalink(routes.recommendation(target.id)),
            "message": ctx.t("redirect_text", old=old, new=target.id)}
