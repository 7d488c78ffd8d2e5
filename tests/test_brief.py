"""The brief composer, in real Chromium on the fixture site: composed from the explore page, kept
in the address and the browser, reordered by keyboard and mouse, printed to an A4 PDF, two
languages side by side, and addresses that are wrong in every way a reader can make them."""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from gcmkb import LANGUAGES
from gcmkb.brief import brief_payload, brief_shards
from gcmkb.catalog import load_catalog
from gcmkb.labels import load_labels
from gcmkb.shards import SHARD_SIZE, shard_of

from .conftest import FIXTURES, SCREENSHOTS
from .sitebuild import Site

pytestmark = pytest.mark.browser

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
LABELS = {lang: dict(labels.entries) for lang, labels in load_labels().items()}  # typeset, as pages show them
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
TITLES = {"ar": {"r01": "فرق عمل مشتركة للبيانات", "r02": "منصات إقليمية للبيانات"},
          "en": {"r01": "Joint data working groups", "r02": "Regional data platforms",
                 "r03": "Detention only as a last resort"}}


def items(page: Page) -> list[str]:
    return page.eval_on_selector_all(".kb-brief__item", "lis => lis.map(li => li.dataset.id)")


def expect_items(page: Page, ids: list[str]) -> None:
    expect(page.locator(".kb-brief__item")).to_have_count(len(ids))
    assert items(page) == ids


def query(page: Page) -> dict[str, list[str]]:
    """The parameters of the address as the page holds it now (history.replaceState)."""
    return urllib.parse.parse_qs(urllib.parse.urlsplit(page.evaluate("location.href")).query)


def live(page: Page):
    return page.locator("[data-kb-brief-live]")


def open_brief(page: Page, site: Site, address: str, count: int) -> None:
    page.goto(site.url + address)
    expect(page.locator(".kb-brief__item")).to_have_count(count)


# --- data ---------------------------------------------------------------------------------------

def shard(site: Site, folder: str, lang: str, key: str) -> dict:
    return json.loads((site.directory / f"assets/{folder}/{lang}/{key}.json").read_text("utf-8"))


def test_the_build_writes_every_full_text_per_language_and_the_page_gets_core_labels(mini_site: Site) -> None:
    for lang in LANGUAGES:
        # a file per shard of records: the recommendations r00..r24, the practices p000..p024
        written = sorted(p.name for p in (mini_site.directory / f"assets/brief/{lang}").iterdir())
        assert written == ["p0.json", "r0.json"]
        recommendations, practices = shard(mini_site, "brief", lang, "r0"), shard(mini_site, "brief", lang, "p0")
        assert sorted(recommendations["docs"]) == ["r01", "r02", "r03"] and recommendations["redirects"] == {}
        assert sorted(practices["docs"]) == ["p001", "p002", "p003"] and practices["themes"] == {}
        r01 = recommendations["docs"]["r01"]
        assert r01["u"] == "recommendations/r01/" and r01["th"] == "alpha" and r01["o"] == ["1", "23"]
        assert recommendations["themes"]["alpha"] and recommendations["objectives"]["23"]
        # each shard names the themes and objectives of its own records, no others
        assert set(recommendations["objectives"]) == {o for d in recommendations["docs"].values() for o in d["o"]}
    ar = shard(mini_site, "brief", "ar", "r0")["docs"]["r01"]
    # Latin runs in Arabic text are isolated segments, as on the pages
    assert ar["p"][0] == ["إنشاء فرق عمل مشتركة بين الوكالات (", ["ltr", "GCM"], ")."]
    assert ar["l"] == ["تعزيز التعاون"] and ar["t"] == TITLES["ar"]["r01"]
    for lang in LANGUAGES:
        config = json.loads(mini_site.soup(PREFIX[lang] + "brief/").select_one("#kb-brief-config").string)
        assert config["lang"] == lang
        assert config["labels"]["brief_moved"] == LABELS[lang]["brief_moved"]
        assert {code: c["labels"]["permalink"] for code, c in config["languages"].items()} == \
            {code: LABELS[code]["permalink"] for code in LANGUAGES}
        header = mini_site.soup(PREFIX[lang] + "recommendations/r01/").select_one("[data-kb-brief-link]")
        assert not [name for name in header.attrs if name.startswith("data-label")]  # in the language's file
        assert mini_site.resolve(PREFIX[lang] + "recommendations/r01/", header["href"]) == (PREFIX[lang] + "brief/", "")


