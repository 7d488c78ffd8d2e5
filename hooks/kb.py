"""MkDocs adapter: maps build events onto the gcmkb core; the logic lives in the core.

- on_pre_build (once per build, not per language): load and validate the collection; a bad
  record stops the build with the validator's `path:line:` messages before anything is written;
  write the page sources; start the search indexes on spare cores.
- on_page_context (per page and language): hand the template its ready view data.
- on_post_build: after the default language, hand the other languages to spare cores
  (kb_languages.py); once all are built, write the shared files (indexes, open data, sitemaps).
- on_env / on_serve: autoescape our templates and share their compiled code between languages;
  keep `serve` from watching the generated sources (one rebuild per record edit, not two).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from kb_languages import LanguageWorkers
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from gcmkb import LANGUAGES, SOURCE_LANGUAGE
from gcmkb.artifacts import Artifacts
from gcmkb.problems import CollectionError
from gcmkb.routes import NOT_INDEXED
from gcmkb.site import KnowledgeBase
from gcmkb.sitemaps import sitemaps


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled templates in memory, for every build of this process."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _Build:
    """The knowledge base of the current build; replaced, never accumulated, on each build."""

    current: KnowledgeBase | None = None
    artifacts: Artifacts | None = None
    workers: LanguageWorkers | None = None
    finish_after: str | None = None  # the language after whose build this process finishes
    root_pages: dict[str, bytes] = {}  # what the default language's build wrote at the root
    templates = _TemplateCache()


def _i18n_building(config: Any) -> bool:
    plugin = config.plugins.get("i18n")
    return bool(plugin and plugin.building)


def _language(config: Any) -> str:
    plugin = config.plugins.get("i18n")
    return str(plugin.current_language) if plugin else SOURCE_LANGUAGE


def on_pre_build(config: Any) -> None:
    if _i18n_building(config):
        return  # per-language rebuilds reuse the records parsed once for this build
    root = Path(config.config_file_path).parent
    try:
        _Build.current = KnowledgeBase.load(root)
    except CollectionError as exc:
        _Build.current = None
        raise PluginError("the collection has errors:\n" + exc.report()) from None
    _Build.current.write_sources(Path(config.docs_dir))
    if _Build.artifacts is not None:
        _Build.artifacts.close()  # a build that failed half-way left it running
    _Build.artifacts = _Build.current.start_artifacts()


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Our templates (overrides/kb/) autoescape; Material's own keep their setting. Compiled
    templates are shared by the languages' builds (each builds a new environment); Jinja checks
    each template's source checksum, so an edited template is compiled again."""
    env.autoescape = lambda name: bool(name) and name.startswith("kb/")
    env.bytecode_cache = _Build.templates
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Generated page sources change with every record edit; watching them made `serve` build
    twice per edit. Hand-written pages sit at the top of docs/, assets under docs/assets/."""
    docs = str(config.docs_dir)
    server.unwatch(docs)
    server.watch(docs, recursive=False)
    server.watch(str(Path(docs) / "assets"))
    return server


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    kb = _Build.current
    if kb is None:
        return context

    def site_link(target: str) -> str:
        href = get_relative_url(target or ".", page.url or ".")
        return href + "/" if (not target or target.endswith("/")) and not href.endswith("/") else href

    lang = _language(config)
    edit_base = str(config.extra.get("kb_edit_base") or "")
    ctx = kb.context(lang, site_link, config.site_url, edit_base)
    context["t"] = kb.labels[lang].t
    context["kb_lang"] = lang
    context["kb_search"] = kb.search_config(ctx)
    meta = page.meta.get("kb")
    if isinstance(meta, dict):
        kind, key = meta["kind"], str(meta.get("key", ""))
        context["kb"] = kb.view(kind, key, ctx)
        source = kb.source_of(kind, key)
        if source is None:  # a hand-written page: its Markdown file
            source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        context["kb_edit"] = ctx.edit_url(source) if source else ""
    return context


@event_priority(-50)  # after a language's pages, before static-i18n builds the next languages (-100)
def on_post_build(config: Any) -> None:
    if _Build.current is None:
        return
    plugin = config.plugins.get("i18n")
    if not _i18n_building(config):  # the default language is built: hand languages to spare cores
        # every language's build rewrites these at the root; the default language's are kept
        _Build.root_pages = {name: (Path(config.site_dir) / name).read_bytes()
                             for name in ("404.html", "sitemap.xml") if (Path(config.site_dir) / name).exists()}
        _Build.workers = LanguageWorkers()
        mine = _Build.workers.start(config, plugin) if plugin else []
        _Build.finish_after = mine[-1] if mine else None
        if not mine:
            _finish(config)
    elif _language(config) == _Build.finish_after:
        _finish(config)


def _finish(config: Any) -> None:
    """Once every language is built: wait for the other processes, then the shared files."""
    if _Build.workers is not None:
        _Build.workers.join()
    root_dir = Path(config.site_dir)  # static-i18n keeps it the site root and prefixes the pages
    if _Build.artifacts is not None:
        _Build.artifacts.write(root_dir)
        _Build.artifacts = None
    assert _Build.current is not None
    _Build.current.write_open_data(root_dir, config.site_url)
    if "404.html" in _Build.root_pages:
        (root_dir / "404.html").write_bytes(_Build.root_pages["404.html"])
    if "sitemap.xml" in _Build.root_pages:
        files = sitemaps(_Build.root_pages["sitemap.xml"].decode("utf-8"), config.site_url, LANGUAGES,
                         SOURCE_LANGUAGE, NOT_INDEXED)
        for name, xml in files.items():
            (root_dir / name).write_text(xml, "utf-8")
        with gzip.GzipFile(root_dir / "sitemap.xml.gz", "wb", mtime=0) as gz:
            gz.write(files["sitemap.xml"].encode("utf-8"))
