"""Human text as render-ready segments: plain runs, isolated Latin runs, and titled links.

Templates loop over segments and escape them; text never becomes markup by itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import SOURCE_LANGUAGE
from .languages import language
from .model import Catalog, Text
from .text_checks import INLINE_REF
from .typography import LATIN_RUN, typeset

# an Arabic run inside a left-to-right text (editorial notes quote the source, whose language it is)
_ARABIC = "\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF"
ARABIC_RUN = re.compile(f"[{_ARABIC}]+(?:[ \u060C.:]+[{_ARABIC}]+)*")

Segment = dict[str, str]


def segments(text: str, lang: str, catalog: Catalog, link: Callable[[str], str]) -> list[Segment]:
    out: list[Segment] = []
    last = 0
    for match in INLINE_REF.finditer(text):
        out += _plain(text[last:match.start()], lang)
        rid = match.group(1)
        rec = catalog.recommendation(rid)
        out.append({"kind": "ref", "id": rid, "title": typeset(rec.title.get(lang), lang),
                    "href": link(f"recommendations/{rid}/")})
        last = match.end()
    out += _plain(text[last:], lang)
    return out


def _plain(text: str, lang: str) -> list[Segment]:
    """Runs of the other direction are isolated so the bidi algorithm cannot reorder them (Latin
    runs in a right-to-left language, quotes of the Arabic source in a left-to-right one); the page
    language's own runs are typeset (its digits, its punctuation spaces)."""
    if not text:
        return []
    rtl = language(lang).direction == "rtl"
    pattern, run = (LATIN_RUN, {"kind": "ltr"}) if rtl else (ARABIC_RUN, {"kind": "rtl", "lang": SOURCE_LANGUAGE})
    out: list[Segment] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            out.append({"kind": "text", "text": typeset(text[last:match.start()], lang)})
        out.append({**run, "text": match.group(0)})
        last = match.end()
    if last < len(text):
        out.append({"kind": "text", "text": typeset(text[last:], lang)})
    return out


def paragraphs(text: Text, lang: str, catalog: Catalog, link: Callable[[str], str]) -> list[list[Segment]]:
    return [segments(p, lang, catalog, link) for p in text.paragraphs(lang)]


def plain(text: str) -> str:
    """Text without [[rNN]] markers, for titles, meta descriptions and citations."""
    return INLINE_REF.sub(lambda m: m.group(1), text)
