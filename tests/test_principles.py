"""The GCM guiding principles as a taxonomy, and SDG targets: pages, recommendation facts,
the explore facet and the exports (on the small fixture)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .sitebuild import Site


@pytest.mark.build
def test_principle_pages_list_the_recommendations_that_carry_them(mini_site: Site) -> None:
    index = mini_site.soup("en/principles/")
    assert index.select_one("h1").get_text() == "GCM guiding principles"
    assert [a.get_text() for a in index.select(".kb-table a")] == ["Human rights", "Child-sensitive"]
    page = mini_site.soup("fr/principles/child-sensitive/")
    assert page.select_one("h1").get_text() == "Adaptation aux besoins de l’enfant"
    assert [s.get_text() for s in page.select(".kb-list .kb-id")] == ["r03"]
    assert mini_site.soup("principles/child-sensitive/").select_one("[data-kb-working-rendering]") is not None


@pytest.mark.build
def test_a_recommendation_names_its_principles_and_sdg_targets(mini_site: Site) -> None:
    en = mini_site.soup("en/recommendations/r03/")
    assert en.select_one("dt#principles").get_text() == "Carries the guiding principles"
    assert [a.get_text() for a in en.select("ul[aria-labelledby=principles] a")] == ["Human rights", "Child-sensitive"]
    assert [s.get_text() for s in en.select("ul[aria-labelledby=sdg-targets] li")] == ["Target 10.7", "Target 16.2"]
    ar = mini_site.soup("recommendations/r03/")
    assert [s.get_text() for s in ar.select("ul[aria-labelledby=sdg-targets] li")] == ["الغاية ١٠٫٧", "الغاية ١٦٫٢"]


@pytest.mark.build
def test_principles_and_sdg_targets_are_in_the_exports(mini_site: Site) -> None:
    rows = list(csv.DictReader(io.StringIO((mini_site.directory / "data/recommendations.csv").read_text("utf-8-sig"))))
    r03 = next(r for r in rows if r["id"] == "r03")
    assert (r03["principles"], r03["sdg_targets"]) == ("human-rights child-sensitive", "10.7 16.2")
    data = json.loads((mini_site.directory / "data/recommendations.json").read_text("utf-8"))
    rec = next(r for r in data["recommendations"] if r["id"] == "r03")
    assert rec["principles"] == ["human-rights", "child-sensitive"] and rec["sdg_targets"] == ["10.7", "16.2"]


@pytest.mark.browser
def test_the_explore_page_filters_by_principle(page, mini_site: Site) -> None:
    page.goto(mini_site.url + "en/search/?principle=child-sensitive")
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent.includes('2')")
    ids = page.locator("[data-search-results] .kb-id").all_inner_texts()
    assert sorted(ids) == ["p003", "r03"]  # a practice carries the principles it serves too
    page.goto(mini_site.url + "en/search/?principle=child-sensitive&kind=recommendation")
    page.wait_for_function("document.querySelector('[data-kb-status]').textContent.includes('1')")
    assert page.locator("[data-search-results] .kb-id").all_inner_texts() == ["r03"]
    options = page.locator("select[name=principle] option").all_inner_texts()
    assert options[1:] == ["Human rights (3)", "Child-sensitive (1)"]  # among recommendations


def test_a_lettered_sdg_target_keeps_its_latin_digits_and_is_isolated_in_arabic(tmp_path) -> None:
    """Target 13.a is a Latin run: "١٣.a" would put a dot, read as a zero, after an Arabic-Indic
    digit, and unisolated "13.a" shows as "a.13" in a right-to-left line."""
    import shutil

    from gcmkb.pagekinds import KINDS
    from gcmkb.site import KnowledgeBase

    from .conftest import FIXTURES

    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    record = tmp_path / "mini/recommendations/r03.yml"
    record.write_text(record.read_text("utf-8").replace('sdg_targets: ["10.7", "16.2"]',
                                                        'sdg_targets: ["10.7", "13.a"]'), "utf-8")
    kb = KnowledgeBase.load(tmp_path / "mini")
    targets = {lang: KINDS["recommendation"].view("r03", kb.context(lang, lambda p: "/" + p, "https://kb.example/"))
               ["sdg_targets"] for lang in ("ar", "en")}
    assert targets["ar"] == [[{"kind": "text", "text": "الغاية ١٠٫٧"}],
                             [{"kind": "text", "text": "الغاية "}, {"kind": "ltr", "text": "13.a"}]]
    assert targets["en"] == [[{"kind": "text", "text": "Target 10.7"}], [{"kind": "text", "text": "Target 13.a"}]]
