"""One build, through public interfaces: `mkdocs build` writes the whole site, PDFs included (and
keeps unchanged PDFs in a cache); the published schemas resolve offline; the languages built side
by side give the same bytes as one process; `mkdocs serve` serves all of it."""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from referencing import Registry, Resource

from gcmkb import LANGUAGES
from gcmkb.export import source_schemas
from gcmkb.pdf import PdfCache, render_pdf
from gcmkb.publishing import EDIT_BASE_UNSET, SITE_URL_MISSING

from .conftest import EDIT_BASE, FIXTURES, ROOT
from .sitebuild import Site, build, fetch, free_port, make_project, mkdocs_serve

EPOCH = {"SOURCE_DATE_EPOCH": "1764000000"}
MINI_PDFS = {f"pdf/{lang}/{name}.pdf" for lang in LANGUAGES
             for name in ("alpha", "beta", "sources/mini-dialogue", "sources/mini-report")}


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --- PDFs ------------------------------------------------------------------------------------

def test_every_pdf_link_leads_to_a_pdf_the_build_wrote(mini_site: Site) -> None:
    linked = set()
    for page in mini_site.pages():
        for a in mini_site.soup(page).select('a[href$=".pdf"]'):
            if str(a["href"]).startswith("https://example.org/"):  # a source's published original, elsewhere
                continue
            target = mini_site.resolve(page, str(a["href"]))
            assert target is not None, f"{page}: {a['href']}"
            linked.add(target[0])
    written = {p.relative_to(mini_site.directory).as_posix() for p in mini_site.pdfs}
    assert linked == written == MINI_PDFS
    for path in written:
        assert (mini_site.directory / path).read_bytes().startswith(b"%PDF-"), path
    # every printable page offers its own PDF
    link = mini_site.soup("fr/print/beta/").select_one('a[type="application/pdf"]')
    assert link is not None and link["href"] == "../../../pdf/fr/beta.pdf"


def test_an_unchanged_pdf_comes_from_the_cache(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    site = project / "site"

    def build_pdfs() -> tuple[str, dict[str, bytes]]:
        run = build(project, "https://kb.example/")
        assert run.returncode == 0, run.stderr
        line = next(x for x in run.stderr.splitlines() if "PDFs:" in x)
        return line.split("kb: ", 1)[1], {path: (site / path).read_bytes() for path in MINI_PDFS}

    summary, first = build_pdfs()
    assert summary == "PDFs: 12, 0 unchanged (from .cache/pdf/), 12 rendered"
    record = project / "recommendations/r01.yml"
    record.write_text(record.read_text("utf-8").replace("Improve data collection.", "Improve data sharing."), "utf-8")
    summary, third = build_pdfs()
    assert summary == "PDFs: 12, 10 unchanged (from .cache/pdf/), 2 rendered"  # its theme's, its document's
    assert {path for path in MINI_PDFS if third[path] != first[path]} == {"pdf/en/sources/mini-dialogue.pdf",
                                                                          "pdf/en/alpha.pdf"}
    assert subprocess.run(["git", "check-ignore", "-q", ".cache/pdf/x.pdf"], cwd=ROOT).returncode == 0


def test_the_fingerprint_covers_what_weasyprint_read(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    css = site / "assets/print.css"
    css.parent.mkdir(parents=True)
    css.write_text("p { color: black }", "utf-8")
    page = site / "print/index.html"
    page.parent.mkdir()
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
                    '<link rel="stylesheet" href="../assets/print.css"></head><body><p>text</p></body></html>', "utf-8")
    render_pdf(page, site / "pdf/en/all.pdf", cache)
    assert PdfCache(cache).fetch(page, tmp_path / "copy.pdf")
    assert (tmp_path / "copy.pdf").read_bytes() == (site / "pdf/en/all.pdf").read_bytes()
    css.write_text("p { color: red }", "utf-8")
    assert not PdfCache(cache).fetch(page, tmp_path / "again.pdf")
    css.unlink()  # a missing stylesheet stops the build instead of making a wrong PDF
    with pytest.raises(Exception, match="print.css"):
        render_pdf(page, site / "pdf/en/all.pdf", cache)


# --- published schemas -------------------------------------------------------------------------

def _refs(node: Any, base: str) -> list[str]:
    """Every `$ref` of a schema, as an absolute URI (each `$id` on the way changes the base)."""
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value, base)]
    if not isinstance(node, dict):
        return []
    base = urljoin(base, node["$id"]) if isinstance(node.get("$id"), str) else base
    own = [urljoin(base, node["$ref"])] if isinstance(node.get("$ref"), str) else []
    return own + [ref for value in node.values() for ref in _refs(value, base)]


