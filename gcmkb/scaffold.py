"""`python -m gcmkb new`: a new recommendation (or `--practice`, a practice) with the next free id and
every required field.

The texts are left empty on purpose: the validator then lists exactly what is still to write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .layout import COLLECTION_DIR
from .loading import read_all
from .practices import PRACTICE_ID
from .text_checks import RECOMMENDATION_ID

TEMPLATE = """\
# yaml-language-server: $schema=../gcmkb/schemas/recommendation.schema.json
# A new recommendation. Fill in every "" below, then run: python -m gcmkb validate
id: {id}
theme: {theme}
source:
{document}  bullet: {bullet}          # its position in the theme
objectives: []         # GCM objective numbers (1 to 23) it serves, e.g. [7, 23]
principles: []         # GCM guiding principles it carries, from recommendations/taxonomies/principles.yml
actors: []             # ids from recommendations/taxonomies/actors.yml, e.g. [member-states]
topics: []             # ids from recommendations/taxonomies/topics.yml
sdg_targets: []        # SDG targets it plainly serves, e.g. ["10.7"] (may stay empty)
related: []            # ids of related recommendations, e.g. [r07]
title:
  ar: ""
  en: ""
  fr: ""
text:
  ar: ""
  en: ""
  fr: ""
translations:
  en: {{status: draft}}
  fr: {{status: draft}}
"""


def next_free_id(ids: set[str]) -> str:
    """One more than the highest id ever used (retired ids count: ids are never reused)."""
    numbers = [int(i[1:]) for i in ids if RECOMMENDATION_ID.match(i)]
    width = max([2] + [len(i) - 1 for i in ids if RECOMMENDATION_ID.match(i)])
    return f"r{max(numbers, default=0) + 1:0{width}d}"


def _field(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def scaffold(root: Path, theme: str, source: str | None = None) -> Path:
    """Works on an unfinished collection too (an editor may add several records at once). Its
    source document is the one named, or the collection's only one; left blank ("") to fill in
    when there are several."""
    loaded = read_all(root)
    known = {_field(d.data, "id") for d in loaded.docs.get("theme", [])} - {None}
    if theme not in known:
        raise ValueError(f"unknown theme {theme!r}; known themes: {', '.join(sorted(known))}")
    sources = sorted({str(_field(d.data, "id")) for d in loaded.docs.get("source", [])} - {"None"})
    if source is not None and source not in sources:
        raise ValueError(f"unknown source document {source!r}; known source documents: "
                         f"{', '.join(sources) or 'none defined'}")
    document = source or (sources[0] if len(sources) == 1 else "")
    recs = loaded.docs.get("recommendation", [])
    retired = {k for d in loaded.docs.get("redirects", []) for k in (_field(d.data, "redirects") or {})}
    existing = {p.stem for p in (root / COLLECTION_DIR).glob("r*.yml")}
    rid = next_free_id({str(_field(d.data, "id")) for d in recs} | retired | existing)
    bullets = [_field(d.data, "source", "bullet") for d in recs if _field(d.data, "theme") == theme
               and (_field(d.data, "source", "document") or document) == document]
    bullet = max([b for b in bullets if isinstance(b, int)], default=0) + 1
    target = root / COLLECTION_DIR / f"{rid}.yml"
    value = document or '""'
    line = f"  document: {value}   # the id of its source document (recommendations/sources/)\n" if sources else ""
    target.write_text(TEMPLATE.format(id=rid, theme=theme, bullet=bullet, document=line), "utf-8")
    return target


PRACTICE_TEMPLATE = """\
# yaml-language-server: $schema=../../gcmkb/schemas/practice.schema.json
# A new practice, documented from public material in your own words. Fill in every "" and null
# below, then run: python -m gcmkb validate
id: {id}
status: draft            # draft until another editor has checked it against its evidence
language: {lang}             # the language it is written in (ar, en or fr): only its texts are required
title: {{{lang}: ""}}
summary: {{{lang}: ""}}        # one or two sentences
description:             # what was done, by whom, how; a blank line separates paragraphs
  {lang}: ""
countries: []            # ISO 3166-1 alpha-2 codes, e.g. [GH, MA]; [] for a global practice
actors: []               # who implemented it: ids from recommendations/taxonomies/actors.yml
period: {{start: null, end: null}}   # years, e.g. {{start: 2019, end: null}} (null: ongoing or not known)
objectives: []           # GCM objective numbers (1 to 23) it serves, e.g. [7, 23]
principles: []           # GCM guiding principles it carries (recommendations/taxonomies/principles.yml)
implements: []           # the recommendations it puts into practice, e.g. [r05]
evidence: []             # the public addresses that document it, e.g. [https://…]
"""


def scaffold_practice(root: Path, lang: str = "en") -> Path:
    """A new practice, written in `lang`, with the next free id (files that do not parse count)."""
    loaded = read_all(root)
    used = {str(_field(d.data, "id")) for d in loaded.docs.get("practice", [])}
    used |= {p.stem for p in (root / COLLECTION_DIR / "practices").glob("p*.yml")}
    numbers = [int(i[1:]) for i in used if PRACTICE_ID.match(i)]
    pid = f"p{max(numbers, default=0) + 1:03d}"
    target = root / COLLECTION_DIR / "practices" / f"{pid}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PRACTICE_TEMPLATE.format(id=pid, lang=lang), "utf-8")
    return target
