"""Page sources: one small Markdown file per page and language, for the static-i18n layout.

A generated file carries only front matter: which template renders it and which record it
shows. The template gets its content from the view data, so no markup is written here.
Files are written only when their content changed, and files generated earlier but no longer
wanted are deleted, so that `mkdocs serve` settles instead of looping.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import LANGUAGES, SOURCE_LANGUAGE
from .labels import Labels
from .model import Catalog
from .pagekinds import generated_pages, page_meta
from .routes import PageRef

MANIFEST = ".generated-pages"


def source_name(stem: str, lang: str) -> str:
    return f"{stem}.md" if lang == SOURCE_LANGUAGE else f"{stem}.{lang}.md"


def render_source(page: PageRef, catalog: Catalog, labels: Labels) -> str:
    meta = page_meta(page, catalog, labels)
    # JSON is YAML, and writes thousands of front matters several times faster than yaml.dump
    return "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n"


def page_sources(catalog: Catalog, labels: dict[str, Labels], only: set[str] | None = None) -> dict[str, str]:
    """Relative file name -> content, for every generated page in every language (or those named)."""
    named = ((source_name(page.stem, lang), page, lang) for page in generated_pages(catalog) for lang in LANGUAGES)
    return {name: render_source(page, catalog, labels[lang]) for name, page, lang in named
            if only is None or name in only}


def sync_sources(docs_dir: Path, sources: dict[str, str], partial: bool = False) -> list[str]:
    """Write changed sources, delete stale ones; return the names that changed. `partial`:
    `sources` are some of the pages (the others stay as they are)."""
    if partial:
        return [name for name, content in sources.items() if _write_if_changed(docs_dir / name, content)]
    manifest = docs_dir / MANIFEST
    previous = set(manifest.read_text("utf-8").split()) if manifest.exists() else set()
    changed = []
    for name, content in sources.items():
        if _write_if_changed(docs_dir / name, content):
            changed.append(name)
    for name in sorted(previous - set(sources)):
        stale = docs_dir / name
        if stale.exists():
            stale.unlink()
            changed.append(name)
    wanted = "\n".join(sorted(sources)) + "\n"
    if not manifest.exists() or manifest.read_text("utf-8") != wanted:
        manifest.write_text(wanted, "utf-8")
    return changed


def generated_names(docs_dir: Path) -> set[str]:
    """The sources the last full build generated (its manifest), relative to docs/."""
    manifest = docs_dir / MANIFEST
    return set(manifest.read_text("utf-8").split()) if manifest.exists() else set()


def _write_if_changed(target: Path, content: str) -> bool:
    if target.exists() and target.read_text("utf-8") == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, "utf-8")
    return True
