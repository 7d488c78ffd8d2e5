"""Practices in search: indexed as each language's pages show them, found by their words and by
their countries' names, linking to their pages; the explore page filters by kind of record,
country and region; the recommendations' weights (hence their ranking) do not move."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from gcmkb.catalog import load_catalog
from gcmkb.searchchunks import ids_of
from gcmkb.searchfiles import search_files, search_paths
from gcmkb.searchindex import Analyzer, compact_index
from gcmkb.searchrecords import search_documents
from gcmkb.searchreference import reference_index

from .conftest import FIXTURES
from .searchpage import load_search
from .sitebuild import Site

MINI = FIXTURES / "mini"
PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
# per language: (query, the records it finds, in any order): a practice's own words (in the
# language its page shows it in) and its countries' names in the page's language (CLDR)
FOUND = {
    "en": [("desk", ["p001"]), ("Ghana", ["p001", "p003"]), ("Senegal", ["p003"]), ("Morocco", ["p002"]),
           ("ممارسة", ["p002"]), ("Africa", ["p001", "p002", "p003"])],
    "fr": [("Ghana", ["p001", "p003"]), ("Sénégal", ["p003"]), ("Maroc", ["p002"]), ("autorités", ["p003"]),
           ("desk", ["p001"])],
    "ar": [("غانا", ["p001", "p003"]), ("السنغال", ["p003"]), ("المغرب", ["p002"]), ("مكتبا", ["p002"]),
           ("desk", ["p001"]), ("autorités", ["p003"])],
}


def _page(head: dict, ref: str) -> str:
    """The link kb-engine.js builds for a document: the template of its run (Engine.page)."""
    d = ids_of(head["ids"]).index(ref)
    template = [t for start, t in head["pages"] if start <= d][-1]
    return template.replace("{id}", ref)


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_a_practice_is_found_by_its_words_and_its_countries_names_with_its_page(lang: str) -> None:
    catalog = load_catalog(MINI)
    head = json.loads(dict(search_files(catalog, lang))[f"assets/search/{lang}.json"])
    assert ids_of(head["ids"]) == ["r01", "r02", "r03", "p001", "p002", "p003"]
    assert head["pages"] == [[0, "recommendations/{id}/"], [3, "practices/{id}/"]]
    assert _page(head, "r02") == "recommendations/r02/" and _page(head, "p003") == "practices/p003/"
    index = reference_index(catalog, lang)
    for query, expected in FOUND[lang]:
        assert sorted(r["ref"] for r in index.search(query)) == expected, query


def test_a_practice_is_indexed_in_the_language_its_page_shows_it_in() -> None:
    """p002 is written in Arabic only: every index holds its Arabic, as every page shows it; p003,
    in French and English, is in French in the Arabic index (its own language)."""
    catalog = load_catalog(MINI)
    docs = {lang: {d["id"]: d for d in search_documents(catalog, lang)} for lang in ("ar", "en", "fr")}
    for lang in ("ar", "en", "fr"):
        assert docs[lang]["p002"]["title"] == "ممارسة تجريبية بالعربية"
    assert docs["en"]["p003"]["title"] == "A test practice across two countries"
    assert docs["ar"]["p003"]["title"] == docs["fr"]["p003"]["title"] == "Une pratique d'essai dans deux pays"
    assert docs["fr"]["p001"]["text"] == "A test authority opened a data desk (GCM).\n\nIt follows r01.\n\n" \
                                         "Test results.\n\nTest lessons."
    assert docs["ar"]["p003"]["facets"].endswith("غانا ; السنغال ; غرب أفريقيا")
    assert docs["fr"]["p002"]["facets"].endswith("Maroc ; Afrique septentrionale")


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_practices_leave_every_recommendation_weight_as_it_was(lang: str) -> None:
    """The index's statistics are the recommendations': with or without practices, each
    recommendation has the same weights, so existing queries rank them as before."""
    catalog = load_catalog(MINI)
    alone = replace(catalog, practices=())

    def weights(cat) -> dict[tuple[str, int, str], int]:
        index = compact_index(search_documents(cat, lang), Analyzer(lang), len(cat.recommendations))
        out = {}
        for f, postings in enumerate(index.fields):
            for w, term in enumerate(index.words):
                for p in range(postings.offsets[w], postings.offsets[w + 1]):
                    unit = postings.units[p]
                    docs = [unit] if postings.starts is None else \
                        postings.docs[postings.starts[unit]:postings.starts[unit + 1]]
                    out.update({(term, f, d): postings.weights[p] for d in docs if d < len(cat.recommendations)})
        return out

    assert weights(catalog) == weights(alone)
    with_practices = reference_index(catalog, lang).field_vectors
    without = reference_index(alone, lang).field_vectors
    assert {k: v.elements for k, v in with_practices.items() if k.split("/")[1].startswith("r")} == \
        {k: v.elements for k, v in without.items()}


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_the_explore_data_has_each_records_kind_countries_and_regions(lang: str) -> None:
    catalog = load_catalog(MINI)
    explore = json.loads(dict(search_files(catalog, lang))[f"assets/search/{lang}.explore.json"])
    columns, facets = explore["columns"], explore["facets"]
    assert columns["k"] == ["recommendation"] * 3 + ["practice"] * 3
    assert columns["c"] == [[], [], [], ["GH"], ["MA"], ["GH", "SN"]]
    assert columns["rg"] == [[], [], [], ["011", "002"], ["015", "002"], ["011", "002"]]
    assert columns["th"][3:] == ["", "", ""]  # a practice has no theme: it matches no theme filter
    names = {"ar": ("غانا", "المغرب", "أفريقيا", "ممارسة"), "en": ("Ghana", "Morocco", "Africa", "Practice"),
             "fr": ("Ghana", "Maroc", "Afrique", "Pratique")}[lang]
    assert (facets["country"]["GH"], facets["country"]["MA"], facets["region"]["002"],
            facets["kind"]["practice"]) == names
    assert set(facets["country"]) == {"GH", "MA", "SN"} and set(facets["region"]) == {"002", "011", "015"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_the_browser_finds_practices_and_links_to_their_pages(page, mini_site: Site, lang: str) -> None:
    page.goto(mini_site.url + PREFIX[lang])
    load_search(page)
    found = page.evaluate("""async queries => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index), out = [];
        for (const q of queries) {
            const r = await kbSearch.query(engine, q);
            out.push(r.refs.map(ref => [ref, engine.doc(ref).u]));
        }
        return out;
    }""", [q for q, _ in FOUND[lang]])
    for (query, expected), got in zip(FOUND[lang], found, strict=True):
        assert sorted(got) == [[ref, f"practices/{ref}/"] for ref in expected], query
    # the header search: a country's name, then Enter, opens the practice's page
    country = {"ar": "السنغال", "en": "Senegal", "fr": "Sénégal"}[lang]
    page.fill("#kb-search-input", country)
    page.locator(".kb-search__list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(mini_site.url + PREFIX[lang] + "practices/p003/")


@pytest.mark.browser
def test_the_explore_page_filters_by_kind_country_and_region(page, mini_site: Site) -> None:
    def shown(query: str) -> list[str]:
        page.goto(mini_site.url + "en/search/?" + query)
        page.locator("[data-search-results] .kb-results__item").first.wait_for()
        return page.eval_on_selector_all("[data-search-results] .kb-results__item a",
                                         "as => as.map(a => a.getAttribute('href'))")

    assert sorted(shown("country=GH")) == ["../practices/p001/", "../practices/p003/"]
    assert page.input_value("#kb-facet-country") == "GH"
    # under a practice: its kind and countries, where a recommendation has its theme
    assert sorted(page.locator(".kb-results__theme").all_inner_texts()) == ["Practice · Ghana",
                                                                            "Practice · Ghana · Senegal"]
    assert sorted(shown("region=015")) == ["../practices/p002/"]
    assert sorted(shown("kind=recommendation")) == [f"../recommendations/{r}/" for r in ("r01", "r02", "r03")]
    assert sorted(shown("kind=practice&region=002")) == [f"../practices/{p}/" for p in ("p001", "p002", "p003")]


def test_the_index_names_the_language_of_each_title_and_excerpt_shown_in_another() -> None:
    """[first document, title's language, excerpt's language] per run (Engine.shown): a practice
    not written in the page's language is shown in its own."""
    catalog = load_catalog(MINI)
    heads = {lang: json.loads(dict(search_files(catalog, lang))[search_paths(lang)[0]]) for lang in ("ar", "en", "fr")}
    shown = {lang: {ref: [run for run in head["shown"] if run[0] <= d][-1][1:]
                    for d, ref in enumerate(ids_of(head["ids"]))} for lang, head in heads.items()}
    assert {ref: shown["ar"][ref] for ref in ("r01", "p001", "p002", "p003")} == {
        "r01": ["ar", "ar"], "p001": ["en", "en"], "p002": ["ar", "ar"], "p003": ["fr", "fr"]}
    assert {ref: shown["en"][ref] for ref in ("r01", "p001", "p002", "p003")} == {
        "r01": ["en", "en"], "p001": ["en", "en"], "p002": ["ar", "ar"], "p003": ["en", "en"]}
    assert heads["en"]["dirs"] == {"ar": "rtl", "en": "ltr", "fr": "ltr"}


