"""The benchmark's measure of the Pages artifact, on a small folder: the tar is the one GNU tar makes
with upload-pages-artifact's arguments (v3, the publishing workflow's), and the artifact is that tar
deflated at level 6."""

from __future__ import annotations

import os
import random
import subprocess
import zipfile
from pathlib import Path

from bench.hosting import PAGES_LIMIT, pages_artifact


def small_site(root: Path) -> Path:
    site = root / "site"
    (site / "en/recommendations/r01").mkdir(parents=True)
    (site / "index.html").write_text("<p>accueil</p>\n" * 2000, "utf-8")  # compresses well
    noise = random.Random(22).randbytes(200_000)  # does not compress
    (site / "en/recommendations/r01/index.pdf").write_bytes(noise)
    (site / "en" / ("a" * 120 + ".html")).write_text("long name", "utf-8")  # past tar's 100 characters
    os.symlink("index.html", site / "linked.html")  # stored as the file it names
    for left_out in (".git/objects", ".github", "en/.git"):  # as the action leaves them out
        (site / left_out).mkdir(parents=True)
        (site / left_out / "big").write_bytes(random.Random(7).randbytes(300_000))
    (site / ".nojekyll").write_bytes(b"")  # in: v3 leaves out .git and .github only
    return site


def test_the_tar_is_gnu_tars_and_the_artifact_is_it_zipped_at_level_6(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    reference = tmp_path / "artifact.tar"
    subprocess.run(["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", str(reference),
                    "--exclude=.git", "--exclude=.github", "."], check=True)
    measured = pages_artifact(site)
    assert measured["tar"] == reference.stat().st_size
    zipped = tmp_path / "artifact.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.write(reference, "artifact.tar")
    assert abs(measured["zip"] - zipped.stat().st_size) < 200  # the same deflate; headers differ a little
    # what is in it: the noise whole, the hidden files not, the text compressed
    assert 200_000 < measured["zip"] < 215_000 < measured["tar"] < 300_000
    assert PAGES_LIMIT == 2**30
