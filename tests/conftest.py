from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The tests build as the publishing workflow does, with the forge's edit address; a build without it
# (no "Edit" link anywhere) is tested by leaving it out (tests/test_build.py).
EDIT_BASE = "https://github.com/gcm-champions/knowledge-base/edit/main/"
os.environ.setdefault("KB_EDIT_BASE", EDIT_BASE)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh copy of the small valid fixture collection, safe to break."""
    target = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", target)
    return target


# --- built sites, shared by the site and browser tests --------------------------------------

from .sitebuild import Site, build, free_port, make_project, serve  # noqa: E402


def _built_site(tmp_path_factory: pytest.TempPathFactory, name: str, collection: Path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    project = make_project(tmp_path_factory.mktemp(name) / "project", collection)
    run = build(project, url)
    assert run.returncode == 0, run.stdout + run.stderr
    site = Site(project / "site", url)  # the build wrote everything, PDFs included
    site.pdfs = sorted(site.directory.glob("pdf/**/*.pdf"))
    server = serve(project / "site", port)
    return site, server, project


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory):
    site, server, _ = _built_site(tmp_path_factory, "mini-site", FIXTURES / "mini")
    yield site
    server.shutdown()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory):
    site, server, _ = _built_site(tmp_path_factory, "real-site", ROOT)
    yield site
    server.shutdown()


# --- real Chromium (Debian's package, driven by Playwright; never `playwright install`) ------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (./dev test does it)"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh page that records every request; a test fails on any request off the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.on("request", lambda r: tab.requests.append(r.url))  # type: ignore[attr-defined]
    yield tab
    outside = [u for u in tab.requests if not u.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))]
    context.close()
    assert outside == [], f"requests outside the site: {outside}"


SCREENSHOTS = ROOT / "tests" / "screenshots"  # artefacts for reviewers (git-ignored); CI uploads it
SCREENSHOTS.mkdir(exist_ok=True)  # tests write into it in any order, on a fresh clone too


@pytest.fixture(scope="session")
def real_pdfs(real_site):
    """The PDFs the build wrote for the real site."""
    return real_site.pdfs


def pytest_report_header(config: pytest.Config) -> str | None:
    """Says so when a run accepts new screen references (./dev accept-screens) instead of comparing."""
    import os

    if os.environ.get("KB_ACCEPT_SCREENS") == "1":
        return "KB_ACCEPT_SCREENS=1: screens that differ from tests/references/ become the references"
    return None
