"""Views of the taxonomies (objectives, principles, actors, topics): each entry and each index."""

from __future__ import annotations

from collections.abc import Callable

from ..taxonomies import TAXONOMIES
from ..textview import Segment, segments
from ..viewcontext import (
    View,
    ViewContext,
    capped,
    crumbs,
    entry_item,
)

FACET_OF = {k.name: k.facet for k in TAXONOMIES}  # the explore page's filter of each taxonomy


def entry_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(eid: str, ctx: ViewContext) -> View:
        entry = ctx.catalog.entry(kind, eid)
        recommendations, more = capped(ctx.graph.serving(kind, eid), ctx, {FACET_OF[kind]: eid})
        return {**entry_item(entry, ctx), "kind": kind,
                "working_rendering": ctx.t("working_rendering") if ctx.lang in entry.working_renderings else None,
                "description": ctx.text(entry.description) if entry.description else None,
                "breadcrumbs": crumbs(ctx, (ctx.t(kind), f"{kind}/")), "source": source(kind, ctx),
                "recommendations": recommendations, "more": more}
    return view


def entries_view(kind: str) -> Callable[[str, ViewContext], View]:
    def view(_: str, ctx: ViewContext) -> View:
        return {"kind": kind, "entries": [entry_item(e, ctx) for e in ctx.catalog.taxonomies[kind]],
                "breadcrumbs": crumbs(ctx), "source": source(kind, ctx)}
    return view


def source(kind: str, ctx: ViewContext) -> list[Segment]:
    """The text a taxonomy's entries come from (the guiding principles: A/RES/73/195, para. 15)."""
    label = next(k.source for k in TAXONOMIES if k.name == kind)
    return segments(ctx.t(label), ctx.lang, ctx.catalog, ctx.link) if label else []
