"""The keyboard, in real Chromium: a skip link first, text fields that show their focus, a palette
toggle named in words in the page's language, a term's definition that Escape closes.
(Every control of every page type showing its focus: test_screens.py.)"""

from __future__ import annotations

import pytest
import yaml

from .conftest import ROOT
from .pagetypes import PAGE_TYPES, PREFIX
from .sitebuild import Site

pytestmark = pytest.mark.browser

LABELS = {lang: yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8")) for lang in PREFIX}


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_first_tab_reaches_a_skip_link_that_leads_into_the_content(page, mini_site: Site, lang: str) -> None:
    page.goto(mini_site.url + PREFIX[lang] + "recommendations/r03/")
    page.keyboard.press("Tab")
    skip = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {text: e.innerText.trim(), href: e.getAttribute('href'), width: r.width, top: r.top}; }""")
    assert skip["text"] == LABELS[lang]["skip_to_content"]
    assert skip["href"] == "#kb-content" and skip["width"] > 0 and skip["top"] >= 0  # on the screen
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#kb-content.md-content__inner') !== null"), \
        "the next Tab is in the page's content, past the header and the menus"


# the pages that have no skip link: a printable and an embedded frame show only their document
WITHOUT_SKIP_LINK = {"print", "print-source", "embed-recommendation", "embed-theme"}


def test_the_first_tab_reaches_the_skip_link_on_every_kind_of_page(page, real_site: Site) -> None:
    """Practices, countries, sources and every later kind of page included (gcmkb/pagekinds.py)."""
    missed = []
    for lang in ("ar", "fr"):
        for kind, path in PAGE_TYPES.items():
            if kind in WITHOUT_SKIP_LINK:
                continue
            page.goto(real_site.url + PREFIX[lang] + path)
            page.keyboard.press("Tab")
            first = page.evaluate("""() => { const e = document.activeElement;
                return [e.innerText.trim(), e.getAttribute('href'), !!document.getElementById('kb-content')]; }""")
            if first != [LABELS[lang]["skip_to_content"], "#kb-content", True]:
                missed.append(f"{lang} {kind}: {first}")
    assert missed == [], "\n".join(missed)
    assert {"practice", "practices", "country", "source"} <= set(PAGE_TYPES)


FIELDS = {"home": ("", "#kb-home-q"), "explore": ("search/", "#kb-explore-q"),
          "header search": ("", "#kb-search-input"), "brief title": ("brief/?ids=r01,r03", "#kb-brief-title"),
          "brief address": ("brief/?ids=r01,r03", "#kb-brief-url"), "404": ("404.html", "#kb-not-found-q")}


@pytest.mark.parametrize("field", list(FIELDS))
def test_a_text_field_shows_its_focus(page, mini_site: Site, field: str) -> None:
    path, selector = FIELDS[field]
    page.goto(mini_site.url + "en/" + path)
    box = page.locator(selector)
    box.wait_for()
    unfocused = box.evaluate("e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    page.keyboard.press("Tab")  # the keyboard's way of focusing
    box.focus()
    style = box.evaluate("""e => { const s = getComputedStyle(e);
        return {outline: s.outlineStyle + ' ' + s.outlineWidth, focused: document.activeElement === e}; }""")
    assert style["focused"]
    assert style["outline"] != unfocused and style["outline"].startswith("solid") \
        and float(style["outline"].split()[1].removesuffix("px")) >= 2


@pytest.mark.parametrize("lang", list(PREFIX))
def test_the_palette_toggle_is_named_in_words_in_the_pages_language(page, mini_site: Site, lang: str) -> None:
    page.goto(mini_site.url + PREFIX[lang])
    names = page.eval_on_selector_all("[data-md-component=palette] input",
                                      "es => es.map(e => [e.getAttribute('aria-label'), e.labels[0].title])")
    words = [LABELS[lang]["palette_to_dark"], LABELS[lang]["palette_to_light"]]
    assert names == [[words[0], words[1]], [words[1], words[0]]]
    # the radio the keyboard reaches (the palette shown) is announced with its words
    checked = page.locator("[data-md-component=palette] input:checked")
    assert checked.get_attribute("aria-label") == words[0]
    assert page.get_by_role("radio", name=words[0]).count() == 1


def test_escape_closes_a_terms_definition_until_the_term_is_left(page, mini_site: Site) -> None:
    page.goto(mini_site.url + "en/recommendations/r03/")
    term, tip = page.locator(".kb-text .kb-term > a").first, page.locator(".kb-text .kb-term__tip").first
    page.keyboard.press("Tab")
    term.focus()
    assert tip.is_visible(), "the definition shows on focus"
    page.keyboard.press("Escape")
    assert tip.is_hidden(), "Escape closes it"
    assert term.evaluate("e => document.activeElement === e"), "the focus stays on the term"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert tip.is_visible(), "focused again, it shows again"
    page.keyboard.press("Escape")
    term.blur()
    term.hover()
    assert tip.is_visible(), "the pointer on the term shows it"
    page.keyboard.press("Escape")
    assert tip.is_hidden(), "Escape closes it under the pointer too"
