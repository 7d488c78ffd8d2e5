"""Views of search: the explore page and the configuration every page's search box reads."""

from __future__ import annotations

from .. import LANGUAGES, routes
from ..facets import FACETS
from ..languages import language
from ..paging import list_limit
from ..viewcontext import (
    LANGUAGE_NAMES,
    View,
    ViewContext,
    crumbs,
    rec_item,
    theme_item,
)


def search_view(_: str, ctx: ViewContext) -> View:
    """The explore page: facet controls, and for readers without JS the recommendations by theme,
    the first `list_limit()` of them; past those, each theme's heading leads to its page."""
    cat = ctx.catalog
    left, groups = list_limit(), []
    for theme in cat.themes:
        recs = cat.in_theme(theme.id)
        shown = recs[:left]
        left -= len(shown)
        more = None
        if shown and len(shown) < len(recs):
            more = {"label": ctx.t("list_shown", shown=ctx.labels.quantity(len(shown)),
                                   total=ctx.labels.quantity(len(recs))),
                    "link_label": ctx.t("list_see_theme"), "href": ctx.link(routes.theme(theme.id))}
        groups.append({**theme_item(theme, ctx), "recommendations": [rec_item(r, ctx) for r in shown], "more": more})
    return {"breadcrumbs": crumbs(ctx),
            "facets": [{"name": f.name, "label": ctx.t(f.label),
                        "options": [{"value": v, "label": lbl} for v, lbl in f.options(cat, ctx.labels)]}
                       for f in FACETS],
            "groups": groups,
            "total": ctx.labels.count("count_recommendations", len(cat.recommendations))}


def search_config(ctx: ViewContext) -> View:
    """What the header search and the explore page need on every page (JSON in the page)."""
    keys = ("search", "search_none", "search_elsewhere", "search_loading", "search_all_results",
            "search_results", "facet_all", "search_partial", "search_suggest", "search_browse", "filter_remove",
            "filter_chip")
    site_link = ctx.site_link
    return {"lang": ctx.lang, "dir": language(ctx.lang).direction, "digits": language(ctx.lang).digits,
            "index": site_link(routes.search_index(ctx.lang)),
            "page": ctx.link(routes.SEARCH_PAGE), "root": ctx.link(""), "brief": ctx.link(routes.BRIEF_PAGE),
            "brief_ids": site_link(routes.BRIEF_IDS),
            "labels": {k: ctx.t(k) for k in keys},
            "counts": dict(ctx.labels.entries["count_results"]),
            "others": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "index": site_link(routes.search_index(lang)),
                        "page": site_link(routes.language_prefix(lang) + routes.SEARCH_PAGE)}
                       for lang in LANGUAGES if lang != ctx.lang]}
