"""The checks across the collection's files: ids unique and known, references that resolve, bullets
and orders unique, taxonomies, termbase, texts and translations of each record."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from .hints import did_you_mean
from .hints import known_span as _span
from .hints import unknown as _unknown
from .layout import TAXONOMY_KINDS
from .loading import Loaded
from .practices import check_practice
from .problems import Problem
from .sources import check_document_field, check_source, document_of, source_ids
from .term_checks import check_term_uses, check_termbase, deprecated_matchers, terms_of
from .text_checks import RECOMMENDATION_ID, inline_references, iter_texts, text_problems
from .translation_checks import check_translations
from .yamlsource import Document

# --- semantic checks -------------------------------------------------------------------------

TEXT_FORMS = b"text forms"  # what a practice's texts are checked for depends on them alone


def _p(doc: Document, path: tuple[Any, ...], field_name: str, message: str,
       severity: str = "error") -> Problem:
    return Problem(doc.path, doc.line_of(path), field_name, message, severity)  # type: ignore[arg-type]


def _ids(loaded: Loaded, kind: str) -> set[str]:
    """Ids of every record of `kind`, valid or not; an unreadable file counts by its name.

    One broken record must not make every reference to it look dangling as well.
    """
    docs = loaded.of(kind, valid_only=False)
    found = {d.data["id"] for d in docs if isinstance(d.data, dict) and isinstance(d.data.get("id"), str)}
    return found | set(loaded.unreadable.get(kind, []))


def semantic_problems(loaded: Loaded) -> Iterator[Problem]:
    recs, themes, taxes = loaded.of("recommendation"), loaded.of("theme"), loaded.of("taxonomy")
    rec_ids, theme_ids = _ids(loaded, "recommendation"), _ids(loaded, "theme")
    yield from _unique_ids(loaded.of("recommendation", valid_only=False), "recommendation")
    yield from _unique_ids(loaded.of("theme", valid_only=False), "theme")
    yield from _unique_ids(loaded.of("source", valid_only=False), "source document")
    doc_ids = source_ids(loaded.of("source", valid_only=False), loaded.unreadable.get("source", []))
    for doc in loaded.of("source"):
        yield from _check_file_name(doc, doc.data["id"])
        yield from check_source(doc)
        yield from _check_text_forms(doc)
    known = {kind: _taxonomy_ids(loaded, kind) for kind in TAXONOMY_KINDS}
    for doc in loaded.of("recommendation", valid_only=False):  # a field the schema refused is not checked again
        unsound = loaded.unsound.get(doc.path, set())
        if isinstance(doc.data, dict) and "(document)" not in unsound:
            yield from _check_recommendation(doc, rec_ids, theme_ids, known, unsound)
            if "source" not in unsound:
                yield from check_document_field(doc, doc_ids)
    yield from _unique_bullets(recs, sorted(doc_ids))
    yield from _unique_ids(loaded.of("practice", valid_only=False), "practice")
    for doc in loaded.of("practice", valid_only=False):  # checked like a recommendation, field by field
        if isinstance(doc.data, dict) and "(document)" not in loaded.unsound.get(doc.path, set()):
            yield from check_practice(doc, loaded.unsound.get(doc.path, set()), rec_ids, known)
            yield from loaded.own_problems(doc, TEXT_FORMS, lambda doc=doc: _check_text_forms(doc))  # type: ignore[misc]
            yield from _check_references(doc, rec_ids)
    yield from _unique_orders(themes)
    yield from _unique_orders(loaded.of("source"), "source document")
    for doc in themes:
        yield from _check_file_name(doc, doc.data["id"])
    for doc in taxes:
        yield from _check_taxonomy(doc)
    terms = loaded.of("terms")
    matchers = [deprecated_matchers(terms_of(doc)) for doc in terms]
    termbase = b"".join(loaded.digests[doc.path] for doc in terms)  # the deprecated forms come from it

    def own(doc: Document) -> Iterator[Problem]:
        yield from _check_text_forms(doc)
        yield from check_translations(doc)
        for each in matchers:
            yield from check_term_uses(doc, each)

    for doc in recs + themes + taxes:
        yield from loaded.own_problems(doc, termbase, lambda doc=doc: own(doc))  # type: ignore[misc]
    for kind in ("recommendation", "theme", "taxonomy"):  # the links in whatever texts were read
        for doc in loaded.of(kind, valid_only=False):
            yield from _check_references(doc, rec_ids)
    for doc in loaded.of("redirects"):
        yield from _check_redirects(doc, rec_ids)
    for doc in terms:
        yield from check_termbase(doc, known["objectives"])


def _unique_ids(docs: list[Document], kind: str) -> Iterator[Problem]:
    seen: dict[str, Document] = {}
    for doc in docs:
        rid = doc.data.get("id") if isinstance(doc.data, dict) else None
        if not isinstance(rid, str):
            continue
        if rid in seen:
            yield _p(doc, ("id",), "id", f"duplicate {kind} id {rid!r}, already used by "
                     f"{seen[rid].path}; allowed: an id used by no other {kind}")
        else:
            seen[rid] = doc


def _check_file_name(doc: Document, rid: str) -> Iterator[Problem]:
    stem = Path(doc.path).stem
    if stem != rid:
        yield _p(doc, ("id",), "id", f"{rid!r} does not match the file name {stem}.yml; "
                 f"allowed: the file is named after its id ({rid}.yml)")


def _taxonomy_ids(loaded: Loaded, kind: str) -> set[str]:
    for doc in loaded.of("taxonomy", valid_only=False):
        if Path(doc.path).stem == kind and isinstance(doc.data, dict):
            entries = doc.data.get("entries")
            if isinstance(entries, list):
                return {str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e}
    return set()


def _check_recommendation(doc: Document, rec_ids: set[str], theme_ids: set[str],
                          known: dict[str, set[str]], unsound: Collection[str] = ()) -> Iterator[Problem]:
    data = doc.data

    def sound(name: str, kind: type) -> bool:  # a field the schema accepted (or that is at least of its kind)
        return name not in unsound and isinstance(data.get(name), kind)

    rid = data["id"] if sound("id", str) else None
    if rid is not None:
        yield from _check_file_name(doc, rid)
    if sound("theme", str) and data["theme"] not in theme_ids:
        yield _p(doc, ("theme",), "theme", _unknown("theme", data["theme"], theme_ids, "themes"))
    for kind in TAXONOMY_KINDS:
        for i, ref in enumerate(data[kind] if sound(kind, list) else ()):
            if str(ref) not in known[kind]:
                yield _p(doc, (kind, i), f"{kind}[{i}]", _unknown(kind[:-1], ref, known[kind], kind))
    for i, ref in enumerate(data["related"] if sound("related", list) else ()):
        if ref == rid:
            yield _p(doc, ("related", i), f"related[{i}]", "a recommendation cannot be related "
                     "to itself; allowed: ids of other recommendations")
        elif ref not in rec_ids:
            yield _p(doc, ("related", i), f"related[{i}]", _unknown("recommendation", ref, rec_ids, "ids"))


def _unique_bullets(recs: list[Document], doc_ids: list[str]) -> Iterator[Problem]:
    seen: dict[tuple[str | None, str, int], str] = {}
    for doc in recs:  # a bullet is one record in its document's theme
        key = (document_of(doc.data, doc_ids), doc.data["theme"], doc.data["source"]["bullet"])
        if key in seen:
            yield _p(doc, ("source", "bullet"), "source.bullet", f"bullet {key[2]} of theme "
                     f"{key[1]!r} is already {seen[key]}; allowed: one record per bullet")
        else:
            seen[key] = doc.data["id"]


def _unique_orders(docs: list[Document], kind: str = "theme") -> Iterator[Problem]:
    seen: dict[int, str] = {}
    for doc in docs:
        order = doc.data["order"]
        if order in seen:
            yield _p(doc, ("order",), "order", f"order {order} is already used by {kind} "
                     f"{seen[order]!r}; allowed: a position no other {kind} has")
        else:
            seen[order] = doc.data["id"]


def _check_taxonomy(doc: Document) -> Iterator[Problem]:
    kind, stem = doc.data["kind"], Path(doc.path).stem
    if kind != stem:
        yield _p(doc, ("kind",), "kind", f"{kind!r} in {stem}.yml; allowed: {stem!r}")
        return
    seen: set[str] = set()
    for i, entry in enumerate(doc.data["entries"]):
        eid = entry["id"]
        where = ("entries", i, "id")
        if (kind == "objectives") != isinstance(eid, int):
            allowed = "a number from 1" if kind == "objectives" else "a lowercase ASCII id"
            yield _p(doc, where, f"entries[{i}].id", f"{eid!r} is not valid here; allowed: {allowed}")
        if str(eid) in seen:
            yield _p(doc, where, f"entries[{i}].id", f"duplicate id {eid!r}; allowed: each id once")
        seen.add(str(eid))
        if kind == "objectives" and "description" in entry:
            yield _p(doc, ("entries", i, "description"), f"entries[{i}].description",
                     "objectives carry their official title only; allowed: id and label")
    if kind == "objectives" and seen != {str(n) for n in range(1, 24)}:
        yield _p(doc, ("entries",), "entries", "the GCM has 23 objectives; allowed: ids 1 to 23, "
                 "each once")


def _where(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in path).replace(".[", "[")


def _check_text_forms(doc: Document) -> Iterator[Problem]:
    for path, lang, text in iter_texts(doc.data):
        for message in text_problems(lang, text, quotes_arabic=path[0] == "notes"):
            yield _p(doc, path, _where(path), message)


def _check_references(doc: Document, rec_ids: set[str]) -> Iterator[Problem]:
    for path, _, text in iter_texts(doc.data):
        where = _where(path)
        for ref in inline_references(text):
            if not RECOMMENDATION_ID.match(ref):
                yield _p(doc, path, where, f"[[{ref}]] is not a recommendation id; "
                         "allowed: [[r07]] to link a recommendation")
            elif ref not in rec_ids:
                yield _p(doc, path, where, f"[[{ref}]] links an unknown recommendation; "
                         + (did_you_mean(ref, rec_ids) or f"known ids: {_span(rec_ids)}"))


def _check_redirects(doc: Document, rec_ids: set[str]) -> Iterator[Problem]:
    for old, new in doc.data["redirects"].items():
        where = ("redirects", old)
        if not RECOMMENDATION_ID.match(old):
            yield _p(doc, where, f"redirects.{old}", "not a recommendation id; allowed: r07")
        elif old in rec_ids:
            yield _p(doc, where, f"redirects.{old}", "this id is in use; ids are never reused, "
                     "allowed: retired ids only")
        if new not in rec_ids:
            yield _p(doc, where, f"redirects.{old}", f"points to {_unknown('recommendation', new, rec_ids, 'ids')}")
