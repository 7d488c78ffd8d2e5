"""The knowledge base as one object per build: loads once, serves every language.

The MkDocs hook creates one `KnowledgeBase` per build and asks it for page sources and view
data; nothing here knows about MkDocs, so another generator needs only another adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import LANGUAGES, routes
from .artifacts import Artifacts
from .catalog import load_catalog
from .changes import History, read_history, source_date_epoch
from .citations import Made, Reference, write_citations
from .colophon import footer_view
from .export import write_open_data
from .graph import Graph, build_graph
from .history_views import feed_link, write_feed
from .labels import Labels, load_labels
from .loading import DocumentCache
from .model import Catalog
from .output import Output, Write, write_file
from .pagekinds import KINDS, generated_pages
from .pages import generated_names, page_sources, source_name, sync_sources
from .parallel import spare_cores, worker_pool
from .problems import Problem
from .publishing import Edition, publisher_name, read_edition
from .routes import PageRef, language_prefix
from .shards import compact_json
from .taxonomies import TAXONOMY_KINDS
from .text_checks import RECOMMENDATION_ID
from .viewcontext import View, ViewContext
from .views import interface_labels, search_config, unbuilt_record_view


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path
    catalog: Catalog
    graph: Graph
    labels: dict[str, Labels]
    history: History  # of the records, from the repository's commits (unavailable without them)
    edition: Edition = Edition()  # HEAD's release tag or commit date (undated without the repository)

    @classmethod
    def load(cls, root: Path, previous: KnowledgeBase | None = None,
             cache: DocumentCache | None = None) -> KnowledgeBase:
        """Raises CollectionError with every problem if the collection is invalid. Under `serve`,
        the previous build's knowledge base spares finding the terms of unchanged records, and the
        cache parsing and checking unchanged files again."""
        catalog = load_catalog(root, cache)
        history = read_history(root, [r.id for r in catalog.recommendations] + [p.id for p in catalog.practices])
        graph = build_graph(catalog, previous.graph if previous is not None else None)
        return cls(root, catalog, graph, load_labels(), history, read_edition(root))

    def unbuilt_records(self) -> list[str]:
        """The ids of record files in recommendations/ that this knowledge base does not hold: a new
        record that has never validated, while `serve` shows the last good collection."""
        known = {r.id for r in self.catalog.recommendations}
        return sorted(p.stem for p in (self.root / "recommendations").glob("*.yml")
                      if RECOMMENDATION_ID.match(p.stem) and p.stem not in known)

    def unbuilt_record_views(self, problems: Sequence[Problem], ctx: ViewContext) -> list[tuple[str, View]]:
        """The error page's view at the address of each record the last good site lacks (under
        `serve`): that record's own problems, in ctx's language (links from the site root, as the
        error page's), and the file to write it to, relative to the site."""
        prefix = language_prefix(ctx.lang)
        return [(f"{prefix}{routes.recommendation(rid)}index.html", unbuilt_record_view(rid, problems, ctx))
                for rid in self.unbuilt_records()]

    def changed_pages(self, previous: KnowledgeBase) -> list[PageRef] | None:
        """The generated pages whose view may differ from the previous build's, from the
        cross-reference graph; None when a change reaches every page (a theme, a source document, a practice,
        a taxonomy, the termbase, retired ids, a record added, removed, moved or tagged differently: the counts
        beside every tag change with it)."""
        old, new = previous.catalog, self.catalog
        if self.labels != previous.labels or self.edition != previous.edition:  # on every page
            return None
        if ((old.themes, old.sources, old.practices, old.taxonomies, old.terms, old.redirects)
                != (new.themes, new.sources, new.practices, new.taxonomies, new.terms, new.redirects)
                or [r.id for r in old.recommendations] != [r.id for r in new.recommendations]):
            return None
        before = {r.id: r for r in old.recommendations}
        readers: set[tuple[str, str]] = set()
        for rec in new.recommendations:
            was = before[rec.id]
            if was == rec:
                continue
            if (was.theme, was.document) != (rec.theme, rec.document) or any(
                    was.tagged(kind) != rec.tagged(kind) for kind in TAXONOMY_KINDS):
                return None
            readers |= previous.graph.readers(rec.id) | self.graph.readers(rec.id)
            # a term it starts or stops using counts it differently, even past the records its page lists
            readers |= {("term", t) for t in set(previous.graph.terms_in.get(rec.id, ()))
                        ^ set(self.graph.terms_in.get(rec.id, ()))}
            readers |= {("practice", p.id) for p in new.implementing(rec.id)}  # they list its title
        return [page for page in generated_pages(new) if (page.kind, page.key) in readers]

    def write_sources(self, docs_dir: Path, only: set[str] | None = None) -> list[str]:
        """The generated pages' sources (every one, or those named: the others are as they were)."""
        return sync_sources(docs_dir, page_sources(self.catalog, self.labels, only), partial=only is not None)

    def context(self, lang: str, site_link: Callable[[str], str], site_url: str, edit_base: str = "",
                publisher: object = None) -> ViewContext:
        """Everything a page of one language needs to build its views; `publisher` is the setting
        that names who publishes (publishing.py)."""
        return ViewContext(self.catalog, self.graph, self.labels[lang], site_link, site_url, edit_base, self.history,
                           publisher_name(publisher, lang), self.edition)

    def source_of(self, kind: str, key: str) -> str | None:
        """The record file a generated page comes from ("" if many, None if written by hand)."""
        return KINDS[kind].source(self.catalog, key)

    def search_config(self, ctx: ViewContext) -> dict[str, Any]:
        return search_config(ctx)

    def write_interface_labels(self, site_dir: Path, site_url: str, write: Write = write_file) -> None:
        """Each language's labels for the scripts of its pages, in one file that every page of the
        language shares (the browser fetches it once): its links are relative to the file."""
        for lang in LANGUAGES:
            path = routes.interface_labels(lang)
            up = "../" * path.count("/")
            ctx = self.context(lang, lambda target, up=up: up + target, site_url)
            write(site_dir / path, compact_json(interface_labels(ctx)))

    def start_artifacts(self, workers: Executor | None = None) -> Artifacts:
        """Search indexes, built on spare cores while the pages render; `.write()` at the end.
        Under `serve`, by the session's worker, which keeps its analyzers between builds."""
        artifacts = Artifacts(self.catalog, workers)
        artifacts.start()
        return artifacts

    def write_open_data(self, site_dir: Path, site_url: str, write: Write = write_file) -> None:
        write_open_data(site_dir, self.catalog, self.graph, site_url, self.labels, self.edition, write)

    def write_feeds(self, site_dir: Path, site_url: str, edit_base: str = "", publisher: object = None,
                    write: Write = write_file) -> None:
        """The Atom feed of every language; with no change to date it, SOURCE_DATE_EPOCH dates it."""
        for lang in LANGUAGES:
            write_feed(site_dir, self.context(lang, lambda path: site_url + path, site_url, edit_base, publisher),
                       source_date_epoch(), write)

    def write_citations(self, site_dir: Path, site_url: str, publisher: object = None,
                        write: Write = write_file, made: dict[Reference, Made] | None = None) -> None:
        """Every recommendation's RIS, BibTeX and CSL-JSON in every language (citations.py)."""
        write_citations(site_dir, {lang: self.context(lang, lambda path: site_url + path, site_url, "", publisher)
                                   for lang in LANGUAGES}, write, made)

    def feed_link(self, ctx: ViewContext) -> dict[str, str]:
        return feed_link(ctx)

    def footer(self, ctx: ViewContext) -> dict[str, Any]:
        """What every page's footer says: publisher, edition, licence, accessibility and privacy."""
        return footer_view(ctx)

    def view(self, kind: str, key: str, ctx: ViewContext) -> dict[str, Any]:
        return KINDS[kind].view(key, ctx)


class EditSession:
    """What one build of `mkdocs serve --dirty` hands the next, so that an edit renders again only
    the pages that read what changed (a dirty build renders the pages whose output is older than
    their source: the adapter ages the outputs of these). Also kept: a worker that makes the search
    files of every build while its pages render, keeping each field value's terms between builds,
    and the parsed files (only the changed ones are parsed and checked again)."""

    def __init__(self) -> None:
        self.previous: KnowledgeBase | None = None
        self.workers = worker_pool(min(spare_cores(), 1))  # makes the search files while pages render
        self.sitemaps: dict[str, str] = {}  # the last full build's, by file name
        self.documents = DocumentCache()
        self.output = Output()  # the shared files it wrote: an edit writes again only those that changed
        self.citations: dict[Reference, Made] = {}  # the citations made: an edit makes its record's again
        self.layout: object = None  # what the templates were at the last build
        self.sources: set[str] | None = None  # the generated sources left in docs/, None: every one

    def close(self) -> None:
        self.workers.shutdown(cancel_futures=True)

    def layout_changed(self, layout: object) -> bool:
        """Whether the templates (any stamp of them) changed since the last build: every page then."""
        changed = self.layout is not None and layout != self.layout
        self.layout = layout
        return changed

    def load(self, root: Path) -> KnowledgeBase:
        return KnowledgeBase.load(root, self.previous, self.documents)

    def keep_sources(self, docs_dir: Path, keep: set[str] | None) -> None:
        """An edit's build reads only `keep` of the page sources (None: every one, all written):
        the other generated ones leave docs/, which MkDocs and static-i18n walk once per language
        (6,500 sources at 1,000 records). Their pages stay in the site as the last build left them;
        an edit that renders one again writes its source again."""
        if keep is None:
            self.sources = None
            return
        generated = generated_names(docs_dir)
        for name in (generated if self.sources is None else self.sources) - keep:
            (docs_dir / name).unlink(missing_ok=True)
        self.sources = generated & keep

    def pages_to_render(self, kb: KnowledgeBase, docs_dir: Path, everything: bool = False) -> set[str] | None:
        """The page sources (relative to docs/) to render again after `kb`'s build, None for
        every page: those the graph says read a changed record, and the hand-written ones (few;
        they may show records, e.g. editorial notes on the about page)."""
        pages = kb.changed_pages(self.previous) if self.previous is not None and not everything else None
        self.previous = kb
        if pages is None:
            return None
        return {source_name(p.stem, lang) for p in pages for lang in LANGUAGES} | {
            p.name for p in docs_dir.glob("*.md")}
