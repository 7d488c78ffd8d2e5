"""Every kind of page, declared once: where its pages live, which template and view render them,
their title, the record an editor changes, and whether search engines see them.

Routes, page sources, view data, edit links and sitemaps all read this registry; adding a kind
of page is one entry here, a view and a template.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import countries, routes
from .brief import BRIEF_PAGE, brief_view
from .citations import with_citations
from .colophon import with_colophon
from .glossary import glossary_view, term_view
from .history_views import WHATS_NEW, whats_new_view, with_history
from .labels import Labels
from .layout import TAXONOMY_KINDS
from .model import Catalog
from .paging import list_limit, page_count, page_key, page_number, page_path
from .routes import PageRef
from .textview import plain
from .typography import typeset
from .viewcontext import View, ViewContext
from .views import VIEWS

Title = Callable[[str, Catalog, Labels], tuple[str, str]]  # key -> (title, meta description)
Pages = Callable[[Catalog], Iterable[tuple[str, str]]]     # -> (key, path) of every page
Source = Callable[[Catalog, str], str | None]              # key -> record file ("" many, None by hand)


@dataclass(frozen=True)
class PageKind:
    name: str
    view: Callable[[str, ViewContext], View]
    template: str = ""                  # overrides/kb/<template>.html; "" for pages written by hand
    title: Title | None = None          # None: the hand-written page has its own
    pages: Pages | None = None          # None: written by hand in docs/
    source: Source = lambda catalog, key: ""
    section: str = ""                   # the first path segment its pages share
    indexed: bool = True                # in the sitemaps, open to search engines
    full_width: bool = False            # no navigation or table of contents beside it


def _clip(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _fixed(label: str) -> Title:
    def title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
        return labels.t(label), f"{labels.t(label)}. {labels.t('site_name')}"
    return title


def _one(path: str) -> Pages:
    return lambda catalog: [("", path)]


def _recommendation_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    rec = catalog.recommendation(key)
    return rec.title.get(labels.lang), _clip(plain(" ".join(rec.text.paragraphs(labels.lang))))


def _paged(base: str) -> Pages:
    """A table of every recommendation, split into pages of `list_limit()` rows: base, base/page/2/…"""
    def pages(catalog: Catalog) -> list[tuple[str, str]]:
        count = page_count(len(catalog.recommendations), list_limit())
        return [(page_key(n), page_path(base, n)) for n in range(1, count + 1)]
    return pages


def _paged_title(label: str) -> Title:
    def title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
        text, description = _fixed(label)(key, catalog, labels)
        if not key:
            return text, description
        pages = page_count(len(catalog.recommendations), list_limit())
        return f"{text} ({labels.t('page_of', page=page_number(key), pages=pages)})", description
    return title


def _theme_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    theme = catalog.theme(key)
    return theme.title.get(labels.lang), _clip(theme.description.get(labels.lang))


def _parallel_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    return labels.t("parallel_title", title=_theme_title(key, catalog, labels)[0]), labels.t("parallel_intro")


def _entry_title(kind: str) -> Title:
    def title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
        entry = catalog.entry(kind, key)
        label = entry.label.get(labels.lang)
        if entry.number is not None:
            label = labels.t("objective_heading", number=entry.number, title=label)
        described = entry.description.get(labels.lang) if entry.description else f"{label}. {labels.t('site_name')}"
        return label, _clip(described)
    return title


def _term_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    term = catalog.term(key)
    return term.preferred.get(labels.lang), _clip(term.definition.get(labels.lang))


def _source_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    source = catalog.source(key)
    return source.title.get(labels.lang), _clip(source.description.get(labels.lang))


def _practice_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    practice = catalog.practice(key)
    return practice.text(practice.title, labels.lang)[0], _clip(practice.text(practice.summary, labels.lang)[0])


def _country_title(key: str, catalog: Catalog, labels: Labels) -> tuple[str, str]:
    name = countries.name(key, labels.lang)
    return name, f"{labels.t('practices')}{labels.t('colon')}{name}. {labels.t('site_name')}"


def _countries(catalog: Catalog) -> list[tuple[str, str]]:
    return [(code, routes.country(code)) for code in sorted({c for p in catalog.practices for c in p.countries})]


def _theme_file(catalog: Catalog, key: str) -> str:
    return catalog.theme(key).path


def _rec_file(catalog: Catalog, key: str) -> str:
    return catalog.recommendation(key).path


def _taxonomy_kinds() -> list[PageKind]:
    def file_of(kind: str) -> Source:
        return lambda catalog, key: catalog.taxonomies[kind][0].path if catalog.taxonomies.get(kind) else ""

    def entries_of(kind: str) -> Pages:
        return lambda catalog: [(e.id, routes.entry(kind, e.id)) for e in catalog.taxonomies.get(kind, ())]

    kinds = []
    for kind in TAXONOMY_KINDS:
        kinds.append(PageKind(f"index:{kind}", VIEWS[f"index:{kind}"], "entries", _fixed(kind), _one(f"{kind}/"),
                              file_of(kind), kind))
        kinds.append(PageKind(kind, VIEWS[kind], "entry", _entry_title(kind), entries_of(kind), file_of(kind), kind))
    return kinds


# in the order their page sources are written (stable across builds)
REGISTRY: tuple[PageKind, ...] = (
    PageKind("home", VIEWS["home"], source=lambda catalog, key: None),
    PageKind("about", VIEWS["about"], source=lambda catalog, key: None),
    PageKind("data", VIEWS["data"], source=lambda catalog, key: None),
    PageKind("prose", VIEWS["prose"], source=lambda catalog, key: None),
    PageKind("not-found", VIEWS["not-found"], source=lambda catalog, key: None),  # the theme's 404.html
    PageKind("themes", VIEWS["themes"], "themes", _fixed("themes"), _one("themes/"), section="themes"),
    PageKind("recommendations", VIEWS["recommendations"], "recommendations", _paged_title("all_recommendations"),
             _paged("recommendations/"), section="recommendations"),
    PageKind("search", VIEWS["search"], "search", _fixed("search_page"), _one(routes.SEARCH_PAGE), section="search"),
    PageKind("status", VIEWS["status"], "status", _paged_title("status_page"), _paged("status/"), section="status"),
    PageKind("whats-new", whats_new_view, "whats_new", _fixed("whats_new"), _one(WHATS_NEW), section="whats-new"),
    PageKind("brief", brief_view, "brief", _fixed("brief_page"), _one(BRIEF_PAGE), section="brief", full_width=True),
    PageKind("theme", VIEWS["theme"], "theme", _theme_title,
             lambda catalog: [(t.id, routes.theme(t.id)) for t in catalog.themes], _theme_file, "themes"),
    PageKind("sources", VIEWS["sources"], "sources", _fixed("sources"), _one(routes.source()),
             lambda catalog, key: "", "sources"),
    PageKind("source", VIEWS["source"], "source", _source_title,
             lambda catalog: [(s.id, routes.source(s.id)) for s in catalog.sources],
             lambda catalog, key: catalog.source(key).path, "sources"),
    PageKind("practices", VIEWS["practices"], "practices", _fixed("practices"), _one(routes.practice()),
             lambda catalog, key: "", "practices"),
    PageKind("practice", with_citations(with_history(VIEWS["practice"])), "practice", _practice_title,
             lambda catalog: [(p.id, routes.practice(p.id)) for p in catalog.practices],
             lambda catalog, key: catalog.practice(key).path, "practices"),
    PageKind("country", VIEWS["country"], "country", _country_title, _countries, lambda catalog, key: "",
             "countries"),
    PageKind("parallel", VIEWS["parallel"], "parallel", _parallel_title,
             lambda catalog: [(t.id, routes.parallel(t.id)) for t in catalog.themes], _theme_file, "themes",
             full_width=True),
    PageKind("recommendation", with_citations(with_history(VIEWS["recommendation"])), "recommendation",
             _recommendation_title,
             lambda catalog: [(r.id, routes.recommendation(r.id)) for r in catalog.recommendations], _rec_file,
             "recommendations"),
    PageKind("redirect", VIEWS["redirect"], "redirect",
             lambda key, catalog, labels: _recommendation_title(catalog.redirects[key], catalog, labels),
             lambda catalog: [(old, routes.recommendation(old)) for old in sorted(catalog.redirects)],
             lambda catalog, key: "recommendations/redirects.yml", "recommendations"),
    PageKind("print", with_colophon(VIEWS["print"]), "print", _theme_title,
             lambda catalog: [(t.id, routes.printable(t.id)) for t in catalog.themes], _theme_file, "print",
             indexed=False),
    PageKind("print-source", with_colophon(VIEWS["print-source"]), "print", _source_title,
             lambda catalog: [(s.id, routes.source_printable(s.id)) for s in catalog.sources],
             lambda catalog, key: catalog.source(key).path, "print", indexed=False),
    PageKind("embed-theme", VIEWS["embed-theme"], "embed", _theme_title,
             lambda catalog: [(t.id, routes.embed("themes", t.id)) for t in catalog.themes], _theme_file, "embed",
             indexed=False),
    PageKind("embed-recommendation", VIEWS["embed-recommendation"], "embed", _recommendation_title,
             lambda catalog: [(r.id, routes.embed("recommendations", r.id)) for r in catalog.recommendations],
             _rec_file, "embed", indexed=False),
    PageKind("glossary", glossary_view, "glossary", _fixed("glossary"), _one(routes.glossary()),
             lambda catalog, key: "recommendations/terms.yml", "glossary"),
    PageKind("term", term_view, "term", _term_title,
             lambda catalog: [(t.id, routes.glossary(t.id)) for t in catalog.terms],
             lambda catalog, key: "recommendations/terms.yml", "glossary"),
    *_taxonomy_kinds(),
)
KINDS = {kind.name: kind for kind in REGISTRY}
NOT_INDEXED = tuple(sorted({f"{k.section}/" for k in REGISTRY if not k.indexed}))  # out of the sitemaps


def generated_pages(catalog: Catalog) -> list[PageRef]:
    """Every generated page, in a stable order (the hand-written ones are in docs/)."""
    return [PageRef(kind.name, key, path) for kind in REGISTRY if kind.pages is not None
            for key, path in kind.pages(catalog)]


def page_meta(page: PageRef, catalog: Catalog, labels: Labels) -> dict[str, Any]:
    """The front matter of a generated page's source."""
    kind = KINDS[page.kind]
    assert kind.title is not None, f"{page.kind} pages are written by hand"
    title, description = kind.title(page.key, catalog, labels)
    meta: dict[str, Any] = {"title": typeset(title, labels.lang), "description": typeset(description, labels.lang),
                            "template": f"kb/{kind.template}.html",
                            "kb": {"kind": page.kind, "key": page.key}}
    if kind.full_width:
        meta["hide"] = ["navigation", "toc"]
    return meta
