"""When every word of a query finds few results, those that match some of the words follow, apart;
when nothing is found, terms of the termbase are suggested and every recommendation is a link
away; words the termbase added are not marked as if typed. The rules are written twice
(gcmkb/searchtext.py, docs/assets/search/kb-pipeline.js) and proved to agree here."""

from __future__ import annotations

import json
import subprocess
import urllib.parse

import pytest
import yaml

from gcmkb import LANGUAGES
from gcmkb.catalog import load_catalog
from gcmkb.searchfiles import suggestion_table
from gcmkb.searchindex import analyze_words
from gcmkb.searchtext import FEW, edit_distance, partial_minimum, suggest_terms

from .conftest import ROOT
from .sitebuild import Site

PIPELINE_JS = ROOT / "docs/assets/search/kb-pipeline.js"
PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
LABELS = {lang: yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8")) for lang in LANGUAGES}


# --- the rules ----------------------------------------------------------------------------------

def test_partial_results_need_half_the_words_and_only_when_few_are_found() -> None:
    assert [partial_minimum(1, found) for found in (0, 1, 4)] == [0, 0, 0]  # one word: nothing to relax
    assert [partial_minimum(2, found) for found in (0, 1, FEW - 1, FEW, 20)] == [1, 1, 1, 0, 0]
    assert [partial_minimum(words, 1) for words in (3, 4, 5)] == [2, 2, 3]
    assert partial_minimum(5, 0) == 1  # nothing matches every word: any word will do


def test_edit_distance_is_bounded() -> None:
    assert edit_distance("detens", "detent", 1) == 1
    assert edit_distance("trafik", "traffick", 2) == 2
    assert edit_distance("abc", "abcdef", 1) == 2  # more than the bound: bound + 1
    assert edit_distance("same", "same", 0) == 0


def test_suggestions_rank_forms_then_misspellings_then_definitions() -> None:
    table = [{"t": "climate change", "f": ["climat", "chang"], "d": ["weather"]},
             {"t": "relocation", "f": ["reloc"], "d": ["refuge", "climat"]},
             {"t": "detention", "f": ["detent"], "d": []}]
    assert suggest_terms([["detens"]], table) == [2]  # one letter off
    assert suggest_terms([["refuge"]], table) == [1]  # in a definition
    assert suggest_terms([["climat"]], table) == [0, 1]  # a form outranks a definition
    assert suggest_terms([["xyz"]], table) == []
    assert suggest_terms([["climat"]], table, limit=1) == [0]


def _vectors() -> dict:
    """Suggestions for misspelt and absent words in the real termbase, with Python's answers."""
    catalog = load_catalog(ROOT)
    queries = {"en": ["refugee", "detension", "trafiking", "smugling", "climat chnge", "children", "xyzzy", "r99"],
               "fr": ["réfugiés", "rétension", "trafik", "enfnats", "changement climatik"],
               "ar": ["احتجاذ", "اللاجئين", "الإتجار", "مناخ", "كلمة"]}
    suggest = []
    for lang, qs in queries.items():
        table = suggestion_table(catalog, lang)
        for q in qs:
            words = analyze_words(lang, q)
            suggest.append({"words": words, "table": table, "out": suggest_terms(words, table)})
    partial = [{"words": w, "found": f, "out": partial_minimum(w, f)} for w in range(0, 7) for f in range(0, 8)]
    return {"suggest": suggest, "partial": partial}


NODE_RUNNER = """
const vm = require("vm"), fs = require("fs");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf-8"));
const v = JSON.parse(fs.readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify({
  suggest: v.suggest.map(c => kbSearchText.suggestTerms(c.words, c.table)),
  partial: v.partial.map(c => kbSearchText.partialMinimum(c.words, c.found)),
  few: kbSearchText.FEW,
}));
"""


def test_javascript_twins_agree_under_node() -> None:
    vectors = _vectors()
    assert any(c["out"] for c in vectors["suggest"]) and any(not c["out"] for c in vectors["suggest"])
    run = subprocess.run(["node", "-e", NODE_RUNNER, str(PIPELINE_JS)], input=json.dumps(vectors),
                         capture_output=True, text=True, timeout=60, check=True)
    out = json.loads(run.stdout)
    assert out["suggest"] == [c["out"] for c in vectors["suggest"]]
    assert out["partial"] == [c["out"] for c in vectors["partial"]]
    assert out["few"] == FEW


def test_the_index_carries_each_terms_name_forms_and_definition(real_site: Site) -> None:
    payload = json.loads((real_site.directory / "assets/search/en.json").read_text("utf-8"))
    detention = next(t for t in payload["suggest"] if t["t"] == "migration detention")
    assert "detent" in detention["f"] and "liberti" in detention["d"]
    assert len(payload["suggest"]) == len(load_catalog(ROOT).terms)


# --- in Chromium ---------------------------------------------------------------------------

def _explore(page, site: Site, lang: str, query: str) -> None:
    page.goto(site.url + PREFIX[lang] + "search/?" + urllib.parse.urlencode({"q": query}))
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent"
                           f" !== {json.dumps(LABELS[lang]['search_loading'])}")


