"""Every page type in the three languages at phone, tablet and desktop widths, in real Chromium.

One browser and one tab visit each page once and resize it; each view is saved as a PNG under
tests/screenshots/screens/ (git-ignored: look at them) and checked for what a reader would see
by eye: a header or title cut or pushed off the screen, Arabic slanted, a separator that reads as
a digit between Arabic-Indic digits, a theme's full heading repeated again and again, a number or
bullet on a breadcrumb or a menu, a control whose focus cannot be seen.

The visual gate: the phone and desktop views are compared with their references in
tests/references/ (tests/screendiff.py says how); a screen that differs fails, and its difference
image is written beside it under tests/screenshots/differences/. After a deliberate visual change,
`./dev accept-screens` makes the new screens the references, to be reviewed and committed with it.
What changes with the repository's history or the server and not with the pages (dates of changes,
the citation's "as of", the page's own address) is masked in every view.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

import pytest
from PIL import Image

from .conftest import ROOT, SCREENSHOTS
from .pagetypes import PAGE_TYPES, PREFIX
from .screendiff import accept, compare, difference_image
from .sitebuild import Site

pytestmark = pytest.mark.browser

# phone, tablet, desktop; the heights of common devices
VIEWPORTS = {390: 844, 768: 1024, 1280: 800}
OUT = SCREENSHOTS / "screens"
# the visual gate: the widths kept as references, where they are, where a difference is drawn
GATED = (390, 1280)
REFERENCES = ROOT / "tests" / "references"
DIFFERENCES = SCREENSHOTS / "differences"
ACCEPT = os.environ.get("KB_ACCEPT_SCREENS") == "1"  # ./dev accept-screens
# what varies with the repository's history or the test server's address (its port changes with
# every run), not with the pages: painted over in every view
MASKED = ("[data-history]", ".kb-cite__text", ".kb-doc__cite", "#kb-brief-url", "#embed-code")
MASK_COLOR = "#ff00ff"
# Every page is shot as a reader sees it with the brief page's sample brief kept in the browser (the
# header counts it), whatever page was visited before: the screens do not depend on their order.
BRIEF_IDS = PAGE_TYPES["brief"].split("ids=", 1)[1].split("&", 1)[0].split(",")
KEPT_BRIEF = f'localStorage.setItem("kb-brief", JSON.stringify({{ids: {json.dumps(BRIEF_IDS)}, title: "", note: ""}}))'

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
  // no list of a navigation (breadcrumbs, menus, pagers) shows a number or a bullet
  const markers = [];
  for (const li of document.querySelectorAll("nav li")) {
    if (!shown(li)) continue;
    const style = getComputedStyle(li), marker = getComputedStyle(li, "::marker").content;
    const generated = getComputedStyle(li, "::before").content + getComputedStyle(li, "::after").content;
    const listed = style.display === "list-item" &&
      (style.listStyleType !== "none" || style.listStyleImage !== "none" || !["normal", "none"].includes(marker));
    if (listed || /counter/.test(generated))
      markers.push(name(li.closest("nav")) + " li: " + (listed ? style.listStyleType : generated) + ": " +
                   li.innerText.trim().slice(0, 30));
  }
  // a word in a table's cell is never cut to fit a squeezed column (a wide table scrolls instead):
  // breaking anywhere shrinks a column below its longest word, and tears Arabic words' joining apart
  const torn = [];
  for (const e of document.querySelectorAll("table, table *")) {
    const style = getComputedStyle(e);
    const tears = style.wordBreak === "break-word" || style.wordBreak === "break-all"
      || style.overflowWrap === "anywhere";
    if (shown(e) && tears)
      torn.push(name(e) + " " + style.wordBreak + "/" + style.overflowWrap + ": " + e.innerText.trim().slice(0, 30));
  }
  return {overflow, slanted, text, repeated, markers, torn};
}"""

