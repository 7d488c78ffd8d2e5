"""Writing the files the whole site shares (search files, citations, open data, feeds, sitemaps).

A clean build writes each of them once. Under `mkdocs serve --dirty` every edit makes them all
again, and most are what they were: at 1,000 records an edit changes nine of the 9,000 citation
files. The session's `Output` remembers a digest of what it last wrote at each path and leaves a
file whose bytes are the same alone (rewriting a file is what costs, on a busy disk: truncating
it, then writing it again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

Write = Callable[[Path, bytes], None]


def write_file(target: Path, data: bytes) -> None:
    """Writes `data` at `target`, making its folder if needed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


class Output:
    """The files one `serve` session wrote: `write` skips a file whose bytes it already wrote
    there (and that is still there)."""

    def __init__(self) -> None:
        self.written: dict[Path, bytes] = {}  # path -> digest of its bytes

    def write(self, target: Path, data: bytes) -> None:
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self.written.get(target) == digest and target.exists():
            return
        write_file(target, data)
        self.written[target] = digest
