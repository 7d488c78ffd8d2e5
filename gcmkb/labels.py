"""Interface labels: one dictionary per language, looked up through `t(key)`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from . import LANGUAGES
from .languages import language
from .typography import typeset


def load_labels() -> dict[str, Labels]:
    return {lang: _labels(lang, resources.files("gcmkb").joinpath("locales", f"{lang}.yml").read_text("utf-8"))
            for lang in LANGUAGES}


@lru_cache(maxsize=len(LANGUAGES) * 2)
def _labels(lang: str, text: str) -> Labels:
    """Parsed once per content: every build (and every page family) asks for them again. Typeset
    as the language sets text (French no-break spaces and apostrophes), for the pages and the
    browser alike."""
    return Labels(lang, _typeset(yaml.safe_load(text), lang))


def _typeset(value: Any, lang: str) -> Any:
    if isinstance(value, str):
        return typeset(value, lang)
    if isinstance(value, dict):
        return {k: _typeset(v, lang) for k, v in value.items()}
    return [_typeset(v, lang) for v in value] if isinstance(value, list) else value


@dataclass(frozen=True)
class Labels:
    lang: str
    entries: Mapping[str, Any]

    def t(self, key: str, **values: Any) -> str:
        text = self.entries[key]
        if not isinstance(text, str):
            raise KeyError(f"label {key!r} is a plural form; use count()")
        # the values (titles, dates, ids) are typeset with the label around them
        return typeset(text.format(**{k: self.localize(v) for k, v in values.items()}), self.lang) if values else text

    def count(self, key: str, n: int) -> str:
        forms = self.entries[key]
        form = forms.get(language(self.lang).plural_category(n)) or forms["other"]
        return str(form).format(n=self.number(n))

    def number(self, n: int) -> str:
        """Digits in the language's own form: Arabic-Indic on Arabic pages, as in UN Arabic documents."""
        return language(self.lang).number(n)

    def localize(self, value: Any) -> str:
        return self.number(value) if isinstance(value, int) else str(value)
