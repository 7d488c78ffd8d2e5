"""Where every page lives, relative to its language's root (language-neutral paths)."""

from __future__ import annotations

from dataclasses import dataclass

from . import LANGUAGES, SOURCE_LANGUAGE
from .model import Catalog


@dataclass(frozen=True)
class PageRef:
    """A page the core generates: its kind, the record it shows, and its path."""

    kind: str
    key: str
    path: str  # e.g. "recommendations/r07/"; "" is the language's home

    @property
    def stem(self) -> str:
        """The Markdown source file, without language suffix, relative to docs/."""
        inner = self.path.rstrip("/")
        return f"{inner}/index" if "/" not in inner else inner


def language_prefix(lang: str) -> str:
    return "" if lang == SOURCE_LANGUAGE else f"{lang}/"


SEARCH_PAGE = "search/"


def search_index(lang: str) -> str:
    """The prebuilt index of a language, relative to the site root (not the language root)."""
    return f"assets/search/{lang}.json"


def recommendation(rid: str) -> str:
    return f"recommendations/{rid}/"


def theme(tid: str) -> str:
    return f"themes/{tid}/"


def parallel(tid: str) -> str:
    return f"themes/{tid}/parallel/"


def embed(kind: str, key: str) -> str:
    """Chrome-less page of a recommendation or a theme, for other sites' iframes."""
    return f"embed/{kind}/{key}/"


def printable(theme_id: str = "") -> str:
    """The printable document of one theme, or of the whole collection."""
    return f"print/{theme_id}/" if theme_id else "print/"


def pdf(lang: str, theme_id: str = "") -> str:
    """A PDF, relative to the site root; written by `python -m gcmkb pdf`."""
    return f"pdf/{lang}/{theme_id or 'all'}.pdf"


NOT_INDEXED = ("embed/", "print/")  # out of the sitemaps, marked noindex


def entry(kind: str, eid: str) -> str:
    return f"{kind}/{eid}/"


def generated_pages(catalog: Catalog) -> list[PageRef]:
    """Every generated page, in a stable order (home and about are written by hand)."""
    pages = [PageRef("themes", "", "themes/"), PageRef("recommendations", "", "recommendations/"),
             PageRef("search", "", SEARCH_PAGE), PageRef("status", "", "status/")]
    pages += [PageRef("theme", t.id, theme(t.id)) for t in catalog.themes]
    pages += [PageRef("parallel", t.id, parallel(t.id)) for t in catalog.themes]
    pages += [PageRef("recommendation", r.id, recommendation(r.id)) for r in catalog.recommendations]
    pages += [PageRef("redirect", old, recommendation(old)) for old in sorted(catalog.redirects)]
    pages.append(PageRef("print", "", printable()))
    pages += [PageRef("print", t.id, printable(t.id)) for t in catalog.themes]
    pages += [PageRef("embed-theme", t.id, embed("themes", t.id)) for t in catalog.themes]
    pages += [PageRef("embed-recommendation", r.id, embed("recommendations", r.id)) for r in catalog.recommendations]
    for kind, entries in sorted(catalog.taxonomies.items()):
        pages.append(PageRef("index:" + kind, "", f"{kind}/"))
        pages += [PageRef(kind, e.id, entry(kind, e.id)) for e in entries]
    return pages


ALL_LANGUAGES = LANGUAGES
