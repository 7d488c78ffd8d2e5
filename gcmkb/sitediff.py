"""Which pages of a built site a change touches: two builds (a pull request's base and its head)
compared page by page, after masking what differs between any two builds for no reader's reason.

Only pages (`*.html`) are compared: the data, the search files and the PDFs follow from the same
records, and a reviewer reads pages. A change to a template changes every page: it is reported as
such, since every reader sees it.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

from . import SOURCE_LANGUAGE
from .languages import REGISTRY

# What two builds of the same records write differently on pages, with why a reader does not care:
# (reason, pattern, what its matches become) before pages are compared.
VOLATILE: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # the edition in every footer and printed colophon: the commit's date or release tag, and its state
    ("edition", re.compile(r"(<[a-z0-9]+)[^>]*\bdata-kb-edition\b[^>]*>[^<]*"), r"\1 data-kb-edition>"),
    # full commit ids (the edition's commit, links to commits)
    ("commit id", re.compile(r"\b[0-9a-f]{40}\b"), "COMMIT"),
    # fingerprints in asset file names (Material's main.57a0d79d.min.css, hashed search files)
    ("asset hash", re.compile(r"(assets/[^\"'\s<>?#]*?)\.[0-9a-f]{8,}(?=[./\"'\s?#])"), r"\1"),
    # cache-busting queries on assets (?v=…, ?h=…)
    ("asset query", re.compile(r"(assets/[^\"'\s<>?#]+)\?[^\"'\s<>#]*"), r"\1"),
)

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
TITLE_SEPARATOR = " - "  # Material's "<page> - <site name>": the report names the page


@dataclass(frozen=True, order=True)
class PageChange:
    """A page that a reader sees differently: its language, its address in the site, its title."""

    lang: str
    path: str   # site-relative address: "" is the home, "en/recommendations/r01/" a page
    file: str   # the HTML file, relative to the site: "en/recommendations/r01/index.html"
    title: str


@dataclass(frozen=True)
class SiteChanges:
    added: tuple[PageChange, ...]
    removed: tuple[PageChange, ...]
    changed: tuple[PageChange, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    @property
    def shown(self) -> tuple[PageChange, ...]:
        """The pages a reviewer can look at in the new build: added ones, then changed ones."""
        return tuple(sorted(self.added + self.changed))


def reader_content(page: str) -> str:
    """A page's HTML with what changes between builds for no reader's reason masked (VOLATILE)."""
    for _, pattern, replacement in VOLATILE:
        page = pattern.sub(replacement, page)
    return page


def page_language(file: str) -> str:
    """The language of a page from its place in the site (the source language at the root)."""
    for lang in REGISTRY:
        if lang.prefix and file.startswith(lang.prefix):
            return lang.code
    return SOURCE_LANGUAGE


def _pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}


def _change(file: str, text: str) -> PageChange:
    title = TITLE.search(text)
    path = file.removesuffix("index.html") if file == "index.html" or file.endswith("/index.html") else file
    name = html.unescape(title.group(1)).strip() if title else ""
    return PageChange(page_language(file), path, file, name.rpartition(TITLE_SEPARATOR)[0] or name)


def _digest(text: str) -> str:
    return hashlib.sha256(reader_content(text).encode("utf-8")).hexdigest()


def compare_sites(base: Path, head: Path) -> SiteChanges:
    """The pages added, removed and changed from the build `base` to the build `head`."""
    before, after = _pages(base), _pages(head)
    added, removed, changed = [], [], []
    for file in sorted(after.keys() - before.keys()):
        added.append(_change(file, after[file].read_text("utf-8")))
    for file in sorted(before.keys() - after.keys()):
        removed.append(_change(file, before[file].read_text("utf-8")))
    for file in sorted(after.keys() & before.keys()):
        new = after[file].read_text("utf-8")
        if new != (old := before[file].read_text("utf-8")) and _digest(new) != _digest(old):
            changed.append(_change(file, new))
    return SiteChanges(tuple(sorted(added)), tuple(sorted(removed)), tuple(sorted(changed)))
