"""A record that enters with its translations still to come: only the Arabic is written.

The fixture is the mini collection plus tests/fixtures/pending/r04.yml (Arabic only,
`translations: {en: {status: pending}, fr: {status: pending}}`), so the mini's golden lists stay as
they are.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gcmkb.catalog import check_collection
from gcmkb.problems import errors_in
from gcmkb.searchchunks import ids_of, unpack

from .conftest import FIXTURES, _built_site
from .sitebuild import Site

REC = "recommendations/r04.yml"
PENDING_LINES = [
    f"{REC}:22: translations.en: pending; its en pages show the Arabic with a notice; once every text "
    "has its en, run `python -m gcmkb stamp r04 en`",
    f"{REC}:23: translations.fr: pending; its fr pages show the Arabic with a notice; once every text "
    "has its fr, run `python -m gcmkb stamp r04 fr`",
]


def _with_pending(target: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", target)
    shutil.copy(FIXTURES / "pending" / "r04.yml", target / "recommendations" / "r04.yml")
    return target


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    return _with_pending(tmp_path / "pending")


def _validate(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(root), "validate"],
                          capture_output=True, text=True)


def test_a_record_with_only_arabic_validates_and_lists_what_is_pending(collection: Path) -> None:
    catalog, problems = check_collection(collection)
    assert catalog is not None and errors_in(problems) == []
    assert [str(p) for p in problems] == PENDING_LINES
    assert {p.severity for p in problems} == {"info"}
    run = _validate(collection)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[:2] == PENDING_LINES
    assert run.stdout.splitlines()[-1].endswith("; 2 translation(s) pending")


def test_a_text_written_while_its_translation_is_pending_is_refused(collection: Path) -> None:
    file = collection / "recommendations" / "r04.yml"
    file.write_text(file.read_text("utf-8").replace("  ar: توسيع بدائل الاحتجاز\n",
                                                    "  ar: توسيع بدائل الاحتجاز\n  en: Widen alternatives\n"), "utf-8")
    _, problems = check_collection(collection)
    assert [str(p) for p in errors_in(problems)] == [
        f"{REC}:16: lead.en: written while translations.en is pending; allowed: the whole translation, "
        "then `python -m gcmkb stamp r04 en`, or no en text until then"]


def test_a_translation_not_pending_must_be_written(collection: Path) -> None:
    file = collection / "recommendations" / "r04.yml"
    file.write_text(file.read_text("utf-8").replace("en: {status: pending}", "en: {status: draft}"), "utf-8")
    _, problems = check_collection(collection)
    assert [str(p) for p in errors_in(problems)] == [
        f"{REC}:12: title.en: required field is missing; expected non-empty text of at most 160 characters",
        f"{REC}:14: lead.en: required field is missing; expected non-empty text of at most 600 characters",
        f"{REC}:16: text.en: required field is missing; expected non-empty text of at most 6000 characters",
        f"{REC}:20: notes[0].en: required field is missing; expected non-empty text of at most 3000 characters",
    ]


def test_stamping_a_translation_that_has_come_makes_it_a_draft(collection: Path) -> None:
    file = collection / "recommendations" / "r04.yml"
    run = subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(collection), "stamp", "r04", "--lang", "en"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    states = yaml.safe_load(file.read_text("utf-8"))["translations"]
    assert states["en"]["status"] == "draft" and len(states["en"]["source"]) == 12
    assert states["fr"] == {"status": "pending"}


# --- the built site ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pending_site(tmp_path_factory: pytest.TempPathFactory):
    collection = _with_pending(tmp_path_factory.mktemp("pending-collection") / "mini")
    site, server, _ = _built_site(tmp_path_factory, "pending-site", collection)  # strict: it passed
    yield site
    server.shutdown()


@pytest.mark.parametrize("prefix", ["en/", "fr/"])
def test_pending_pages_show_the_arabic_marked_and_a_notice(pending_site: Site, prefix: str) -> None:
    soup = pending_site.soup(prefix + "recommendations/r04/")
    title, text = soup.select_one("h1#title"), soup.select_one(".kb-text")
    assert (title["lang"], title["dir"], title.get_text()) == ("ar", "rtl", "بدائل الاحتجاز للأطفال")
    assert (text["lang"], text["dir"]) == ("ar", "rtl")
    assert "اعتماد بدائل الاحتجاز" in text.get_text()
    notice = soup.select_one(".kb-notice")
    labels = {"en/": "Translation pending", "fr/": "Traduction à venir"}
    assert notice.select_one(".admonition-title").get_text() == labels[prefix]
    assert soup.select_one(".kb-notes ol")["lang"] == "ar"
    listed = pending_site.soup(prefix + "themes/beta/").select('a[href$="r04/"] .kb-list__title')
    assert [(s["lang"], s.get_text()) for s in listed] == [("ar", "بدائل الاحتجاز للأطفال")]
    embed = pending_site.soup(prefix + "embed/recommendations/r04/")
    assert embed.select_one("h1")["lang"] == "ar"


def test_the_arabic_page_is_the_source_with_no_notice(pending_site: Site) -> None:
    soup = pending_site.soup("recommendations/r04/")
    assert soup.select_one(".kb-notice") is None and not soup.select_one("h1#title").has_attr("lang")


def test_the_status_page_lists_what_is_pending(pending_site: Site) -> None:
    soup = pending_site.soup("en/status/")
    row = next(tr for tr in soup.select(".kb-status-table tbody tr") if tr.select_one('a[href$="r04/"]'))
    assert [s.get_text() for s in row.select(".kb-status")] == ["Original text", "Translation pending",
                                                                "Translation pending"]
    totals = soup.select(".kb-status-totals .kb-status--pending")  # per language: English, French
    assert [li.get_text() for li in totals] == ["Translation pending: 1", "Translation pending: 1"]


def test_exports_leave_a_pending_text_out(pending_site: Site) -> None:
    data = json.loads((pending_site.directory / "data" / "recommendations.json").read_text("utf-8"))
    record = next(r for r in data["recommendations"] if r["id"] == "r04")
    assert record["title"] == {"ar": "بدائل الاحتجاز للأطفال"}
    assert record["translations"] == {"en": {"status": "pending"}, "fr": {"status": "pending"}}
    assert data["derived"]["r04"]["status"] == {"ar": "source", "en": "pending", "fr": "pending"}
    rows = list(csv.DictReader(io.StringIO((pending_site.directory / "data" / "recommendations.csv")
                                           .read_text("utf-8-sig"))))
    row = next(r for r in rows if r["id"] == "r04")
    assert (row["title_ar"], row["title_en"], row["status_en"]) == ("بدائل الاحتجاز للأطفال", "", "pending")


def test_the_search_entry_of_a_pending_language_is_the_arabic(pending_site: Site) -> None:
    """Decided: the English index holds the Arabic the English page shows (its normaliser folds
    Arabic letter forms; English stemming leaves Arabic words whole), so the record is found there
    by its Arabic words, and never by English words it does not have."""
    folder = pending_site.directory / "assets" / "search"
    head = json.loads((folder / "en.json").read_text("utf-8"))
    titles = json.loads((folder / head["explore"]).read_text("utf-8"))["columns"]["t"]
    assert titles[ids_of(head["ids"]).index("r04")] == "بدائل الاحتجاز للأطفال"
    words = [w for chunk in folder.glob("en.c*.bin") for w in unpack(chunk.read_bytes())[0]["words"]]
    assert "بدايل" in words  # بدائل, its hamza folded as the Arabic pipeline folds it


@pytest.mark.parametrize("prefix", ["en/", "fr/"])
def test_chromium_shows_the_notice_and_the_arabic(page, pending_site: Site, prefix: str) -> None:
    page.goto(pending_site.url + prefix + "recommendations/r04/")
    notice = page.locator(".kb-notice")
    assert notice.is_visible()
    assert "Arabic" in notice.inner_text() or "arabe" in notice.inner_text()
    title = page.locator("h1#title")
    assert title.get_attribute("lang") == "ar"
    assert title.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert page.locator(".kb-text").evaluate("e => getComputedStyle(e).direction") == "rtl"
