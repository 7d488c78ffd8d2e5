"""MkDocs adapter: maps build events onto the gcmkb core; the logic lives in the core.

- on_pre_build (once per build, not per language): load and validate the collection; a bad
  record stops the build with the validator's `path:line:` messages before anything is written;
  write the page sources; start the search indexes on spare cores.
- on_files (per language): start the processes that build other languages (kb_languages.py)
  and leave out of this process's builds what they write.
- on_page_context (per page and language): hand the template its ready view data.
- on_post_build (per language): its printable pages are written, so its PDFs go to the PDF
  workers (gcmkb/pdf.py, cached in .cache/pdf/); after the last language, move the other
  processes' languages in, write the shared files (indexes, open data, sitemaps), wait for the PDFs.
- on_env / on_serve: autoescape our templates and share their compiled code between languages;
  keep `serve` from watching the generated sources (one rebuild per record edit, not two).
- `mkdocs serve --dirty`: an edit renders again only the pages that read what changed (gcmkb/site.py
  EditSession says which; on_files ages their outputs); on_nav reads the navigation's pages that a
  dirty build leaves unread.
- KB_PDF=0 leaves the PDFs out (the benchmark's page builds).
"""

from __future__ import annotations

import gzip
import logging
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from kb_languages import LANGUAGES_ENV, LanguageProcesses
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

from gcmkb import LANGUAGES, SOURCE_LANGUAGE
from gcmkb.artifacts import Artifacts
from gcmkb.languages import REGISTRY
from gcmkb.pagekinds import NOT_INDEXED
from gcmkb.pages import source_name
from gcmkb.pdf import CACHE_DIR, PdfWriter
from gcmkb.problems import CollectionError, Problem
from gcmkb.publishing import PUBLISHER_SETTING, edit_base_notice, publisher_problem, site_url_problem
from gcmkb.routes import language_prefix
from gcmkb.site import EditSession, KnowledgeBase
from gcmkb.sitemaps import head_alternates, robots_txt, sitemaps
from gcmkb.typography import typeset_markdown
from gcmkb.views import ViewContext

log = get_plugin_logger("kb")
LANGUAGE_FACTS = {language.code: language.public() for language in REGISTRY}
console = logging.getLogger("kb.serve")  # outside "mkdocs.": not counted by --strict, serve must go on


class _Build:
    """One build, every language of it: made in on_pre_build, replaced by the next build."""

    def __init__(self, kb: KnowledgeBase, languages: LanguageProcesses, root: Path, pdfs: bool = True) -> None:
        self.kb = kb
        self.languages = languages
        # the main process writes what is shared: indexes, open data, sitemaps, PDFs
        workers = session.workers if session is not None else None
        self.artifacts: Artifacts | None = kb.start_artifacts(workers) if languages.main else None
        self.pdfs = PdfWriter(root / CACHE_DIR) if languages.main and pdfs else None
        self.root_pages: dict[str, bytes] = {}  # what the default language's build wrote at the root
        self.errors: list[str] = []  # under serve: the validator's errors while the last good site shows
        self.problems: list[Problem] = []  # the same errors, for the pages of new records that never validated
        self.error_page: tuple[dict[str, Any], ViewContext] | None = None  # the 404 page's context, per language
        self.env: jinja2.Environment | None = None
        self.render_again: set[str] | None = None  # under `serve --dirty`: page sources, None for all

    def close(self) -> None:
        self.languages.close()
        for worker in (self.artifacts, self.pdfs):
            if worker is not None:
                worker.close()


current: _Build | None = None
TEMPLATE_CACHE_DIR = ".cache/jinja"  # in the project, git-ignored


def _publisher(config: Any) -> object:
    """Who publishes the site (mkdocs.yml, or KB_PUBLISHER through its !ENV tag)."""
    return config.extra.get(PUBLISHER_SETTING.removeprefix("extra."))


def _i18n_building(config: Any) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and plugin.building)


def _language(config: Any) -> str:
    plugin = config.plugins.get("i18n")
    return str(plugin.current_language) if plugin else SOURCE_LANGUAGE


def _built_languages(config: Any) -> list[str]:
    """In static-i18n's order: the default language first, then the others as configured."""
    plugin = config.plugins.get("i18n")
    if not plugin:
        return [SOURCE_LANGUAGE]
    built = sorted((lang for lang in plugin.config.languages if lang.build), key=lambda lang: not lang.default)
    return [lang.locale for lang in built]


