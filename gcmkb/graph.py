"""The cross-reference graph: who relates to whom, in both directions, and what serves what."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from . import LANGUAGES
from .model import Catalog, Recommendation
from .paging import list_limit, page_key
from .taxonomies import TAXONOMY_KINDS
from .termbase import Matcher, Term
from .text_checks import inline_references


@dataclass(frozen=True)
class Graph:
    catalog: Catalog
    referenced_by: Mapping[str, tuple[str, ...]]
    by_taxonomy: Mapping[tuple[str, str], tuple[str, ...]]
    term_uses: Mapping[str, tuple[str, ...]]  # term id -> recommendations whose text uses it
    terms_in: Mapping[str, tuple[str, ...]]   # recommendation id -> the terms its text uses
    term_themes: Mapping[str, tuple[str, ...]]  # term id -> themes whose heading or description uses it
    matchers: Mapping[str, Matcher]           # per language, the admitted forms of every term

    def terms_of(self, rid: str) -> list[Term]:
        return [self.catalog.term(t) for t in self.terms_in.get(rid, ())]

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

    def readers(self, rid: str) -> set[tuple[str, str]]:
        """The pages (kind, key) whose view shows something of recommendation `rid` other than its
        tags: its own pages, the lists of its theme and of the whole collection, the pages it links
        to or that link to it, its neighbours, the pages of its taxonomy entries and terms that list
        it (the first `list_limit()` records of each), retired ids leading to it. What `mkdocs serve`
        re-renders when only the record's texts changed."""
        rec = self.catalog.recommendation(rid)
        row = [r.id for r in self.catalog.recommendations].index(rid)  # its page of the tables of all
        table = page_key(row // list_limit() + 1)
        pages = {("recommendation", rid), ("embed-recommendation", rid),
                 ("recommendations", table), ("status", table), ("search", ""), ("themes", ""), ("glossary", "")}
        pages |= {(kind, rec.theme) for kind in ("theme", "parallel", "print", "embed-theme")}
        if rec.document is not None:
            pages |= {("source", rec.document), ("sources", ""), ("print-source", rec.document)}
        linked = set(self.referenced_by.get(rid, ())) | set(_references(rec)) | {
            n.id for n in self.neighbours(rec) if n is not None}
        pages |= {("recommendation", other) for other in linked - {rid}}
        pages |= {(kind, entry) for kind in TAXONOMY_KINDS for entry in rec.tagged(kind)
                  if _listed(rid, self.by_taxonomy.get((kind, entry), ()))}
        pages |= {("term", term) for term in self.terms_in.get(rid, ()) if _listed(rid, self.term_uses.get(term, ()))}
        pages |= {("redirect", old) for old, new in self.catalog.redirects.items() if new == rid}
        return pages


def _listed(rid: str, ids: tuple[str, ...]) -> bool:
    """Whether a page listing `ids` shows `rid`: it lists the first `list_limit()`."""
    return rid in ids[:list_limit()]


def _references(rec: Recommendation) -> list[str]:
    """What a recommendation links to: its related ones, and [[rNN]] in any language's text."""
    targets = list(rec.related)
    for text in [rec.text, rec.lead, *rec.notes]:
        if text is not None:
            for lang in LANGUAGES:
                targets += inline_references(text.get(lang))
    return list(dict.fromkeys(targets))


def build_graph(catalog: Catalog, previous: Graph | None = None) -> Graph:
    """Reverse links come from `related` and from [[rNN]] references in any language's text.

    With the graph of the previous build (`mkdocs serve`) and the same termbase, the terms of a
    record whose texts did not change are taken from it: finding them is most of the work."""
    back: dict[str, list[str]] = defaultdict(list)
    tax: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rec in catalog.recommendations:
        for target in _references(rec):
            if target != rec.id:
                back[target].append(rec.id)
        for kind in TAXONOMY_KINDS:
            for entry_id in rec.tagged(kind):
                tax[(kind, entry_id)].append(rec.id)
    order = {r.id: i for i, r in enumerate(catalog.recommendations)}
    matchers = {lang: Matcher(catalog.terms, lang) for lang in LANGUAGES}
    reuse = previous if previous is not None and previous.catalog.terms == catalog.terms else None
    terms_in = _term_uses(catalog, matchers, reuse)
    uses: dict[str, list[str]] = defaultdict(list)
    for rid, term_ids in terms_in.items():
        for term_id in term_ids:
            uses[term_id].append(rid)
    return Graph(catalog,
                 {k: tuple(sorted(v, key=order.__getitem__)) for k, v in back.items()},
                 {k: tuple(v) for k, v in tax.items()},
                 {k: tuple(v) for k, v in uses.items()}, terms_in, _theme_uses(catalog, matchers), matchers)


def _theme_uses(catalog: Catalog, matchers: Mapping[str, Matcher]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = defaultdict(list)
    for theme in catalog.themes:
        found = {term.id for lang in LANGUAGES for text in (theme.title, theme.description)
                 for _, _, term, _ in matchers[lang].occurrences(text.get(lang))}
        for term_id in sorted(found):
            out[term_id].append(theme.id)
    return {k: tuple(v) for k, v in out.items()}


def _term_uses(catalog: Catalog, matchers: Mapping[str, Matcher],
               previous: Graph | None = None) -> dict[str, tuple[str, ...]]:
    """A recommendation uses a term when its title, lead or text names it in any language."""
    order = {t.id: i for i, t in enumerate(catalog.terms)}
    before = {r.id: r for r in previous.catalog.recommendations} if previous is not None else {}
    out = {}
    for rec in catalog.recommendations:
        old = before.get(rec.id)  # None without a previous graph
        if previous is not None and old is not None and (old.title, old.lead, old.text) == (rec.title, rec.lead,
                                                                                             rec.text):
            if rec.id in previous.terms_in:
                out[rec.id] = previous.terms_in[rec.id]
            continue
        found = {term.id for lang in LANGUAGES
                 for text in (rec.title, rec.lead, rec.text) if text is not None
                 for _, _, term, _ in matchers[lang].occurrences(text.get(lang))}
        if found:
            out[rec.id] = tuple(sorted(found, key=order.__getitem__))
    return out
