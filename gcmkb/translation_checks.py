"""The state of each translation of a record: current, outdated, missing a fingerprint, or pending.

A record may enter with a translation still to come: `translations.en: {status: pending}`, and no
English in any of its texts. Its English pages show the Arabic, marked as such, with a notice, and
the validator lists what is pending (a line of information, not an error). A language that is
not pending is written in every text of the record: the schema says so (its `allOf`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import TRANSLATED_LANGUAGES
from .model import PENDING, Text, fingerprint
from .problems import Problem, Severity
from .yamlsource import Document, JsonPath, format_path

TEXT_FIELDS = ("title", "short", "lead", "text", "description")


def source_fingerprint(data: dict[str, Any]) -> str:
    """Fingerprint of the Arabic texts a record's translations are made from."""
    return fingerprint(*(Text.of(data[k]) for k in TEXT_FIELDS if isinstance(data.get(k), dict)))


def _maps(data: dict[str, Any]) -> Iterator[JsonPath]:
    """The path of every human text of a recommendation."""
    for key in ("title", "lead", "text"):
        if isinstance(data.get(key), dict):
            yield (key,)
    for i, note in enumerate(data.get("notes") or []):
        if isinstance(note, dict):
            yield ("notes", i)


def check_translations(doc: Document) -> Iterator[Problem]:
    if "translations" not in doc.data:
        return
    current = source_fingerprint(doc.data)
    rid = doc.data["id"]
    for lang in TRANSLATED_LANGUAGES:
        tr = doc.data["translations"][lang]
        where = ("translations", lang)
        if tr["status"] == PENDING:
            yield from _pending(doc, rid, lang)
        elif "source" not in tr:
            yield _problem(doc, where, "missing fingerprint of the Arabic this translation was made "
                           f"from; allowed: run `python -m gcmkb stamp {rid} {lang}` once the translation "
                           "matches the Arabic", ".source")
        elif tr["source"] != current:
            yield _problem(doc, where, f"outdated: the Arabic changed since this translation was made "
                           f"(from {tr['source']}, now {current}); update it, then run "
                           f"`python -m gcmkb stamp {rid} {lang}`", severity="warning")


def _pending(doc: Document, rid: str, lang: str) -> Iterator[Problem]:
    written = [path for path in _maps(doc.data) if lang in _at(doc.data, path)]
    for path in written:
        yield Problem(doc.path, doc.line_of(path + (lang,)), format_path(path + (lang,)),
                      f"written while translations.{lang} is pending; allowed: the whole translation, "
                      f"then `python -m gcmkb stamp {rid} {lang}`, or no {lang} text until then")
    if not written:
        yield _problem(doc, ("translations", lang), f"pending; its {lang} pages show the Arabic "
                       f"with a notice; once every text has its {lang}, run "
                       f"`python -m gcmkb stamp {rid} {lang}`", severity="info")


def _at(data: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    value: Any = data
    for key in path:
        value = value[key]
    return value  # type: ignore[no-any-return]


def _problem(doc: Document, where: JsonPath, message: str, suffix: str = "",
             severity: Severity = "error") -> Problem:
    return Problem(doc.path, doc.line_of(where), format_path(where) + suffix, message, severity)