def test_a_retired_id_is_in_the_data_with_its_replacement(mini: Path) -> None:
    retire_r03(mini)
    payload = brief_payload(load_catalog(mini), "fr")
    assert payload["redirects"] == {"r03": "r04"} and "r04" in payload["docs"] and "r03" not in payload["docs"]
    # the retired id's shard holds its replacement, whichever shard that is in
    moved = {**payload, "redirects": {"r03": "r04", "r250": "r04"}}  # r250: shard r10, no record
    assert {k: (sorted(v["docs"]), v["redirects"]) for k, v in brief_shards(moved).items()} == {
        "p0": (["p001", "p002", "p003"], {}), "r0": (["r01", "r02", "r04"], {"r03": "r04"}),
        "r10": ([], {"r250": "r04"})}


def test_an_ids_shard_is_its_letters_and_its_number_by_the_shard_size() -> None:
    assert SHARD_SIZE == 25
    assert [shard_of(i) for i in ("r01", "r24", "r25", "r99", "r100", "r0100", "r10000", "p001", "p1234")] == \
        ["r0", "r0", "r1", "r3", "r4", "r4", "r400", "p0", "p49"]
    with pytest.raises(ValueError, match="'R01': not an id of letters then digits"):
        shard_of("R01")


def retire_r03(collection: Path) -> None:
    """r03 renamed r04, with its redirect (as an editor retires an id)."""
    old = collection / "recommendations/r03.yml"
    old.rename(collection / "recommendations/r04.yml")
    record = collection / "recommendations/r04.yml"
    record.write_text(record.read_text("utf-8").replace("id: r03", "id: r04"), "utf-8")
    (collection / "recommendations/redirects.yml").write_text("redirects:\n  r03: r04\n", "utf-8")


# --- composing ----------------------------------------------------------------------------------

def test_compose_from_the_explore_page_then_reload_from_the_address(page: Page, browser, mini_site: Site) -> None:
    page.goto(mini_site.url + "en/search/?kind=recommendation")  # the practices have theirs too
    adds = page.locator(".kb-results__item button.kb-brief-add")
    expect(adds).to_have_count(3)
    expect(adds.first).to_have_text("Add to brief r01")
    adds.nth(0).click()
    adds.nth(2).click()
    expect(live(page)).to_have_text("r03 added to the brief (2).")
    expect(page.locator("[data-kb-brief-count]")).to_have_text("2")
    expect(adds.nth(2)).to_have_text("Remove from brief r03")
    page.locator("[data-kb-brief-link]").click()
    expect_items(page, ["r01", "r03"])
    assert query(page) == {"ids": ["r01,r03"], "langs": ["en"]}
    assert "/en/brief/?ids=r01,r03&langs=en" in page.evaluate("location.href")  # readable: commas as they are
    expect(page.locator(".kb-brief__item h3").first).to_have_text("r01 " + TITLES["en"]["r01"])
    # the whole text, theme, objectives, citation and permalink of each
    first = page.locator(".kb-brief__item").first
    expect(first.locator(".kb-lead")).to_have_text("Strengthen cooperation")
    expect(first.locator("dd").nth(0)).to_have_text("Improving data collection")
    expect(first.locator(".kb-brief__objectives li")).to_have_text(["Objective 1: Objective 1",
                                                                    "Objective 23: Objective 23"])
    expect(first.locator(".kb-brief__cite")).to_contain_text("recommendation r01: Joint data working groups.")
    expect(first.locator(".kb-brief__permalink a")).to_have_attribute("href", mini_site.url + "en/recommendations/r01/")
    # another browser, with nothing kept: the address alone brings the same brief
    other = browser.new_context()
    try:
        tab = other.new_page()
        open_brief(tab, mini_site, page.url[len(mini_site.url):], 2)
        assert items(tab) == ["r01", "r03"]
        expect(tab.locator("[data-kb-brief-notices]")).to_be_empty()
    finally:
        other.close()
    # this browser kept it: the bare page shows it again, and the address follows
    open_brief(page, mini_site, "en/brief/", 2)
    assert items(page) == ["r01", "r03"] and query(page)["ids"] == ["r01,r03"]
    # languages alone in the address show the kept brief in them
    open_brief(page, mini_site, "en/brief/?langs=en,fr", 2)
    assert page.locator(".kb-brief__block").evaluate_all("bs => bs.map(b => b.lang)") == ["en", "fr"] * 2
    expect(page.locator("[data-kb-brief-notices]")).to_be_empty()


