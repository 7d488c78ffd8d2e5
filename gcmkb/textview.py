"""Human text as render-ready segments: plain runs, isolated Latin runs, and titled links.

Templates loop over segments and escape them; text never becomes markup by itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Catalog, Text
from .text_checks import INLINE_REF

# a Latin run inside Arabic text (GCM, COP27, A/RES/73/195): isolated so the bidi algorithm
# does not reorder it with the surrounding punctuation
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ ./\-][A-Za-z0-9]+)*")
# an Arabic run inside English or French text (editorial notes quote the source)
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
        out.append({"kind": "ref", "id": rid, "title": rec.title.get(lang),
                    "href": link(f"recommendations/{rid}/")})
        last = match.end()
    out += _plain(text[last:], lang)
    return out


def _plain(text: str, lang: str) -> list[Segment]:
    """Runs of the other script are isolated so the bidi algorithm cannot reorder them."""
    if not text:
        return []
    pattern, kind = (LATIN_RUN, "ltr") if lang == "ar" else (ARABIC_RUN, "rtl")
    out: list[Segment] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() > last:
            out.append({"kind": "text", "text": text[last:match.start()]})
        out.append({"kind": kind, "text": match.group(0)})
        last = match.end()
    if last < len(text):
        out.append({"kind": "text", "text": text[last:]})
    return out


def paragraphs(text: Text, lang: str, catalog: Catalog, link: Callable[[str], str]) -> list[list[Segment]]:
    return [segments(p, lang, catalog, link) for p in text.paragraphs(lang)]


def plain(text: str) -> str:
    """Text without [[rNN]] markers, for titles, meta descriptions and citations."""
    return INLINE_REF.sub(lambda m: m.group(1), text)