# what a result shows in another language than the page's carries its lang and dir (Chromium)
SHOWN = """sel => [...document.querySelectorAll(sel)].map(li => {
    const t = li.querySelector('.kb-results__title'), x = li.querySelector('.kb-results__snippet, .kb-search__snippet');
    return [li.querySelector('.kb-id').textContent, t.getAttribute('lang'), t.getAttribute('dir'),
            x.getAttribute('lang'), x.getAttribute('dir')];
})"""


@pytest.mark.browser
def test_a_title_or_excerpt_in_another_language_carries_its_lang_and_dir(page, mini_site: Site) -> None:
    page.goto(mini_site.url + "search/")  # Arabic: every record, none filtered
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    shown = {row[0]: row[1:] for row in page.evaluate(SHOWN, "[data-search-results] .kb-results__item")}
    assert shown["p001"] == ["en", "ltr", "en", "ltr"]  # written in English only
    assert shown["p003"] == ["fr", "ltr", "fr", "ltr"]  # in French, its own language
    assert shown["p002"] == [None, None, "ar", "rtl"]  # in the page's language: the page's
    assert shown["r01"] == [None, None, "ar", "rtl"]
    # the header's list on the English pages: the Arabic-only practice, right to left
    page.goto(mini_site.url + "en/")
    page.fill("#kb-search-input", "ممارسة")
    page.locator(".kb-search__list [role=option]").first.wait_for()
    rows = page.evaluate(SHOWN, ".kb-search__list [role=option]")
    assert rows == [["p002", "ar", "rtl", "ar", "rtl"]]
