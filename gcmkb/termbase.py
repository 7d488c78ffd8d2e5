"""The termbase: one preferred name per concept and language, and where texts use each concept.

A term's forms are matched as whole-word phrases after search normalisation, so one rule serves
the glossary ("which recommendations use this concept"), the validator ("this translation uses a
deprecated form") and the term markup on recommendation pages. Three kinds of form besides the
preferred term: variants (short or inflected forms the texts use freely), not-preferred forms
(correct wording, such as another passage of the Compact or established UN usage, that is not the
collection's name for the concept: shown and searched, never reported) and deprecated forms (wrong:
a confusion of concepts, a calque, a discredited label; the validator warns on them).

Arabic forms also match behind a proclitic (و ف ب ل ك, the article and their combinations);
English and French forms also match with a final plural s or x: each language's proclitics and
plural endings are declared in its registry entry (gcmkb/languages.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from . import LANGUAGES
from .languages import language
from .searchtext import normalize
from .texts import Text

_WORD = re.compile(r"[^\W_][\w\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED]*")


class Token(NamedTuple):
    """A word of a text: its normalised form and where it stands in the original (a tuple: every
    word of every text is one, and a frozen dataclass took three times as long to make)."""

    word: str
    start: int
    end: int


_normalize_word = lru_cache(maxsize=1 << 16)(normalize)  # a text's words repeat across records


def tokens(text: str) -> list[Token]:
    return [Token(_normalize_word(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def form_words(form: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(form))


def _first_words(lang: str, first: str, single: bool) -> list[str]:
    """The text words that the first word of a form stands for: behind a proclitic, and with a
    plural ending when it is the form's only word."""
    spec = language(lang)
    words = [p + first for p in spec.proclitics]
    if spec.article and first.startswith(spec.article):  # ل + ال: the alef of the article is not written
        words += [p + first[len(spec.article):] for p in spec.article_fusions]
    return [word + s for word in words for s in spec.plural_endings] if single else words


def _last_matches(lang: str, word: str, last: str) -> bool:
    return any(word == last + s for s in language(lang).plural_endings)


def _rest_matches(lang: str, window: list[Token], words: tuple[str, ...]) -> bool:
    n = len(words)
    if n > 1 and not _last_matches(lang, window[-1].word, words[-1]):
        return False
    return all(window[j].word == words[j] for j in range(1, n - 1))


def find(lang: str, words: tuple[str, ...], text_tokens: list[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) character spans in the original text where the form `words` occurs."""
    n = len(words)
    if not n:
        return
    firsts = set(_first_words(lang, words[0], n == 1))
    for i in range(len(text_tokens) - n + 1):
        window = text_tokens[i:i + n]
        if window[0].word in firsts and _rest_matches(lang, window, words):
            yield window[0].start, window[-1].end


class Matcher:
    """Every form of every term in one language, indexed by the text words that can begin it:
    one dictionary look-up per word of a text, however many terms there are."""

    def __init__(self, terms: tuple[Term, ...], lang: str, deprecated: bool = False) -> None:
        self.lang = lang
        self.by_first: dict[str, list[tuple[Term, tuple[str, ...]]]] = {}
        for term in terms:
            for form in (term.deprecated.get(lang, ()) if deprecated else term.admitted(lang)):
                words = form_words(form)
                for first in _first_words(lang, words[0], len(words) == 1) if words else ():
                    self.by_first.setdefault(first, []).append((term, words))

    def occurrences(self, text: str) -> Iterator[tuple[int, int, Term, tuple[str, ...]]]:
        """(start, end, term, form words) of every occurrence, in text order."""
        text_tokens = tokens(text)
        for i, token in enumerate(text_tokens):
            for term, words in self.by_first.get(token.word, ()):
                window = text_tokens[i:i + len(words)]
                if len(window) == len(words) and _rest_matches(self.lang, window, words):
                    yield window[0].start, window[-1].end, term, words


@dataclass(frozen=True)
class Term:
    id: str
    preferred: Text
    variants: Mapping[str, tuple[str, ...]]
    not_preferred: Mapping[str, tuple[str, ...]]  # correct, not the collection's name: never reported
    deprecated: Mapping[str, tuple[str, ...]]     # wrong: the validator warns on each use
    definition: Text
    source: Text
    notes: tuple[Text, ...]  # the editorial decisions on the forms, with the sources consulted
    working_renderings: tuple[str, ...]  # languages whose preferred term no official text confirms
    objectives: tuple[str, ...]
    path: str
    line: int

    def admitted(self, lang: str) -> tuple[str, ...]:
        """The correct forms: the preferred term, the variants, then the not-preferred forms."""
        return (self.preferred.get(lang), *self.variants.get(lang, ()), *self.not_preferred.get(lang, ()))

    def all_forms(self, lang: str) -> tuple[str, ...]:
        return (*self.admitted(lang), *self.deprecated.get(lang, ()))


def _forms(data: Mapping[str, Any] | None) -> dict[str, tuple[str, ...]]:
    return {lang: tuple(data[lang]) for lang in LANGUAGES if data and lang in data}


def term_of(data: Mapping[str, Any], path: str, line: int) -> Term:
    return Term(id=data["id"], preferred=Text.of(data["preferred"]), variants=_forms(data.get("variants")),
                not_preferred=_forms(data.get("not_preferred")), deprecated=_forms(data.get("deprecated")),
                definition=Text.of(data["definition"]), source=Text.of(data["source"]),
                notes=tuple(Text.of(n) for n in data.get("notes", ())),
                working_renderings=tuple(data.get("working_renderings", ())),
                objectives=tuple(str(o) for o in data.get("objectives", [])),
                path=path, line=line)


def first_occurrences(matcher: Matcher, text: str, seen: set[str]) -> list[tuple[int, int, Term]]:
    """Non-overlapping spans of the first occurrence of each term not in `seen` (which is updated).

    Where occurrences overlap, the longer wins, so "alternatives to detention" is one term, not
    "detention" inside it.
    """
    found = sorted(((start, end, term) for start, end, term, _ in matcher.occurrences(text)),
                   key=lambda f: (f[0], -(f[1] - f[0])))
    chosen: list[tuple[int, int, Term]] = []
    for start, end, term in found:
        if term.id in seen or (chosen and start < chosen[-1][1]):
            continue
        chosen.append((start, end, term))
        seen.add(term.id)
    return chosen