def test_theme_and_recommendation_pages_add_one_or_all(page: Page, mini_site: Site) -> None:
    page.goto(mini_site.url + "fr/themes/alpha/")
    add_all = page.locator("[data-kb-brief-all]")
    expect(add_all).to_have_text("Tout ajouter au dossier")
    add_all.click()
    expect(page.locator("[data-kb-brief-count]")).to_have_text("2")
    expect(add_all).to_have_text("Tout retirer du dossier")
    expect(live(page)).to_have_text("Ajout au dossier : r01, r02 (2).")
    page.locator('#theme-recommendations [data-kb-brief-add="r01"]').click()
    expect(page.locator("[data-kb-brief-count]")).to_have_text("1")
    expect(add_all).to_have_text("Tout ajouter au dossier")
    page.goto(mini_site.url + "recommendations/r03/")  # Arabic: the count in Arabic-Indic digits
    page.locator('[data-kb-brief-add="r03"]').click()
    expect(page.locator("[data-kb-brief-count]")).to_have_text("٢")
    open_brief(page, mini_site, "brief/", 2)
    assert items(page) == ["r02", "r03"]


def test_reorder_with_the_keyboard_then_remove(page: Page, mini_site: Site) -> None:
    open_brief(page, mini_site, "en/brief/?ids=r01,r02,r03&langs=en", 3)
    page.locator("#kb-brief-title").focus()
    for _ in range(40):  # every control of the list is reached by Tab
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.dataset.kbBriefAct, document.activeElement.dataset.id]")
        if focused == ["down", "r01"]:
            break
    else:
        pytest.fail("Tab never reached the 'Move down' button of r01")
    page.keyboard.press("Enter")
    expect(live(page)).to_have_text("r01 moved to position 2 of 3.")
    assert items(page) == ["r02", "r01", "r03"] and query(page)["ids"] == ["r02,r01,r03"]
    page.keyboard.press("Space")  # focus stayed on the moved item's button
    expect(live(page)).to_have_text("r01 moved to position 3 of 3.")
    page.keyboard.press("Enter")
    expect(live(page)).to_have_text("r01 is already last.")
    assert items(page) == ["r02", "r03", "r01"]
    page.keyboard.press("Shift+Tab")  # back to "Move up" of the same item
    assert page.evaluate("document.activeElement.dataset.kbBriefAct") == "up"
    page.keyboard.press("Enter")
    expect(live(page)).to_have_text("r01 moved to position 2 of 3.")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # "Remove from brief" of r01
    expect(page.locator(":focus")).to_have_accessible_name("Remove from brief r01")
    page.keyboard.press("Enter")
    expect(live(page)).to_have_text("r01 removed from the brief (2).")
    expect_items(page, ["r02", "r03"])
    assert query(page)["ids"] == ["r02,r03"]
    expect(page.locator(":focus")).to_have_accessible_name("Remove from brief r03")  # focus moved on, not lost
    expect(page.locator("[data-kb-brief-count]")).to_have_text("2")


def test_reorder_by_dragging_with_the_mouse(page: Page, mini_site: Site) -> None:
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole list on screen: no scroll mid-drag
    open_brief(page, mini_site, "en/brief/?ids=r01,r02,r03&langs=en", 3)
    target = page.locator('.kb-brief__item[data-id="r01"]')
    page.locator('.kb-brief__handle[data-id="r03"]').drag_to(target, target_position={"x": 40, "y": 5})
    expect(page.locator(".kb-brief__item").first).to_have_attribute("data-id", "r03")
    assert items(page) == ["r03", "r01", "r02"]
    r02 = page.locator('.kb-brief__item[data-id="r02"]')
    height = r02.bounding_box()["height"]
    page.locator('.kb-brief__handle[data-id="r03"]').drag_to(r02, target_position={"x": 40, "y": height - 10})  # after
    expect(page.locator(".kb-brief__item").last).to_have_attribute("data-id", "r03")
    assert query(page)["ids"] == ["r01,r02,r03"]


