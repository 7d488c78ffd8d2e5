"""The controlled vocabularies a recommendation is tagged with, declared once: their files,
pages, search facets, fields on recommendation pages and columns in the exports derive from here."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TaxonomyKind:
    name: str            # the file (taxonomies/<name>.yml), the record field and the URL folder
    facet: str           # the search facet and its URL parameter (search/?objective=13)
    field: str           # the key of its ids in each search document (short: repeated per document)
    fact: str            # the label of its row on a recommendation page
    numbered: bool = False  # entries are numbers (the GCM objectives), shown with their number
    source: str = ""     # the label citing the text its entries come from, on its pages ("" = none)


TAXONOMIES: tuple[TaxonomyKind, ...] = (
    TaxonomyKind("objectives", "objective", "o", "serves_objectives", numbered=True),
    TaxonomyKind("principles", "principle", "pr", "carries_principles", source="principles_source"),
    TaxonomyKind("actors", "actor", "a", "addresses_actors"),
    TaxonomyKind("topics", "topic", "tp", "topics_of"),
)
TAXONOMY_KINDS: tuple[str, ...] = tuple(k.name for k in TAXONOMIES)
