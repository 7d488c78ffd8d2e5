"""Editors' gates: renamed ids, scaffolding, reproducible builds, dashboards and edit links."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from gcmkb.catalog import check_collection
from gcmkb.pages import page_sources
from gcmkb.scaffold import next_free_id
from gcmkb.site import KnowledgeBase

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, make_project
from .test_validator import run_suggested, suggested_command


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT)


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})


def test_a_removed_or_renamed_id_needs_a_redirect(mini: Path) -> None:
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-qm", "base")
    # rename r03 to r04: the permalink of r03 would break
    (mini / "recommendations/r03.yml").rename(mini / "recommendations/r04.yml")
    record = mini / "recommendations/r04.yml"
    record.write_text(record.read_text("utf-8").replace("id: r03", "id: r04"), "utf-8")
    run = cli(mini, "validate", "--since", "HEAD")
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        "recommendations/r03.yml:1: id: 'r03' was published at HEAD and is gone, which would break its "
        "permalink; allowed: keep the id, or add 'r03: <new id>' to recommendations/redirects.yml"]
    (mini / "recommendations/redirects.yml").write_text("redirects:\n  r03: r04\n", "utf-8")
    run = cli(mini, "validate", "--since", "HEAD")
    assert run.returncode == 0, run.stdout
    assert cli(mini, "validate", "--since", "no-such-ref").stdout.startswith(
        "recommendations/redirects.yml:1: --since: cannot read revision 'no-such-ref'")


def test_a_redirect_keeps_the_old_permalink_working(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    (project / "recommendations/r03.yml").rename(project / "recommendations/r04.yml")
    record = project / "recommendations/r04.yml"
    record.write_text(record.read_text("utf-8").replace("id: r03", "id: r04"), "utf-8")
    (project / "recommendations/redirects.yml").write_text("redirects:\n  r03: r04\n", "utf-8")
    assert build(project, "https://kb.example/").returncode == 0
    html = (project / "site/fr/recommendations/r03/index.html").read_text("utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../r04/">' in html
    assert '<link rel="canonical" href="https://kb.example/fr/recommendations/r04/">' in html
    assert "La recommandation r03 est désormais r04." in html


def test_scaffold_creates_the_next_free_id_with_every_field(mini: Path) -> None:
    (mini / "recommendations/redirects.yml").write_text("redirects:\n  r04: r02\n", "utf-8")
    run = cli(mini, "new", "--theme", "beta", "--source", "mini-report")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "recommendations/r05.yml", "r04 is retired: ids are never reused"
    text = (mini / "recommendations/r05.yml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../gcmkb/schemas/recommendation.schema.json")
    _, problems = check_collection(mini)
    assert [str(p) for p in problems][:5] == [
        "recommendations/r05.yml:8: objectives: needs at least 1 item(s); allowed: a list of GCM objective "
        "numbers (1 to 23), each once",
        "recommendations/r05.yml:9: principles: needs at least 1 item(s); allowed: a list of GCM guiding principle "
        "ids (taxonomies/principles.yml), each once",
        "recommendations/r05.yml:10: actors: needs at least 1 item(s); allowed: a list of actor ids, each once",
        "recommendations/r05.yml:11: topics: needs at least 1 item(s); allowed: a list of topic ids, each once",
        "recommendations/r05.yml:15: title.ar: must not be empty; allowed: non-empty text of at most 160 characters",
    ]
    assert "  document: mini-report   #" in text and "bullet: 2" in text  # r03 is bullet 1 of beta in mini-report
    assert cli(mini, "new", "--theme", "gamma").stderr.strip() == "unknown theme 'gamma'; known themes: alpha, beta"
    assert cli(mini, "new", "--theme", "beta", "--source", "mini").stderr.strip() == (
        "unknown source document 'mini'; known source documents: mini-dialogue, mini-report")
    run = cli(mini, "new", "--theme", "alpha")  # two documents: which one is left to the editor
    assert run.stdout.strip() == "recommendations/r06.yml"
    assert "recommendations/r06.yml:6: source.document: '' is not valid; allowed: a lowercase ASCII id with " \
        "hyphens, such as 'member-states'" in [str(p) for p in check_collection(mini)[1]]


def test_next_free_id_keeps_the_width() -> None:
    assert next_free_id({"r01", "r35"}) == "r36"
    assert next_free_id({"r99"}) == "r100"
    assert next_free_id(set()) == "r01"


def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    env_epoch = {"SOURCE_DATE_EPOCH": "1764000000"}
    sites = []
    for name in ("one", "two"):
        shutil.rmtree(project / ".cache", ignore_errors=True)  # PDFs and templates made anew each time
        os.environ.update(env_epoch)
        try:
            assert build(project, "https://kb.example/", "-d", str(tmp_path / name)).returncode == 0
        finally:
            os.environ.pop("SOURCE_DATE_EPOCH")
        sites.append(tmp_path / name)
    files = sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(sites[1]) for p in sites[1].rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(sites[0], sites[1], [str(f) for f in files], shallow=False)
    assert (mismatch, errors) == ([], [])
    assert any(str(f).endswith(".pdf") for f in files)


def test_translation_dashboard_lists_every_record_and_entry(mini_site: Site) -> None:
    soup = mini_site.soup("en/status/")
    rows = soup.select("tbody tr")
    assert len(rows) == 3 + 2 + 23 + 2 + 2 + 2  # recommendations, themes, objectives, principles, actors, topics
    cells = {r.select("td")[1].get_text(strip=True): [c.get_text(strip=True) for c in r.select("td")[3:6]]
             for r in rows}
    assert cells["Regional data platforms"] == ["Original text", "Reviewed translation", "Draft translation"]
    assert cells["Migrants' rights"] == ["Original text", "Reviewed translation", "Draft translation"]
    assert cells["Civil society"] == ["Original text", "Draft translation", "Draft translation"]
    edit = rows[0].select("td")[-1].a["href"]
    assert edit.endswith("/edit/main/recommendations/r01.yml")
    totals = soup.select_one(".kb-status-totals").get_text(" ", strip=True)
    assert "English: Original text" not in totals and "Draft translation: 32" in totals


def test_edit_links_lead_to_the_records_not_generated_files(mini_site: Site) -> None:
    def edit(page: str) -> str | None:
        link = mini_site.soup(page).select_one(".kb-edit a")
        return link["href"] if link else None
    base = "https://github.com/gcm-champions/knowledge-base/edit/main/"
    assert edit("fr/recommendations/r02/") == base + "recommendations/r02.yml"
    assert edit("themes/beta/parallel/") == base + "recommendations/themes/beta.yml"
    assert edit("en/actors/civil-society/") == base + "recommendations/taxonomies/actors.yml"
    assert edit("en/about/") == base + "docs/about.en.md"
    assert edit("about/") == base + "docs/about.md"
    assert edit("en/themes/") is None  # drawn from many records


def test_records_pass_the_yaml_linter() -> None:
    run = subprocess.run([sys.executable, "-m", "yamllint", "-c", str(ROOT / ".yamllint.yml"), "-f", "parsable",
                          "recommendations", "tests/fixtures/mini/recommendations"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout


def test_generated_page_sources_are_ignored_by_git() -> None:
    """Every page source the build writes into docs/ is git-ignored and none is tracked (never
    committed by mistake); the names come from the core, whether or not a build ran here."""
    kb = KnowledgeBase.load(ROOT)
    names = sorted(page_sources(kb.catalog, kb.labels))
    folders = sorted({name.split("/")[0] for name in names})
    run = subprocess.run(["git", "check-ignore", "--no-index", *[f"docs/{d}/x.md" for d in folders]],
                         capture_output=True, text=True, cwd=ROOT)
    assert sorted(run.stdout.split()) == sorted(f"docs/{d}/x.md" for d in folders)
    tracked = subprocess.run(["git", "ls-files", "--", *[f"docs/{d}" for d in folders]],
                             capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert tracked == []


def test_the_benchmark_runs_from_one_command(tmp_path: Path) -> None:
    """The smallest size of the benchmark, end to end (the full run is `./dev bench`)."""
    run = subprocess.run([sys.executable, "-m", "bench.run", "--sizes", "35", "--work", str(tmp_path / "work"),
                          "--out", str(tmp_path / "results.md")], capture_output=True, text=True, cwd=ROOT,
                         timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    table = (tmp_path / "results.md").read_text("utf-8")
    for row in ("| clean build (s) |", "| time per page (ms) |", "| site size, PDFs included (MB, files) |",
                "| PDFs: count, MB (largest); cold / from cache (s) |",
                "| search, first query: files until its results show ar/en/fr (KB as sent, gzip; target 300) |",
                "| Chromium: focus -> first result ar/en/fr (ms) |",
                "| `serve --dirty`: record edit -> page shows it (s, 3 edits) |", "| ours / baseline, build time |",
                "| ours / Hugo, time per page |"):
        assert row in table
    # the site as GitHub Pages receives it: a size in MB, then the tar's
    assert re.search(r"^\| Pages artifact \(MB\): tar of the site, zipped at level 6, .* \| \d+\.\d \(\d+\.\d\) \|$",
                     table, re.M)


# --- every command the pages suggest works -------------------------------------------------------

GUIDES = ("README.md", "docs/contribute.md", "docs/contribute.en.md", "docs/contribute.fr.md",
          ".github/pull_request_template.md")
# each gcmkb command the guides suggest, in the order an editor meets them, and what it must print
GUIDE_COMMANDS = {
    ".venv/bin/python -m gcmkb validate": r"ok: \d+ recommendations, .*",
    "python -m gcmkb validate": r"ok: \d+ recommendations, .*",
    "python -m gcmkb validate --since origin/main": r"ok: \d+ recommendations, .*",
    ".venv/bin/python -m gcmkb stamp r07 --lang en --status reviewed":
        r"recommendations/r07\.yml: en stamped [0-9a-f]{12} \(reviewed\)",
    "python -m gcmkb stamp r19 --lang fr --status reviewed":
        r"recommendations/r19\.yml: fr stamped [0-9a-f]{12} \(reviewed\)",
    "python -m gcmkb stamp r02 en": r"recommendations/r02\.yml: en stamped [0-9a-f]{12}",
    "python -m gcmkb new --theme rights": r"recommendations/r\d+\.yml",
    "python -m gcmkb stamp rNN": r"recommendations/rNN\.yml: en, fr stamped [0-9a-f]{12}",
    # a translation that was pending, once written (the scaffold's texts stand in for it here)
    "python -m gcmkb stamp rNN en": r"recommendations/rNN\.yml: en stamped [0-9a-f]{12}",
    "python -m gcmkb stamp rNN --lang en": r"recommendations/rNN\.yml: en stamped [0-9a-f]{12}",
    "python -m gcmkb stamp rNN --lang fr": r"recommendations/rNN\.yml: fr stamped [0-9a-f]{12}",
    "python -m gcmkb stamp rNN --lang fr --status reviewed":
        r"recommendations/rNN\.yml: fr stamped [0-9a-f]{12} \(reviewed\)",
    # last: the new practice leaves the collection with texts to write
    "python -m gcmkb new --practice": r"recommendations/practices/p\d{3}\.yml",
}
PDF_COMMAND = "python -m gcmkb pdf --site DIR"  # needs a built site: run by test_the_pdf_step_names_the_build_it_needs
# needs two built sites: run by tests/test_preview.py (test_the_changed_pages_command_reports_and_shoots_them)
CHANGED_PAGES_COMMAND = "python -m gcmkb changed-pages BASE_SITE HEAD_SITE"


def guide_commands() -> set[str]:
    found = set()
    for guide in GUIDES:
        text = (ROOT / guide).read_text("utf-8")
        found |= {m.strip() for m in re.findall(r"(?:\.venv/bin/)?python -m gcmkb[^`\n#]*", text)}
    return found


def test_every_command_the_guides_suggest_works(tmp_path: Path) -> None:
    """Run in a copy of the real collection, which the guides' examples (r07, r19, rights) are about."""
    assert guide_commands() == {*GUIDE_COMMANDS, PDF_COMMAND, CHANGED_PAGES_COMMAND}, \
        "a new suggested command needs a test here"
    project = tmp_path / "kb"
    shutil.copytree(ROOT / "recommendations", project / "recommendations")
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    new_id = "rNN"
    for command, expected in GUIDE_COMMANDS.items():
        run = run_suggested(command.replace("rNN", new_id), project)
        assert run.returncode == 0, f"{command}: {run.stdout}{run.stderr}"
        assert re.fullmatch(expected.replace("rNN", new_id), run.stdout.strip()), f"{command}: {run.stdout}"
        if command.startswith("python -m gcmkb new --theme"):
            new_id = Path(run.stdout.strip()).stem
            # the new file says what to run next: it lists what is still to write
            [hint] = re.findall(r"then run: (python -m gcmkb \w+)", (project / run.stdout.strip()).read_text("utf-8"))
            check = run_suggested(hint, project)
            assert check.returncode == 1
            assert check.stdout.startswith(f"recommendations/{new_id}.yml:8: objectives: needs at least 1 item(s)")


