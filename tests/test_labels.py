"""The interface labels: one dictionary per language, with the same keys and plural forms."""

from __future__ import annotations

import re

from gcmkb import LANGUAGES
from gcmkb.labels import load_labels
from gcmkb.languages import language

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_locale_has_the_same_keys() -> None:
    labels = load_labels()
    keys = {lang: set(labels[lang].entries) for lang in LANGUAGES}
    reference = keys[LANGUAGES[0]]
    assert {lang: sorted(k ^ reference) for lang, k in keys.items()} == {lang: [] for lang in LANGUAGES}


def test_plural_labels_have_every_form_their_language_needs() -> None:
    missing = []
    for lang, labels in load_labels().items():
        rule = language(lang)
        needed = {rule.plural_category(n) for n in range(0, 200)}
        for key, value in labels.entries.items():
            if isinstance(value, dict):
                missing += [f"{lang}:{key}:{form}" for form in sorted(needed - set(value)) if "other" not in value]
                if "other" not in value:
                    missing.append(f"{lang}:{key}:other")
    assert missing == []


def test_placeholders_are_the_same_in_every_language() -> None:
    labels = load_labels()

    def names(value: object) -> set[str]:
        texts = value.values() if isinstance(value, dict) else [value]
        return {n for t in texts for n in PLACEHOLDER.findall(str(t))}

    base = labels[LANGUAGES[0]].entries
    differ = [f"{lang}:{key}" for lang in LANGUAGES[1:] for key, value in labels[lang].entries.items()
              if key in base and names(value) != names(base[key])]
    assert differ == []
