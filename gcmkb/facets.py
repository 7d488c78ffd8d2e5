"""The search facets, declared once: the explore page's filters, the fields of the search
documents, and the labels the browser shows all come from this table.

A facet gives each record (recommendation or practice) its value(s); a record of a kind that has
no such field has none ("" or []), and so matches no filter on it: recommendations have no
country, practices no theme.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import countries
from .labels import Labels
from .model import STATUSES, Catalog, Recommendation
from .searchrecords import KINDS, Record, kind_of, tagged
from .taxonomies import TAXONOMIES
from .typography import typeset


@dataclass(frozen=True)
class Facet:
    name: str    # the URL parameter (search/?theme=…) and the form field
    label: str   # the interface label of the filter
    field: str   # the key of its values in each search document (short: it is repeated per document)
    options: Callable[[Catalog, Labels], list[tuple[str, str]]]  # (value, label) in display order
    values: Callable[[Record, str], list[str] | str]     # a record's value(s), per language


def _entries(kind: str) -> Callable[[Catalog, Labels], list[tuple[str, str]]]:
    def options(catalog: Catalog, labels: Labels) -> list[tuple[str, str]]:
        out = []
        for e in catalog.taxonomies.get(kind, ()):
            label = typeset(e.label.get(labels.lang), labels.lang)
            out.append((e.id, labels.t("objective_heading", number=e.number, title=label) if e.number else label))
        return out
    return options


def _tagged(kind: str) -> Callable[[Record, str], list[str] | str]:
    return lambda rec, lang: list(tagged(rec, kind))


def _of_recommendation(value: Callable[[Recommendation, str], str]) -> Callable[[Record, str], str]:
    """A recommendation's field: "" for a practice, which has none."""
    return lambda rec, lang: value(rec, lang) if isinstance(rec, Recommendation) else ""


def _countries(rec: Record, lang: str) -> list[str]:
    return [] if isinstance(rec, Recommendation) else list(rec.countries)


def _regions(rec: Record, lang: str) -> list[str]:
    """Every M49 region (below the world) containing one of its countries, and its own region:
    a practice in Ghana is found under Western Africa, Sub-Saharan Africa and Africa."""
    if isinstance(rec, Recommendation):
        return []
    found = [r for c in rec.countries for r in countries.ancestors(c)] + ([rec.region] if rec.region else [])
    return [r for r in dict.fromkeys(found) if r != countries.WORLD]


def _named(codes: Callable[[Catalog], list[str]]) -> Callable[[Catalog, Labels], list[tuple[str, str]]]:
    """The codes the collection's practices have, by their names in the page's language (CLDR)."""
    def options(catalog: Catalog, labels: Labels) -> list[tuple[str, str]]:
        return sorted(((c, countries.name(c, labels.lang)) for c in dict.fromkeys(codes(catalog))),
                      key=lambda item: item[1])
    return options


FACETS: tuple[Facet, ...] = (
    Facet("theme", "theme", "th", lambda cat, labels: [(t.id, typeset(t.short.get(labels.lang), labels.lang))
                                                       for t in cat.themes],
          _of_recommendation(lambda rec, lang: rec.theme)),
    Facet("source", "source_document", "sd",
          lambda cat, labels: [(s.id, typeset(s.title.get(labels.lang), labels.lang)) for s in cat.sources],
          _of_recommendation(lambda rec, lang: rec.document or "")),
    *(Facet(k.facet, k.facet, k.field, _entries(k.name), _tagged(k.name)) for k in TAXONOMIES),
    Facet("status", "translation_status", "s",
          lambda cat, labels: [(code, labels.t(f"status_{code}")) for code in STATUSES],
          _of_recommendation(lambda rec, lang: rec.status(lang))),
    Facet("kind", "record_kind", "k", lambda cat, labels: [(k, labels.t(k)) for k in KINDS],
          lambda rec, lang: kind_of(rec)),
    Facet("country", "country", "c", _named(lambda cat: [c for p in cat.practices for c in p.countries]),
          _countries),
    Facet("region", "practice_region", "rg",
          _named(lambda cat: [r for p in cat.practices for r in _regions(p, "")]), _regions),
)
