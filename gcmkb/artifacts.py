"""Files written next to the pages (search indexes, the brief's full texts), made on the spare cores.

MkDocs renders pages on one core. The indexes do not depend on the pages, so they are built in
worker processes from the start of the build (one per language when there are cores for it) and
written at its end. On a single core, or with KB_PARALLEL=0, they are built in the process itself;
so they are under `mkdocs serve --dirty`, where analyzers kept between builds make an edit's
indexes quick to rebuild.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from . import LANGUAGES
from .brief import brief_file
from .model import Catalog
from .parallel import spare_cores, worker_pool
from .searchindex import Analyzer, search_files


class Artifacts:
    """Started when a build starts, written when it ends; one object per build."""

    def __init__(self, catalog: Catalog, analyzers: dict[str, Analyzer] | None = None) -> None:
        self.catalog = catalog
        self.analyzers = analyzers
        self.executor: Executor | None = None
        self.futures: list[Future[Any]] = []  # each gives (path, bytes) or a list of them

    def start(self) -> None:
        """Hand the indexes to the workers (the catalog goes to them pickled, not parsed again)."""
        here = self.analyzers is not None
        self.executor = worker_pool(0 if here else min(spare_cores(), len(LANGUAGES)))
        self.futures = [self.executor.submit(search_files, self.catalog, lang, (self.analyzers or {}).get(lang))
                        for lang in LANGUAGES]
        self.futures += [self.executor.submit(brief_file, self.catalog, lang) for lang in LANGUAGES]

    def write(self, site_dir: Path) -> None:
        results = [f.result() for f in self.futures]
        for path, data in [file for r in results for file in (r if isinstance(r, list) else [r])]:
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None