# Under `mkdocs serve` a failed build leaves every request hanging ("the server will appear
# stuck"): there, a broken record builds the last good collection instead, every page showing
# the validator's messages, until the next good save.
serving = False
last_good: KnowledgeBase | None = None
last_errors: list[str] = []


# `mkdocs serve --dirty`: an edit renders again only the pages that read what changed (their
# outputs are aged, see on_files), every language in this process, and the PDFs stay those of
# the first build. MkDocs' warning that dirty builds may leave navigation stale does not apply
# (the navigation's pages are read in on_nav) and would fail every strict build.
session: EditSession | None = None


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool) -> None:
    global serving, session
    serving = command == "serve"
    session = EditSession() if serving and dirty else None
    if session is not None:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def on_shutdown() -> None:
    if current is not None:
        current.close()
    if session is not None:
        session.close()


@event_priority(100)  # before static-i18n derives its links from site_url
def on_config(config: Any) -> Any:
    LanguageProcesses.configure(config)
    problem = site_url_problem(config.site_url) or publisher_problem(_publisher(config), LANGUAGES)
    if problem:
        raise PluginError(problem)
    return config


def on_pre_build(config: Any) -> None:
    global current
    if _i18n_building(config):
        return  # per-language rebuilds reuse the records parsed once for this build
    notice = None if serving else edit_base_notice(config.extra.get("kb_edit_base"))
    if notice and not os.environ.get(LANGUAGES_ENV):  # said once, by the main process
        log.info(notice)
    if current is not None:
        current.close()  # a build that failed half-way left it running
        current = None
    root = Path(config.config_file_path).parent
    global last_good, last_errors
    errors: list[str] = []
    problems: list[Problem] = []
    try:
        kb = session.load(root) if session is not None else KnowledgeBase.load(root)
    except CollectionError as exc:
        if not serving or last_good is None:
            raise PluginError("the collection has errors:\n" + exc.report()) from None
        problems = [p for p in exc.problems if p.severity == "error"]
        kb, errors = last_good, [str(p) for p in problems]
        console.error("the collection has errors; serving the last good version:\n%s", exc.report())
    last_good = kb if serving else None
    # the last good collection is in this process only: its languages are all built here
    languages = (LanguageProcesses(_built_languages(config), []) if errors or session is not None
                 else LanguageProcesses.for_build(_built_languages(config)))
    pdfs = os.environ.get("KB_PDF") != "0" and (session is None or session.previous is None)
    render_again: set[str] | None = None
    if session is not None and languages.main:  # pages showing errors, or that showed them: all again
        everything = session.layout_changed(_templates(config)) or bool(errors or last_errors)
        render_again = session.pages_to_render(kb, Path(config.docs_dir), everything=everything)
        log.info(f"pages to render again: {'all' if render_again is None else len(render_again)} sources")
    if languages.main:
        kb.write_sources(Path(config.docs_dir), render_again)
    current = _Build(kb, languages, root, pdfs)
    current.errors, current.problems = errors, problems
    current.render_again = render_again
    last_errors = errors


def _templates(config: Any) -> frozenset[tuple[str, int, int]]:
    """The project's templates as they are now (name, size, modification time): `serve` watches
    them, and an edited template changes every page."""
    folder = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset((p.as_posix(), (st := p.stat()).st_size, st.st_mtime_ns) for p in folder.rglob("*") if p.is_file())


# Material's assets that no page of ours loads: its script (overrides/main.html says why; kb.js does
# what we used of it), its lunr language packs and search worker (the search is our own,
# assets/search/) and the source maps; 2.6 MB nobody downloads, left unpublished.
UNUSED_THEME_ASSETS = ("assets/javascripts/",)


@event_priority(50)  # before static-i18n makes a language's file of every page source
def _leave_out_unchanged_pages(files: Any, config: Any) -> Any:
    """A dirty build after an edit needs only the pages it renders again, and the navigation's:
    the others (their outputs stay as they are) are left out before static-i18n and MkDocs spend
    time on each of them. No page links to another through Markdown (links are the views')."""
    if session is None or current is None or current.render_again is None:
        return files
    keep = current.render_again | {source_name(Path(entry).with_suffix("").as_posix(), lang)
                                   for entry in _nav_sources(config.nav) for lang in LANGUAGES}
    for file in list(files.documentation_pages()):
        if file.src_uri not in keep:
            files.remove(file)
    return files


