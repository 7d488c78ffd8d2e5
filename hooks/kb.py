"""MkDocs adapter: maps build events onto the gcmkb core. No logic of its own.

- on_pre_build (once per build, not per language): load and validate the collection; a bad
  record stops the build with the validator's `path:line:` messages; write page sources.
- on_page_context (per page and language): hand the template its ready view data.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from gcmkb import LANGUAGES, SOURCE_LANGUAGE
from gcmkb.problems import CollectionError
from gcmkb.routes import NOT_INDEXED
from gcmkb.site import KnowledgeBase
from gcmkb.sitemaps import language_sitemap, without_paths


class _Build:
    """The knowledge base of the current build; replaced, never accumulated, on each build."""

    current: KnowledgeBase | None = None


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


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Our templates (overrides/kb/) autoescape; Material's own keep their setting."""
    env.autoescape = lambda name: bool(name) and name.startswith("kb/")
    return env


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


@event_priority(-200)  # after static-i18n has built every language
def on_post_build(config: Any) -> None:
    if _i18n_building(config) or _Build.current is None:
        return
    site = Path(config.site_dir)
    _Build.current.write_search_indexes(site)
    _Build.current.write_open_data(site, config.site_url)
    root_sitemap = site / "sitemap.xml"
    if root_sitemap.exists():
        indexed = without_paths(root_sitemap.read_text("utf-8"), config.site_url, NOT_INDEXED)
        root_sitemap.write_text(indexed, "utf-8")
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as gz:
            gz.write(indexed.encode("utf-8"))
        for lang in LANGUAGES:
            if lang != SOURCE_LANGUAGE:
                (site / lang / "sitemap.xml").write_text(language_sitemap(indexed, lang), "utf-8")
