"""Accessibility in real Chromium: axe-core on every page type in every language and both colour
schemes, and keyboard-only navigation. Accepted exceptions: tests/a11y-exceptions.yml."""

from __future__ import annotations

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from .conftest import ROOT
from .pagetypes import EXTRA_SAMPLES, PREFIX
from .pagetypes import PAGE_TYPES as KIND_SAMPLES
from .sitebuild import Site

pytestmark = pytest.mark.browser

PAGE_TYPES = {**KIND_SAMPLES, **EXTRA_SAMPLES}
EXCEPTIONS = yaml.safe_load((ROOT / "tests/a11y-exceptions.yml").read_text("utf-8")) or []
AXE = Axe()
# axe's defaults, and WCAG 2.2's target size (2.5.8: 24 by 24 CSS pixels), which axe leaves off
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def accepted(rule: str, path: str) -> bool:
    return any(e["rule"] == rule and (e["pages"] == "all" or path in e["pages"]) for e in EXCEPTIONS)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violation_on_any_page_type(browser, real_site: Site, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = []
    for lang in PREFIX:
        for name, path in PAGE_TYPES.items():
            page.goto(real_site.url + PREFIX[lang] + path)
            if "search/?q=" in path:
                page.locator("[data-search-results] .kb-results__item").first.wait_for()
            for violation in AXE.run(page, options=AXE_OPTIONS).response["violations"]:
                if not accepted(violation["id"], path):
                    targets = [n["target"] for n in violation["nodes"]][:3]
                    found.append(f"{scheme} {lang} {name}: {violation['id']} {targets}")
    context.close()
    assert found == []


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_keyboard_reaches_search_language_switch_and_every_link_in_order(browser, real_site: Site,
                                                                         lang: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_site.url + PREFIX[lang] + "recommendations/r12/")
    content_links = page.eval_on_selector_all(
        "article.md-content__inner a[href]", "as => as.filter(a => a.checkVisibility()).map(a => a.href)")
    page.evaluate("document.querySelectorAll('*').forEach((e, i) => e.setAttribute('data-tab-key', i))")
    reached = []
    for _ in range(400):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const e = document.activeElement;
            if (!e || e === document.body) return null;
            const r = e.getBoundingClientRect();
            const style = getComputedStyle(e);
            return {key: e.getAttribute('data-tab-key'), tag: e.tagName, id: e.id, href: e.href || null,
                    hreflang: e.getAttribute('hreflang'),
                    inArticle: !!e.closest('article.md-content__inner'),
                    visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden',
                    outline: style.outlineStyle !== 'none' || style.boxShadow !== 'none',
                    y: r.top + window.scrollY};
        }""")
        if info is None:
            continue
        if reached and info["key"] == reached[0]["key"]:
            break  # focus went round the whole page
        reached.append(info)
    ids = [r["id"] for r in reached]
    assert "kb-search-input" in ids, "the search box is reachable"
    assert {r["hreflang"] for r in reached if r["hreflang"]} >= {"ar", "en", "fr"}, "the language switch"
    hrefs = [r["href"] for r in reached if r["inArticle"]]
    assert [h for h in content_links if h not in hrefs] == [], "every link of the content"
    article = [r for r in reached if r["inArticle"]]
    assert all(r["visible"] and r["outline"] for r in article), "focus is visible"
    ys = [r["y"] for r in article]
    order = [(round(r["y"]), r["href"]) for r in article]
    assert ys == sorted(ys), f"focus follows the reading order: {order}"
    context.close()
