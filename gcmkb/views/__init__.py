"""Ready-to-render view data for every page, per language, by page family. No markup here, no MkDocs.

Templates receive these dictionaries and only loop, escape and print. The page-kind registry
(`pagekinds`) names which view renders which kind of page.
"""

from __future__ import annotations

from collections.abc import Callable

from ..taxonomies import TAXONOMY_KINDS
from ..viewcontext import View, ViewContext, crumbs
from .documents import embed_view, print_view, redirect_view, source_print_view
from .practices import country_view, practice_view, practices_view
from .records import (
                   parallel_view,
                   recommendation_view,
                   recommendations_view,
                   theme_view,
                   themes_view,
)
from .search import interface_labels, search_config, search_view
from .site_pages import about_view, dashboard_view, data_view, home_view, not_found_view, unbuilt_record_view
from .sources import source_view, sources_view
from .taxonomy import entries_view, entry_view

__all__ = ["VIEWS", "interface_labels", "search_config", "unbuilt_record_view"]

VIEWS: dict[str, Callable[[str, ViewContext], View]] = {
    "data": data_view, "redirect": redirect_view, "status": dashboard_view,
    "prose": lambda _, ctx: {"breadcrumbs": crumbs(ctx)},
    "search": search_view, "print": print_view, "print-source": source_print_view, "not-found": not_found_view,
    "embed-recommendation": embed_view("recommendation"), "embed-theme": embed_view("theme"),
    "home": home_view, "about": about_view, "themes": themes_view, "theme": theme_view,
    "parallel": parallel_view, "recommendation": recommendation_view,
    "recommendations": recommendations_view, "source": source_view, "sources": sources_view,
    "practices": practices_view, "practice": practice_view, "country": country_view,
    **{kind: entry_view(kind) for kind in TAXONOMY_KINDS},
    **{f"index:{kind}": entries_view(kind) for kind in TAXONOMY_KINDS},
}