def _nav_sources(nav: Any) -> Iterator[str]:
    for item in nav or ():
        values = item.values() if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, str):
                yield value
            elif isinstance(value, list):
                yield from _nav_sources(value)


@event_priority(-100)  # after static-i18n has picked this language's files
def _files_of_this_language(files: Any, config: Any) -> Any:
    for file in list(files):
        if file.src_uri.startswith(UNUSED_THEME_ASSETS) or file.src_uri.endswith(".map"):
            files.remove(file)
    if current is not None:
        if current.languages.main and not _i18n_building(config):
            current.languages.start(config)  # now: MkDocs has just emptied the site folder
        current.languages.exclude_others(files, _language(config))
        if session is not None:
            _render_again(files, current.render_again)
    return files


on_files = CombinedEvent(_leave_out_unchanged_pages, _files_of_this_language)


def _render_again(files: Any, sources: set[str] | None) -> None:
    """A dirty build renders the pages whose output is older than their source: these outputs
    are aged (every page's when `sources` is None). The sources stay untouched: `serve` watches
    the hand-written ones, and touching them would start another build."""
    for file in files.documentation_pages():
        if (sources is None or file.src_uri in sources) and os.path.exists(file.abs_dest_path):
            os.utime(file.abs_dest_path, (0, 0))


