"""Files written next to the pages (search indexes, the brief's full texts), made on the spare cores.

MkDocs renders pages on one core. The indexes do not depend on the pages, so they are built in
worker processes from the start of the build (one per language when there are cores for it) and
written at its end. On a single core, or with KB_PARALLEL=0, they are built in the process itself.
"""

from __future__ import annotations

import json
from concurrent.futures import Executor, Future
from pathlib import Path

from . import LANGUAGES
from .brief import brief_file
from .model import Catalog
from .parallel import spare_cores, worker_pool
from .routes import search_index
from .searchindex import search_payload


def search_file(catalog: Catalog, lang: str) -> tuple[str, bytes]:
    payload = search_payload(catalog, lang)
    return search_index(lang), json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Artifacts:
    """Started when a build starts, written when it ends; one object per build."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.executor: Executor | None = None
        self.futures: list[Future[tuple[str, bytes]]] = []

    def start(self) -> None:
        """Hand the indexes to the workers (the catalog goes to them pickled, not parsed again)."""
        self.executor = worker_pool(min(spare_cores(), len(LANGUAGES)))
        self.futures = [self.executor.submit(search_file, self.catalog, lang) for lang in LANGUAGES]
        self.futures += [self.executor.submit(brief_file, self.catalog, lang) for lang in LANGUAGES]

    def write(self, site_dir: Path) -> None:
        results = [f.result() for f in self.futures]
        for path, data in results:
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        self.close()

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None