# Every control the keyboard reaches shows that it has the focus: focused the way the keyboard
# does (after a Tab, so :focus-visible matches), the outline, shadow, border, background or opacity
# (the skip link appears) of what is drawn for it changes: the control itself, or the label that
# stands for it (the palette's radio buttons, 0 by 0 and transparent, are drawn by the label that
# follows them), counted only if it is on the screen once focused. Transitions are off: the styles
# read are the final ones.
FOCUS = r"""() => {
  const still = document.createElement("style");
  still.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.append(still);
  const props = ["outline-style", "outline-width", "outline-color", "box-shadow", "border-top-color",
                 "border-bottom-color", "border-left-color", "border-right-color", "border-top-width",
                 "background-color", "opacity"];
  const look = (e) => { const s = getComputedStyle(e); return props.map((p) => s.getPropertyValue(p)).join("|"); };
  const seen = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && e.checkVisibility({visibilityProperty: true, opacityProperty: true}); };
  const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");
  const unseen = [];
  if (document.activeElement) document.activeElement.blur();  // the one the Tab focused, seen unfocused first
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
  for (const e of document.querySelectorAll(controls)) {
    if (e.tabIndex < 0 || e.disabled || !e.checkVisibility({visibilityProperty: true})) continue;
    if (e.type === "radio" && !e.checked && e.form && e.form.querySelector(`[name="${e.name}"]:checked`)) continue;
    const next = e.nextElementSibling;
    const drawn = [e, ...(e.labels || []), ...(next && next.tagName === "LABEL" ? [next] : [])];
    const before = drawn.map(look);
    e.focus();
    if (document.activeElement !== e) continue;  // not focusable after all (an inert part)
    if (!drawn.some((x, i) => seen(x) && look(x) !== before[i]))
      unseen.push(name(e) + " " + (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 30));
    e.blur();
  }
  still.remove();
  return unseen;
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
    context.add_init_script(KEPT_BRIEF)
    tab = context.new_page()
    seen = {}
    for lang, prefix in PREFIX.items():
        themes = theme_titles(real_site, lang)
        for kind, path in PAGE_TYPES.items():
            tab.goto(real_site.url + prefix + path)
            if "search/?q=" in path:
                tab.locator("[data-search-results] .kb-results__item").first.wait_for()
            tab.evaluate("document.fonts.ready.then(() => true)")
            masks = [tab.locator(selector) for selector in MASKED]
            for width, height in VIEWPORTS.items():
                tab.set_viewport_size({"width": width, "height": height})
                tab.screenshot(path=str(OUT / screen_name(kind, lang, width)), animations="disabled",
                               mask=masks, mask_color=MASK_COLOR)
                seen[(kind, lang, width)] = tab.evaluate(MEASURE, themes)
            tab.keyboard.press("Tab")  # the keyboard's way of focusing, then every control in turn
            seen[(kind, lang, max(VIEWPORTS))]["unseen focus"] = tab.evaluate(FOCUS)
    context.close()
    return seen


def screen_name(kind: str, lang: str, width: int) -> str:
    return f"{kind.replace(':', '-')}-{lang}-{width}.png"


def test_every_page_type_is_shot_in_every_language_at_every_width(screens) -> None:
    expected = {screen_name(kind, lang, width) for kind in PAGE_TYPES for lang in PREFIX for width in VIEWPORTS}
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


def test_no_breadcrumb_or_menu_shows_a_number_or_bullet(screens) -> None:
    found = [f"{kind} {lang} {width}: {e}" for (kind, lang, width), m in screens.items() for e in m["markers"]]
    assert found == [], "\n".join(found)


def test_no_table_cuts_a_word_to_fit_its_column(screens) -> None:
    found = [f"{kind} {lang} {width}: {e}" for (kind, lang, width), m in screens.items() if width == 390
             for e in m["torn"]]
    assert found == [], "\n".join(found)


def test_every_control_the_keyboard_reaches_shows_its_focus(screens) -> None:
    checked = {key: m["unseen focus"] for key, m in screens.items() if "unseen focus" in m}
    assert len(checked) == len(PAGE_TYPES) * len(PREFIX)  # every page type in every language, once
    found = [f"{kind} {lang}: {e}" for (kind, lang, width), unseen in checked.items() for e in unseen]
    assert found == [], "\n".join(found)


def test_every_screen_matches_its_reference(screens) -> None:
    """The visual gate. With KB_ACCEPT_SCREENS=1 (./dev accept-screens) the screens that differ
    become the references instead, and references of screens that no longer exist are removed."""
    names = {screen_name(kind, lang, width) for kind in PAGE_TYPES for lang in PREFIX for width in GATED}
    stale = sorted(p.name for p in REFERENCES.glob("*.png") if p.name not in names)
    if ACCEPT:
        changed = [name for name in sorted(names) if accept(OUT / name, REFERENCES / name)]
        for name in stale:
            (REFERENCES / name).unlink()
        print(f"accepted {len(changed)} new references, removed {len(stale)}: {changed + stale}")
        return
    DIFFERENCES.mkdir(parents=True, exist_ok=True)
    for old in DIFFERENCES.glob("*.png"):
        old.unlink()
    found = [f"{name}: no page type has this reference any more" for name in stale]
    for name in sorted(names):
        reference = REFERENCES / name
        if not reference.exists():
            found.append(f"{name}: no reference (tests/references/{name})")
            continue
        with Image.open(OUT / name) as new, Image.open(reference) as old:
            result = compare(new, old)
            if result.same:
                continue
            difference_image(new, result).save(DIFFERENCES / name)
        what = (f"{result.pixels} pixels differ" if result.sizes[0] == result.sizes[1]
                else f"size {result.sizes[0]} instead of {result.sizes[1]}")
        found.append(f"{name}: {what}; new {OUT.relative_to(ROOT) / name}, "
                     f"difference {DIFFERENCES.relative_to(ROOT) / name}, reference tests/references/{name}")
    assert found == [], ("screens differ from their references; if the change is meant, run "
                         "`./dev accept-screens` and commit the new references:\n" + "\n".join(found))