def test_published_schemas_are_identified_where_the_site_serves_them(mini_site: Site) -> None:
    folder = mini_site.directory / "data/schema"
    assert sorted(p.name for p in folder.iterdir()) == sorted(source_schemas())  # every schema file
    for file in sorted(folder.iterdir()):
        schema = json.loads(file.read_text("utf-8"))
        assert schema["$id"] == mini_site.url + "data/schema/" + file.name
        assert fetch(schema["$id"], timeout=10) == file.read_bytes()
        # each reference resolves within the file itself: this registry cannot fetch anything
        resolver = Registry().with_resource(schema["$id"], Resource.from_contents(schema)).crawl().resolver()
        for ref in _refs(schema, schema["$id"]):
            resolver.lookup(ref)
    collection = json.loads((folder / "collection.schema.json").read_text("utf-8"))
    assert "theme.schema.json" in collection["$defs"]  # bundled, under its own $id


def _check_jsonschema(schema: str, instance: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with every download failing: the schemas must resolve on their own."""
    dead = "http://127.0.0.1:9"
    env = {**os.environ, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead, "https_proxy": dead,
           "NO_PROXY": "", "no_proxy": ""}
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--no-cache", "--schemafile", schema,
               str(instance)]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_check_jsonschema_validates_the_data_offline(mini_site: Site, tmp_path: Path) -> None:
    data = mini_site.directory / "data"
    run = _check_jsonschema(str(data / "schema/collection.schema.json"), data / "recommendations.json")
    assert run.returncode == 0, run.stdout + run.stderr
    downloaded = tmp_path / "downloaded"  # the folder as a reader downloads it
    shutil.copytree(data, downloaded)
    run = _check_jsonschema(str(downloaded / "schema/collection.schema.json"), downloaded / "recommendations.json")
    assert run.returncode == 0, run.stdout + run.stderr
    broken = json.loads((downloaded / "recommendations.json").read_text("utf-8"))
    del broken["recommendations"][0]["title"]["fr"]
    (downloaded / "recommendations.json").write_text(json.dumps(broken), "utf-8")
    run = _check_jsonschema(str(downloaded / "schema/collection.schema.json"), downloaded / "recommendations.json")
    assert run.returncode == 1 and "'fr' is a required property" in run.stdout, run.stdout + run.stderr
    # and downloads really fail here: the schema read from its URL cannot be had
    run = _check_jsonschema(mini_site.url + "data/schema/collection.schema.json", data / "recommendations.json")
    assert run.returncode != 0


# --- languages side by side --------------------------------------------------------------------

def test_languages_side_by_side_or_in_one_process_give_the_same_bytes(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    logs = {}
    for parallel in ("1", "0"):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # each build renders its own PDFs
        run = build(project, "https://kb.example/", "-d", str(tmp_path / parallel),
                    env={**EPOCH, "KB_PARALLEL": parallel})
        assert run.returncode == 0, run.stderr
        logs[parallel] = run.stderr
    if (os.cpu_count() or 1) > 1:
        assert "kb: building 'fr' in a process of its own" in logs["1"]
    assert "in a process of its own" not in logs["0"]
    files = _files(tmp_path / "1")
    assert files == _files(tmp_path / "0")
    assert set(files) >= MINI_PDFS and not [f for f in files if ".kb-build-" in f]
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "1", tmp_path / "0", files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_a_language_that_fails_fails_the_build_and_says_why(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    about = project / "docs/about.fr.md"
    about.write_text(about.read_text("utf-8") + "\n[lien](nulle-part.md)\n", "utf-8")
    for parallel in ("1", "0"):
        run = build(project, "https://kb.example/", env={"KB_PARALLEL": parallel})
        assert run.returncode == 1
        assert "Doc file 'about.fr.md' contains a link 'nulle-part.md', but the target is not found" in run.stderr
        if parallel == "1" and (os.cpu_count() or 1) > 1:
            assert "the build of 'fr' failed:" in run.stderr
        assert not list((project / "site").glob(".kb-build-*"))


def test_a_build_without_the_forges_address_has_no_edit_link_and_says_so(tmp_path: Path) -> None:
    """No made-up forge: without KB_EDIT_BASE the pages offer no "Edit" link (the dashboard no Edit
    column), and the build says how to offer one."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    env = {k: v for k, v in os.environ.items() if k != "KB_EDIT_BASE"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                         text=True, timeout=300, env={**env, "NO_MKDOCS_2_WARNING": "1", "KB_PDF": "0",
                                                      "SITE_URL": "https://kb.example/"})
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stderr.splitlines().count("INFO    -  kb: " + EDIT_BASE_UNSET) == 1  # once, not per process
    assert EDIT_BASE_UNSET == (
        "KB_EDIT_BASE is not set: pages have no 'Edit' link; to offer one, set KB_EDIT_BASE to the forge's edit "
        "address of the repository (e.g. KB_EDIT_BASE=https://github.com/OWNER/REPO/edit/main/)")
    pages = sorted((project / "site").rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        assert 'class="kb-edit"' not in html and "/edit/main/" not in html, page
    status = (project / "site/en/status/index.html").read_text("utf-8")
    assert '<th scope="col">Source</th>' not in status and "<td></td>" not in status  # no Edit column
    built_with_it = build(project, "https://kb.example/", env={"KB_PDF": "0"})  # as the workflow builds it
    assert built_with_it.returncode == 0
    assert "KB_EDIT_BASE is not set" not in built_with_it.stderr
    status = (project / "site/en/status/index.html").read_text("utf-8")
    assert '<th scope="col">Source</th>' in status
    assert f'<a href="{EDIT_BASE}recommendations/r01.yml">Edit</a>' in status


def test_a_build_without_site_url_refuses_to_publish_a_placeholder(tmp_path: Path) -> None:
    """Nothing is written: no permalink, feed or PDF with a made-up address (serve, below, needs no SITE_URL)."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "KB_EDIT_BASE")}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True,
                         text=True, timeout=120, env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert run.returncode == 1
    assert run.stderr.splitlines()[0] == "ERROR   -  " + SITE_URL_MISSING
    assert SITE_URL_MISSING == (
        "SITE_URL is not set: a published build writes the site's public address into every permalink, citation, "
        "feed, sitemap and PDF; set SITE_URL to it and KB_EDIT_BASE to the forge's edit address of the repository "
        "for the 'Edit' links (e.g. SITE_URL=https://kb.example.org/ "
        "KB_EDIT_BASE=https://github.com/OWNER/REPO/edit/main/ ./dev build); `./dev serve` needs neither")
    assert not (project / "site").exists()


def test_mkdocs_serve_serves_every_language_and_the_pdfs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    log = tmp_path / "serve.log"
    with mkdocs_serve(project, free_port(), log) as url:
        try:
            pdf = fetch(url + "pdf/fr/alpha.pdf", timeout=300)
        except OSError:
            raise AssertionError(log.read_text("utf-8")) from None
        assert pdf.startswith(b"%PDF-")
        page = fetch(url + "fr/recommendations/r01/", timeout=10).decode("utf-8")
        # built by a language process, with serve's own address
        assert f'<link rel="canonical" href="{url}fr/recommendations/r01/">' in page
        assert fetch(url + "data/schema/collection.schema.json", timeout=10).startswith(b"{")
