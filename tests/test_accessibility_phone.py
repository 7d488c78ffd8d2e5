"""Accessibility on a phone, in real Chromium: axe-core (WCAG 2.2's rules, target size included) on
every page type in every language and both colour schemes at 390 x 844, where the layout differs
from the desktop one (the drawer, the explore page's folded filters, the brief's controls, tables
that scroll); with the drawer open on one page per language, and the explore page with its filters
open. And reflow (WCAG 1.4.10): at 320 CSS pixels wide no page scrolls sideways, only a data
table or a code block scrolls within its own box. Accepted exceptions: tests/a11y-exceptions.yml.

One browser context per language visits each page once: the scan in the light scheme runs every
rule (the desktop's, and target size), the page is measured at 320 px, then the system's scheme
turns dark under it; the dark scheme changes only colours (docs/assets/kb.css, Material's slate
palette), so the dark scan runs the rules of colour. That keeps the gate short on a shared machine."""

from __future__ import annotations

from typing import Any

import pytest

from .pagetypes import PREFIX
from .sitebuild import Site
from .test_accessibility import AXE, AXE_OPTIONS, PAGE_TYPES, accepted

# what the colour scheme changes: contrast, and links told apart from their text by colour alone
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
OPTIONS = {"light": AXE_OPTIONS,
           "dark": {"resultTypes": ["violations"], "runOnly": {"type": "rule", "values": COLOUR_RULES}}}
# a scan names no element (a third faster); one that finds something is run again to name them
QUICK = {"selectors": False, "ancestry": False, "xpath": False}

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}  # WCAG 1.4.10: 320 CSS pixels, 1280 at 400 % zoom
SCHEMES = ("light", "dark")
PALETTE = {"light": "default", "dark": "slate"}  # the scheme each puts on the page (mkdocs.yml)
DRAWER_PAGE = "recommendation"  # the drawer opened on this kind of page, once per language
EXPLORE = "search/"  # the explore page, its filters opened with their button

# What sticks out of a screen `width` wide (a phone widens its window to the page, so the width is
# given): the page's width and the outermost elements that run past an edge, outside a box that
# scrolls or clips on its own (a table's wrapper, a code block) and outside the fixed layers (the
# closed drawer waits beside the screen without widening the page).
REFLOW = r"""(width) => {
  const out = [];
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const contains = (e) => { const s = getComputedStyle(e);
    return s.position === "fixed" || ["auto", "scroll", "hidden", "clip"].includes(s.overflowX); };
  for (const e of document.querySelectorAll("body *")) {
    const r = e.getBoundingClientRect();
    if (!r.width || (r.right <= width + 1 && r.left >= -1) || getComputedStyle(e).position === "fixed") continue;
    let inside = false;
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      if (contains(a) || out.includes(a)) { inside = true; break; }
    }
    if (!inside) out.push(e);
  }
  return {scrollWidth: document.documentElement.scrollWidth,
          out: out.slice(0, 4).map((e) => name(e) + " " + Math.round(e.getBoundingClientRect().left) + ".." +
                                   Math.round(e.getBoundingClientRect().right))};
}"""


def _scan(page, label: str, path: str, found: list[str], ran: dict[str, set[str]]) -> None:
    """The page in both schemes: the system's scheme switched under it, as a reader's phone does at
    night (the colours follow it until the reader chooses, kb.js)."""
    # the colours change at once, as on a page's first paint (kb.js), not in a quarter-second fade
    page.evaluate("document.documentElement.classList.add('kb-instant')")
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)
        page.wait_for_function("s => !document.querySelector('[data-md-component=palette]')"
                               " || document.body.dataset.mdColorScheme === s", arg=PALETTE[scheme])
        # what a click or the switch set in motion (colours, the drawer) is scanned as it ends
        page.wait_for_function("document.getAnimations().every(a => !(a instanceof CSSTransition)"
                               " || a.playState === 'finished')")
        response = page.evaluate("options => axe.run(document, options)", {**OPTIONS[scheme], **QUICK})
        if response["violations"]:
            response = page.evaluate("options => axe.run(document, options)", OPTIONS[scheme])
        for kind in ("violations", "passes", "incomplete"):
            ran[scheme].update(r["id"] for r in response.get(kind, []))
        for violation in response["violations"]:
            if not accepted(violation["id"], path):
                targets = [n["target"] for n in violation["nodes"]][:3]
                found.append(f"{scheme} {label}: {violation['id']} {targets}")
    page.emulate_media(color_scheme=SCHEMES[0])


