"""PDFs of the printable documents, made with WeasyPrint from the printable pages of the site.

The build hands each language's printable pages over as soon as they are written; the PDFs are
rendered on worker processes while the other pages render. Rendering takes longer than the
whole rest of the build, so each PDF is kept in a cache under the fingerprint of everything it
was made from: the printable page and every file WeasyPrint read for it (stylesheet, fonts). An
unchanged PDF is copied from the cache, not rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from concurrent.futures import Executor, Future
from importlib.metadata import version
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import LANGUAGES, routes
from .parallel import parallel, worker_pool

CACHE_DIR = ".cache/pdf"  # in the project, git-ignored
KEEP_PER_PDF = 4  # cache entries kept per PDF of the last build (serve and build differ by site URL)


def printable_documents(site_dir: Path, langs: Iterable[str] = LANGUAGES) -> list[tuple[Path, Path]]:
    """(printable page, PDF to write) for every theme and every source document, per language."""
    pairs = []
    for lang in langs:
        prefix = site_dir / routes.language_prefix(lang)
        for page in sorted(prefix.glob(routes.printable("*") + "index.html")):
            pairs.append((page, site_dir / routes.pdf(lang, page.parent.name)))
        for page in sorted(prefix.glob(routes.source_printable("*") + "index.html")):
            pairs.append((page, site_dir / routes.source_pdf(lang, page.parent.name)))
    return pairs


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, target)


class PdfCache:
    """PDFs by fingerprint. `<page hash>.inputs` lists the files WeasyPrint read for a page
    (relative to the page), so the fingerprint covers exactly what the PDF depends on."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.digests: dict[Path, str] = {}  # the files of one build, hashed once

    def _digest(self, path: Path) -> str:
        if path not in self.digests:
            self.digests[path] = _sha256(path.read_bytes())
        return self.digests[path]

    def fingerprint(self, page: Path, inputs: list[str] | None = None) -> str | None:
        """None when the page was never rendered or one of its inputs is gone."""
        page_hash = _sha256(page.read_bytes())
        if inputs is None:
            try:
                inputs = json.loads((self.directory / f"{page_hash}.inputs").read_text("utf-8"))
                os.utime(self.directory / f"{page_hash}.inputs")  # recently used: kept by prune()
            except FileNotFoundError:
                return None
        digest = hashlib.sha256(f"weasyprint {version('weasyprint')}\n{page_hash}\n".encode())
        for name in inputs or []:
            path = page.parent / name
            if not path.is_file():
                return None
            digest.update(f"{name} {self._digest(path)}\n".encode())
        return digest.hexdigest()

    def fetch(self, page: Path, target: Path) -> bool:
        """Copy the cached PDF of `page` to `target`, if there is one."""
        fingerprint = self.fingerprint(page)
        if fingerprint is None:
            return False
        cached = self.directory / f"{fingerprint}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        try:  # another build sharing the cache may prune it meanwhile
            shutil.copyfile(cached, target)
            os.utime(cached)
        except FileNotFoundError:
            return False
        return True

    def store(self, page: Path, inputs: list[str], pdf: bytes) -> None:
        _write_atomically(self.directory / f"{_sha256(page.read_bytes())}.inputs",
                          json.dumps(inputs).encode("utf-8"))
        _write_atomically(self.directory / f"{self.fingerprint(page, inputs)}.pdf", pdf)

    def prune(self, keep: int) -> None:
        """Keep the `keep` most recently used PDFs (and page listings): the cache stays bounded."""
        for pattern in ("*.pdf", "*.inputs"):
            entries = sorted(self.directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
            for stale in entries[keep:]:
                stale.unlink(missing_ok=True)


def render_pdf(page: Path, target: Path, cache_dir: Path | None) -> Path:
    """Render one printable page (on a worker); record what WeasyPrint read, for the cache."""
    from weasyprint import HTML  # imported here: only this step needs WeasyPrint and Pango
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    read: list[str] = []

    class RecordingFetcher(URLFetcher):
        def fetch(self, url: str, headers: object = None):  # type: ignore[no-untyped-def]
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme != "file":  # the printable pages are self-contained
                raise ValueError(f"{page}: refers to {url}, outside the site")
            read.append(os.path.relpath(unquote(parts.path), page.parent))
            return super().fetch(url, headers)

    try:  # a missing stylesheet or font stops the build instead of making a wrong PDF
        pdf = HTML(filename=str(page), url_fetcher=RecordingFetcher(fail_on_errors=True)).write_pdf()
    except FatalURLFetchingError as exc:  # a BaseException: made an ordinary error with its cause
        raise OSError(f"{page}: {exc} ({exc.__cause__})") from None
    assert pdf is not None
    _write_atomically(target, pdf)
    if cache_dir is not None:
        PdfCache(cache_dir).store(page, sorted(set(read) - {page.name}), pdf)
    return target


class PdfWriter:
    """The PDFs of one build: `queue()` a language once its printable pages are written (each
    PDF comes from the cache or goes to a worker), `finish()` to wait for all of them."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self.cache = PdfCache(cache_dir) if cache_dir is not None else None
        self.pool: Executor | None = None
        self.copied: list[Path] = []
        self.rendering: list[Future[Path]] = []

    def queue(self, site_dir: Path, lang: str) -> None:
        for page, target in printable_documents(site_dir, [lang]):
            if self.cache is not None and self.cache.fetch(page, target):
                self.copied.append(target)
                continue
            if self.pool is None:  # started on the first PDF to render: none when all are cached
                self.pool = worker_pool((os.cpu_count() or 1) if parallel() else 0)
            self.rendering.append(self.pool.submit(render_pdf, page, target, self.cache_dir))

    def finish(self) -> tuple[list[Path], int]:
        """(every PDF written, how many came from the cache); raises the first rendering error."""
        try:
            written = self.copied + [future.result() for future in self.rendering]
        finally:
            self.close()
        if self.cache is not None:
            self.cache.prune(KEEP_PER_PDF * len(written))
        return sorted(written), len(self.copied)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None


def write_pdfs(site_dir: Path, cache_dir: Path | None = None) -> list[Path]:
    """The PDFs of a built site (the build writes them already; this is the stand-alone tool)."""
    writer = PdfWriter(cache_dir)
    for lang in LANGUAGES:
        writer.queue(site_dir, lang)
    return writer.finish()[0]
