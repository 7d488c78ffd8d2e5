"""A human text in every language of the collection: the value every record, theme, entry and term
is written in. Below the model and the termbase, which both hold texts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import LANGUAGES, SOURCE_LANGUAGE

_SOURCE = LANGUAGES.index(SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Text:
    """One human text in every language of the registry; a translation still to come is None."""

    values: tuple[str | None, ...]  # in the order of LANGUAGES

    @classmethod
    def of(cls, data: Mapping[str, str]) -> Text:
        return cls(tuple(data[lang].strip() if lang in data else None for lang in LANGUAGES))

    def __getattr__(self, lang: str) -> str | None:
        """`text.en`: the text in a language of the registry, None while it is pending."""
        if lang not in LANGUAGES:
            raise AttributeError(lang)
        return self.values[LANGUAGES.index(lang)]

    def get(self, lang: str) -> str:
        """The text in `lang`, or the source's while its translation is pending: a page always
        has something to show (the views mark it as written in the source language)."""
        return self.written(lang) or str(self.values[_SOURCE])

    def written(self, lang: str) -> str | None:
        """The text in `lang` only if it is written (the exports: a pending text is absent)."""
        value = self.values[LANGUAGES.index(lang)]
        return None if value is None else str(value)

    def language(self, lang: str) -> str:
        """The language the text shown for `lang` is written in."""
        return lang if self.written(lang) is not None else SOURCE_LANGUAGE

    def paragraphs(self, lang: str) -> list[str]:
        return [" ".join(p.split()) for p in self.get(lang).split("\n\n") if p.strip()]
