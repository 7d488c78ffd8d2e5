"""`mkdocs serve --dirty` (what `./dev serve` runs): an edit renders again only the pages that read
what changed, and the site it then serves is the site a clean build of the edited collection
makes, file for file."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from .sitebuild import build, free_port, make_project

FIXTURES = Path(__file__).parent / "fixtures"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "0"}
LIVERELOAD = re.compile(rb"<script>[^<]*livereload[^<]*</script>(?=</body>)")


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return None


def _builds_done(log: Path) -> int:
    """Builds finished since serve came up (the server reloads browsers after each)."""
    return log.read_text("utf-8", "replace").count("Reloading browsers")


def _edit_and_wait(record: Path, old: str, new: str, log: Path) -> None:
    done = _builds_done(log)
    text = record.read_text("utf-8")
    assert old in text
    record.write_text(text.replace(old, new), "utf-8")
    deadline = time.monotonic() + 120
    while _builds_done(log) <= done:
        assert time.monotonic() < deadline, log.read_text("utf-8", "replace")[-3000:]
        time.sleep(0.2)


def _same_as_a_clean_build(project: Path, url: str, work: Path) -> int:
    """Every file of a clean build of the project's collection, as the server serves it."""
    clean = Path(shutil.copytree(project, work, ignore=shutil.ignore_patterns("site", ".cache")))
    result = build(clean, url, env={"KB_PDF": "0"})
    assert result.returncode == 0, result.stderr[-3000:]
    site = clean / "site"
    differ, compared = [], 0
    for file in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = file.relative_to(site).as_posix()
        served = _get(url + rel)
        assert served is not None, f"{rel}: not served after the edit"
        if rel.endswith(".html"):
            served = LIVERELOAD.sub(b"", served)
        compared += 1
        if served != file.read_bytes():
            differ.append(rel)
    assert not differ, f"{len(differ)} of {compared} files differ from a clean build: {differ[:20]}"
    return compared


def test_an_edit_under_serve_dirty_serves_what_a_clean_build_makes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while "Serving on" not in log.read_text("utf-8", "replace") or _get(url) is None:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text("utf-8", "replace")[-3000:]
            time.sleep(0.3)
        docs = project / "docs"
        assert (docs / "recommendations/index.md").exists()  # the navigation's sources stay in docs/
        assert not (docs / "recommendations/r02.md").exists()  # the others until an edit reads them
        record = project / "recommendations" / "r02.yml"
        # a title: shown on the record's pages and wherever the record is listed or linked
        _edit_and_wait(record, "Regional data platforms", "Regional data-sharing platforms", log)
        assert "pages to render again: all" not in log.read_text("utf-8").split("Building documentation")[-1]
        assert (docs / "recommendations/r02.md").exists()
        assert not (docs / "recommendations/r03.md").exists()  # a page the edit leaves as it was
        _same_as_a_clean_build(project, url, tmp_path / "clean-1")
        # the Arabic text (the translations become outdated) and a link to another record
        text = record.read_text("utf-8")
        arabic = re.search(r"^text:\n  ar: (.+)$", text, re.M)
        assert arabic is not None
        _edit_and_wait(record, arabic.group(0), arabic.group(0) + " وتحديثها", log)
        compared = _same_as_a_clean_build(project, url, tmp_path / "clean-2")
        assert compared > 100
        # a template: every page again
        template = project / "overrides" / "kb" / "recommendation.html"
        _edit_and_wait(template, "{% block content %}", "{% block content %}<!-- edited -->", log)
        assert "pages to render again: all" in log.read_text("utf-8").split("Building documentation")[-1]
        _same_as_a_clean_build(project, url, tmp_path / "clean-3")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
