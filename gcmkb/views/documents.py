"""Views of the standalone documents: embeds for other sites, printable documents, redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import routes
from ..languages import language
from ..textview import paragraphs, plain, segments
from ..typography import address_parts
from .base import (
    COUNTER_STYLE,
    DIRECTION,
    View,
    ViewContext,
    rec_item,
    status_view,
    theme_item,
)


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
            return {**base, "kind": kind, "id": key, "title": ctx.text(rec.title),
                    "eyebrow": ctx.text(theme.short),
                    "lead": segments(rec.lead.get(ctx.lang), ctx.lang, ctx.catalog, ctx.permalink)
                    if rec.lead else None,
                    "paragraphs": paragraphs(rec.text, ctx.lang, ctx.catalog, ctx.permalink),
                    "status": status_view(rec.status(ctx.lang), ctx),
                    "full": ctx.permalink(routes.recommendation(key)), "recommendations": []}
        theme = ctx.catalog.theme(key)
        return {**base, "kind": kind, "id": key, "title": ctx.text(theme.title),
                "eyebrow": ctx.t("theme") + " " + ctx.labels.number(theme.order), "lead": None,
                "paragraphs": [[{"kind": "text", "text": ctx.text(theme.description)}]],
                "status": status_view(theme.tracking.status(ctx.lang), ctx),
                "full": ctx.permalink(routes.theme(key)),
                "recommendations": [{"id": r.id, "title": ctx.text(r.title),
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
            "title": ctx.text(themes[0].title) if key else ctx.t("all_recommendations"),
            "subtitle": segments(ctx.t("document_title"), ctx.lang, cat, ctx.link),
            "page_counter": COUNTER_STYLE[language(ctx.lang).digits],
            "back": ctx.link(routes.theme(key) if key else ""),
            "pdf": ctx.site_link(routes.pdf(ctx.lang, key)),
            "themes": [{**theme_item(t, ctx), "anchor": f"theme-{t.id}",
                        "recommendations": [{
                            "id": r.id, "title": ctx.text(r.title),
                            "lead": segments(r.lead.get(ctx.lang), ctx.lang, cat, ctx.link) if r.lead else None,
                            "paragraphs": paragraphs(r.text, ctx.lang, cat, ctx.link),
                            "permalink": ctx.permalink(routes.recommendation(r.id)),
                            "address": address_parts(ctx.permalink(routes.recommendation(r.id))),
                            "status": status_view(r.status(ctx.lang), ctx),
                            "citation": segments(ctx.t("cite_text", document=ctx.t("document_title"), id=r.id,
                                                       title=plain(ctx.text(r.title))), ctx.lang, cat, ctx.link),
                        } for r in cat.in_theme(t.id)]} for t in themes]}


def redirect_view(old: str, ctx: ViewContext) -> View:
    """A retired id's page: its permalink keeps working and leads to the record that replaced it."""
    target = ctx.catalog.recommendation(ctx.catalog.redirects[old])
    return {**document_view(ctx, {"css": "assets/embed.css"}), "old": old, "target": rec_item(target, ctx),
            "message": ctx.t("redirect_text", old=old, new=target.id)}
