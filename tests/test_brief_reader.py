"""The brief as a reader meets it, in real Chromium on the fixture site: the page does not jump
while the brief loads, its print button says what it does, what the browser kept is shown within
the page's limits and without characters that reorder text, and the header counts what the brief
page would show."""

from __future__ import annotations

import json
import re
import time

import pytest
import yaml
from playwright.sync_api import Page, expect

from gcmkb import LANGUAGES
from gcmkb.brief import LIMITS

from .conftest import ROOT
from .sitebuild import Site

pytestmark = pytest.mark.browser

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
LABELS = {lang: yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8")) for lang in LANGUAGES}
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")

# every layout shift from the page's start, as Chromium reports it (buffered: none is missed)
SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
}).observe({type: 'layout-shift', buffered: true});
"""


def with_fonts(page: Page, url: str) -> None:
    """A page of the site seen once, its web fonts in the browser's cache: a shift measured next is
    the page's own, not the Arabic face swapped in late on a cold cache (a font's shift is
    Lighthouse's to judge, on a real first visit)."""
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => document.fonts.size)")


def keep(page: Page, site: Site, brief: dict) -> None:
    """What this browser keeps, as another page (or a tampered storage) left it."""
    page.goto(site.url + "en/")
    page.evaluate("b => localStorage.setItem('kb-brief', JSON.stringify(b))", brief)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_the_page_does_not_jump_while_the_brief_loads(browser, mini_site: Site, width: int, height: int,
                                                      lang: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)

        def slow(route) -> None:  # the texts arrive well after the page has shown
            time.sleep(0.6)
            route.continue_()

        page.route("**/assets/brief/*/*.json", slow)
        with_fonts(page, mini_site.url + PREFIX[lang])
        page.goto(mini_site.url + PREFIX[lang] + "brief/?ids=r01,r02,r03&langs=ar,en,fr&title=Board")
        expect(page.locator(".kb-brief__item")).to_have_count(3)
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
        assert sum(shifts) < 0.02, shifts
        # the composer was in the page from the start, and the loading line is the server's
        assert page.locator("[data-kb-brief-form]").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["en/recommendations/r02/", "en/practices/p001/", "en/themes/alpha/"])
def test_the_page_does_not_jump_when_its_add_to_brief_buttons_appear(browser, mini_site: Site, path: str) -> None:
    """The "add" buttons show once brief.js has its labels (a file fetched after the page shows): their
    room is kept meanwhile, so the text below them does not move down (Lighthouse measured a shift of
    0.05 on a phone, the button's height); without JavaScript they take no room at all."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)

        def slow(route) -> None:  # the labels arrive well after the page has shown
            time.sleep(0.6)
            route.continue_()

        page.route("**/assets/i18n/*.json", slow)
        page.goto(mini_site.url + path)
        expect(page.locator("[data-kb-brief-add], [data-kb-brief-all]").first).to_be_visible()
        page.wait_for_timeout(300)
        shifts = page.evaluate("window.__shifts")
        assert sum(shifts) < 0.01, shifts
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(mini_site.url + path)
        boxes = page.eval_on_selector_all("[data-kb-brief-actions]", "es => es.map(e => e.getClientRects().length)")
        assert boxes and set(boxes) == {0}
    finally:
        context.close()


PRINT = {"ar": "طباعة / حفظ بصيغة PDF", "en": "Print / save as PDF", "fr": "Imprimer / enregistrer en PDF"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_print_button_says_print_or_save_as_pdf(mini_site: Site, lang: str) -> None:
    button = mini_site.soup(PREFIX[lang] + "brief/").select_one("[data-kb-brief-print]")
    assert button.get_text() == LABELS[lang]["brief_print"] == PRINT[lang]  # it opens the print dialog
    assert LABELS[lang]["brief_print"] != LABELS[lang]["download_pdf"]
    status = mini_site.soup(PREFIX[lang] + "brief/").select_one("[data-kb-brief-status]")
    assert status.get_text() == LABELS[lang]["brief_loading"]  # rendered by the build, not by the script


def test_title_and_note_kept_by_the_browser_are_clipped_and_lose_bidi_controls(page: Page, mini_site: Site) -> None:
    title = "\u202eBoard\u2066 meeting\u2069\u200f " + "t" * 400
    note = "\u202bFirst\u202c line\u200e\n" + "n" * 3000
    keep(page, mini_site, {"ids": ["r01"], "title": title, "note": note})
    page.goto(mini_site.url + "en/brief/")
    expect(page.locator(".kb-brief__item")).to_have_count(1)
    clean_title = BIDI.sub("", title)[:LIMITS["title"]]
    clean_note = BIDI.sub("", note)[:LIMITS["note"]]
    expect(page.locator("#kb-brief-title")).to_have_value(clean_title)
    expect(page.locator("#kb-brief-note")).to_have_value(clean_note)
    expect(page.locator("[data-kb-brief-heading]")).to_have_text(clean_title)
    assert page.title() == f"{clean_title} - {LABELS['en']['site_name']}"
    assert not BIDI.search(page.title())
    kept = page.evaluate("JSON.parse(localStorage.getItem('kb-brief'))")
    assert kept["title"] == clean_title and kept["note"] == clean_note  # and stored back clean
    # the address is read the same way
    page.goto(mini_site.url + "en/brief/?ids=r02&title=" + "%E2%80%AEx" + "y" * 300)
    expect(page.locator(".kb-brief__item")).to_have_count(1)
    expect(page.locator("#kb-brief-title")).to_have_value(("x" + "y" * 300)[:LIMITS["title"]])


def test_the_header_counts_only_the_ids_that_exist(page: Page, mini_site: Site) -> None:
    stale = ["r01", "r01", "R02", "r99", "<b>", "r0001", *[f"r{n:03d}" for n in range(100, 148)]]
    assert len(stale) == 54
    keep(page, mini_site, {"ids": stale, "title": "", "note": ""})
    page.goto(mini_site.url + "en/recommendations/r03/")
    count = page.locator("[data-kb-brief-count]")
    expect(count).to_have_text("2")
    page.goto(mini_site.url + "recommendations/r03/")  # Arabic: in its digits
    expect(count).to_have_text("٢")
    page.goto(mini_site.url + "en/brief/")
    expect(page.locator(".kb-brief__item")).to_have_count(2)
    expect(count).to_have_text("2")  # what the brief shows
    page.goto(mini_site.url + "en/")
    expect(count).to_have_text("2")
    assert json.loads(page.evaluate("localStorage.getItem('kb-brief')"))["ids"] == ["r01", "r02"]
    # an empty brief fetches nothing and shows no count
    page.evaluate("localStorage.removeItem('kb-brief')")
    requests_before = len(page.requests)
    page.goto(mini_site.url + "en/")
    expect(count).to_be_hidden()
    assert not [u for u in page.requests[requests_before:] if u.endswith("assets/brief/ids.json")]
