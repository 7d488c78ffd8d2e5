"""Hints for an editor's slips: a name mistyped ("did you mean 'rights'?") and a language key whose
indentation slipped to the level of the fields, told as such instead of as an unknown field or a
YAML indentation error."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Any

from . import LANGUAGES
from .problems import Problem

_NUMBERED = re.compile(r"^([A-Za-z]*)(\d+)$")
_LOWER_NUMBERED = re.compile(r"^([a-z]*)(\d+)$")
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


def known_span(ids: set[str]) -> str:
    """The known ids for a hint: names in full, numbered ids (r01, 7) as runs when many.

    A range says something only of numbers (`r01..r11, r13..r35` when r12 is retired);
    `media..regional-economic-communities` would hide every name an editor needs.
    """
    matches = [m for m in map(_LOWER_NUMBERED.match, ids) if m]
    if len(matches) < len(ids) or len({m.group(1) for m in matches}) > 1:
        return ", ".join(sorted(ids)) or "none defined"
    numbered = sorted((int(m.group(2)), m.group(0)) for m in matches)
    if len(numbered) <= 8:
        return ", ".join(rid for _, rid in numbered) or "none defined"
    runs: list[list[tuple[int, str]]] = []
    for item in numbered:
        if runs and item[0] == runs[-1][-1][0] + 1:
            runs[-1].append(item)
        else:
            runs.append([item])
    return ", ".join(f"{run[0][1]}..{run[-1][1]}" if len(run) > 2 else ", ".join(r for _, r in run)
                     for run in runs)


def unknown(what: str, ref: Any, known: set[str], known_as: str) -> str:
    """"unknown theme 'right'; did you mean 'rights'?", or the known names when none is close."""
    return f"unknown {what} {ref!r}; " + (did_you_mean(ref, known) or f"known {known_as}: {known_span(known)}")


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
