"""Every page type in the three languages at phone, tablet and desktop widths, in real Chromium.

One browser and one tab visit each page once and resize it; each view is saved as a PNG under
tests/screenshots/screens/ (git-ignored: look at them) and checked for what a reader would see
by eye: a header or title cut or pushed off the screen, Arabic slanted, a separator that reads as
a digit between Arabic-Indic digits, a theme's full heading repeated again and again.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import SCREENSHOTS
from .pagetypes import PAGE_TYPES, PREFIX
from .sitebuild import Site

pytestmark = pytest.mark.browser

# phone, tablet, desktop; the heights of common devices
VIEWPORTS = {390: 844, 768: 1024, 1280: 800}
OUT = SCREENSHOTS / "screens"

# One pass over a rendered page: everything the checks below need, measured by the browser.
MEASURE = r"""(themes) => {
  const arabic = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const overflow = [];
  // the site's name in the header (clipped to its box: cut in either direction), the page's title
  // (not clipped: only a word too long for the screen runs out)
  for (const e of document.querySelectorAll(".md-header__topic:first-child .md-ellipsis")) {
    if (shown(e) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
      overflow.push(name(e) + " is cut: " + e.innerText.trim().slice(0, 40));
  }
  for (const e of document.querySelectorAll("h1")) {
    if (shown(e) && e.scrollWidth > e.clientWidth + 1)
      overflow.push(name(e) + " runs out: " + e.innerText.trim().slice(0, 40));
  }
  // everything in the header stays on the screen
  const header = ".md-header__inner > *, .md-header__inner .md-header__button, .kb-search__input";
  for (const e of document.querySelectorAll(header)) {
    const r = e.getBoundingClientRect();
    if (shown(e) && r.width && (r.left < -1 || r.right > innerWidth + 1)) overflow.push(name(e) + " leaves the screen");
  }
  // the search box shows its whole placeholder
  for (const input of document.querySelectorAll(".kb-search__input, .kb-home-search__input")) {
    if (!shown(input)) continue;
    const style = getComputedStyle(input);
    const context = document.createElement("canvas").getContext("2d");
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    if (context.measureText(input.placeholder).width > room + 1) overflow.push(name(input) + " cuts its placeholder");
  }
  if (document.documentElement.scrollWidth > innerWidth + 1) overflow.push("the page is wider than the screen");
  // Arabic never slanted: every element with Arabic letters of its own
  const slanted = [];
  for (const e of document.querySelectorAll("body, body *")) {
    const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
    if (!arabic.test(own) || !shown(e)) continue;
    const style = getComputedStyle(e).fontStyle;
    if (style !== "normal") slanted.push(name(e) + " " + style + ": " + own.trim().slice(0, 30));
  }
  const text = document.body.innerText;
  const repeated = {};
  for (const title of themes) {
    const n = text.split(title).length - 1;
    if (n > 2) repeated[title] = n;
  }
  return {overflow, slanted, text, repeated};
}"""

# a dot, bullet or bar touching an Arabic-Indic digit reads as a digit (٤ · ٨ as ٤٠٨), and so does
# a full stop between two numbers (٤. ٨); the full stop that ends a sentence after a number stands
# where UN Arabic documents put it («في قرارها ٧٣/١٩٥. وهو»)
DIGIT = "[\u0660-\u0669]"
GAP = "[ \u00a0\u200e\u200f]*"
LOOKALIKE = re.compile(rf"{DIGIT}{GAP}[·•∙⋅‧|]|[·•∙⋅‧|]{GAP}{DIGIT}|{DIGIT}{GAP}\.{GAP}{DIGIT}")


def theme_titles(site: Site, lang: str) -> list[str]:
    """The full heading of every theme: the title of its page."""
    index = PREFIX[lang] + "themes/"
    pages = [site.resolve(index, a["href"]) for a in site.soup(index).select(".kb-theme-card a[href]")]
    return [site.soup(page[0]).select_one("h1").get_text(" ", strip=True) for page in pages if page]


@pytest.fixture(scope="module")
def screens(browser, real_site: Site) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Every page type, language and width, visited once: its measures, its screenshot saved."""
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    seen = {}
    for lang, prefix in PREFIX.items():
        themes = theme_titles(real_site, lang)
        for kind, path in PAGE_TYPES.items():
            tab.goto(real_site.url + prefix + path)
            if "search/?q=" in path:
                tab.locator("[data-search-results] .kb-results__item").first.wait_for()
            tab.evaluate("document.fonts.ready.then(() => true)")
            for width, height in VIEWPORTS.items():
                tab.set_viewport_size({"width": width, "height": height})
                tab.screenshot(path=str(OUT / f"{kind.replace(':', '-')}-{lang}-{width}.png"))
                seen[(kind, lang, width)] = tab.evaluate(MEASURE, themes)
    context.close()
    return seen


def test_every_page_type_is_shot_in_every_language_at_every_width(screens) -> None:
    expected = {f"{kind.replace(':', '-')}-{lang}-{width}.png"
                for kind in PAGE_TYPES for lang in PREFIX for width in VIEWPORTS}
    assert {p.name for p in OUT.glob("*.png")} == expected


def test_no_header_or_title_is_cut_or_leaves_the_screen(screens) -> None:
    found = [f"{kind} {lang} {width}: {problem}" for (kind, lang, width), m in screens.items()
             for problem in m["overflow"]]
    assert found == [], "\n".join(found)


def test_nothing_arabic_is_italic_or_oblique(screens) -> None:
    found = [f"{kind} {lang} {width}: {e}" for (kind, lang, width), m in screens.items() for e in m["slanted"]]
    assert found == [], "\n".join(found)


def test_no_separator_that_reads_as_a_digit_touches_arabic_indic_digits(screens) -> None:
    found = []
    for (kind, lang, width), m in screens.items():
        if width == 1280:
            found += [f"{kind} {lang}: …{m['text'][max(0, x.start() - 15):x.end() + 15]}…"
                      for x in LOOKALIKE.finditer(m["text"])]
    assert found == [], "\n".join(found)


def test_no_page_repeats_a_themes_full_heading_more_than_twice(screens) -> None:
    found = [f"{kind} {lang} {width}: {m['repeated']}" for (kind, lang, width), m in screens.items()
             if m["repeated"]]
    assert found == [], "\n".join(found)
