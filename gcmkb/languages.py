"""The languages of the knowledge base, declared once: everything else derives from this table.

Code, templates (through view data), sitemaps and the browser's search configuration read a
language's name, direction, script, digits, plural rule, URL prefix and list separator here, and
the termbase its clitics and plural endings: no code asks which language it is looking at.
Plural categories come from CLDR through Babel, so a language declared here counts in its own way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel.core import Locale
from babel.plural import PluralRule

# the digits of the CLDR numbering systems a language may write in (numberingSystems.xml)
NUMERALS = {"latn": "0123456789", "arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹", "deva": "०१२३४५६७८९"}
_FROM_LATIN = {system: str.maketrans("0123456789", digits) for system, digits in NUMERALS.items()}


@cache  # CLDR data, the same for every build
def _plural_rule(locale: str) -> PluralRule:
    return Locale.parse(locale).plural_form


@cache
def _decimal(locale: str, system: str) -> str:
    return str(Locale.parse(locale).number_symbols[system]["decimal"])


@dataclass(frozen=True)
class Language:
    code: str          # BCP 47, also the suffix of the page sources (x.en.md) and of the labels
    name: str          # in the language itself
    direction: str     # rtl | ltr
    script: str        # ISO 15924
    digits: str        # CLDR numbering system: arab (٠١٢) or latn (012)
    plural: str        # the CLDR locale whose plural rules it follows (its own code, as a rule)
    list_separator: str
    group: str = ","      # between thousands (CLDR): 2,954; 2 954 (narrow no-break space); ٢٬٩٥٤
    font: str = ""        # the self-hosted font its text needs, preloaded on its pages ("" = the system's)
    source: bool = False  # the language the document was written in
    spaced_punctuation: bool = False  # a no-break space before : ; ! ? and inside « » (French)
    article: str = ""     # the article an alphabetical index passes over (الهجرة under ه)
    # its search steps after the shared trimmer and normaliser, for indexing and queries alike
    # (gcmkb/searchindex.py names them); a language without its own searches its words as written
    search_steps: tuple[str, ...] = ()
    # how the termbase finds a form inside a text (gcmkb/termbase.py): the proclitics written
    # before a word (Arabic و ف ب ل ك and the article), those that swallow the article's first
    # letter (ل + ال → لل), and the endings a form may take as a plural ("s", "x")
    proclitics: tuple[str, ...] = ("",)
    article_fusions: tuple[str, ...] = ()
    plural_endings: tuple[str, ...] = ("",)

    @property
    def native_digits(self) -> bool:
        """Whether numbers are written in digits other than 0-9 (the page's own, not Latin runs')."""
        return self.digits != "latn"

    @property
    def prefix(self) -> str:
        """Where its pages live, relative to the site root: the source language at the root."""
        return "" if self.source else f"{self.code}/"

    def _digits(self, text: str) -> str:
        return text.translate(_FROM_LATIN[self.digits])

    def number(self, n: int) -> str:
        """Digits in the language's own form: Arabic-Indic on Arabic pages, as in UN Arabic documents."""
        return self._digits(str(n))

    def quantity(self, n: int) -> str:
        """A count, its thousands grouped as the language writes them (not a year, not a line)."""
        return self._digits(f"{n:,}".replace(",", self.group))

    def numeral(self, text: str) -> str:
        """A dotted number ("10.7") in the language's digits, with its decimal separator (CLDR's)."""
        if not self.native_digits or not text.replace(".", "").isdigit():
            return text
        return self._digits(text).replace(".", _decimal(self.code, self.digits))

    def plural_category(self, n: int) -> str:
        """CLDR plural category of `n` (Arabic has six: zero one two few many other)."""
        return str(_plural_rule(self.plural)(n))

    def public(self) -> dict[str, str]:
        """What templates and the browser need (JSON-serialisable)."""
        return {"code": self.code, "name": self.name, "dir": self.direction, "script": self.script,
                "digits": self.digits, "prefix": self.prefix, "separator": self.list_separator, "font": self.font}


REGISTRY: tuple[Language, ...] = (
    Language("ar", "العربية", "rtl", "Arab", "arab", "ar", "، ", "\u066c",
             font="assets/fonts/NotoNaskhArabic-Regular.woff2", source=True, article="ال",
             search_steps=("kb-stop-ar", "kb-clitics-ar", "kb-stem-ar"),
             proclitics=("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "وب", "ول", "وك",
                         "فب", "فل", "فك"),
             article_fusions=("لل", "ولل", "فلل")),
    Language("en", "English", "ltr", "Latn", "latn", "en", ", ", search_steps=("stopWordFilter", "stemmer"),
             plural_endings=("", "s", "x")),
    Language("fr", "Français", "ltr", "Latn", "latn", "fr", ", ", "\u202f", spaced_punctuation=True,
             search_steps=("kb-stop-fr", "kb-stem-fr"), plural_endings=("", "s", "x")),
)
BY_CODE = {lang.code: lang for lang in REGISTRY}


def language(code: str) -> Language:
    return BY_CODE[code]
