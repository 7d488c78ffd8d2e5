"""The languages of the knowledge base, declared once: everything else derives from this table.

Code, templates (through view data), sitemaps and the browser's search configuration read a
language's name, direction, script, digits, plural rule, URL prefix and list separator here.
"""

from __future__ import annotations

from dataclasses import dataclass

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@dataclass(frozen=True)
class Language:
    code: str          # BCP 47, also the suffix of the page sources (x.en.md) and of the labels
    name: str          # in the language itself
    direction: str     # rtl | ltr
    script: str        # ISO 15924
    digits: str        # CLDR numbering system: arab (٠١٢) or latn (012)
    plural: str        # the CLDR plural rule set: ar | fr | en
    list_separator: str
    group: str = ","      # between thousands (CLDR): 2,954; 2 954 (narrow no-break space); ٢٬٩٥٤
    font: str = ""        # the self-hosted font its text needs, preloaded on its pages ("" = the system's)
    source: bool = False  # the language the document was written in
    spaced_punctuation: bool = False  # a no-break space before : ; ! ? and inside « » (French)
    article: str = ""     # the article an alphabetical index passes over (الهجرة under ه)
    # its search steps after the shared trimmer and normaliser, for indexing and queries alike
    # (gcmkb/searchindex.py names them); a language without its own searches its words as written
    search_steps: tuple[str, ...] = ()

    @property
    def prefix(self) -> str:
        """Where its pages live, relative to the site root: the source language at the root."""
        return "" if self.source else f"{self.code}/"

    def number(self, n: int) -> str:
        """Digits in the language's own form: Arabic-Indic on Arabic pages, as in UN Arabic documents."""
        return str(n).translate(ARABIC_INDIC) if self.digits == "arab" else str(n)

    def quantity(self, n: int) -> str:
        """A count, its thousands grouped as the language writes them (not a year, not a line)."""
        grouped = f"{n:,}".replace(",", self.group)
        return grouped.translate(ARABIC_INDIC) if self.digits == "arab" else grouped

    def numeral(self, text: str) -> str:
        """A dotted number ("10.7") in the language's digits, with the Arabic decimal separator."""
        if self.digits != "arab" or not text.replace(".", "").isdigit():
            return text
        return text.translate(ARABIC_INDIC).replace(".", "٫")

    def plural_category(self, n: int) -> str:
        """CLDR plural category of `n` (Arabic has six)."""
        if self.plural == "ar":
            if n in (0, 1, 2):
                return ("zero", "one", "two")[n]
            if 3 <= n % 100 <= 10:
                return "few"
            return "many" if 11 <= n % 100 <= 99 else "other"
        if self.plural == "fr":
            return "one" if n in (0, 1) else "other"
        return "one" if n == 1 else "other"

    def public(self) -> dict[str, str]:
        """What templates and the browser need (JSON-serialisable)."""
        return {"code": self.code, "name": self.name, "dir": self.direction, "script": self.script,
                "digits": self.digits, "prefix": self.prefix, "separator": self.list_separator, "font": self.font}


REGISTRY: tuple[Language, ...] = (
    Language("ar", "العربية", "rtl", "Arab", "arab", "ar", "، ", "\u066c",
             font="assets/fonts/NotoNaskhArabic-Regular.woff2", source=True, article="ال",
             search_steps=("kb-stop-ar", "kb-clitics-ar", "kb-stem-ar")),
    Language("en", "English", "ltr", "Latn", "latn", "en", ", ", search_steps=("stopWordFilter", "stemmer")),
    Language("fr", "Français", "ltr", "Latn", "latn", "fr", ", ", "\u202f", spaced_punctuation=True,
             search_steps=("kb-stop-fr", "kb-stem-fr")),
)
BY_CODE = {lang.code: lang for lang in REGISTRY}


def language(code: str) -> Language:
    return BY_CODE[code]