def test_title_and_note_are_kept_in_the_address_as_text(page: Page, mini_site: Site) -> None:
    open_brief(page, mini_site, "en/brief/?ids=r02&langs=en", 1)
    title, note = "<b>Board</b> & co, 12 May", "First line\n<i>second</i> line"
    page.locator("#kb-brief-title").fill(title)
    page.locator("#kb-brief-note").fill(note)
    assert query(page)["title"] == [title] and query(page)["note"] == [note]
    page.reload()
    expect(page.locator(".kb-brief__item")).to_have_count(1)
    expect(page.locator("#kb-brief-title")).to_have_value(title)
    expect(page.locator("#kb-brief-note")).to_have_value(note)
    heading = page.locator("[data-kb-brief-heading]")
    expect(heading).to_have_text(title)
    assert heading.locator("b").count() == 0 and page.locator("[data-kb-brief-note] i").count() == 0
    assert page.title().startswith(title + " - ")
    assert page.eval_on_selector("[data-kb-brief-note]", "e => getComputedStyle(e).whiteSpace") == "pre-line"


# --- languages and print ------------------------------------------------------------------------

def test_two_languages_side_by_side_each_with_its_lang_and_dir(page: Page, mini_site: Site) -> None:
    open_brief(page, mini_site, "fr/brief/?ids=r01&langs=fr,ar", 1)
    blocks = page.locator(".kb-brief__block")
    assert blocks.evaluate_all("bs => bs.map(b => [b.lang, b.dir])") == [["fr", "ltr"], ["ar", "rtl"]]
    expect(blocks.nth(1).locator("h3")).to_have_text("r01 " + TITLES["ar"]["r01"])
    expect(blocks.nth(1).locator("dt").last).to_have_text(LABELS["ar"]["permalink"])  # each block in its language
    permalink = blocks.nth(1).locator(".kb-brief__permalink a")
    expect(permalink).to_have_attribute("href", mini_site.url + "recommendations/r01/")
    french, arabic = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
    assert french["x"] + french["width"] <= arabic["x"], "French leads, on the left"
    expect(page.locator("#kb-brief-lang")).to_have_value("fr")
    expect(page.locator("#kb-brief-beside")).to_have_value("ar")
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: one under the other
    french, arabic = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
    assert french["y"] + french["height"] <= arabic["y"]
    page.locator("#kb-brief-beside").select_option("")
    expect(blocks).to_have_count(1)
    assert query(page)["langs"] == ["fr"]


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *args, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_print_to_a_clean_a4_pdf_right_to_left_where_arabic_leads(page: Page, mini_site: Site, tmp_path: Path) -> None:
    note = "ملاحظة للاجتماع. " * 60  # long enough to push the recommendations onto more pages
    address = "brief/?ids=r01,r02,r03&langs=ar,en&title=" + urllib.parse.quote("اجتماع الفريق") \
        + "&note=" + urllib.parse.quote(note)
    open_brief(page, mini_site, address, 3)
    assert page.eval_on_selector("[data-kb-brief-print]", "b => b.textContent") == LABELS["ar"]["brief_print"]
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator("[data-kb-brief-print]").click()
    assert page.evaluate("window.__printed") == 1
    pdf = tmp_path / "brief.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    texts = [BIDI.sub("", pdftotext(pdf, "-f", str(n), "-l", str(n))) for n in range(1, pages + 1)]
    whole = "\n".join(texts)
    # Arabic in logical order, the brief's own title first, and no site chrome
    assert "اجتماع الفريق" in whole and TITLES["ar"]["r01"] in whole and TITLES["en"]["r01"] in whole
    assert whole.index("اجتماع الفريق") < whole.index(TITLES["ar"]["r01"])
    for chrome in ("search_placeholder", "brief_intro", "brief_print", "brief_clear", "home", "brief_title_label"):
        assert LABELS["ar"][chrome][:20] not in whole, chrome
    assert LABELS["ar"]["brief_move_up"] not in whole
    # page numbers in the leading language's digits, at the foot of every page
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"^{str(n).translate(ARABIC_INDIC)}$", text, re.M), f"page {n}: {text[-80:]!r}"
    # no recommendation split across pages: each one's id, titles and permalinks on one page
    for rid in ("r01", "r02", "r03"):
        assert len([n for n, text in enumerate(texts) if rid in text]) == 1, rid
    # the Arabic column on the right of the English one
    bbox = pdftotext(pdf, "-bbox", "-f", "1", "-l", str(pages))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', bbox)
    english = [float(x1) for x0, x1, w in words if w == "Joint"]
    arabic = [float(x0) for x0, x1, w in words if w in ("مشتركة", "مشتركة"[::-1])]
    assert english and arabic and max(english) < min(arabic)


