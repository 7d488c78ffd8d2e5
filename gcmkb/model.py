"""Typed, frozen models of the collection. Built only from validated data."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import SOURCE_LANGUAGE
from .practices import Practice
from .termbase import Term
from .texts import Text

STATUSES = ("source", "draft", "reviewed", "outdated", "pending")
PENDING = "pending"  # a translation still to come: its language has no text yet


def fingerprint(*texts: Text | None) -> str:
    """Fingerprint of the Arabic source a translation is made from (12 hex digits).

    NFC and whitespace-normalised, so re-wrapping a line does not mark translations outdated.
    """
    parts = [" ".join(unicodedata.normalize("NFC", t.get(SOURCE_LANGUAGE)).split())
             for t in texts if t is not None]
    return hashlib.sha256("\n\u241e\n".join(parts).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    status: str
    source: str | None
    line: int

    @classmethod
    def of(cls, data: Mapping[str, Any], line: int) -> Translation:
        return cls(status=str(data["status"]), source=data.get("source"), line=line)


@dataclass(frozen=True)
class Translated:
    """What carries translations: its current fingerprint decides what is outdated."""

    translations: Mapping[str, Translation]
    current_fingerprint: str

    def status(self, lang: str) -> str:
        if lang == SOURCE_LANGUAGE:
            return "source"
        tr = self.translations[lang]
        if tr.status == PENDING:
            return PENDING
        return "outdated" if tr.source != self.current_fingerprint else tr.status

    def pending(self) -> tuple[str, ...]:
        """The languages whose translation is still to come."""
        return tuple(lang for lang, tr in self.translations.items() if tr.status == PENDING)


@dataclass(frozen=True)
class Entry:
    """An entry of a taxonomy: a GCM objective, an actor or a topic."""

    kind: str
    id: str
    label: Text
    description: Text | None
    path: str
    line: int
    working_renderings: tuple[str, ...] = ()  # languages whose label is not the official title

    @property
    def number(self) -> int | None:
        return int(self.id) if self.kind == "objectives" else None


@dataclass(frozen=True)
class Theme:
    id: str
    order: int
    title: Text       # the section heading of the source, in full (on the theme's own page)
    short: Text       # a short label for navigation, badges, lists and facets
    description: Text
    notes: tuple[Text, ...]
    source_line: int | None
    tracking: Translated
    path: str


@dataclass(frozen=True)
class Fact:
    """One thing known, or not, of a source document: its value (None when not known), the public
    addresses that support it, and a note saying what is known and what is not."""

    value: Any
    evidence: tuple[str, ...]
    note: Text | None


@dataclass(frozen=True)
class Source:
    """A source document: the summary of a dialogue, a meeting report, an outcome document."""

    id: str
    order: int
    kind: str
    title: Text
    description: Text
    date: Fact              # value: "2023-11-28" or "2023-11-28/2023-11-30"
    place: Fact             # value: Text
    organiser: Fact         # value: Text
    original_language: Fact  # value: a language code
    published: Fact         # value: an address
    edition_language: str
    edition: Text
    notes: tuple[Text, ...]
    path: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    theme: str
    bullet: int
    source_line: int | None
    objectives: tuple[str, ...]
    principles: tuple[str, ...]
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    sdg_targets: tuple[str, ...]
    related: tuple[str, ...]
    title: Text
    lead: Text | None
    text: Text
    notes: tuple[Text, ...]
    tracking: Translated
    path: str
    document: str | None = None  # the id of its source document (None: the collection has none)

    def status(self, lang: str) -> str:
        return self.tracking.status(lang)

    def shown_in(self, lang: str) -> str:
        """The language its texts are shown in on `lang`'s pages: the source's while pending."""
        return SOURCE_LANGUAGE if self.status(lang) == PENDING else lang

    def tagged(self, kind: str) -> tuple[str, ...]:
        """The ids of one taxonomy (objectives, principles, actors, topics) this recommendation names."""
        return tuple(getattr(self, kind))


@dataclass(frozen=True)
class Catalog:
    """The whole validated collection, in document order."""

    themes: tuple[Theme, ...]
    recommendations: tuple[Recommendation, ...]
    taxonomies: Mapping[str, tuple[Entry, ...]]
    redirects: Mapping[str, str] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()
    sources: tuple[Source, ...] = ()
    practices: tuple[Practice, ...] = ()  # by id

    # Lookups are indexed once per catalog (cached_property works on frozen dataclasses): a
    # linear search per lookup made every page cost O(N), the whole build O(N²).
    def recommendation(self, rid: str) -> Recommendation:
        return self._recommendations_by_id[rid]

    def theme(self, tid: str) -> Theme:
        return self._themes_by_id[tid]

    def entry(self, kind: str, eid: str) -> Entry:
        return self._entries_by_id[(kind, eid)]

    def term(self, term_id: str) -> Term:
        return self._terms_by_id[term_id]

    def source(self, sid: str) -> Source:
        return self._sources_by_id[sid]

    def from_source(self, sid: str) -> tuple[Recommendation, ...]:
        """A source's recommendations in the order of the document: by theme, then bullet."""
        return self._by_source.get(sid, ())

    def practice(self, pid: str) -> Practice:
        return self._practices_by_id[pid]

    def implementing(self, rid: str) -> tuple[Practice, ...]:
        """The practices that put a recommendation into practice, by id."""
        return self._implementing.get(rid, ())

    def in_country(self, code: str) -> tuple[Practice, ...]:
        return self._in_country.get(code, ())

    @cached_property
    def _practices_by_id(self) -> dict[str, Practice]:
        return {p.id: p for p in self.practices}

    @cached_property
    def _implementing(self) -> dict[str, tuple[Practice, ...]]:
        return {rid: tuple(p for p in self.practices if rid in p.implements)
                for rid in {r for p in self.practices for r in p.implements}}

    @cached_property
    def _in_country(self) -> dict[str, tuple[Practice, ...]]:
        return {code: tuple(p for p in self.practices if code in p.countries)
                for code in {c for p in self.practices for c in p.countries}}

    def in_theme(self, tid: str) -> tuple[Recommendation, ...]:
        return self._by_theme.get(tid, ())

    def position(self, rec: Recommendation) -> int:
        """Index of a recommendation among its theme's recommendations."""
        return self._positions[rec.id]

    @cached_property
    def _recommendations_by_id(self) -> dict[str, Recommendation]:
        return {r.id: r for r in self.recommendations}

    @cached_property
    def _terms_by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def _by_source(self) -> dict[str, tuple[Recommendation, ...]]:
        groups: dict[str, list[Recommendation]] = {}
        for rec in self.recommendations:  # already in theme and bullet order
            if rec.document is not None:
                groups.setdefault(rec.document, []).append(rec)
        return {sid: tuple(recs) for sid, recs in groups.items()}

    @cached_property
    def _themes_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}

    @cached_property
    def _entries_by_id(self) -> dict[tuple[str, str], Entry]:
        return {(kind, e.id): e for kind, entries in self.taxonomies.items() for e in entries}

    @cached_property
    def _by_theme(self) -> dict[str, tuple[Recommendation, ...]]:
        groups: dict[str, list[Recommendation]] = {}
        for rec in self.recommendations:
            groups.setdefault(rec.theme, []).append(rec)
        return {tid: tuple(recs) for tid, recs in groups.items()}

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {r.id: i for recs in self._by_theme.values() for i, r in enumerate(recs)}