@event_priority(-200)  # the navigation as static-i18n leaves it
def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """A dirty build reads only the pages it renders again; the navigation that every page shows
    needs the titles of all of its pages, so the ones left unread are read (a few, small)."""
    for page in nav.pages:
        if page.markdown is None:
            page.read_source(config)
    return nav


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Our templates (overrides/kb/) autoescape; Material's own keep their setting. Compiled
    templates are kept in .cache/jinja/ for every language's build, in every process and build;
    Jinja checks each template's source checksum, so an edited template is compiled again."""
    env.autoescape = lambda name: bool(name) and name.startswith("kb/")
    folder = Path(config.config_file_path).parent / TEMPLATE_CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    if current is not None:
        current.env = env  # the error page is rendered again at new records' addresses (on_post_template)
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Generated page sources change with every record edit; watching them made `serve` build
    twice per edit. Hand-written pages sit at the top of docs/, assets under docs/assets/."""
    docs = str(config.docs_dir)
    server.unwatch(docs)
    server.watch(docs, recursive=False)
    server.watch(str(Path(docs) / "assets"))
    return server


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """The error page gets what pages get (labels, search, its view), with links from the site root."""
    if current is None or template_name != "404.html":
        return context
    root = urlsplit(config.site_url).path
    lang = _language(config)
    ctx = current.kb.context(lang, lambda target: root + target, config.site_url,
                             publisher=_publisher(config))
    current.error_page = (context, ctx)
    context.update(t=current.kb.labels[lang].t, kb_lang=lang, kb_languages=LANGUAGE_FACTS,
                   kb_footer=current.kb.footer(ctx), kb_search=current.kb.search_config(ctx),
                   kb=current.kb.view("not-found", "", ctx), kb_build_errors=current.errors,
                   kb_alternates=[{"link": root + language.prefix, "name": language.name, "lang": language.code}
                                  for language in REGISTRY])
    return context


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Each language's error page is also written as <prefix>404.html; the root one stays the default's.
    Under `serve`, a new record that never validated gets the error page at its address, saying
    what is wrong with it (not "not found")."""
    if current is not None and template_name == "404.html":
        prefix = language_prefix(_language(config))
        pages = [(f"{prefix}404.html", output)] if prefix else []
        if current.problems and current.error_page is not None and current.env is not None:
            context, ctx = current.error_page
            template = current.env.get_template(template_name)
            pages += [(path, template.render({**context, "kb": view}))
                      for path, view in current.kb.unbuilt_record_views(current.problems, ctx)]
        for path, html in pages:
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, "utf-8")
    return output


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if current is None:
        return context
    kb = current.kb

    @cache  # a list repeats its theme's link for each of its records
    def site_link(target: str) -> str:
        href = get_relative_url(target or ".", page.url or ".")
        return href + "/" if (not target or target.endswith("/")) and not href.endswith("/") else href

    lang = _language(config)
    edit_base = str(config.extra.get("kb_edit_base") or "")
    ctx = kb.context(lang, site_link, config.site_url, edit_base, _publisher(config))
    context["t"] = kb.labels[lang].t
    context["kb_lang"] = lang
    context["kb_languages"] = LANGUAGE_FACTS  # name, direction, digits, font… of every language
    context["kb_search"] = kb.search_config(ctx)
    context["kb_feed"] = kb.feed_link(ctx)  # the language's Atom feed, for the <head>
    context["kb_build_errors"] = current.errors
    context["kb_footer"] = kb.footer(ctx)  # publisher, edition, licence, accessibility and privacy
    context["kb_hreflang"] = head_alternates(config.site_url, page.url.removeprefix(language_prefix(lang)))
    meta = page.meta.get("kb")
    if isinstance(meta, dict):
        kind, key = meta["kind"], str(meta.get("key", ""))
        context["kb"] = kb.view(kind, key, ctx)
        source = kb.source_of(kind, key)
        if source is None:  # a hand-written page: its Markdown file
            source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        context["kb_edit"] = ctx.edit_url(source) if source else ""
    return context


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Hand-written pages are typeset as their language sets text, as generated ones are."""
    return typeset_markdown(markdown, _language(config))


def on_post_page(output: str, page: Any, config: Any) -> str:
    if current is not None and current.artifacts is not None:
        current.artifacts.release()  # the search workers stop as soon as their files are made
    return output


@event_priority(-50)  # after a language's pages, before static-i18n builds the next languages (-100)
def on_post_build(config: Any) -> None:
    if current is None or not current.languages.main:
        return
    lang, site_dir = _language(config), Path(config.site_dir)
    if not _i18n_building(config):  # every language's build rewrites these; the default's are kept
        current.root_pages = {name: (site_dir / name).read_bytes()
                              for name in ("404.html", "sitemap.xml") if (site_dir / name).exists()}
    if lang in current.languages.here and current.pdfs is not None:
        current.pdfs.queue(site_dir, lang)
    if lang == _built_languages(config)[-1]:
        _finish(current, config)


def on_build_error(error: Exception) -> None:
    global current
    if current is not None:
        current.close()
        current = None


def _finish(build: _Build, config: Any) -> None:
    """Once this process has built its languages: the other languages, then the shared files."""
    site_dir = Path(config.site_dir)  # static-i18n keeps it the site root and prefixes the pages
    assert build.artifacts is not None
    for lang in build.languages.join(site_dir):
        if build.pdfs is not None:
            build.pdfs.queue(site_dir, lang)
    build.artifacts.write(site_dir)
    build.kb.write_open_data(site_dir, config.site_url)
    build.kb.write_feeds(site_dir, config.site_url, str(config.extra.get("kb_edit_base") or ""), _publisher(config))
    build.kb.write_citations(site_dir, config.site_url, _publisher(config))
    if "404.html" in build.root_pages:
        (site_dir / "404.html").write_bytes(build.root_pages["404.html"])
    files: dict[str, str] | None = None
    if build.render_again is not None and session is not None:  # a dirty build saw only the pages it renders
        files = session.sitemaps  # the same pages as after the last full build: no record added or removed
    elif "sitemap.xml" in build.root_pages:
        files = sitemaps(build.root_pages["sitemap.xml"].decode("utf-8"), config.site_url, LANGUAGES,
                         SOURCE_LANGUAGE, NOT_INDEXED)
        if session is not None:
            session.sitemaps = files
    (site_dir / "robots.txt").write_text(robots_txt(config.site_url), "utf-8")
    if files:
        for name, xml in files.items():
            (site_dir / name).write_text(xml, "utf-8")
        with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
            gz.write(files["sitemap.xml"].encode("utf-8"))
    if build.pdfs is None:  # KB_PDF=0, or an edit under `serve --dirty`: the PDFs stay as they are
        return
    try:
        written, cached = build.pdfs.finish()
    except Exception as exc:
        raise PluginError(f"a PDF could not be made: {exc}") from exc
    log.info(f"PDFs: {len(written)}, {cached} unchanged (from {CACHE_DIR}/), {len(written) - cached} rendered")
