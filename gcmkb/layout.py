"""Where each kind of file lives under `recommendations/`; anything else is misplaced."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .taxonomies import TAXONOMY_KINDS

COLLECTION_DIR = "recommendations"

ALLOWED_EXTRA = frozenset({"README.md"})
SINGLE_FILES = {"redirects.yml": "redirects", "terms.yml": "terms"}  # beside the records


@dataclass(frozen=True)
class SourceFile:
    kind: str  # recommendation | theme | source | practice | taxonomy | redirects | terms | misplaced
    file: Path
    display: str  # path relative to the project root, as editors see it


def classify(relative: Path) -> str:
    parts = relative.parts
    if relative.suffix != ".yml":
        return "misplaced"
    if len(parts) == 1:
        return SINGLE_FILES.get(parts[0], "recommendation")
    if len(parts) == 2 and parts[0] == "themes":
        return "theme"
    if len(parts) == 2 and parts[0] == "sources":
        return "source"
    if len(parts) == 2 and parts[0] == "practices":
        return "practice"
    if len(parts) == 2 and parts[0] == "taxonomies" and relative.stem in TAXONOMY_KINDS:
        return "taxonomy"
    return "misplaced"


def discover(root: Path) -> list[SourceFile]:
    base = root / COLLECTION_DIR
    found = []
    for file in sorted(p for p in base.rglob("*") if p.is_file()):
        relative = file.relative_to(base)
        if relative.as_posix() in ALLOWED_EXTRA or relative.name.startswith("."):
            continue
        found.append(SourceFile(classify(relative), file, file.relative_to(root).as_posix()))
    return found


MISPLACED_HINT = ("allowed: recommendations/rNN.yml, recommendations/themes/<id>.yml, "
                  "recommendations/sources/<id>.yml, recommendations/practices/pNNN.yml, "
                  f"recommendations/taxonomies/{{{','.join(TAXONOMY_KINDS)}}}.yml, "
                  "recommendations/redirects.yml, recommendations/terms.yml")
