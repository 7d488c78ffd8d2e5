"""PDFs of the printable documents, made with WeasyPrint from the built site.

Kept out of the MkDocs build (it takes longer than the build itself): `python -m gcmkb pdf`
runs after `mkdocs build`; `./dev build` and the test suite run both.
"""

from __future__ import annotations

from pathlib import Path

from . import LANGUAGES, routes


def printable_documents(site_dir: Path) -> list[tuple[Path, Path]]:
    """(printable page, PDF to write) for every language, theme and the whole collection."""
    pairs = []
    for lang in LANGUAGES:
        root = site_dir / routes.language_prefix(lang) / routes.printable()
        if not root.is_dir():
            continue
        pairs.append((root / "index.html", site_dir / routes.pdf(lang)))
        for page in sorted(root.glob("*/index.html")):
            pairs.append((page, site_dir / routes.pdf(lang, page.parent.name)))
    return pairs


def write_pdfs(site_dir: Path) -> list[Path]:
    from weasyprint import HTML  # imported here: only this step needs WeasyPrint and Pango

    written = []
    for page, target in printable_documents(site_dir):
        target.parent.mkdir(parents=True, exist_ok=True)
        HTML(filename=str(page)).write_pdf(str(target), uncompressed_pdf=False)
        written.append(target)
    return written
