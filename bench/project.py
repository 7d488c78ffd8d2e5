"""A copy of the site project around any collection: used by the tests and the benchmark."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")


def _generated_sources() -> set[str]:
    """Page sources a previous build wrote into docs/ (listed in its manifest): not project files."""
    manifest = ROOT / "docs" / ".generated-pages"
    names = set(manifest.read_text("utf-8").split()) if manifest.exists() else set()
    return {"docs/" + n for n in names} | {"docs/.generated-pages"}


def make_project(target: Path, collection: Path | None = None) -> Path:
    """The site project in `target`, with `collection/recommendations` if given."""
    target.mkdir(parents=True, exist_ok=True)
    generated = _generated_sources()

    def ignore(directory: str, names: list[str]) -> list[str]:
        rel = Path(directory).relative_to(ROOT).as_posix()
        return [n for n in names if f"{rel}/{n}" in generated or n == "__pycache__"]

    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=ignore)
        else:
            shutil.copy2(src, target / part)
    if collection is not None:
        shutil.copytree(collection / "recommendations", target / "recommendations")
    return target
