"""The knowledge base as one object per build: loads once, serves every language.

The MkDocs hook creates one `KnowledgeBase` per build and asks it for page sources and view
data; nothing here knows about MkDocs, so another generator needs only another adapter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .artifacts import Artifacts
from .catalog import load_catalog
from .changes import History, read_history, source_date_epoch
from .export import write_open_data
from .graph import Graph, build_graph
from .history_views import feed_link, write_feed
from .labels import Labels, load_labels
from .model import Catalog
from .pagekinds import KINDS
from .pages import page_sources, sync_sources
from .views import ViewContext, search_config


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    catalog: Catalog
    graph: Graph
    labels: dict[str, Labels]
    history: History  # of the records, from the repository's commits (unavailable without them)

    @classmethod
    def load(cls, root: Path) -> KnowledgeBase:
        """Raises CollectionError with every problem if the collection is invalid."""
        catalog = load_catalog(root)
        history = read_history(root, [r.id for r in catalog.recommendations])
        return cls(root, catalog, build_graph(catalog), load_labels(), history)

    def write_sources(self, docs_dir: Path) -> list[str]:
        return sync_sources(docs_dir, page_sources(self.catalog, self.labels))

    def context(self, lang: str, site_link: Callable[[str], str], site_url: str, edit_base: str = "") -> ViewContext:
        """Everything a page of one language needs to build its views."""
        return ViewContext(self.catalog, self.graph, self.labels[lang], site_link, site_url, edit_base, self.history)

    def source_of(self, kind: str, key: str) -> str | None:
        """The record file a generated page comes from ("" if many, None if written by hand)."""
        return KINDS[kind].source(self.catalog, key)

    def search_config(self, ctx: ViewContext) -> dict[str, Any]:
        return search_config(ctx)

    def start_artifacts(self) -> Artifacts:
        """Search indexes, built on spare cores while the pages render; `.write()` at the end."""
        artifacts = Artifacts(self.catalog)
        artifacts.start()
        return artifacts

    def write_open_data(self, site_dir: Path, site_url: str) -> None:
        title = {lang: self.labels[lang].t("document_title") for lang in LANGUAGES}
        write_open_data(site_dir, self.catalog, self.graph, site_url, title)

    def write_feeds(self, site_dir: Path, site_url: str, edit_base: str = "") -> None:
        """The Atom feed of every language; with no change to date it, SOURCE_DATE_EPOCH dates it."""
        for lang in LANGUAGES:
            write_feed(site_dir, self.context(lang, lambda path: site_url + path, site_url, edit_base),
                       source_date_epoch())

    def feed_link(self, ctx: ViewContext) -> dict[str, str]:
        return feed_link(ctx)

    def view(self, kind: str, key: str, ctx: ViewContext) -> dict[str, Any]:
        return KINDS[kind].view(key, ctx)
