"""A pull request's preview: the pages it changes for readers, between two real builds of the small
fixture collection in a git repository (base; an edition-only difference; one record's text changed),
the command as the workflow and the guides run it, and its screenshots in real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gcmkb import preview
from gcmkb.sitediff import compare_sites, reader_content

from .conftest import FIXTURES, ROOT
from .sitebuild import build, make_project
from .test_gates import CHANGED_PAGES_COMMAND  # the README's

pytestmark = pytest.mark.build
URL = "http://127.0.0.1:8000/"
# r01's Arabic text changed: its pages in three languages (the translations are outdated now), the
# pages that show its text or count its translations, and What's new
R01_TEXT_CHANGED = [
    f"{prefix}{page}" for prefix in ("", "en/", "fr/") for page in (
        "about/", "embed/recommendations/r01/", "print/sources/mini-dialogue/", "print/alpha/", "recommendations/r01/",
        "status/", "themes/alpha/parallel/", "whats-new/")
] + [f"{prefix}{page}" for prefix in ("en/", "fr/")  # the Arabic pages show no translation status there
     for page in ("embed/themes/alpha/", "recommendations/")]


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def change_r01_text(project: Path) -> None:
    record = project / "recommendations/r01.yml"
    text = record.read_text("utf-8")
    assert "    تحسين جمع البيانات.\n" in text
    record.write_text(text.replace("    تحسين جمع البيانات.\n", "    تحسين جمع البيانات وتبادلها.\n"), "utf-8")


def project_in_git(target: Path) -> Path:
    project = make_project(target, FIXTURES / "mini")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "The mini collection", date="2026-11-02T10:00:00Z")
    return project


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The base build; the same records at a later, tagged commit; then r01's Arabic text changed."""
    tmp = tmp_path_factory.mktemp("preview")
    project = project_in_git(tmp / "project")
    out = {}

    def build_as(name: str) -> None:
        run = build(project, URL, "-d", str(tmp / name), env={"KB_PDF": "0"})
        assert run.returncode == 0, run.stdout + run.stderr
        out[name] = tmp / name

    build_as("base")
    git(project, "commit", "-q", "--allow-empty", "-m", "Nothing for readers", date="2026-12-01T10:00:00Z")
    git(project, "tag", "v1.0")
    build_as("edition")
    change_r01_text(project)
    git(project, "commit", "-qam", "Corrects the Arabic of r01", date="2026-12-02T10:00:00Z")
    build_as("text")
    return out


def test_an_edition_alone_changes_no_page_for_a_reader(sites: dict[str, Path]) -> None:
    base = (sites["base"] / "en/recommendations/r02/index.html").read_text("utf-8")
    edition = (sites["edition"] / "en/recommendations/r02/index.html").read_text("utf-8")
    assert 'data-kb-edition="commit">Edition of 2 November 2026.' in base  # the builds do differ...
    assert 'data-kb-edition="release">Edition v1.0 of 1 December 2026.' in edition
    assert reader_content(base) == reader_content(edition)                # ...only there
    changes = compare_sites(sites["base"], sites["edition"])
    assert not changes and (changes.added, changes.removed, changes.changed) == ((), (), ())


def test_one_record_text_changes_its_pages_in_three_languages_and_the_pages_that_show_it(
        sites: dict[str, Path]) -> None:
    changes = compare_sites(sites["base"], sites["text"])
    assert (changes.added, changes.removed) == ((), ())
    assert sorted(c.path for c in changes.changed) == sorted(R01_TEXT_CHANGED)
    r01 = {c.lang: c.title for c in changes.changed if c.path.endswith("recommendations/r01/")
           and "embed" not in c.path}
    assert r01 == {"ar": "فرق عمل مشتركة للبيانات", "en": "Joint data working groups",
                   "fr": "Groupes de travail conjoints sur les données"}


def test_added_and_removed_pages_are_reported_by_language(sites: dict[str, Path], tmp_path: Path) -> None:
    head = tmp_path / "head"
    shutil.copytree(sites["base"], head)
    shutil.rmtree(head / "fr/recommendations/r03")
    (head / "en/recommendations/r09").mkdir()
    (head / "en/recommendations/r09/index.html").write_text("<title>New one - Site</title>", "utf-8")
    changes = compare_sites(sites["base"], head)
    assert [(c.lang, c.path, c.title) for c in changes.added] == [("en", "en/recommendations/r09/", "New one")]
    assert [(c.lang, c.path, c.title) for c in changes.removed] == [
        ("fr", "fr/recommendations/r03/", "La rétention en dernier recours")]
    assert changes.changed == ()


