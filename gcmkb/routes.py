"""Where every page lives, relative to its language's root (language-neutral paths)."""

from __future__ import annotations

from dataclasses import dataclass

from . import LANGUAGES
from .languages import language


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
    return language(lang).prefix


SEARCH_PAGE = "search/"
EMBED_GUIDE = "data/#embed"  # the data page's section on embedding: the frame's options, framing
BRIEF_PAGE = "brief/"  # the brief composer: brief/?ids=r05,r16&langs=ar,en
# the ids a brief may hold (and the retired ones, with their replacements): what the header counts
BRIEF_IDS = "assets/brief/ids.json"


def search_index(lang: str) -> str:
    """The prebuilt index of a language, relative to the site root (not the language root)."""
    return f"assets/search/{lang}.json"


def interface_labels(lang: str) -> str:
    """The labels the scripts of a language's pages show (search, brief), relative to the site root:
    one file per language, fetched once and cached, rather than in every page."""
    return f"assets/i18n/{lang}.json"


def recommendation(rid: str) -> str:
    return f"recommendations/{rid}/"


def theme(tid: str) -> str:
    return f"themes/{tid}/"


def source(sid: str = "") -> str:
    """A source document's page, or the list of them."""
    return f"sources/{sid}/" if sid else "sources/"


def practice(pid: str = "") -> str:
    """A practice's page, or the list of them."""
    return f"practices/{pid}/" if pid else "practices/"


def country(code: str) -> str:
    """The page of a country that has practices (its ISO code in lower case: countries/gh/)."""
    return f"countries/{code.lower()}/"


def parallel(tid: str) -> str:
    return f"themes/{tid}/parallel/"


def embed(kind: str, key: str) -> str:
    """Chrome-less page of a recommendation or a theme, for other sites' iframes."""
    return f"embed/{kind}/{key}/"


def printable(theme_id: str) -> str:
    """The printable document of one theme."""
    return f"print/{theme_id}/"


def source_printable(source_id: str) -> str:
    """The printable document of one source document: its recommendations, in its order. Printable
    documents follow documents, not the collection, so their size grows with a document. Under
    print/, as every printable page, out of the sitemaps."""
    return f"print/sources/{source_id}/"


def pdf(lang: str, theme_id: str) -> str:
    """A theme's PDF, relative to the site root; written by the build (cached in .cache/pdf/)."""
    return f"pdf/{lang}/{theme_id}.pdf"


def source_pdf(lang: str, source_id: str) -> str:
    """A source document's PDF, relative to the site root."""
    return f"pdf/{lang}/sources/{source_id}.pdf"


def glossary(term_id: str = "") -> str:
    """The glossary of a language, or one term's page."""
    return f"glossary/{term_id}/" if term_id else "glossary/"


def entry(kind: str, eid: str) -> str:
    return f"{kind}/{eid}/"


ALL_LANGUAGES = LANGUAGES
