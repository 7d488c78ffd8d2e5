"""Interface labels: one dictionary per language, looked up through `t(key)`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from . import LANGUAGES

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def load_labels() -> dict[str, Labels]:
    out = {}
    for lang in LANGUAGES:
        text = resources.files("gcmkb").joinpath("locales", f"{lang}.yml").read_text("utf-8")
        out[lang] = Labels(lang, yaml.safe_load(text))
    return out


def plural_category(lang: str, n: int) -> str:
    """CLDR plural categories for the three languages (Arabic has six)."""
    if lang == "ar":
        if n == 0:
            return "zero"
        if n in (1, 2):
            return "one" if n == 1 else "two"
        if 3 <= n % 100 <= 10:
            return "few"
        return "many" if 11 <= n % 100 <= 99 else "other"
    if lang == "fr":
        return "one" if n in (0, 1) else "other"
    return "one" if n == 1 else "other"


@dataclass(frozen=True)
class Labels:
    lang: str
    entries: Mapping[str, Any]

    def t(self, key: str, **values: Any) -> str:
        text = self.entries[key]
        if not isinstance(text, str):
            raise KeyError(f"label {key!r} is a plural form; use count()")
        return text.format(**{k: self.localize(v) for k, v in values.items()}) if values else text

    def count(self, key: str, n: int) -> str:
        forms = self.entries[key]
        form = forms.get(plural_category(self.lang, n)) or forms["other"]
        return str(form).format(n=self.number(n))

    def number(self, n: int) -> str:
        """Digits in the language's own form: Arabic-Indic on Arabic pages, as in UN Arabic documents."""
        return str(n).translate(ARABIC_INDIC) if self.lang == "ar" else str(n)

    def localize(self, value: Any) -> str:
        return self.number(value) if isinstance(value, int) else str(value)
