"""MkDocs adapter: maps build events onto the gcmkb core; the logic lives in the core.

- on_pre_build (once per build, not per language): load and validate the collection; a bad
  record stops the build with the validator's `path:line:` messages before anything is written;
  write the page sources; start the search indexes on spare cores.
- on_files (per language): start the processes that build other languages (kb_languages.py)
  and leave out of this process's builds what they write.
- on_page_context (per page and language): hand the template its ready view data (gcmkb/build.py:
  one SiteBuild per build, the core's face to this adapter).
- on_post_build (per language): its printable pages are written, so its PDFs go to the PDF
  workers (gcmkb/pdf.py, cached in .cache/pdf/); after the last language, move the other
  processes' languages in, write the shared files (indexes, open data, sitemaps), wait for the PDFs.
- on_env / on_serve: autoescape our templates, share their compiled code between languages and read
  view fields directly (kb_templates.py);
  keep `serve` from watching the generated sources (one rebuild per record edit, not two).
- `mkdocs serve --dirty`: an edit renders again only the pages that read what changed (gcmkb/site.py
  EditSession says which; on_files ages their outputs); on_nav reads the navigation's pages that a
  dirty build leaves unread.
- KB_PDF=0 leaves the PDFs out (the benchmark's page builds).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kb_languages import (
    LANGUAGES_ENV,
    LanguageProcesses,
    built_languages,
    current_language,
    declare_languages,
    i18n_building,
)
from kb_templates import prepare
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

from gcmkb import LANGUAGES
from gcmkb.build import Builds, Settings, SiteBuild, layout_state, navigation_sources
from gcmkb.problems import CollectionError
from gcmkb.publishing import PUBLISHER_SETTING, edit_base_notice, publisher_problem, site_url_problem
from gcmkb.routes import language_prefix
from gcmkb.site import EditSession
from gcmkb.typography import typeset_front_matter, typeset_markdown

log = get_plugin_logger("kb")
console = logging.getLogger("kb.serve")  # outside "mkdocs.": not counted by --strict, serve must go on

builds = Builds()  # this process's builds (under serve: the last good collection, the edit session)
current: SiteBuild | None = None  # the build under way
languages: LanguageProcesses | None = None  # which languages it renders here, and the processes of the others
error_page: dict[str, Any] = {}  # this build's Jinja environment and its error page's context (on_post_template)


def _settings(config: Any) -> Settings:
    return Settings(config.site_url, str(config.extra.get("kb_edit_base") or ""), _publisher(config))


def _publisher(config: Any) -> object:
    """Who publishes the site (mkdocs.yml, or KB_PUBLISHER through its !ENV tag)."""
    return config.extra.get(PUBLISHER_SETTING.removeprefix("extra."))


def _not_the_dirty_warning(record: logging.LogRecord) -> bool:
    """`serve --dirty`: MkDocs' warning that dirty builds may leave navigation stale does not apply
    (the navigation's pages are read in on_nav) and would fail every strict build."""
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool) -> None:
    global builds
    serving = command == "serve"
    builds = Builds(serving, EditSession() if serving and dirty else None)
    if builds.session is not None:
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)


def on_shutdown() -> None:
    _close()
    builds.close()


def _close() -> None:
    global current, languages
    for running in (current, languages):
        if running is not None:
            running.close()
    current = languages = None


@event_priority(100)  # before static-i18n derives its links from site_url
def on_config(config: Any) -> Any:
    declare_languages(config)
    LanguageProcesses.configure(config)
    problem = site_url_problem(config.site_url) or publisher_problem(_publisher(config), LANGUAGES)
    if problem:
        raise PluginError(problem)
    return config


def on_pre_build(config: Any) -> None:
    global current, languages
    if i18n_building(config):
        return  # per-language rebuilds reuse the records parsed once for this build
    notice = None if builds.serving else edit_base_notice(config.extra.get("kb_edit_base"))
    if notice and not os.environ.get(LANGUAGES_ENV):  # said once, by the main process
        log.info(notice)
    _close()  # a build that failed half-way left it running
    error_page.clear()
    try:
        kb, errors, report = builds.load(Path(config.config_file_path).parent)
    except CollectionError as exc:
        raise PluginError("the collection has errors:\n" + exc.report()) from None
    if errors:
        console.error("the collection has errors; serving the last good version:\n%s", report)
    session = builds.session
    # the last good collection is in this process only: its languages are all built here
    languages = (LanguageProcesses(built_languages(config), []) if errors or session is not None
                 else LanguageProcesses.for_build(built_languages(config)))
    pdfs = os.environ.get("KB_PDF") != "0" and (session is None or session.previous is None)
    render_again: set[str] | None = None
    if session is not None and languages.main:
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        render_again = builds.pages_to_render(kb, Path(config.docs_dir), errors, layout_state(custom_dir))
        log.info(f"pages to render again: {'all' if render_again is None else len(render_again)} sources")
    if languages.main:
        kb.write_sources(Path(config.docs_dir), render_again)
    current = SiteBuild(kb, _settings(config), errors, languages.main, pdfs, session, render_again)
    if session is not None and languages.main:  # docs/ keeps only what this build reads
        session.keep_sources(Path(config.docs_dir), current.sources_to_read(_nav_sources(config.nav)))
    builds.last_errors = errors


