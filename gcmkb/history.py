"""Permalinks that hold: an id published at a base revision may not disappear without a redirect.

Compares the recommendation files at a git revision (the pull request's base) with the working
tree; every id that is gone must be a key of recommendations/redirects.yml.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .layout import COLLECTION_DIR
from .model import Catalog
from .problems import Problem
from .text_checks import RECOMMENDATION_ID

REDIRECTS = f"{COLLECTION_DIR}/redirects.yml"


def published_ids(root: Path, ref: str) -> set[str] | Problem:
    run = subprocess.run(["git", "-C", str(root), "ls-tree", "--name-only", ref, f"{COLLECTION_DIR}/"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        return Problem(REDIRECTS, 1, "--since", f"cannot read revision {ref!r} ({run.stderr.strip()}); "
                       "allowed: a git revision of this repository, such as origin/main")
    stems = [Path(line).stem for line in run.stdout.split() if line.endswith(".yml")]
    return {s for s in stems if RECOMMENDATION_ID.match(s)}


def removed_without_redirect(root: Path, ref: str, catalog: Catalog) -> list[Problem]:
    before = published_ids(root, ref)
    if isinstance(before, Problem):
        return [before]
    now = {r.id for r in catalog.recommendations}
    gone = sorted(before - now - set(catalog.redirects))
    return [Problem(f"{COLLECTION_DIR}/{rid}.yml", 1, "id",
                    f"{rid!r} was published at {ref} and is gone, which would break its permalink; "
                    f"allowed: keep the id, or add '{rid}: <new id>' to {REDIRECTS}") for rid in gone]