@pytest.mark.browser
def test_few_results_are_followed_by_those_matching_some_words_apart(page, real_site: Site) -> None:
    _explore(page, real_site, "en", "child detention")
    main = page.locator("[data-search-results] > ol.kb-results > li .kb-id").all_inner_texts()
    assert main == ["p001", "r16"]  # Thailand's alternatives to child detention, then the recommendation
    section = page.locator("[data-kb-partial]")
    assert section.locator("h2").inner_text() == LABELS["en"]["search_partial"]
    partial = section.locator(".kb-id").all_inner_texts()
    assert {"r14", "r19"} <= set(partial) and "r16" not in partial
    assert page.locator("[data-kb-status]").inner_text() == "2 results"
    # apart and below: the section starts under the last full result
    last = page.locator("[data-search-results] > ol.kb-results > li").last.bounding_box()
    assert section.bounding_box()["y"] >= last["y"] + last["height"]
    # the header's list shows them too, after the full results, under the same words
    page.fill("#kb-search-input", "child detention ")
    label = page.locator(".kb-search__list .kb-search__partial-label")
    label.wait_for()
    assert label.inner_text() == LABELS["en"]["search_partial"]
    options = page.locator(".kb-search__list [role=option]")
    assert [options.nth(k).locator(".kb-id").inner_text() for k in (0, 1)] == ["p001", "r16"]
    assert options.nth(2).get_attribute("class") == "kb-search__partial"


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query", "term"), [("en", "location", "planned relocation"),
                                                      ("en", "detension", "migration detention"),
                                                      ("ar", "احتجاذ", "احتجاز المهاجرين")])
def test_nothing_found_suggests_terms_and_every_recommendation(page, real_site: Site, lang: str, query: str,
                                                               term: str) -> None:
    _explore(page, real_site, lang, query)
    assert page.locator("[data-kb-status]").inner_text() == LABELS[lang]["search_none"]
    suggest = page.locator("[data-kb-suggest]")
    assert suggest.locator("p").first.inner_text() == LABELS[lang]["search_suggest"]
    link = suggest.locator("li a").first
    assert link.inner_text() == term
    browse = suggest.locator("[data-kb-browse]")
    assert browse.inner_text() == LABELS[lang]["search_browse"]
    link.click()
    # the link says %20, the page's own address then says + (URLSearchParams): either is this query
    page.wait_for_url(lambda url: urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("q") == [term])
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    assert page.input_value("#kb-explore-q") == term
    _explore(page, real_site, lang, query)
    page.locator("[data-kb-browse]").click()
    page.wait_for_url(real_site.url + PREFIX[lang] + "search/")
    page.locator("[data-search-results] .kb-results__item").first.wait_for()  # the script's list
    catalog = load_catalog(ROOT)
    every = len(catalog.recommendations) + len(catalog.practices)
    assert page.locator("[data-search-results] .kb-results__item").count() == every


@pytest.mark.browser
def test_words_the_termbase_added_are_not_marked_as_typed(page, real_site: Site) -> None:
    """'detention' also finds 'migration detention' (a form of the same term): 'detention' is
    marked as typed, 'migration' only as a related word."""
    page.goto(real_site.url + "en/")
    page.fill("#kb-search-input", "detention")
    title = page.locator(".kb-search__list [role=option]", has_text="r14").locator(".kb-results__title")
    title.wait_for()
    marks = title.evaluate("t => [...t.querySelectorAll('mark')].map(m => [m.textContent, m.className])")
    assert marks == [["migration", "kb-mark--related"], ["detention", ""]]
    styles = title.evaluate("""t => [...t.querySelectorAll('mark')].map(m => getComputedStyle(m).backgroundColor)""")
    assert styles[0] != styles[1] and styles[0] in ("rgba(0, 0, 0, 0)", "transparent")
