"""Views of the taxonomies (objectives, principles, actors, topics): each entry and each index."""

from __future__ import annotations

from collections.abc import Callable

from .base import (
    View,
    ViewContext,
    crumbs,
    entry_item,
    rec_item,
)


def entry_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(eid: str, ctx: ViewContext) -> View:
        entry = ctx.catalog.entry(kind, eid)
        return {**entry_item(entry, ctx), "kind": kind,
                "working_rendering": ctx.t("working_rendering") if ctx.lang in entry.working_renderings else None,
                "description": ctx.text(entry.description) if entry.description else None,
                "breadcrumbs": crumbs(ctx, (ctx.t(kind), f"{kind}/")),
                "recommendations": [rec_item(r, ctx) for r in ctx.graph.serving(kind, eid)]}
    return view


def entries_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(_: str, ctx: ViewContext) -> View:
        return {"kind": kind, "entries": [entry_item(e, ctx) for e in ctx.catalog.taxonomies[kind]],
                "breadcrumbs": crumbs(ctx)}
    return view
