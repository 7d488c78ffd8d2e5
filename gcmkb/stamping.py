"""Re-stamp translations: record that a translation matches the current Arabic.

The YAML file is edited as text (only the `translations:` block is rewritten), so editors'
comments and formatting elsewhere survive.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import TRANSLATED_LANGUAGES
from .model import PENDING
from .translation_checks import source_fingerprint
from .yamlsource import read_document

FIX_FIRST = "fix the problems reported by `python -m gcmkb validate` first"
_BLOCK = re.compile(r"^translations:[ \t]*(\{.*\})?[ \t]*\n((?:[ \t]+.*\n?|[ \t]*\n)*)", re.MULTILINE)


def render_block(states: dict[str, dict[str, str]]) -> str:
    lines = ["translations:"]
    for lang in TRANSLATED_LANGUAGES:
        state = states[lang]
        source = "" if state["status"] == PENDING else f", source: {state['source']}"
        lines.append(f"  {lang}: {{status: {state['status']}{source}}}")
    return "\n".join(lines) + "\n"


def stamp_file(file: Path, display: str, langs: tuple[str, ...], status: str | None) -> str:
    """Stamp `langs` of one record with the current fingerprint; return what changed."""
    doc, problems = read_document(file, display)
    if doc is None or problems or not isinstance(doc.data, dict):
        raise ValueError(f"{display}: {FIX_FIRST}")
    current = source_fingerprint(doc.data)
    old = doc.data.get("translations") or {}
    states = {lang: {"status": str(old.get(lang, {}).get("status", "draft")),
                     "source": str(old.get(lang, {}).get("source", current))}
              for lang in TRANSLATED_LANGUAGES}
    for lang in langs:
        states[lang]["source"] = current
        if status or states[lang]["status"] == PENDING:  # the translation has come: a draft until reviewed
            states[lang]["status"] = status or "draft"
    text = file.read_text("utf-8")
    block = render_block(states)
    match = _BLOCK.search(text)
    text = text[:match.start()] + block + text[match.end():] if match else text.rstrip("\n") + "\n" + block
    file.write_text(text, "utf-8")
    return f"{display}: {', '.join(langs)} stamped {current}" + (f" ({status})" if status else "")
