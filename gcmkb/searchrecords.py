"""What search holds of each kind of record: the documents it indexes, the text it excerpts, the
page each result links to.

Every language's index holds every record, as that language's pages show it: a recommendation
whose translation is pending in the source's words (as its page shows them), a practice in the
language(s) it is written in, the others in its own language (as the Hub shows a practice). A
practice's countries and region are indexed by their names in the index's language (CLDR, through
`countries`), so that "Ghana", "Fiji" or "فيجي" finds it.

The records come in one order, the recommendations then the practices; each kind's page address
is a template over the record's id, and the index names, for each run of documents, the template
their results link to (`page_runs`), so that the browser builds each result's link.
"""

from __future__ import annotations

import re
from typing import Any

from . import countries, routes
from .model import Catalog, Recommendation
from .practices import Practice
from .taxonomies import TAXONOMY_KINDS
from .texts import Text
from .textview import plain
from .typography import typeset

Record = Recommendation | Practice
_ASCII_SPACES = re.compile(r"[ \t\r\n]+")
KINDS = ("recommendation", "practice")  # the kinds of record, in the order search holds them


def records(catalog: Catalog) -> list[Record]:
    """Every record search holds, in its order: the recommendations, then the practices."""
    return [*catalog.recommendations, *catalog.practices]


def kind_of(record: Record) -> str:
    return "practice" if isinstance(record, Practice) else "recommendation"


def page_template(kind: str) -> str:
    """The page of a record of this kind, relative to the language's root, with `{id}` for its id."""
    return routes.practice("{id}") if kind == "practice" else routes.recommendation("{id}")


def page_runs(catalog: Catalog) -> list[list[Any]]:
    """[first document, page template] for each run of documents of one kind, in order: the
    template of document d is that of the last run starting at or before d (kb-engine.js)."""
    runs: list[list[Any]] = []
    for d, record in enumerate(records(catalog)):
        template = page_template(kind_of(record))
        if not runs or runs[-1][1] != template:
            runs.append([d, template])
    return runs


def tagged(record: Record, kind: str) -> tuple[str, ...]:
    """The record's entries of a taxonomy (none when its kind of record has no such field)."""
    if isinstance(record, Practice):
        return tuple(getattr(record, kind, ()))
    return tuple(record.tagged(kind))


def shown_languages(record: Record, lang: str) -> tuple[str, str]:
    """The languages `lang`'s pages show its title and its excerpt in: a practice's own where it is
    not written in `lang`, the source's while a recommendation's translation is pending."""
    if isinstance(record, Practice):
        return record.text(record.title, lang)[1], record.text(record.summary, lang)[1]
    return record.shown_in(lang), record.shown_in(lang)


def language_runs(catalog: Catalog, lang: str) -> list[list[Any]]:
    """[first document, its title's language, its excerpt's language] for each run of documents
    shown alike on `lang`'s pages, as `page_runs` (kb-engine.js reads both the same way): a result
    marks a title or an excerpt in another language with its `lang` and `dir`."""
    runs: list[list[Any]] = []
    for d, record in enumerate(records(catalog)):
        shown = list(shown_languages(record, lang))
        if not runs or runs[-1][1:] != shown:
            runs.append([d, *shown])
    return runs


def title(record: Record, lang: str) -> str:
    """The title a result shows on `lang`'s pages: typeset as the language it is written in sets
    it, as the record's own page shows it (the index reads the title as written)."""
    return typeset(*_shown(record, record.title, lang))


def shown_in(record: Record, lang: str) -> str:
    """The language a record's title and texts are shown in on `lang`'s pages: `lang`, or its own
    while a translation is pending (a recommendation) or was never written (a practice)."""
    return _shown(record, record.title, lang)[1]


def _shown(record: Record, text: Text, lang: str) -> tuple[str, str]:
    """(a text of the record as `lang`'s pages show it, the language it is written in)."""
    if isinstance(record, Practice):
        return record.text(text, lang)
    return text.get(lang), text.language(lang)


def _practice_texts(practice: Practice, lang: str) -> list[str]:
    """Its description, results and lessons, as `lang`'s page shows them."""
    return [practice.text(t, lang)[0] for t in (practice.description, practice.results, practice.lessons) if t]


def places(practice: Practice, lang: str) -> list[str]:
    """Its countries' names and its region's, in `lang` (CLDR)."""
    return [countries.name(c, lang) for c in (*practice.countries, *([practice.region] if practice.region else []))]


def search_document(catalog: Catalog, record: Record, lang: str) -> dict[str, str]:
    facets = [catalog.entry(kind, eid).label.get(lang) for kind in TAXONOMY_KINDS for eid in tagged(record, kind)]
    if isinstance(record, Practice):
        return {"id": record.id, "title": record.text(record.title, lang)[0],
                "lead": record.text(record.summary, lang)[0],
                "text": plain("\n\n".join(_practice_texts(record, lang))), "theme": "",
                "facets": " ; ".join([*facets, *places(record, lang)])}
    return {"id": record.id, "title": record.title.get(lang),
            "lead": record.lead.get(lang) if record.lead else "",
            "text": plain(record.text.get(lang)), "theme": catalog.theme(record.theme).short.get(lang),
            "facets": " ; ".join(facets)}


def search_documents(catalog: Catalog, lang: str) -> list[dict[str, str]]:
    return [search_document(catalog, record, lang) for record in records(catalog)]


def full_text(record: Record, lang: str) -> str:
    """What a result's excerpt is cut from: the lead (a practice's summary) and the text, plain,
    on one line, each typeset as the language it is written in sets it."""
    if isinstance(record, Practice):
        fields = [record.summary, record.description, record.results, record.lessons]
    else:
        fields = [record.lead, record.text]
    parts = [typeset(plain(text), shown) for text, shown in (_shown(record, f, lang) for f in fields if f)]
    return _ASCII_SPACES.sub(" ", " ".join(parts)).strip()  # not str.split(): it cuts at no-break spaces
