"""One build of the site, every language of it, and the builds of one `serve` session.

What a generator's adapter hands its events to: the collection is loaded once per build (under
`serve`, a broken collection shows the last good one, headed by the validator's messages); each
page gets its template data here; when every language's pages are written, `finish` writes what
the whole site shares (search indexes, open data, feeds, citations, sitemaps, PDFs). Nothing here
knows the generator: it names pages by their URL and the files it reads and writes by path.
"""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import LANGUAGES, SOURCE_LANGUAGE
from .artifacts import Artifacts
from .languages import REGISTRY
from .output import write_file
from .pagekinds import NOT_INDEXED
from .pages import source_name
from .pdf import CACHE_DIR, PdfWriter
from .problems import CollectionError, Problem
from .routes import language_prefix
from .site import EditSession, KnowledgeBase
from .sitemaps import head_alternates, robots_txt, sitemaps
from .viewcontext import View, ViewContext

LANGUAGE_FACTS = {language.code: language.public() for language in REGISTRY}  # name, direction, digits, font…
ROOT_PAGES = ("404.html", "sitemap.xml")  # the default language's, which every language's build rewrites


@dataclass(frozen=True)
class Settings:
    """What the site's configuration says: its public address, the forge's edit URL, its publisher."""

    site_url: str
    edit_base: str = ""
    publisher: object = None


class SiteBuild:
    """One build: made before any page is read, replaced by the next build."""

    def __init__(self, kb: KnowledgeBase, settings: Settings, problems: list[Problem], main: bool,
                 pdfs: bool = True, session: EditSession | None = None,
                 render_again: set[str] | None = None) -> None:
        self.kb, self.settings, self.session = kb, settings, session
        self.problems = problems  # under serve: the validator's errors while the last good site shows
        self.errors = [str(p) for p in problems]
        self.render_again = render_again  # under `serve --dirty`: page sources, None for all
        # the main process writes what is shared: indexes, open data, sitemaps, PDFs
        self.artifacts: Artifacts | None = kb.start_artifacts(session.workers if session else None) if main else None
        self.pdfs = PdfWriter(kb.root / CACHE_DIR) if main and pdfs else None
        self.root_pages: dict[str, bytes] = {}

    def close(self) -> None:
        for worker in (self.artifacts, self.pdfs):
            if worker is not None:
                worker.close()

    def sources_to_read(self, nav: Iterable[str]) -> set[str] | None:
        """Under `serve --dirty`, the page sources a build reads: those it renders again and the
        navigation's (every page shows its titles); None: every one."""
        if self.render_again is None:
            return None
        return self.render_again | navigation_sources(nav)

    def page_context(self, lang: str, site_link: Callable[[str], str], page_url: str,
                     meta: object, hand_written: str) -> dict[str, Any]:
        """The template data of a page: `meta` is its front matter's `kb` entry (a generated page),
        `hand_written` the path of its Markdown file from the project root."""
        kb, settings = self.kb, self.settings
        ctx = kb.context(lang, site_link, settings.site_url, settings.edit_base, settings.publisher)
        context = {"t": kb.labels[lang].t, "kb_lang": lang, "kb_languages": LANGUAGE_FACTS,
                   "kb_search": kb.search_config(ctx), "kb_feed": kb.feed_link(ctx),
                   "kb_build_errors": self.errors, "kb_footer": kb.footer(ctx),
                   "kb_hreflang": head_alternates(settings.site_url, page_url.removeprefix(language_prefix(lang)))}
        if isinstance(meta, dict):
            kind, key = meta["kind"], str(meta.get("key", ""))
            context["kb"] = kb.view(kind, key, ctx)
            source = kb.source_of(kind, key)
            source = hand_written if source is None else source
            context["kb_edit"] = ctx.edit_url(source) if source else ""
        return context

    def _error_page(self, lang: str, root: str) -> ViewContext:
        return self.kb.context(lang, lambda target: root + target, self.settings.site_url,
                               publisher=self.settings.publisher)

    def error_page_context(self, lang: str, root: str) -> dict[str, Any]:
        """The error page gets what pages get (labels, search, its view), with links from the site root."""
        kb, ctx = self.kb, self._error_page(lang, root)
        return {"t": kb.labels[lang].t, "kb_lang": lang, "kb_languages": LANGUAGE_FACTS,
                "kb_footer": kb.footer(ctx), "kb_search": kb.search_config(ctx),
                "kb": kb.view("not-found", "", ctx), "kb_build_errors": self.errors,
                "kb_alternates": [{"link": root + language.prefix, "name": language.name, "lang": language.code}
                                  for language in REGISTRY]}

    def unbuilt_record_pages(self, lang: str, root: str) -> list[tuple[str, View]]:
        """Under `serve`, a new record that never validated gets the error page at its address, saying
        what is wrong with it (not "not found"): (its file, relative to the site; the error page's view)."""
        return self.kb.unbuilt_record_views(self.problems, self._error_page(lang, root)) if self.problems else []

    def language_written(self, site_dir: Path, lang: str, default_build: bool, here: bool) -> None:
        """A language's pages are written: keep the default language's root files, queue its PDFs."""
        if default_build:
            self.root_pages = {name: (site_dir / name).read_bytes() for name in ROOT_PAGES
                               if (site_dir / name).exists()}
        if here and self.pdfs is not None:
            self.pdfs.queue(site_dir, lang)

    def finish(self, site_dir: Path, joined: Iterable[str]) -> None:
        """Once every language is in `site_dir` (`joined`: those another process built), the files
        the whole site shares; then `finish_pdfs`."""
        assert self.artifacts is not None
        for lang in joined:
            if self.pdfs is not None:
                self.pdfs.queue(site_dir, lang)
        kb, settings = self.kb, self.settings
        write = self.session.output.write if self.session is not None else write_file
        self.artifacts.write(site_dir, write)
        kb.write_interface_labels(site_dir, settings.site_url, write)
        kb.write_open_data(site_dir, settings.site_url, write)
        kb.write_feeds(site_dir, settings.site_url, settings.edit_base, settings.publisher, write)
        kb.write_citations(site_dir, settings.site_url, settings.publisher, write,
                           self.session.citations if self.session is not None else None)
        if "404.html" in self.root_pages:
            (site_dir / "404.html").write_bytes(self.root_pages["404.html"])
        self._write_sitemaps(site_dir)

    def finish_pdfs(self) -> str | None:
        """Waits for the PDFs; says what they took, None without PDFs."""
        if self.pdfs is None:  # KB_PDF=0, or an edit under `serve --dirty`: the PDFs stay as they are
            return None
        written, cached = self.pdfs.finish()
        return f"PDFs: {len(written)}, {cached} unchanged (from {CACHE_DIR}/), {len(written) - cached} rendered"

    def _write_sitemaps(self, site_dir: Path) -> None:
        session, site_url = self.session, self.settings.site_url
        files: dict[str, str] | None = None
        if self.render_again is not None and session is not None:  # a dirty build saw only the pages it renders
            files = session.sitemaps  # the same pages as after the last full build: no record added or removed
        elif "sitemap.xml" in self.root_pages:
            files = sitemaps(self.root_pages["sitemap.xml"].decode("utf-8"), site_url, LANGUAGES,
                             SOURCE_LANGUAGE, NOT_INDEXED)
            if session is not None:
                session.sitemaps = files
        (site_dir / "robots.txt").write_text(robots_txt(site_url), "utf-8")
        if files:
            for name, xml in files.items():
                (site_dir / name).write_text(xml, "utf-8")
            with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
                gz.write(files["sitemap.xml"].encode("utf-8"))


