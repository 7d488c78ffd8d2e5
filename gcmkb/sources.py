"""Source documents (recommendations/sources/<id>.yml): their checks and their model.

What is known of a document is written with the public address that supports it; what is not
known is null, with a note that says so. A recommendation names its document in
`source.document`; while the collection has one document, it may leave it out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .hints import did_you_mean
from .model import Fact, Source, Text
from .problems import Problem
from .yamlsource import Document

FACTS = ("date", "place", "organiser", "original_language", "published")
KINDS = ("dialogue-summary", "meeting-report", "outcome-document")  # as the schema's enum


def _p(doc: Document, path: tuple[Any, ...], field: str, message: str) -> Problem:
    return Problem(doc.path, doc.line_of(path), field, message)


def source_ids(docs: list[Document], unreadable: list[str]) -> set[str]:
    found = {d.data["id"] for d in docs if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)}
    return found | set(unreadable)


def check_source(doc: Document) -> Iterator[Problem]:
    """A valid source document: a value needs its evidence, an unknown its note."""
    for name in FACTS:
        fact = doc.data[name]
        if fact["value"] is not None and "evidence" not in fact:
            yield _p(doc, (name, "value"), f"{name}.evidence", "a value needs the public address that supports "
                     "it; allowed: evidence: [https://…], or value: null with a note saying it is not known")
        if fact["value"] is None and "note" not in fact:
            yield _p(doc, (name, "value"), f"{name}.note", "not known, but not said; allowed: a note "
                     "(ar, en, fr) saying what is known and what is not")


def check_document_field(doc: Document, ids: set[str]) -> Iterator[Problem]:
    """A recommendation's `source.document`: a known id; required once there are several."""
    source = doc.data.get("source")
    if not isinstance(source, dict):
        return
    ref = source.get("document")
    if isinstance(ref, str) and ref not in ids:
        yield _p(doc, ("source", "document"), "source.document", f"unknown source document {ref!r}; "
                 + (did_you_mean(ref, ids) or "known source documents: " + (", ".join(sorted(ids)) or "none defined")))
    elif ref is None and len(ids) > 1:
        yield _p(doc, ("source",), "source.document", "missing: the collection has several source documents; "
                 "allowed: one of " + ", ".join(sorted(ids)))


def document_of(data: dict[str, Any], ids: list[str]) -> str | None:
    """The recommendation's source document: the one it names, or the collection's only one."""
    return data["source"].get("document") or (ids[0] if len(ids) == 1 else None)


def _fact(data: dict[str, Any]) -> Fact:
    value = data["value"]
    return Fact(value=Text.of(value) if isinstance(value, dict) else value,
                evidence=tuple(data.get("evidence", ())),
                note=Text.of(data["note"]) if "note" in data else None)


def build_source(doc: Document) -> Source:
    d = doc.data
    return Source(
        id=d["id"], order=d["order"], kind=d["kind"], title=Text.of(d["title"]),
        description=Text.of(d["description"]), date=_fact(d["date"]), place=_fact(d["place"]),
        organiser=_fact(d["organiser"]), original_language=_fact(d["original_language"]),
        published=_fact(d["published"]), edition_language=d["edition"]["language"],
        edition=Text.of(d["edition"]["description"]),
        notes=tuple(Text.of(n) for n in d.get("notes", [])), path=doc.path)
