"""The schemas' languages follow the registry.

The schema files (gcmkb/schemas/) spell their texts out in the languages the collection was
written for (`SPELLED`). A language the registry adds gets what a translated language has there
(`TEMPLATE`'s entry in every map of languages, its place in every list of them, and its own copy
of the rule "written unless its translation is pending"); a language the registry no longer
declares is dropped. So a new language is declared once, in gcmkb/languages.py.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from . import LANGUAGES

SPELLED = ("ar", "en", "fr")  # the languages the schema files are written out in
TEMPLATE = "en"               # a translated language: what another translated language copies
_MARKERS = {"en", "fr"}       # a map or list holding both is one of languages


def for_registry(schema: dict[str, Any]) -> dict[str, Any]:
    added = [code for code in LANGUAGES if code not in SPELLED]
    dropped = {code for code in SPELLED if code not in LANGUAGES}
    if not added and not dropped:
        return schema
    return _derive(schema, added, dropped)  # type: ignore[no-any-return]


def _derive(node: Any, added: list[str], dropped: set[str]) -> Any:
    if isinstance(node, dict):
        out = {key: _derive(value, added, dropped) for key, value in node.items()
               if not (key in dropped and set(node) >= _MARKERS)}
        if set(node) >= _MARKERS:  # {ar: …, en: …, fr: …}: one entry per language
            out.update({code: copy.deepcopy(out[TEMPLATE]) for code in added})
        return out
    if isinstance(node, list):
        if {item for item in node if isinstance(item, str)} >= _MARKERS:  # a list of languages
            return [item for item in node if item not in dropped] + added
        out = []
        for item in node:
            lang = _pending_rule_of(item)
            if lang in dropped:
                continue
            out.append(_derive(item, added, dropped))
            if lang == TEMPLATE:
                out += [_renamed(item, TEMPLATE, code) for code in added]
        return out
    return node


def _pending_rule_of(node: Any) -> str | None:
    """The language of a rule "the texts are written in <lang> unless translations.<lang> is pending"."""
    if not isinstance(node, dict):
        return None
    required = node.get("if", {}).get("properties", {}).get("translations", {}).get("required")
    return str(required[0]) if isinstance(required, list) and len(required) == 1 else None


def _renamed(node: Any, old: str, new: str) -> Any:
    if isinstance(node, dict):
        return {(new if key == old else key): (re.sub(rf"\b{old}\b", new, value) if key == "description"
                                               and isinstance(value, str) else _renamed(value, old, new))
                for key, value in node.items()}
    if isinstance(node, list):
        return [_renamed(item, old, new) for item in node]
    return new if node == old else node
