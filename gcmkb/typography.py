"""Human text as each language sets it, the last step of every text on its way to a page.

`typeset(text, lang)` is applied where a human text enters the views: record texts (through
`textview`), plain texts such as definitions and descriptions (through `ViewContext.text`) and
interface labels (through `Labels`). Sources, search indexes and exports keep the text as written.

- Arabic: Arabic-Indic digits, as in UN Arabic documents ("الهدف ١٦", "٢٠١٨"); Latin runs
  (A/RES/73/195, r07, COP27) and web addresses keep their own.
- French: a no-break space before « : » and inside « », a narrow no-break space before « ; ! ? »
  (where the text puts a space; none is added), and the typographic apostrophe (’), so a mark never
  wraps to the next line; web addresses are left as they are.
- English: as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .languages import Language, language

NBSP, NNBSP = "\u00a0", "\u202f"

# a web address: ASCII up to a space, without the punctuation that closes the sentence
ADDRESS = r"https?://[!-~]*[A-Za-z0-9/#=_\-]"
# a Latin run inside Arabic text (GCM, COP27, A/RES/73/195, 2/CP.27, the SDG target 13.a) or an address:
# isolated so the bidi algorithm does not reorder it with the surrounding punctuation, and left with its
# own digits (an Arabic-Indic "١٣" before ".a" would put a dot, which reads as a zero, after a digit)
LATIN_RUN = re.compile(ADDRESS + r"|(?:[0-9]+(?:\.[0-9]+)*[/.])?[A-Za-z][A-Za-z0-9]*(?:[ ./\-][A-Za-z0-9]+)*")
_ADDRESS = re.compile(ADDRESS)

# French marks: the space the text puts before them becomes a no-break one (none is added)
_SPACED = ((re.compile(r"[ \u00a0\u202f]+([;!?])"), NNBSP + r"\1"),
           (re.compile(r"[ \u00a0\u202f]+:"), NBSP + ":"),
           (re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
           (re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"))
_DIGIT = re.compile(r"[0-9]+(?:\.[0-9]+)*")  # dotted numbers take the Arabic separator (10.7 → ١٠٫٧, 16.2.2 → ١٦٫٢٫٢)


def _own_digits(lang: Language) -> Callable[[str], str]:
    return lambda part: _DIGIT.sub(lambda m: lang.numeral(m.group(0)), part)


def _french_marks(part: str) -> str:
    part = part.replace("'", "\u2019")
    for pattern, replacement in _SPACED:
        part = pattern.sub(replacement, part)
    return part


def _outside(runs: re.Pattern[str], text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text between the matches of `runs`, which stay as they are."""
    out, last = [], 0
    for match in runs.finditer(text):
        out += [change(text[last:match.start()]), match.group(0)]
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


@lru_cache(maxsize=1 << 16, typed=True)  # titles and labels return on every page that lists them
def typeset(text: str, lang: str) -> str:
    """`text` as `lang` sets it on a page (idempotent: typesetting twice changes nothing)."""
    spec = language(lang)
    if spec.native_digits:
        text = _outside(LATIN_RUN, text, _own_digits(spec))
    if spec.spaced_punctuation:
        text = _outside(_ADDRESS, text, _french_marks)
    return text


# characters: a part of an address longer than this is a name made of words
# ("planned-relocation-guidelines-framework…"), wider than a phone's line on its own
LONG_PART = 30


def address_parts(address: str) -> list[str]:
    """An address cut after each slash: it may wrap there on a phone, never inside a word
    ("https://gcm-" + "champions…" read as two words); a part longer than LONG_PART is cut after
    its hyphens too, between the words of its name."""
    parts = re.findall(r"[^/]*/+|[^/]+$", address)
    return [piece for part in parts
            for piece in (re.findall(r"[^-]*-+|[^-]+$", part) if len(part) > LONG_PART else [part])]


# what typesetting leaves alone in a hand-written page: code, link targets, HTML tags and comments,
# attribute lists, reference definitions, ordered-list markers (Markdown counts in ASCII digits)
_MARKUP = re.compile(r"```.*?```|<!--.*?-->|`[^`\n]*`|\]\([^)\n]*\)|<[^>\n]+>|\{[:#.][^}\n]*\}"
                     r"|^[ \t]*\[[^\]\n]+\]:.*$|^[ \t]*[0-9]+[.)](?=[ \t])", re.S | re.M)


def typeset_markdown(markdown: str, lang: str) -> str:
    """A hand-written page's Markdown with its prose typeset as `lang` sets it."""
    return _outside(_MARKUP, markdown, lambda part: typeset(part, lang))


# the front matter's text that no other step typesets: the page's meta description (what a search
# engine shows under its title)
FRONT_MATTER_TEXTS = ("description",)


def typeset_front_matter(meta: dict[str, Any], lang: str) -> dict[str, str]:
    """The texts of a hand-written page's front matter, typeset as `lang` sets them."""
    return {key: typeset(meta[key], lang) for key in FRONT_MATTER_TEXTS if isinstance(meta.get(key), str)}
