"""The site in real Chromium: right-to-left layout, language switching, parallel view, serve."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT, SCREENSHOTS
from .sitebuild import Site, free_port, make_project

pytestmark = pytest.mark.browser


def test_arabic_recommendation_page_lays_out_right_to_left(page, real_site: Site) -> None:
    page.goto(real_site.url + "recommendations/r30/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    h1 = page.locator("h1").bounding_box()
    content = page.locator("article.md-content__inner").bounding_box()
    # the heading starts at the right edge of the content column
    assert abs((h1["x"] + h1["width"]) - (content["x"] + content["width"])) < 40
    # the Latin run (GCM) stays isolated and left-to-right inside the Arabic citation
    bdi = page.locator(".kb-cite__text bdi[dir=ltr]", has_text="GCM")
    assert bdi.count() >= 1
    assert bdi.first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # the self-hosted Arabic font is the one used
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'ب')")
    page.wait_for_function("document.fonts.status === 'loaded'")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in f for f in loaded)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "r30-ar.png"), full_page=True)


@pytest.mark.parametrize("start,switch_to,expected", [
    ("recommendations/r12/", "en", "en/recommendations/r12/"),
    ("en/themes/climate/", "fr", "fr/themes/climate/"),
    ("fr/objectives/8/", "ar", "objectives/8/"),
])
def test_language_switcher_keeps_the_page(page, real_site: Site, start: str, switch_to: str,
                                          expected: str) -> None:
    page.goto(real_site.url + start)
    page.locator(".md-header .md-select button").hover()
    page.locator(f".md-select__link[hreflang={switch_to}]").click()
    page.wait_for_url(real_site.url + expected)
    assert page.evaluate("document.documentElement.lang") == switch_to
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if switch_to == "ar" else "ltr")


def test_parallel_view_shows_both_scripts(page, real_site: Site) -> None:
    page.goto(real_site.url + "fr/themes/rights/parallel/")
    row = page.locator("#r19 .kb-parallel__row").nth(1)
    cells = row.locator(".kb-parallel__cell")
    assert cells.count() == 2
    ar, fr = cells.nth(0), cells.nth(1)
    assert ar.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["ar", "rtl"]
    assert fr.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["fr", "ltr"]
    assert re.search(r"[\u0600-\u06FF]", ar.inner_text())
    assert "rétention" in fr.inner_text()
    # side by side: the two blocks share a row on a wide screen
    a, f = ar.bounding_box(), fr.bounding_box()
    assert abs(a["y"] - f["y"]) < 5 and a["x"] != f["x"]
    page.screenshot(path=str(SCREENSHOTS / "parallel-fr.png"))


def _wait_for(url: str, seconds: float = 120) -> str:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


def test_readme_serve_command_brings_up_the_real_site() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "./dev serve" in readme
    port = free_port()
    proc = subprocess.Popen(["./dev", "serve"], cwd=ROOT, env={**os.environ, "ADDR": f"127.0.0.1:{port}"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/")
        assert '<html lang="ar"' in home and 'dir="rtl"' in home
        rec = _wait_for(f"http://127.0.0.1:{port}/en/recommendations/r35/")
        assert '<html lang="en"' in rec and "r35" in rec
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_serve_rebuilds_on_a_record_edit_and_settles(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/en/recommendations/r02/"
        assert "Regional data platforms" in _wait_for(url)
        record = project / "recommendations/r02.yml"
        record.write_text(record.read_text("utf-8").replace("Regional data platforms",
                                                            "Regional data-sharing platforms"), "utf-8")
        deadline = time.time() + 60
        while "Regional data-sharing platforms" not in _wait_for(url):
            assert time.time() < deadline, log.read_text()
            time.sleep(0.3)
        time.sleep(6)
        builds = log.read_text().count("Building documentation")
        time.sleep(6)
        assert log.read_text().count("Building documentation") == builds, "serve keeps rebuilding"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