# Material's assets that no page of ours loads: its script (overrides/main.html says why; kb.js does
# what we used of it), its lunr language packs and search worker (the search is our own,
# assets/search/) and the source maps; 2.6 MB nobody downloads, left unpublished.
UNUSED_THEME_ASSETS = ("assets/javascripts/",)


@event_priority(50)  # before static-i18n makes a language's file of every page source
def _leave_out_unchanged_pages(files: Any, config: Any) -> Any:
    """A dirty build after an edit needs only the pages it renders again, and the navigation's:
    the others (their outputs stay as they are) are left out before static-i18n and MkDocs spend
    time on each of them. No page links to another through Markdown (links are the views')."""
    keep = current.sources_to_read(_nav_sources(config.nav)) if current is not None else None
    if keep is not None:
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
    if current is not None and languages is not None:
        if languages.main and not i18n_building(config):
            languages.start(config)  # now: MkDocs has just emptied the site folder
        languages.exclude_others(files, current_language(config))
        if builds.session is not None:
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
    """Autoescape, compiled templates shared, a view's fields read directly (kb_templates.py)."""
    env = prepare(env, Path(config.config_file_path).parent)
    error_page["env"] = env  # the error page is rendered again at new records' addresses (on_post_template)
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
    if current is not None and template_name == "404.html":
        context.update(current.error_page_context(current_language(config), urlsplit(config.site_url).path))
        error_page["context"] = context
    return context


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Each language's error page is also written as <prefix>404.html; the root one stays the default's.
    Under `serve`, a new record that never validated gets the error page at its address, saying
    what is wrong with it (not "not found")."""
    if current is not None and template_name == "404.html":
        lang = current_language(config)
        prefix = language_prefix(lang)
        pages = [(f"{prefix}404.html", output)] if prefix else []
        unbuilt = current.unbuilt_record_pages(lang, urlsplit(config.site_url).path)
        if unbuilt and "context" in error_page and "env" in error_page:
            template = error_page["env"].get_template(template_name)
            pages += [(path, template.render({**error_page["context"], "kb": view})) for path, view in unbuilt]
        for path, html in pages:
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, "utf-8")
    return output


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    if current is None:
        return context

    @cache  # a list repeats its theme's link for each of its records
    def site_link(target: str) -> str:
        href = get_relative_url(target or ".", page.url or ".")
        return href + "/" if (not target or target.endswith("/")) and not href.endswith("/") else href

    hand_written = f"{Path(config.docs_dir).name}/{page.file.src_uri}"  # its Markdown file, to edit
    lang = current_language(config)
    context.update(current.page_context(lang, site_link, page.url, page.meta.get("kb"), hand_written))
    return context


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Hand-written pages are typeset as their language sets text, as generated ones are: their
    text and the description of their front matter (the page's meta description)."""
    lang = current_language(config)
    page.meta.update(typeset_front_matter(page.meta, lang))
    return typeset_markdown(markdown, lang)


def on_post_page(output: str, page: Any, config: Any) -> str:
    if current is not None and current.artifacts is not None:
        current.artifacts.release()  # the search workers stop as soon as their files are made
    return output


@event_priority(-50)  # after a language's pages, before static-i18n builds the next languages (-100)
def on_post_build(config: Any) -> None:
    if current is None or languages is None or not languages.main:
        return
    lang, site_dir = current_language(config), Path(config.site_dir)  # static-i18n keeps site_dir the root
    current.language_written(site_dir, lang, not i18n_building(config), lang in languages.here)
    if lang == built_languages(config)[-1]:
        current.finish(site_dir, languages.join(site_dir))
        try:
            done = current.finish_pdfs()
        except Exception as exc:
            raise PluginError(f"a PDF could not be made: {exc}") from exc
        if done:
            log.info(done)
        if builds.session is not None and current.render_again is None:  # an edit writes the sources it reads
            builds.session.keep_sources(Path(config.docs_dir), navigation_sources(_nav_sources(config.nav)))


def on_build_error(error: Exception) -> None:
    _close()
