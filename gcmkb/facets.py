"""The search facets, declared once: the explore page's filters, the fields of the search
documents, and the labels the browser shows all come from this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .labels import Labels
from .model import STATUSES, Catalog, Recommendation
from .taxonomies import TAXONOMIES
from .typography import typeset


@dataclass(frozen=True)
class Facet:
    name: str    # the URL parameter (search/?theme=…) and the form field
    label: str   # the interface label of the filter
    field: str   # the key of its values in each search document (short: it is repeated per document)
    options: Callable[[Catalog, Labels], list[tuple[str, str]]]  # (value, label) in display order
    values: Callable[[Recommendation, str], list[str] | str]     # a recommendation's value(s), per language


def _entries(kind: str) -> Callable[[Catalog, Labels], list[tuple[str, str]]]:
    def options(catalog: Catalog, labels: Labels) -> list[tuple[str, str]]:
        out = []
        for e in catalog.taxonomies.get(kind, ()):
            label = typeset(e.label.get(labels.lang), labels.lang)
            out.append((e.id, labels.t("objective_heading", number=e.number, title=label) if e.number else label))
        return out
    return options


def _tagged(kind: str) -> Callable[[Recommendation, str], list[str] | str]:
    return lambda rec, lang: list(rec.tagged(kind))


FACETS: tuple[Facet, ...] = (
    Facet("theme", "theme", "th", lambda cat, labels: [(t.id, typeset(t.short.get(labels.lang), labels.lang))
                                                       for t in cat.themes],
          lambda rec, lang: rec.theme),
    Facet("source", "source_document", "sd",
          lambda cat, labels: [(s.id, typeset(s.title.get(labels.lang), labels.lang)) for s in cat.sources],
          lambda rec, lang: rec.document or ""),
    *(Facet(k.facet, k.facet, k.field, _entries(k.name), _tagged(k.name)) for k in TAXONOMIES),
    Facet("status", "translation_status", "s",
          lambda cat, labels: [(code, labels.t(f"status_{code}")) for code in STATUSES],
          lambda rec, lang: rec.status(lang)),
)