# --- wrong addresses ------------------------------------------------------------------------------

def test_unknown_malformed_and_hostile_ids_are_reported_as_text(page: Page, mini_site: Site) -> None:
    hostile = "<img src=x onerror=window.__xss=1>"
    address = "en/brief/?ids=" + urllib.parse.quote(f"r01,r99,R02,{hostile},r01,r0") + "&langs=en,xx" \
        + "&title=" + urllib.parse.quote("<script>window.__xss=2</script>")
    open_brief(page, mini_site, address, 2)
    assert items(page) == ["r01", "r02"]  # upper case accepted, duplicates once
    notices = page.locator("[data-kb-brief-notices] p")
    expect(notices).to_have_text(["Not found, left out: r99.",
                                  f"Ignored, not recommendation or practice ids: {hostile}, r0."])
    assert page.locator("[data-kb-brief-notices] img, .kb-brief script, [data-kb-brief-heading] *").count() == 0
    expect(page.locator("[data-kb-brief-heading]")).to_have_text("<script>window.__xss=2</script>")
    assert page.evaluate("window.__xss") is None
    assert query(page)["ids"] == ["r01,r02"] and query(page)["langs"] == ["en"]  # the address is cleaned


def test_a_retired_id_shows_its_replacement(page: Page, mini_site: Site, mini: Path) -> None:
    retire_r03(mini)
    payload = brief_payload(load_catalog(mini), "en")  # the data of a collection where r03 became r04
    page.route("**/assets/brief/en/r0.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(brief_shards(payload)["r0"])))
    open_brief(page, mini_site, "en/brief/?ids=r03,r01&langs=en", 2)
    assert items(page) == ["r04", "r01"]
    expect(page.locator("[data-kb-brief-notices] p")).to_have_text(["r03 has been replaced by r04: r04 is shown."])
    assert query(page)["ids"] == ["r04,r01"]


def test_an_address_replacing_a_kept_brief_offers_it_back(page: Page, mini_site: Site) -> None:
    open_brief(page, mini_site, "en/brief/?ids=r01,r02&langs=en&title=Mine", 2)
    open_brief(page, mini_site, "en/brief/?ids=r03&langs=en", 1)
    notice = page.locator("[data-kb-brief-notices] p")
    expect(notice).to_have_text("The brief in this address replaced the one this browser kept (2). Restore it")
    notice.locator("button").click()
    expect_items(page, ["r01", "r02"])
    expect(page.locator("#kb-brief-title")).to_have_value("Mine")
    assert query(page)["ids"] == ["r01,r02"]


def test_without_javascript_the_page_says_what_it_needs(browser, mini_site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(mini_site.url + "en/brief/?ids=r01")
        expect(page.locator("[data-kb-brief-nojs]")).to_contain_text(LABELS["en"]["brief_nojs"])
        expect(page.locator("[data-kb-brief-form]")).to_be_hidden()
        links = page.locator("[data-kb-brief-nojs] a")
        expect(links).to_have_text(["Summary of a test dialogue", "Report of a test meeting",
                                    "Improving data collection", "Migrants' rights"])
        hrefs = [mini_site.resolve("en/brief/", a.get_attribute("href")) for a in links.all()]
        assert hrefs == [("en/print/sources/mini-dialogue/", ""), ("en/print/sources/mini-report/", ""),
                         ("en/print/alpha/", ""), ("en/print/beta/", "")]
        page.goto(mini_site.url + "en/recommendations/r01/")
        expect(page.locator("[data-kb-brief-add]")).to_be_hidden()  # no button that cannot work
    finally:
        context.close()


# --- what a reader sees --------------------------------------------------------------------------

SHOTS = {"ar": "brief/?ids=r01,r03&langs=ar,en&title=" + urllib.parse.quote("اجتماع الفريق"),
         "en": "en/brief/?ids=r02,r01&langs=en&title=Board%20meeting&note=For%20discussion",
         "fr": "fr/brief/?ids=r03,r01&langs=fr,ar&title=R%C3%A9union"}


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_screens_and_accessibility_of_the_brief(browser, mini_site: Site, lang: str) -> None:
    from .test_screens import MEASURE

    out = SCREENSHOTS / "brief"
    out.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        open_brief(page, mini_site, SHOTS[lang], 2)
        page.evaluate("document.fonts.ready.then(() => true)")
        for width, height in ((390, 844), (1280, 800)):
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(out / f"brief-{lang}-{width}.png"), full_page=True)
            seen = page.evaluate(MEASURE, [])
            assert seen["overflow"] == [] and seen["slanted"] == [], (width, seen["overflow"], seen["slanted"])
        violations = Axe().run(page, options={"resultTypes": ["violations"],
                                              "rules": {"target-size": {"enabled": True}}}).response["violations"]
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
    finally:
        context.close()


def test_the_briefs_references_download_for_reference_managers(page: Page, mini_site: Site) -> None:
    """RIS, BibTeX and CSL-JSON of every recommendation of the brief, in its order, in each of its
    languages, the same references as each recommendation's own files."""
    import bibtexparser
    import rispy

    open_brief(page, mini_site, "fr/brief/?ids=r02,r01&langs=fr,ar", 2)
    box = page.locator("[data-kb-brief-cite]")
    expect(box).to_be_visible()
    expect(box).to_contain_text(LABELS["fr"]["brief_cite_download"])
    downloads = {}
    for fmt in ("ris", "bib", "csl"):
        with page.expect_download() as info:
            box.locator(f'[data-kb-brief-cite-format="{fmt}"]').click()
        downloads[fmt] = Path(info.value.path()).read_bytes().decode("utf-8")
        assert info.value.suggested_filename == "brief." + {"ris": "ris", "bib": "bib", "csl": "json"}[fmt]
    keys = ["gcm-r02-fr", "gcm-r02-ar", "gcm-r01-fr", "gcm-r01-ar"]
    ris = rispy.loads(downloads["ris"])
    assert [e["id"] for e in ris] == keys
    assert ris[3]["title"] == TITLES["ar"]["r01"] and ris[3]["urls"] == [mini_site.url + "recommendations/r01/"]
    assert downloads["ris"].startswith((mini_site.directory / "fr/recommendations/r02/cite.ris").read_bytes().decode())
    assert [e.key for e in bibtexparser.parse_string(downloads["bib"]).entries] == keys
    csl = json.loads(downloads["csl"])
    assert [c["id"] for c in csl] == keys
    assert csl[3] == json.loads((mini_site.directory / "recommendations/r01/cite.json").read_bytes())[0]
    page.locator("[data-kb-brief-clear]").click()
    expect(box).to_be_hidden()  # nothing to cite


def test_the_briefs_references_include_its_practices(page: Page, mini_site: Site) -> None:
    """A practice of the brief is cited as its own page cites it, in its place in the brief's order:
    p002 is written in Arabic only, so its English reference has the Arabic title."""
    import rispy

    open_brief(page, mini_site, "en/brief/?ids=p002,r01,p003&langs=en", 3)
    box = page.locator("[data-kb-brief-cite]")
    expect(box).to_be_visible()
    with page.expect_download() as info:
        box.locator('[data-kb-brief-cite-format="ris"]').click()
    ris = Path(info.value.path()).read_bytes().decode("utf-8")
    assert [(e["id"], e["title"], e["language"]) for e in rispy.loads(ris)] == [
        ("gcm-p002-en", "ممارسة تجريبية بالعربية", "ar"), ("gcm-r01-en", TITLES["en"]["r01"], "en"),
        ("gcm-p003-en", "A test practice across two countries", "en")]
    assert ris.startswith((mini_site.directory / "en/practices/p002/cite.ris").read_bytes().decode())
    with page.expect_download() as info:
        box.locator('[data-kb-brief-cite-format="csl"]').click()
    csl = json.loads(Path(info.value.path()).read_bytes().decode("utf-8"))
    assert csl[2] == json.loads((mini_site.directory / "en/practices/p003/cite.json").read_bytes())[0]


@pytest.mark.parametrize(("address", "ids", "langs"), [
    ("en/brief/?ids=r01,r03&langs=en", ["r01", "r03"], ["en"]),
    ("fr/brief/?ids=p001,r02&langs=fr,ar", ["p001", "r02"], ["fr", "ar"])])
def test_a_brief_fetches_only_the_shards_of_its_records(page: Page, mini_site: Site, address: str,
                                                        ids: list[str], langs: list[str]) -> None:
    """Of the files of full texts and references, a brief fetches those of its records' shards in its
    languages, each once: not the other shards (the practices' for a brief of recommendations), not
    the other languages; a practice's references as a recommendation's."""
    open_brief(page, mini_site, address, len(ids))
    expect(page.locator("[data-kb-brief-cite]")).to_be_visible()  # the references are in
    fetched = [u.removeprefix(mini_site.url) for u in page.requests if "/assets/brief/" in u or "/assets/cite/" in u]
    expected = {f"assets/brief/{lang}/{shard_of(i)}.json" for lang in langs for i in ids} | \
        {f"assets/cite/{lang}/{shard_of(i)}.json" for lang in langs for i in ids}
    assert sorted(fetched) == sorted(expected)
    assert all((mini_site.directory / path).is_file() for path in expected)


def test_practices_enter_the_brief_in_the_language_their_page_shows_them(page: Page, mini_site: Site) -> None:
    """A practice's block: its texts in the block's language where written, else in its own,
    marked with lang and dir; no theme; its citation line as its page has it; its permalink is its page."""
    payload = brief_payload(load_catalog(FIXTURES / "mini"), "en")["docs"]
    assert (payload["p002"]["tl"], payload["p003"]["tl"], payload["p002"]["th"]) == ("ar", None, None)
    page.goto(mini_site.url + "en/practices/p001/")
    page.locator("[data-kb-brief-add=p001]").click()
    expect(page.locator("[data-kb-brief-count]")).to_have_text("1")
    open_brief(page, mini_site, "en/brief/?ids=r01,p002,P003&langs=en,fr", 3)
    assert items(page) == ["r01", "p002", "p003"]  # the address wins over the kept brief
    english = page.locator(".kb-brief__item").nth(1).locator(".kb-brief__block").first
    expect(english.locator("h3")).to_have_text("p002 ممارسة تجريبية بالعربية")
    assert english.locator("h3 span").evaluate("s => [s.lang, s.dir]") == ["ar", "rtl"]
    assert english.locator("p").evaluate_all("ps => ps.map(p => [p.lang, p.dir])") == [["ar", "rtl"]] * 2
    dts = english.locator("dt").all_inner_texts()
    assert LABELS["en"]["theme"] not in dts and LABELS["en"]["brief_citation"] in dts
    cite, arabic = english.locator(".kb-brief__cite"), "ممارسة تجريبية بالعربية"
    expect(cite).to_have_text(f"{LABELS['en']['site_name']}, practice p002: {arabic}. Morocco; 2020–2022.")
    assert cite.locator("span").evaluate("s => [s.lang, s.dir, s.textContent]") == ["ar", "rtl", arabic]
    expect(english.locator(".kb-brief__permalink a")).to_have_attribute("href", mini_site.url + "en/practices/p002/")
    french = page.locator(".kb-brief__item").nth(2).locator(".kb-brief__block").nth(1)
    expect(french.locator("h3")).to_have_text("p003 Une pratique d’essai dans deux pays")  # typeset as its page
    assert french.locator("h3 span").count() == 0  # written in French: the block's own language
    expect(french.locator(".kb-brief__cite")).to_contain_text("pratique p003\u00a0: Une pratique d’essai dans deux")
    assert french.locator(".kb-brief__cite span").count() == 0
