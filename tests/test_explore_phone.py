"""The explore page on a phone (390 x 844) and on a desktop (1280 x 800), in real Chromium: the filters
fold behind one button at both widths, the active ones show as chips that remove them, a control clears them all,
the count and the first results are on the first screen, and every control is large enough for a
finger and for a phone not to zoom in."""

from __future__ import annotations

import json
import urllib.parse

import pytest
import yaml

from gcmkb import LANGUAGES
from gcmkb.facets import FACETS

from .conftest import ROOT
from .sitebuild import Site

pytestmark = pytest.mark.browser

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
LABELS = {lang: yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8")) for lang in LANGUAGES}
PHONE = {"width": 390, "height": 844}

# every visible control of the explore form: its font size and its box
CONTROLS = """() => [...document.querySelectorAll(
    '.kb-explore input, .kb-explore select, .kb-explore button')]
  .filter(e => e.offsetParent !== null)
  .map(e => ({name: e.id || e.className, size: parseFloat(getComputedStyle(e).fontSize),
              height: e.getBoundingClientRect().height, width: e.getBoundingClientRect().width}))"""


def _open(browser, site: Site, lang: str, query: dict, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(site.url + PREFIX[lang] + "search/" + ("?" + urllib.parse.urlencode(query) if query else ""))
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent"
                           f" !== {json.dumps(LABELS[lang]['search_loading'])}")
    return context, page


def _params(page) -> dict:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_count_and_first_result_are_on_the_first_screen(browser, real_site: Site, lang: str) -> None:
    context, page = _open(browser, real_site, lang, {}, PHONE)
    try:
        toggle = page.locator("[data-kb-filters-toggle]")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert page.locator("#kb-explore-facets").is_hidden()
        first = page.locator("[data-search-results] .kb-results__item").first.bounding_box()
        status = page.locator("[data-kb-status]").bounding_box()
        assert status["y"] + status["height"] <= PHONE["height"]
        assert first["y"] < PHONE["height"] - 60, first  # its title at least, above the fold
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # the button opens the filters; every control then at least 16 px text, 44 px tall
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator("#kb-explore-facets").is_visible()
        controls = page.evaluate(CONTROLS)
        assert len([c for c in controls if c["name"].startswith("kb-facet-")]) == len(FACETS)
        small = [c for c in controls if c["size"] < 16 or c["height"] < 44]
        assert small == [], small
        # a long option stays clear of the arrow: the text box ends before it
        select = page.locator("#kb-facet-objective")
        padding = select.evaluate("s => parseFloat(getComputedStyle(s).paddingInlineEnd"
                                  " || getComputedStyle(s).paddingRight)")
        assert padding >= 24
        assert select.evaluate("s => s.scrollWidth <= s.clientWidth + 1")
    finally:
        context.close()


def test_chips_show_the_active_filters_and_remove_them(browser, real_site: Site) -> None:
    context, page = _open(browser, real_site, "en", {"q": "detention", "theme": "rights"}, PHONE)
    try:
        chips = page.locator("[data-kb-chips] [data-kb-chip]")
        assert chips.all_inner_texts() == ["Theme: Migrants' rights\n×"] or \
            [c.replace("\n", " ") for c in chips.all_inner_texts()][0].startswith("Theme: ")
        assert page.locator("[data-kb-filters-count]").inner_text() == "(1)"
        assert chips.first.get_attribute("aria-label") == LABELS["en"]["filter_remove"].replace(
            "{label}", chips.first.locator("span").first.inner_text())
        page.locator("[data-kb-filters-toggle]").click()
        page.select_option("#kb-facet-actor", "civil-society")
        page.wait_for_function("location.search.includes('actor=civil-society')")
        assert chips.count() == 2 and page.locator("[data-kb-filters-count]").inner_text() == "(2)"
        for chip in chips.all():
            box = chip.bounding_box()
            assert box["height"] >= 44 and chip.evaluate("c => parseFloat(getComputedStyle(c).fontSize)") >= 16
        # a chip removes its filter and the address follows; focus goes to the next chip
        chips.first.click()
        page.wait_for_function("!location.search.includes('theme=')")
        assert _params(page) == {"q": ["detention"], "actor": ["civil-society"]}
        assert page.input_value("#kb-facet-theme") == ""
        assert chips.count() == 1
        assert page.evaluate("document.activeElement.dataset.kbChip") == "actor"
        # "clear filters" removes them all, keeps the query
        page.select_option("#kb-facet-status", "reviewed")
        clear = page.locator("[data-kb-filters-clear]")
        assert clear.inner_text() == LABELS["en"]["filters_clear"] and clear.bounding_box()["height"] >= 44
        clear.click()
        page.wait_for_function("!location.search.includes('actor=')")
        assert _params(page) == {"q": ["detention"]}
        assert page.locator("[data-kb-chips]").is_hidden() and clear.is_hidden()
        assert page.locator("[data-kb-filters-count]").inner_text() == ""
        assert page.evaluate("document.activeElement.id") == "kb-explore-q"
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_chips_and_clear_speak_the_pages_language(browser, real_site: Site, lang: str) -> None:
    context, page = _open(browser, real_site, lang, {"theme": "rights"}, PHONE)
    try:
        chip = page.locator("[data-kb-chips] [data-kb-chip]")
        facet = page.locator("label[for=kb-facet-theme]").inner_text()
        assert chip.locator("span").first.inner_text().startswith(
            LABELS[lang]["filter_chip"].split("{value}")[0].replace("{facet}", facet))
        assert page.locator("[data-kb-filters-clear]").inner_text() == LABELS[lang]["filters_clear"]
        assert page.locator("[data-kb-chips]").get_attribute("aria-label") == LABELS[lang]["filters_active"]
    finally:
        context.close()


DESKTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_desktop_the_count_and_first_result_are_on_the_first_screen(browser, real_site: Site,
                                                                         lang: str) -> None:
    """Ten filters open pushed the first Arabic result below a 1280 x 800 screen: they fold there too."""
    context, page = _open(browser, real_site, lang, {}, DESKTOP)
    try:
        toggle = page.locator("[data-kb-filters-toggle]")
        assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        assert page.locator("#kb-explore-facets").is_hidden()
        assert page.locator("[data-kb-filters-clear]").is_hidden()
        status = page.locator("[data-kb-status]").bounding_box()
        first = page.locator("[data-search-results] .kb-results__item").first.bounding_box()
        assert status["y"] + status["height"] <= DESKTOP["height"], status
        assert first["y"] < DESKTOP["height"] - 60, first  # its title at least, above the fold
        # a filter chosen shows as a chip, the button counts it, "clear filters" comes
        toggle.click()
        assert page.locator("#kb-explore-facets").is_visible()
        page.select_option("#kb-facet-theme", "rights")
        assert page.locator("[data-kb-filters-clear]").is_visible()
        assert page.locator("[data-kb-chips] [data-kb-chip]").count() == 1
        toggle.click()  # folded again, the chip stays and the first result comes back up
        assert page.locator("#kb-explore-facets").is_hidden()
        assert page.locator("[data-kb-chips] [data-kb-chip]").is_visible()
        first = page.locator("[data-search-results] .kb-results__item").first.bounding_box()
        assert first["y"] < DESKTOP["height"] - 60, first
    finally:
        context.close()
