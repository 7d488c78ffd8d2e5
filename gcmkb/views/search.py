"""Views of search: the explore page and the configuration every page's search box reads."""

from __future__ import annotations

from .. import LANGUAGES, routes
from ..facets import FACETS
from ..languages import language
from ..paging import list_limit
from ..practices import Practice
from ..viewcontext import (
    LANGUAGE_NAMES,
    View,
    ViewContext,
    crumbs,
    rec_item,
    theme_item,
)
from .practices import practice_item


def _more(shown: int, total: int, link_label: str, href: str, ctx: ViewContext) -> View | None:
    """"Showing the first 2 of 5" and where the rest are, when a group is cut short (not when empty)."""
    if not shown or shown == total:
        return None
    return {"label": ctx.t("list_shown", shown=ctx.labels.quantity(shown), total=ctx.labels.quantity(total)),
            "link_label": link_label, "href": href}


def _practice_result(practice: Practice, ctx: ViewContext) -> View:
    """A practice in the list without script, marked as one as the script's results mark it: its
    kind and countries where a recommendation has its theme."""
    item = practice_item(practice, ctx)
    return {**item, "theme": " · ".join([ctx.t("practice"), *(c["name"] for c in item["countries"])])}


def search_view(_: str, ctx: ViewContext) -> View:
    """The explore page: facet controls, and for readers without JS the recommendations by theme,
    then the practices, the first `list_limit()` of them; past those, each group's heading leads
    to its page."""
    cat = ctx.catalog
    left, groups = list_limit(), []
    for theme in cat.themes:
        recs = cat.in_theme(theme.id)
        shown = recs[:left]
        left -= len(shown)
        groups.append({**theme_item(theme, ctx), "recommendations": [rec_item(r, ctx) for r in shown],
                       "more": _more(len(shown), len(recs), ctx.t("list_see_theme"), ctx.link(routes.theme(theme.id)),
                                     ctx)})
    practices = None
    if cat.practices:
        shown_practices = cat.practices[:left]
        practices = {"id": "practices", "short": ctx.t("practices"), "href": ctx.link(routes.practice()),
                     "count_label": ctx.labels.count("count_practices", len(cat.practices)),
                     "recommendations": [_practice_result(p, ctx) for p in shown_practices],
                     "more": _more(len(shown_practices), len(cat.practices), ctx.t("list_see_practices"),
                                   ctx.link(routes.practice()), ctx)}
    counts = [ctx.labels.count("count_recommendations", len(cat.recommendations))]
    counts += [ctx.labels.count("count_practices", len(cat.practices))] if cat.practices else []
    return {"breadcrumbs": crumbs(ctx),
            "facets": [{"name": f.name, "label": ctx.t(f.label),
                        "options": [{"value": v, "label": lbl} for v, lbl in f.options(cat, ctx.labels)]}
                       for f in FACETS],
            "groups": groups, "practices": practices,
            "total": ctx.t("separator").join(counts)}


# The labels the scripts show: the header search (kb-search.js), the explore page (kb-explore.js), the brief's
# buttons and messages (brief.js); they are in the language's file, not in the pages.
SCRIPT_LABELS = ("search_none", "search_elsewhere", "search_loading", "search_partial", "search_suggest",
                 "search_browse", "filter_remove", "filter_chip", "brief_add", "brief_remove", "brief_add_all",
                 "brief_remove_all", "brief_added", "brief_removed")


def search_config(ctx: ViewContext) -> View:
    """What every page's header gives its scripts that differs from page to page: links from the
    page (its language's index, its labels' file, the search and brief pages, the brief's ids)."""
    site_link = ctx.site_link
    return {"index": site_link(routes.search_index(ctx.lang)), "i18n": site_link(routes.interface_labels(ctx.lang)),
            "page": ctx.link(routes.SEARCH_PAGE), "brief": ctx.link(routes.BRIEF_PAGE),
            "brief_ids": site_link(routes.BRIEF_IDS), "digits": language(ctx.lang).digits}


def interface_labels(ctx: ViewContext) -> View:
    """What the scripts of a language's pages show and is the same on every page (labels, plural
    forms, digits, direction, the other languages' indexes): the file at `routes.interface_labels`,
    its links relative to that file (`ctx.site_link` links from its folder)."""
    site_link = ctx.site_link
    return {"lang": ctx.lang, "dir": language(ctx.lang).direction, "digits": language(ctx.lang).digits,
            "page": ctx.link(routes.SEARCH_PAGE), "root": ctx.link(""),
            "labels": {k: ctx.t(k) for k in SCRIPT_LABELS},
            "counts": dict(ctx.labels.entries["count_results"]),
            "others": [{"lang": lang, "name": LANGUAGE_NAMES[lang], "index": site_link(routes.search_index(lang)),
                        "page": site_link(routes.language_prefix(lang) + routes.SEARCH_PAGE)}
                       for lang in LANGUAGES if lang != ctx.lang]}