def test_the_summary_lists_so_many_pages_per_language_and_the_html_report_all(
        sites: dict[str, Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A job summary holds 1 MB: a change to a template (every page) is listed in part there."""
    monkeypatch.setattr(preview, "SUMMARY_LIMIT", 3)
    changes = compare_sites(sites["base"], sites["text"])
    report = preview.Preview(changes, {}, 0, "../site/")
    lines = report.markdown().splitlines()
    english = lines.index("### English (en): 10")
    assert lines[english + 2:english + 6] == [
        "- changed: `en/about/` About", "- changed: `en/embed/recommendations/r01/` Joint data working groups",
        "- changed: `en/embed/themes/alpha/` Improving data collection",
        "- and 7 more: `report.html` lists them all"]
    assert report.html().count('data-preview-kind="changed"') == 28


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.browser
def test_the_changed_pages_command_reports_and_shoots_them(sites: dict[str, Path], tmp_path: Path) -> None:
    """As the README suggests it; the report's links lead into the new build, its screenshots are 390 px wide."""
    out = tmp_path / "preview"
    command = CHANGED_PAGES_COMMAND.replace("BASE_SITE", str(sites["base"])).replace("HEAD_SITE", str(sites["text"]))
    run = subprocess.run([sys.executable, *command.split()[1:], "--out", str(out), "--base", "main"],
                         capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout == (out / "report.md").read_text("utf-8")
    assert run.stdout.splitlines()[2] == ("28 page(s) changed, 0 added, 0 removed against `main`; "
                                          "screenshots at 390 px of all 28 (`screenshots/`).")
    assert "### English (en): 10" in run.stdout and "### Français (fr): 10" in run.stdout
    assert "- changed: `fr/recommendations/r01/` Groupes de travail conjoints sur les données " \
           "([screenshot](screenshots/fr--recommendations--r01.png))" in run.stdout
    shots = sorted((out / "screenshots").glob("*.png"))
    assert len(shots) == 28
    assert {png_size(shot)[0] for shot in shots} == {390}
    report = (out / "report.html").read_text("utf-8")
    links = re.findall(r'href="([^"]+)"', report)
    assert links and all((out / link).resolve().is_file() for link in links), links
    assert f'href="{os.path.relpath(sites["text"], out)}/en/recommendations/r01/index.html"' in report

    capped = subprocess.run([sys.executable, *command.split()[1:], "--out", str(out), "--screenshots", "4"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert capped.stdout.splitlines()[2] == ("28 page(s) changed, 0 added, 0 removed; "
                                             "screenshots at 390 px of the first 4 of 28 (`screenshots/`).")
    # a page in its three languages, side by side: the first pages by address
    assert sorted(p.name for p in (out / "screenshots").glob("*.png")) == [
        "about.png", "embed--recommendations--r01.png", "en--about.png", "fr--about.png"]


def test_the_changed_pages_command_names_what_to_build_first(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "gcmkb", "changed-pages", "base-site", "site"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.strip() == (
        "base-site, site: not a built site (no index.html); build each first, e.g. "
        "`SITE_URL=http://127.0.0.1:8000/ mkdocs build -d DIR`, or run `./dev preview BASE_REF`")


def preview_step() -> dict[str, object]:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text("utf-8"))
    [step] = [s for s in workflow["jobs"]["preview"]["steps"] if "./dev preview" in s.get("run", "")]
    return step


def test_the_workflow_previews_every_pull_request_for_its_reviewers() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text("utf-8"))
    steps = workflow["jobs"]["preview"]["steps"]
    assert steps[0]["with"] == {"fetch-depth": 0}
    run = str(preview_step()["run"])
    assert "./dev preview \"origin/${{ github.base_ref || 'main' }}\"" in run
    assert 'cat preview/report.md >> "$GITHUB_STEP_SUMMARY"' in run
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["name"] == "preview" and upload["with"]["path"].split() == ["site", "preview"]


@pytest.mark.browser
def test_dev_preview_builds_the_base_in_a_worktree_and_compares(tmp_path: Path) -> None:
    """The workflow's command, in a repository whose pull request changes r01's Arabic."""
    project = project_in_git(tmp_path / "project")
    for part in ("dev", "pyproject.toml"):
        shutil.copy2(ROOT / part, project / part)
    (project / ".venv").symlink_to(ROOT / ".venv")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    change_r01_text(project)
    git(project, "commit", "-qam", "Corrects the Arabic of r01")
    run_line = str(preview_step()["run"]).splitlines()[1].replace("${{ github.base_ref || 'main' }}", "main")
    env = {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "KB_PDF": "0"}
    run = subprocess.run(["bash", "-c", run_line], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    report = (project / "preview/report.md").read_text("utf-8")
    assert report.splitlines()[2].startswith("28 page(s) changed, 0 added, 0 removed against `origin/main`; ")
    assert all(f"- changed: `{p}recommendations/r01/`" in report for p in ("", "en/", "fr/"))
    assert (project / "site/en/recommendations/r01/index.html").is_file()  # the pull request's site
    worktrees = subprocess.run(["git", "worktree", "list"], cwd=project, capture_output=True, text=True).stdout
    assert len(worktrees.splitlines()) == 1, worktrees  # the base's worktree is gone
