"""Checks on human text that a schema cannot express: script, markup, invisible controls."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from babel import Locale

from . import LANGUAGES
from .languages import language
from .yamlsource import JsonPath

INLINE_REF = re.compile(r"\[\[([^\[\]]*)\]\]")
RECOMMENDATION_ID = re.compile(r"^r[0-9]{2,5}$")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][\w-]*|javascript\s*:|&#?[A-Za-z0-9]+;", re.IGNORECASE)
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


_ARABIC_RANGE = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def arabic_share(text: str) -> float:
    """Share of Arabic letters among the letters of `text` (0 when it has none)."""
    letters = sum(1 for ch in text if ch.isalpha())
    arabic = sum(1 for ch in _ARABIC_RANGE.findall(text) if ch.isalpha())
    return arabic / letters if letters else 0.0


def iter_texts(data: Any, path: JsonPath = ()) -> Iterator[tuple[JsonPath, str, str]]:
    """Every (path, language, string) of the `{ar, en, fr}` maps inside `data`."""
    if isinstance(data, dict):
        if set(data) & set(LANGUAGES) and all(isinstance(v, str) for v in data.values()):
            for lang in LANGUAGES:
                if isinstance(data.get(lang), str):
                    yield path + (lang,), lang, data[lang]
            return
        for key, value in data.items():
            yield from iter_texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from iter_texts(value, path + (i,))


def text_problems(lang: str, text: str, quotes_arabic: bool = False) -> Iterator[str]:
    """Messages (without location) for one text in one language.

    Editorial notes discuss the Arabic wording, so their translations may quote Arabic.
    """
    html = _HTML.search(text)
    if html:
        yield (f"contains raw HTML or script ({html.group(0)!r}); allowed: plain text, "
               "with [[r07]] to link another recommendation")
    for ch in sorted(set(text) & BIDI_CONTROLS):
        yield (f"contains the invisible bidi control U+{ord(ch):04X}; allowed: plain text "
               "without bidi controls (the site isolates Latin runs itself)")
    for ch in sorted({c for c in text if unicodedata.category(c) == "Cc" and c != "\n"}):
        yield f"contains the control character U+{ord(ch):04X}; allowed: printable text"
    if "\u0640" in text:
        yield "contains tatweel (U+0640); allowed: Arabic text without kashida stretching"
    share, script = arabic_share(text), language(lang).script
    if script == "Arab" and share < 0.5:
        yield (f"is not in Arabic script ({share:.0%} Arabic letters); allowed: Arabic text, "
               "with Latin only for names such as GCM or COP27")
    if script != "Arab" and share > 0.2 and not quotes_arabic:
        yield (f"is in Arabic script ({share:.0%} Arabic letters) but should be in "
               f"{Locale('en').languages[lang]}; allowed: {Locale('en').scripts[script]}-script text")


def inline_references(text: str) -> list[str]:
    return INLINE_REF.findall(text)
