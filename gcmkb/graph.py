"""The cross-reference graph: who relates to whom, in both directions, and what serves what."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from . import LANGUAGES
from .model import Catalog, Recommendation
from .text_checks import inline_references


@dataclass(frozen=True)
class Graph:
    catalog: Catalog
    referenced_by: Mapping[str, tuple[str, ...]]
    by_taxonomy: Mapping[tuple[str, str], tuple[str, ...]]

    def recs(self, ids: tuple[str, ...]) -> list[Recommendation]:
        return [self.catalog.recommendation(i) for i in ids]

    def serving(self, kind: str, entry_id: str) -> list[Recommendation]:
        return self.recs(self.by_taxonomy.get((kind, entry_id), ()))

    def count(self, kind: str, entry_id: str) -> int:
        """How many recommendations serve an entry (without listing them: chips on every page)."""
        return len(self.by_taxonomy.get((kind, entry_id), ()))

    def neighbours(self, rec: Recommendation) -> tuple[Recommendation | None, Recommendation | None]:
        siblings = self.catalog.in_theme(rec.theme)
        i = self.catalog.position(rec)
        return (siblings[i - 1] if i > 0 else None,
                siblings[i + 1] if i + 1 < len(siblings) else None)


def build_graph(catalog: Catalog) -> Graph:
    """Reverse links come from `related` and from [[rNN]] references in any language's text."""
    back: dict[str, list[str]] = defaultdict(list)
    tax: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec in catalog.recommendations:
        targets = list(rec.related)
        for text in [rec.text, rec.lead, *rec.notes]:
            if text is not None:
                for lang in LANGUAGES:
                    targets += inline_references(text.get(lang))
        for target in dict.fromkeys(targets):
            if target != rec.id:
                back[target].append(rec.id)
        for kind, ids in (("objectives", rec.objectives), ("actors", rec.actors), ("topics", rec.topics)):
            for entry_id in ids:
                tax[(kind, entry_id)].append(rec.id)
    order = {r.id: i for i, r in enumerate(catalog.recommendations)}
    return Graph(catalog,
                 {k: tuple(sorted(v, key=order.__getitem__)) for k, v in back.items()},
                 {k: tuple(v) for k, v in tax.items()})
