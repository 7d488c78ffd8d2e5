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
from .routes import PageRef, generated_pages
from .textview import plain

MANIFEST = ".generated-pages"


def source_name(stem: str, lang: str) -> str:
    return f"{stem}.md" if lang == SOURCE_LANGUAGE else f"{stem}.{lang}.md"


def page_title(page: PageRef, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    """(title, meta description) of a page in one language."""
    lang = labels.lang
    site = labels.t("site_name")
    if page.kind == "recommendation":
        rec = catalog.recommendation(page.key)
        text = plain(" ".join(rec.text.paragraphs(lang)))
        return rec.title.get(lang), _clip(text)
    if page.kind == "redirect":
        return page_title(PageRef("recommendation", catalog.redirects[page.key], ""), catalog, labels)
    if page.kind == "embed-recommendation":
        return page_title(PageRef("recommendation", page.key, ""), catalog, labels)
    if page.kind in ("embed-theme", "print") and page.key:
        return page_title(PageRef("theme", page.key, ""), catalog, labels)
    if page.kind == "print":
        return labels.t("all_recommendations"), labels.t("document_title")
    if page.kind in ("theme", "parallel"):
        theme = catalog.theme(page.key)
        title = theme.title.get(lang)
        if page.kind == "parallel":
            return f"{labels.t('parallel_view_short')}: {title}", labels.t("parallel_intro")
        return title, _clip(theme.description.get(lang))
    if page.kind in catalog.taxonomies:
        entry = catalog.entry(page.kind, page.key)
        label = entry.label.get(lang)
        if page.kind == "objectives":
            label = f"{labels.t('objective_number', number=int(entry.id))}: {label}"
        return label, _clip(entry.description.get(lang) if entry.description else f"{label}. {site}")
    heading = {"themes": "themes", "recommendations": "all_recommendations", "search": "search_page",
               "status": "status_page"}.get(
        page.kind, page.kind.removeprefix("index:"))
    return labels.t(heading), f"{labels.t(heading)}. {site}"


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def template_name(kind: str) -> str:
    if kind.startswith("index:"):
        return "entries"
    if kind.startswith("embed-"):
        return "embed"
    return "entry" if kind in ("objectives", "actors", "topics") else kind


def render_source(page: PageRef, catalog: Catalog, labels: Labels) -> str:
    title, description = page_title(page, catalog, labels)
    meta = {"title": title, "description": description,
            "template": f"kb/{template_name(page.kind)}.html",
            "kb": {"kind": page.kind, "key": page.key}}
    if page.kind == "parallel":
        meta["hide"] = ["navigation", "toc"]  # the columns need the full width
    # JSON is YAML, and writes thousands of front matters several times faster than yaml.dump
    return "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n"


def page_sources(catalog: Catalog, labels: dict[str, Labels]) -> dict[str, str]:
    """Relative file name -> content, for every generated page in every language."""
    return {source_name(page.stem, lang): render_source(page, catalog, labels[lang])
            for page in generated_pages(catalog) for lang in LANGUAGES}


def sync_sources(docs_dir: Path, sources: dict[str, str]) -> list[str]:
    """Write changed sources, delete stale ones; return the names that changed."""
    manifest = docs_dir / MANIFEST
    previous = set(manifest.read_text("utf-8").split()) if manifest.exists() else set()
    changed = []
    for name, content in sources.items():
        target = docs_dir / name
        if not target.exists() or target.read_text("utf-8") != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, "utf-8")
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
