"""The header search's scripts (lunr, the pipeline, the engine, the interface) are not part of a
page's first view: docs/assets/kb.js loads them once the reader is about to search (the field's
focus, a pointer or a touch on it or its button, "/"), at once on the explore page and with a
query in the address; what is typed while they come is searched as soon as they are there."""

from __future__ import annotations

import re

import pytest

from .pagetypes import PREFIX
from .searchpage import SEARCH_SCRIPTS
from .sitebuild import Site
from .test_browser_site import host

SCRIPT = re.compile(r".*/assets/search/[^/]+\.js$")


def _scripts(tab) -> list[str]:
    return [u.rsplit("/", 1)[-1] for u in tab.requests if SCRIPT.fullmatch(u)]


def _search_files(tab) -> list[str]:
    return [u for u in tab.requests if "/assets/search/" in u and not u.endswith(".js")]


def _listed(tab) -> list[str]:
    return tab.locator(".kb-search__list [role=option] .kb-id").all_inner_texts()


def _expected(tab, query: str) -> list[str]:
    """The header's first results for `query`, as the engine gives them."""
    return tab.evaluate("""async q => {
        const r = await kbSearch.query(await kbSearch.loadEngine(kbSearch.config.index), q);
        return r.refs.concat(r.partial).slice(0, 8);
    }""", query)


@pytest.mark.browser
@pytest.mark.parametrize("lang,query,ref", [("ar", "الأطفال", "r16"), ("en", "detention", "r14"),
                                            ("fr", "rétention", "r14")])
def test_a_query_typed_as_the_field_gets_the_focus_finds_its_results_once_the_scripts_come(
        page, real_site: Site, lang: str, query: str, ref: str) -> None:
    page.goto(real_site.url + PREFIX[lang] + "recommendations/r05/")
    page.wait_for_load_state("networkidle")
    assert _scripts(page) == [] and _search_files(page) == [], "nothing of the search in the first view"
    assert page.evaluate("typeof lunr + typeof kbEngine + typeof kbSearch") == "undefined" * 3
    held = []  # the engine comes late: the reader types before it is there
    page.route(re.compile(r".*/assets/search/kb-engine\.js$"), lambda route: held.append(route))
    page.focus("#kb-search-input")
    page.keyboard.type(query)
    page.wait_for_function("document.querySelectorAll('script[src*=\"/assets/search/\"]').length === 4")
    assert held and page.locator(".kb-search__list [role=option]").count() == 0
    for route in held:
        route.continue_()
    page.locator(".kb-search__list [role=option]").first.wait_for()
    assert _scripts(page) == list(SEARCH_SCRIPTS)
    assert page.input_value("#kb-search-input") == query, "no keystroke lost"
    listed = _listed(page)
    assert ref in listed and listed == _expected(page, query)[:len(listed)]
    assert page.locator("#kb-search-input").get_attribute("aria-expanded") == "true"


@pytest.mark.browser
def test_a_pointer_on_the_search_button_loads_the_scripts_before_the_focus(page, real_site: Site) -> None:
    page.goto(real_site.url + "en/recommendations/r05/")
    page.wait_for_load_state("networkidle")
    assert _scripts(page) == []
    box = page.locator(".kb-search__submit").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_function("window.kbSearch !== undefined")
    page.mouse.up()
    assert _scripts(page) == list(SEARCH_SCRIPTS)


@pytest.mark.browser
def test_the_explore_page_and_a_query_in_the_address_load_the_search_at_once(page, real_site: Site) -> None:
    page.goto(real_site.url + "en/search/")
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    assert _scripts(page) == [*SEARCH_SCRIPTS, "kb-explore.js"]  # the explore page's own, there only
    page.requests.clear()
    page.goto(real_site.url + "en/?q=detention")
    page.wait_for_function("window.kbSearch !== undefined")
    assert _scripts(page) == list(SEARCH_SCRIPTS)


@pytest.mark.browser
def test_the_header_search_of_an_error_page_at_any_depth_finds_results(page, real_site: Site) -> None:
    with host(real_site.directory) as url:
        page.goto(url + "no/such/deep/page/")
        assert page.locator("[data-kb-not-found]").count() == 1
        page.fill("#kb-search-input", "الأطفال")
        page.locator(".kb-search__list [role=option]").first.wait_for()
        assert "r16" in _listed(page)
        page.locator(".kb-search__list [role=option] a").first.click()
        page.wait_for_load_state()
        assert re.fullmatch(re.escape(url) + r"recommendations/r\d+/", page.url), page.url
