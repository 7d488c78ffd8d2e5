"""The knowledge base as one object per build: loads once, serves every language.

The MkDocs hook creates one `KnowledgeBase` per build and asks it for page sources and view
data; nothing here knows about MkDocs, so another generator needs only another adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .catalog import load_catalog
from .graph import Graph, build_graph
from .labels import Labels, load_labels
from .model import Catalog
from .pages import page_sources, sync_sources
from .views import ViewContext, alternates, build_view


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    catalog: Catalog
    graph: Graph
    labels: dict[str, Labels]

    @classmethod
    def load(cls, root: Path) -> "KnowledgeBase":
        """Raises CollectionError with every problem if the collection is invalid."""
        catalog = load_catalog(root)
        return cls(root, catalog, build_graph(catalog), load_labels())

    def write_sources(self, docs_dir: Path) -> list[str]:
        return sync_sources(docs_dir, page_sources(self.catalog, self.labels))

    def alternates(self, path: str, site_url: str) -> list[dict[str, str]]:
        """hreflang alternates of a page, as full URLs; the source language is x-default."""
        return alternates(path, site_url)

    def view(self, kind: str, key: str, lang: str, link: Callable[[str], str], site_url: str) -> dict[str, Any]:
        ctx = ViewContext(self.catalog, self.graph, self.labels[lang], link, site_url)
        return build_view(kind, key, ctx)