@dataclass
class Builds:
    """The builds of one process. Under `serve` a failed build leaves every request hanging ("the
    server will appear stuck"): there, a broken collection builds the last good one instead,
    every page showing the validator's messages, until the next good save. Under `serve --dirty`
    the session says which pages an edit renders again."""

    serving: bool = False
    session: EditSession | None = None
    last_good: KnowledgeBase | None = None
    last_errors: list[Problem] = field(default_factory=list)

    def load(self, root: Path) -> tuple[KnowledgeBase, list[Problem], str]:
        """(the collection, its errors if it is the last good one instead, the validator's report)."""
        errors: list[Problem] = []
        try:
            kb, report = self.session.load(root) if self.session is not None else KnowledgeBase.load(root), ""
        except CollectionError as exc:
            if not self.serving or self.last_good is None:
                raise
            kb, errors = self.last_good, [p for p in exc.problems if p.severity == "error"]
            report = exc.report()
        self.last_good = kb if self.serving else None
        return kb, errors, report

    def pages_to_render(self, kb: KnowledgeBase, docs_dir: Path, errors: list[Problem],
                        layout: object) -> set[str] | None:
        """Under `serve --dirty`, the page sources to render again; pages showing errors, or that
        showed them, render again, as every page does when `layout` (the templates) changed."""
        assert self.session is not None
        everything = self.session.layout_changed(layout) or bool(errors or self.last_errors)
        return self.session.pages_to_render(kb, docs_dir, everything=everything)

    def close(self) -> None:
        if self.session is not None:
            self.session.close()


def navigation_sources(nav: Iterable[str]) -> set[str]:
    """The page sources of the navigation's entries, in every language."""
    return {source_name(Path(entry).with_suffix("").as_posix(), lang) for entry in nav for lang in LANGUAGES}


def layout_state(folder: Path | None) -> frozenset[tuple[str, int, int]]:
    """The templates as they are now (name, size, modification time): `serve` watches them, and
    an edited template changes every page."""
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset((p.as_posix(), (st := p.stat()).st_size, st.st_mtime_ns) for p in folder.rglob("*") if p.is_file())
