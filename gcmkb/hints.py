"""Hints for an editor's slips: a name mistyped ("did you mean 'rights'?") and a language key whose
indentation slipped to the level of the fields, told as such instead of as an unknown field or a
YAML indentation error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from . import LANGUAGES
from .problems import Problem

_NUMBERED = re.compile(r"^([A-Za-z]*)(\d+)$")
_LANGUAGE_KEY = re.compile(r"^( *)(" + "|".join(LANGUAGES) + r"):(?:\s|$)")
_FIELD_KEY = re.compile(r"^( *)([\w-]+):\s*(?:#.*)?$")  # a field whose value is on the lines below
SLIPPED = ("'{lang}:' is indented like the fields, not like the languages of '{field}' above it: its "
           "indentation slipped; allowed: indent it like the other languages of '{field}'")


def did_you_mean(ref: object, known: Iterable[str]) -> str:
    """"did you mean 'rights'?" when known names are close to `ref` ("" when none is). A numbered id
    is close only to the same number written otherwise ('r7', 'R07' -> 'r07'): r99 is no slip for r09."""
    names, text = sorted(known), str(ref)
    numbered = _NUMBERED.match(text)
    if numbered and names and all(_NUMBERED.match(name) for name in names):
        close = [name for name in names if (m := _NUMBERED.match(name)) is not None
                 and m[1] == numbered[1].lower() and int(m[2]) == int(numbered[2]) and name != text]
    else:
        close = difflib.get_close_matches(text, names, n=3, cutoff=0.6)
    if not close:
        return ""
    quoted = [repr(name) for name in close]
    return "did you mean " + (quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]) + "?"


def slipped_language_line(lines: list[str], line: int) -> tuple[int, str] | None:
    """For a YAML indentation error on `line` (0-based): when the line above it is a language key
    indented less than it, under a field whose languages `line` goes on with, that key slipped."""
    above = next((n for n in range(line - 1, -1, -1) if lines[n].strip()), None)
    if above is None or line >= len(lines):
        return None
    slipped, here = _LANGUAGE_KEY.match(lines[above]), _LANGUAGE_KEY.match(lines[line])
    if slipped is None or here is None or len(slipped[1]) >= len(here[1]):
        return None
    parent = next((m for n in range(above - 1, -1, -1) if (m := _FIELD_KEY.match(lines[n]))
                   and len(m[1]) == len(slipped[1])), None)
    if parent is None:
        return None
    return above, SLIPPED.format(lang=slipped[2], field=parent[2])


def slipped_language_problems(data: object, problems: list[Problem]) -> list[Problem]:
    """A language key at the level of the fields, after a field of languages that lacks it (the
    last language of a text, written without its indentation): one problem saying so, instead of
    "unknown field" and "required field is missing"."""
    if not isinstance(data, dict):
        return problems
    keys = list(data)
    out = list(problems)
    for problem in problems:
        lang = problem.field
        if lang not in LANGUAGES or not problem.message.startswith("unknown field") or lang not in keys:
            continue
        before = keys[keys.index(lang) - 1] if keys.index(lang) > 0 else None
        if not isinstance(data.get(before), dict) or lang in data[before]:
            continue
        out.remove(problem)
        out = [p for p in out if p.field != f"{before}.{lang}"]
        out.append(Problem(problem.path, problem.line, f"{before}.{lang}", SLIPPED.format(lang=lang, field=before)))
    return out
