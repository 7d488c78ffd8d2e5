"""The site as GitHub Pages receives it: the size its deployment compares with the 1 GB limit.

`actions/upload-pages-artifact` (action.yml; v3, the version .github/workflows/publish.yml uses)
makes an uncompressed tar of the site, `tar --dereference --hard-dereference --directory
"$INPUT_PATH" -cvf artifact.tar --exclude=.git --exclude=.github .` (v4 and later also leave out
every hidden name, `--exclude=.[^/]*`, unless `include-hidden-files`), and uploads that one file
with `actions/upload-artifact`, which zips it (`compression-level` 6 by default: zlib's deflate
at level 6, `@actions/artifact`'s zip.ts). `actions/deploy-pages` warns
"Uploaded artifact size of N bytes exceeds the allowed size of 1 GB" when the artifact's size, the
zip's, passes 1,073,741,824 bytes. The sources are cited in bench/README.md.

Here the same tar (GNU format, as GNU tar writes by default) is streamed into a zip entry deflated at
level 6 whose bytes are counted, not kept: nothing of the size of the site is written to disk.
"""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

PAGES_LIMIT = 1_073_741_824  # actions/deploy-pages: ONE_GIGABYTE, the size it warns above
ZIP_LEVEL = 6  # actions/upload-artifact: compression-level's default
EXCLUDED = frozenset({".git", ".github"})  # upload-pages-artifact v3's --exclude, names at any depth


class Counter:
    """A write-only stream that keeps only the number of bytes written to it."""

    def __init__(self, inner: object | None = None) -> None:
        self.bytes = 0
        self.inner = inner

    def write(self, data: bytes) -> int:
        self.bytes += len(data)
        if self.inner is not None:
            self.inner.write(data)  # type: ignore[attr-defined]
        return len(data)

    def flush(self) -> None:
        pass


def excluded(member: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """The action's excludes: a file or folder named `.git` or `.github`, and what it holds."""
    return None if Path(member.name).name in EXCLUDED else member


def pages_artifact(site: Path) -> dict[str, int]:
    """Bytes of the tar of `site` and of the artifact (that tar zipped at level 6)."""
    artifact = Counter()
    with zipfile.ZipFile(artifact, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as zipped:  # noqa: SIM117
        with zipped.open("artifact.tar", "w", force_zip64=True) as entry:
            tarred = Counter(entry)
            with tarfile.open(fileobj=tarred, mode="w|", format=tarfile.GNU_FORMAT, dereference=True) as tar:
                tar.add(site, arcname=".", filter=excluded)  # dereference: links as the files they name
    return {"tar": tarred.bytes, "zip": artifact.bytes}
