from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
    server = serve(project / "site", port)
    return Site(project / "site", url), server, project


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
