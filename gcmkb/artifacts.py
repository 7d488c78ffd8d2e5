"""Files written next to the pages (search indexes, the brief's full texts in shards), made on the spare cores.

MkDocs renders pages on one core. The indexes do not depend on the pages, so they are built in
worker processes from the start of the build (one per language when there are cores for it) and
written at its end. On a single core, or with KB_PARALLEL=0, they are built in the process itself.
Under `mkdocs serve --dirty` one worker (or the process itself, on one core) serves every build,
and its analyzers, kept between builds, make an edit's indexes quick to rebuild.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .brief import brief_files, brief_ids_file
from .model import Catalog
from .output import Write, write_file
from .parallel import spare_cores, worker_pool
from .searchfiles import search_files
from .searchindex import Analyzer


class Artifacts:
    """Started when a build starts, written when it ends; one object per build. Given `workers`
    (under `mkdocs serve --dirty`: a pool that outlives the builds), every file is made there in
    one job, by analyzers that the worker keeps from one build to the next."""

    def __init__(self, catalog: Catalog, workers: Executor | None = None) -> None:
        self.catalog = catalog
        self.workers = workers
        self.executor: Executor | None = None
        self.futures: list[Future[Any]] = []  # each gives (path, bytes) or a list of them

    def start(self) -> None:
        """Hand the indexes to the workers (the catalog goes to them pickled, not parsed again)."""
        if self.workers is not None:
            self.futures = [self.workers.submit(_every_file, self.catalog)]
            return
        self.executor = worker_pool(min(spare_cores(), len(LANGUAGES)))
        self.futures = [self.executor.submit(search_files, self.catalog, lang) for lang in LANGUAGES]
        self.futures += [self.executor.submit(brief_files, self.catalog, lang) for lang in LANGUAGES]
        self.futures.append(self.executor.submit(brief_ids_file, self.catalog))

    def release(self) -> None:
        """Once every job is done, stop this build's workers: their results are here, and an idle
        worker would hold its memory until the build ends (a fifth of the peak at 10,000)."""
        if self.executor is not None and all(f.done() for f in self.futures):
            self.close()

    def write(self, site_dir: Path, write: Write = write_file) -> None:
        results = [f.result() for f in self.futures]
        for path, data in [file for r in results for file in (r if isinstance(r, list) else [r])]:
            write(site_dir / path, data)
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None


# In a worker that serves one build after another, each language's analyzer keeps the terms of
# every field value it has seen: an edit's indexes analyse only the texts that changed.
_kept: dict[str, Analyzer] = {}


def _every_file(catalog: Catalog) -> list[tuple[str, bytes]]:
    files: list[tuple[str, bytes]] = []
    for lang in LANGUAGES:
        files += search_files(catalog, lang, _kept.setdefault(lang, Analyzer(lang)))
        files += brief_files(catalog, lang)
    files.append(brief_ids_file(catalog))
    return files