def _visit(page, url: str, path: str) -> None:
    page.goto(url)
    if "search/?q=" in path:
        page.locator("[data-search-results] .kb-results__item").first.wait_for()


def scan_phone(browser, url: str, lang: str) -> dict[str, Any]:
    """Every page type of one language on a phone: axe's findings in both schemes, the rules that
    ran in each, and each page's reflow at 320 px."""
    context = browser.new_context(color_scheme=SCHEMES[0], viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(AXE.axe_script)  # on every page, instead of once per scan
    page = context.new_page()
    found: list[str] = []
    ran: dict[str, set[str]] = {scheme: set() for scheme in SCHEMES}
    reflow: dict[str, dict[str, Any]] = {}
    for name, path in PAGE_TYPES.items():
        _visit(page, url + PREFIX[lang] + path, path)
        _scan(page, f"{lang} {name}", path, found, ran)
        page.set_viewport_size(NARROW)
        reflow[name] = page.evaluate(REFLOW, NARROW["width"])
        page.set_viewport_size(PHONE)
    # the drawer open: its navigation over the page
    path = PAGE_TYPES[DRAWER_PAGE]
    _visit(page, url + PREFIX[lang] + path, path)
    page.locator("label.md-header__button[for=__drawer]").click()
    assert page.locator("#__drawer").is_checked()  # it slides in: _scan waits for it to stand still
    _scan(page, f"{lang} {DRAWER_PAGE}, drawer open", path, found, ran)
    # the explore page, its filters open
    _visit(page, url + PREFIX[lang] + EXPLORE, EXPLORE)
    page.locator("[data-kb-filters-toggle]").click()
    page.locator("#kb-explore-facets").wait_for(state="visible")
    _scan(page, f"{lang} explore, filters open", EXPLORE, found, ran)
    wcag22aa = page.evaluate("axe.getRules(['wcag22aa']).map(r => r.ruleId)")
    context.close()
    return {"found": found, "ran": ran, "reflow": reflow, "wcag22aa": wcag22aa}


@pytest.fixture(scope="module")
def phone_scans(browser, real_site: Site) -> dict[str, dict[str, Any]]:
    return {lang: scan_phone(browser, real_site.url, lang) for lang in PREFIX}


def test_axe_reports_no_violation_on_a_phone_drawer_closed_or_open_filters_open(phone_scans) -> None:
    found = [f for scan in phone_scans.values() for f in scan["found"]]
    assert found == [], "\n".join(found)


def test_the_phone_scan_checks_target_size_and_the_dark_one_colours(phone_scans) -> None:
    """WCAG 2.2's 2.5.8 (24 by 24 CSS pixels) is a rule axe tags wcag22aa but leaves off unless asked:
    it ran on every light pass; the dark passes ran the colour rules."""
    assert all("target-size" in scan["wcag22aa"] for scan in phone_scans.values())
    assert all("target-size" in scan["ran"]["light"] for scan in phone_scans.values())
    assert all("color-contrast" in scan["ran"]["dark"] for scan in phone_scans.values())


def test_no_page_scrolls_sideways_at_320_px(phone_scans) -> None:
    found = [f"{lang} {name}: {m['scrollWidth']} px wide in {NARROW['width']}: {m['out']}"
             for lang, scan in phone_scans.items() for name, m in scan["reflow"].items()
             if m["scrollWidth"] > NARROW["width"]]
    checked = sum(len(scan["reflow"]) for scan in phone_scans.values())
    assert checked == len(PAGE_TYPES) * len(PREFIX)  # every page type in every language, once
    assert found == [], "\n".join(found)