def test_every_dev_command_the_guides_suggest_exists() -> None:
    """`./dev build|serve|test|bench` are too heavy to run here; their steps are what the suite runs."""
    known = set(re.findall(r"^  ([\w-]+)\)$", (ROOT / "dev").read_text("utf-8"), re.MULTILINE))
    suggested = {m for guide in GUIDES for m in re.findall(r"\./dev ([\w-]+)", (ROOT / guide).read_text("utf-8"))}
    assert suggested and suggested <= known, suggested - known


def test_the_pdf_step_names_the_build_it_needs(tmp_path: Path) -> None:
    """`python -m gcmkb pdf --site DIR` (the README) on a site not built yet, then as its hint says."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    pdf = PDF_COMMAND.replace("DIR", "site")
    run = run_suggested(pdf, project)
    assert run.returncode == 1
    assert run.stderr.strip() == ("no printable pages under site; run `SITE_URL=http://127.0.0.1:8000/ mkdocs build` "
                                  "first (SITE_URL: the address the site will have)")
    built = run_suggested(suggested_command(run.stderr), project)
    assert built.returncode == 0, built.stderr[-3000:]
    again = run_suggested(pdf, project)
    assert again.returncode == 0, again.stderr
    assert "site/pdf/en/" in again.stdout and ".pdf" in again.stdout
