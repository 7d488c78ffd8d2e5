"""Practices (recommendations/practices/<id>.yml): their checks and their model.

A practice is documented from public material, in the language it was written in; the other
languages are optional, as on the UN Migration Network Hub, whose pages show a practice in its own
language with a notice. Its countries are ISO 3166-1 alpha-2 codes that CLDR names and UN M49
places; its region is an M49 code, derived from the countries when it is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import LANGUAGES, countries
from .hints import unknown
from .problems import Problem
from .texts import Text
from .yamlsource import Document

PRACTICE_ID = re.compile(r"^p[0-9]{3,5}$")
TEXTS = ("title", "summary", "description", "results", "lessons")  # the human texts, in page order
TAXONOMY_FIELDS = {"actors": "actor", "principles": "principle"}


@dataclass(frozen=True)
class Practice:
    id: str
    status: str                  # draft | reviewed
    language: str                # the language it is written in: its texts are there
    title: Text                  # each text: `language`'s, other languages where written (else None)
    summary: Text
    description: Text
    countries: tuple[str, ...]   # ISO 3166-1 alpha-2, as written
    region: str | None           # M49 code: as written, or the one the countries share
    actors: tuple[str, ...]
    start: int
    end: int | None              # None: ongoing or not known
    objectives: tuple[str, ...]
    principles: tuple[str, ...]
    implements: tuple[str, ...]  # recommendation ids
    results: Text | None
    lessons: Text | None
    evidence: tuple[str, ...]
    notes: tuple[Text, ...]
    path: str

    def shown_in(self, lang: str) -> str:
        """The language its texts are shown in on `lang`'s pages: `lang` if its description is
        written in it, else the practice's own."""
        return lang if self.description.written(lang) is not None else self.language

    def written_in(self) -> tuple[str, ...]:
        """The languages its description is written in, its own first."""
        others = [lang for lang in LANGUAGES if lang != self.language and self.description.written(lang)]
        return (self.language, *others)

    def text(self, text: Text, lang: str) -> tuple[str, str]:
        """(the text shown on `lang`'s pages, the language it is in)."""
        shown = lang if text.written(lang) is not None else self.language
        return str(text.written(shown)), shown

    def tagged(self, kind: str) -> tuple[str, ...]:
        return tuple(getattr(self, kind))


def _p(doc: Document, path: tuple[Any, ...], field: str, message: str) -> Problem:
    return Problem(doc.path, doc.line_of(path), field, message)


def practice_ids(docs: list[Document], unreadable: list[str]) -> set[str]:
    found = {d.data["id"] for d in docs if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)}
    return found | set(unreadable)


def check_practice(doc: Document, unsound: set[str], rec_ids: set[str],
                   known: dict[str, set[str]]) -> Iterator[Problem]:
    """What the schema cannot say: the file's name, the texts in the practice's language, countries
    and region known to CLDR and M49, known actors, principles and recommendations, a period in order.
    A field the schema refused is not checked again."""
    data = doc.data

    def sound(name: str, kind: type) -> bool:
        return name not in unsound and isinstance(data.get(name), kind)

    if sound("id", str) and Path(doc.path).stem != data["id"]:
        yield _p(doc, ("id",), "id", f"{data['id']!r} does not match the file name {Path(doc.path).stem}.yml; "
                 f"allowed: the file is named after its id ({data['id']}.yml)")
    if sound("language", str):
        yield from _own_language(doc, data["language"])
    yield from _places(doc, data, sound)
    for name, what in TAXONOMY_FIELDS.items():
        for i, ref in enumerate(data[name] if sound(name, list) else ()):
            if ref not in known[name]:
                yield _p(doc, (name, i), f"{name}[{i}]", unknown(what, ref, known[name], name))
    for i, ref in enumerate(data["implements"] if sound("implements", list) else ()):
        if ref not in rec_ids:
            yield _p(doc, ("implements", i), f"implements[{i}]", unknown("recommendation", ref, rec_ids, "ids"))
    period = data.get("period") if sound("period", dict) else None
    if period and isinstance(period.get("end"), int) and isinstance(period.get("start"), int) \
            and period["end"] < period["start"]:
        yield _p(doc, ("period", "end"), "period.end", f"{period['end']} is before the start "
                 f"({period['start']}); allowed: a year from {period['start']} on, or null when ongoing or not known")


def _own_language(doc: Document, lang: str) -> Iterator[Problem]:
    """Every text is written at least in the practice's own language."""
    texts = [((name,), doc.data.get(name)) for name in TEXTS]
    texts += [(("notes", i), note) for i, note in enumerate(doc.data.get("notes") or [])]
    for path, text in texts:
        if isinstance(text, dict) and not isinstance(text.get(lang), str):
            where = ".".join(str(p) for p in path[:1]) + "".join(f"[{p}]" for p in path[1:])
            yield _p(doc, path, f"{where}.{lang}", f"missing: the practice is written in {lang} (language: "
                     f"{lang}); allowed: its text in {lang}, the other languages optional")


def _places(doc: Document, data: dict[str, Any], sound: Any) -> Iterator[Problem]:
    codes = countries.country_codes()
    known: list[str] = []
    for i, code in enumerate(data["countries"] if sound("countries", list) else ()):
        if not isinstance(code, str) or code not in codes:
            yield _p(doc, ("countries", i), f"countries[{i}]", f"unknown country code {code!r}; "
                     + (countries.country_hint(str(code)) or "allowed: an ISO 3166-1 alpha-2 code that CLDR "
                        "names, such as 'GH' (Ghana) or 'MA' (Morocco)"))
        else:
            known.append(code)
    if not sound("region", str):
        return
    region = data["region"]
    if region not in countries.region_codes():
        yield _p(doc, ("region",), "region", f"unknown UN M49 region {region!r}; " + (
            countries.region_hint(region) or "allowed: one of " + ", ".join(
                f"{c} ({countries.name(c, 'en')})" for c in sorted(countries.region_codes()))))
        return
    outside = [c for c in known if not countries.contains(region, c)]
    if outside:
        yield _p(doc, ("region",), "region", f"{region!r} ({countries.name(region, 'en')}) does not contain "
                 + ", ".join(f"{c} ({countries.name(c, 'en')})" for c in outside)
                 + "; allowed: a region containing every country, or leave it out to derive it from them")


def _text(data: dict[str, Any], name: str) -> Text | None:
    return Text.of(data[name]) if name in data else None


def build_practice(doc: Document) -> Practice:
    d = doc.data
    return Practice(
        id=d["id"], status=d["status"], language=d["language"], title=Text.of(d["title"]),
        summary=Text.of(d["summary"]), description=Text.of(d["description"]),
        countries=tuple(d["countries"]), region=d.get("region") or countries.region_of(d["countries"]),
        actors=tuple(d["actors"]), start=d["period"]["start"], end=d["period"]["end"],
        objectives=tuple(str(o) for o in d["objectives"]), principles=tuple(d["principles"]),
        implements=tuple(d["implements"]), results=_text(d, "results"), lessons=_text(d, "lessons"),
        evidence=tuple(d["evidence"]), notes=tuple(Text.of(n) for n in d.get("notes", [])), path=doc.path)
