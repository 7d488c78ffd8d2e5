"""Search: the same text pipeline in Python and in the browser, and relevance in real Chromium."""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import yaml
from playwright.sync_api import expect

from gcmkb import LANGUAGES, searchtext
from gcmkb.catalog import load_catalog
from gcmkb.labels import load_labels
from gcmkb.searchchunks import ids_of
from gcmkb.searchindex import analyze_words

from .conftest import FIXTURES, ROOT
from .searchpage import load_search
from .sitebuild import Site
from .test_search_chunks import TINY, chunked

VECTORS = json.loads((FIXTURES / "search-vectors.json").read_text("utf-8"))
QUERIES = yaml.safe_load((FIXTURES / "search-queries.yml").read_text("utf-8"))
PY_FUNCTIONS = {"normalize": searchtext.normalize, "trim": searchtext.trim, "stemAr": searchtext.stem_ar,
                "stemFr": searchtext.stem_fr, "cliticAr": searchtext.clitic_ar}
PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
RECOMMENDATIONS = {r.id for r in load_catalog(ROOT).recommendations}


@pytest.mark.parametrize("vector", VECTORS["functions"], ids=lambda v: f"{v['fn']}:{v['in']}")
def test_python_functions_match_the_vectors(vector: dict) -> None:
    assert PY_FUNCTIONS[vector["fn"]](vector["in"]) == vector["out"]


@pytest.mark.parametrize("vector", VECTORS["pipelines"], ids=lambda v: f"{v['lang']}:{v['text']}")
def test_python_pipelines_match_the_vectors(vector: dict) -> None:
    assert analyze_words(vector["lang"], vector["text"]) == vector["words"]


def test_at_least_twenty_arabic_queries() -> None:
    assert len(QUERIES["ar"]) >= 20


@pytest.mark.browser
def test_javascript_matches_the_same_vectors(page, real_site: Site) -> None:
    page.goto(real_site.url + "en/")
    load_search(page)
    functions = page.evaluate("""vectors => vectors.map(v => {
        const fn = kbSearchText[v.fn];
        const out = fn(v.in);
        return out === undefined ? null : out;
    })""", VECTORS["functions"])
    assert functions == [v["out"] for v in VECTORS["functions"]]
    words = page.evaluate("""async vectors => {
        const out = [];
        for (const v of vectors) {
            const cfg = (await kbSearch.ready).others.find(o => o.lang === v.lang);
            const engine = await kbSearch.loadEngine(cfg ? cfg.index : kbSearch.config.index);
            out.push(kbSearchText.analyzeWords(lunr, engine.index, v.text));
        }
        return out;
    }""", VECTORS["pipelines"])
    assert words == [v["words"] for v in VECTORS["pipelines"]]


def _cases():
    for lang, cases in QUERIES.items():
        for case in cases:
            yield pytest.param(lang, case, id=f"{lang}:{case['q']}")


@pytest.mark.browser
@pytest.mark.parametrize("budget", [None, TINY], ids=["one chunk", "tiny chunks"])
def test_relevance_queries_in_chromium(page, real_site: Site, monkeypatch, budget: int | None) -> None:
    if budget:
        chunked(page, monkeypatch, budget)
    failures = []
    for lang, cases in QUERIES.items():
        page.goto(real_site.url + PREFIX[lang])
        load_search(page)
        results = page.evaluate("""async queries => {
            const engine = await kbSearch.loadEngine(kbSearch.config.index), out = [];
            for (const q of queries) {
                const r = await kbSearch.query(engine, q);  /* the chunks of its words, then the search */
                out.push([r.refs, r.partial, r.suggestions]);
            }
            return out;
        }""", [c["q"] for c in cases])
        for case, (found, found_partial, suggestions) in zip(cases, results, strict=True):
            # the cases name recommendations: their order, the practices found among them set aside
            refs = [r for r in found if r in RECOMMENDATIONS]
            partial = [r for r in found_partial if r in RECOMMENDATIONS]
            shown = refs + partial  # what the reader sees, in order: every word, then some
            ok = True
            if "first" in case:
                ok &= bool(shown) and shown[0] == case["first"]
            if "top" in case:
                ok &= set(case["top"]) <= set(shown[:5])
            if "only" in case:
                ok &= refs == case["only"]
            if "none" in case:
                ok &= not set(case["none"]) & set(shown)
            if "partial" in case:
                ok &= set(case["partial"]) <= set(partial[:5]) and not set(partial) & set(refs)
            if "partial_first" in case:
                ok &= bool(partial) and partial[0] == case["partial_first"]
            if case.get("no_partial"):
                ok &= partial == []
            if "suggest" in case:
                ok &= refs == [] and partial == [] and suggestions[:len(case["suggest"])] == case["suggest"]
            if not ok:
                failures.append(f"{lang} {case['q']!r}: got {refs[:6]} then {partial[:6]}, "
                                f"suggesting {suggestions}, want {case}")
    assert failures == []


@pytest.mark.browser
def test_header_search_gives_instant_results_and_keyboard_access(page, real_site: Site) -> None:
    page.goto(real_site.url + "recommendations/r05/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kb-search-input"
    page.keyboard.type("الأطفال")
    option = page.locator(".kb-search__list [role=option]").first
    option.wait_for()
    assert "r16" in option.inner_text()
    assert page.locator(".kb-search__list mark").first.inner_text() == "الأطفال"
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#kb-search-input", "aria-activedescendant") == "kb-search-option-0"
    page.keyboard.press("Enter")
    page.wait_for_url(real_site.url + "recommendations/r16/")


@pytest.mark.browser
def test_header_search_searches_the_current_language_only(page, real_site: Site) -> None:
    page.goto(real_site.url + "fr/")
    page.fill("#kb-search-input", "platforms")  # English word: not in the French index (nor in any practice)
    page.locator(".kb-search__status").wait_for()
    page.wait_for_function("document.querySelector('.kb-search__status').textContent.includes('Aucune')")
    assert page.locator(".kb-search__list [role=option]").count() == 0
    loaded = [u for u in page.requests if "/assets/search/" in u and not u.endswith(".js")]
    assert real_site.url + "assets/search/fr.json" in loaded
    assert all(u.startswith(real_site.url + "assets/search/fr.") for u in loaded)


@pytest.mark.browser
def test_typing_an_id_goes_straight_to_it(page, real_site: Site) -> None:
    page.goto(real_site.url + "en/")
    page.fill("#kb-search-input", "r27")
    page.locator(".kb-search__list [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(real_site.url + "en/recommendations/r27/")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_explore_page_reads_its_url_and_counts_follow_the_query(page, real_site: Site, lang: str) -> None:
    query = {"ar": "احتجاز", "en": "detention", "fr": "rétention"}[lang]
    page.goto(real_site.url + PREFIX[lang] + "search/?" + urllib.parse.urlencode({"q": query, "theme": "rights"}))
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    assert page.input_value("#kb-explore-q") == query
    assert page.input_value("#kb-facet-theme") == "rights"
    links = page.eval_on_selector_all("[data-search-results] a", "as => as.map(a => a.getAttribute('href'))")
    assert links and all(h.startswith("../recommendations/r") for h in links)
    ids = [h.split("/")[-2] for h in links]
    assert "r19" in ids and "r01" not in ids
    # counts follow the query: the theme facet counts only detention matches
    option = page.locator("#kb-facet-theme option[value=data]").inner_text()
    assert option.endswith("(0)") or option.endswith("(٠)")
    # changing a facet updates the URL, so the result set can be shared
    page.locator("[data-kb-filters-toggle]").click()  # the filters fold behind their button
    page.select_option("#kb-facet-actor", "civil-society")
    page.wait_for_function("location.search.includes('actor=civil-society')")
    assert "theme=rights" in page.url and "q=" in page.url
    assert page.locator("[data-search-results] mark").count() >= 1


@pytest.mark.browser
def test_a_query_with_no_result_points_to_another_language(page, real_site: Site) -> None:
    page.goto(real_site.url + "en/search/?q=" + urllib.parse.quote("الأطفال"))
    other = page.locator("[data-kb-elsewhere] a[hreflang=ar]")
    other.wait_for()
    assert other.inner_text().startswith("العربية")
    other.click()
    page.wait_for_url(real_site.url + "search/?q=" + urllib.parse.quote("الأطفال"))
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    assert "r16" in page.locator("[data-search-results]").inner_text()


@pytest.mark.browser
def test_explore_page_lists_everything_without_javascript(browser, mini_site: Site) -> None:
    catalog = load_catalog(FIXTURES / "mini")
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(mini_site.url + "fr/search/")
    links = tab.eval_on_selector_all("[data-search-results] a[href*='recommendations/r']",
                                     "as => as.map(a => a.getAttribute('href'))")
    assert [link.rsplit("/", 2)[-2] for link in links] == [r.id for r in catalog.recommendations]
    groups = tab.eval_on_selector_all("[data-search-results] h2", "hs => hs.length")
    assert groups == len(catalog.themes) + 1  # the themes, then the practices
    assert tab.inner_text("[data-kb-status]") == "3 recommandations, 3 pratiques"
    practices = tab.locator("[data-kb-explore-practices]")
    assert practices.locator("h2").inner_text() == "Pratiques (3 pratiques)"
    assert practices.locator("h2 a").get_attribute("href") == "../practices/"
    items = practices.locator(".kb-list li").evaluate_all("""lis => lis.map(li => {
        const title = li.querySelector('.kb-list__title');
        return [li.querySelector('a').getAttribute('href'), title.textContent, title.getAttribute('lang'),
                title.getAttribute('dir'), li.querySelector('.kb-list__theme').textContent];
    })""")
    assert items == [
        ["../practices/p001/", "Test data desk in one country", "en", "ltr", "Pratique · Ghana"],
        ["../practices/p002/", "ممارسة تجريبية بالعربية", "ar", "rtl", "Pratique · Maroc"],
        ["../practices/p003/", "Une pratique d’essai dans deux pays", None, None, "Pratique · Ghana · Sénégal"]]
    context.close()


def test_index_is_prebuilt_per_language_and_material_search_is_gone(real_site: Site) -> None:
    catalog = load_catalog(ROOT)
    recommendations, every = len(catalog.recommendations), len(catalog.recommendations) + len(catalog.practices)
    for lang in ("ar", "en", "fr"):
        payload = json.loads((real_site.directory / f"assets/search/{lang}.json").read_text("utf-8"))
        # the recommendations, then the practices, each run with its pages
        assert payload["lang"] == lang and len(ids_of(payload["ids"])) == every
        assert payload["pages"] == [[0, "recommendations/{id}/"], [recommendations, "practices/{id}/"]]
        assert payload["pipeline"][:2] == ["kb-trimmer", "kb-normalize"]
        explore = json.loads((real_site.directory / f"assets/search/{payload['explore']}").read_text("utf-8"))
        assert len(explore["columns"]["x"]) == every and len(explore["columns"]["t"]) == every
        assert (real_site.directory / f"assets/search/{lang}.units.bin").stat().st_size
        assert (real_site.directory / f"assets/search/{lang}.c0.bin").stat().st_size
    assert not (real_site.directory / "search/search_index.json").exists()
    assert real_site.soup("").select(".md-search") == []


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_memoized_indexing_chain_equals_the_search_pipeline(lang: str) -> None:
    """The index is built with one memoized function; it must give every word the forms the
    serialised (and JavaScript-twinned) search pipeline gives it."""
    from lunr.token import Token
    from lunr.tokenizer import Tokenizer

    from gcmkb.catalog import load_catalog
    from gcmkb.searchreference import memoized_pipeline

    from .conftest import ROOT

    run = memoized_pipeline(lang)
    words = set()
    for rec in load_catalog(ROOT).recommendations:
        words.update(str(t) for t in Tokenizer(rec.title.get(lang) + " " + rec.text.get(lang)))
    assert len(words) > 300
    for word in sorted(words):
        result = run(Token(word))
        got = [] if result is None else [str(t) for t in (result if isinstance(result, list) else [result])]
        assert got == [f for forms in analyze_words(lang, word) for f in forms], word


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_compact_index_has_lunr_py_weights_to_the_last_bit(lang: str) -> None:
    """The compact index holds every posting lunr.py's index holds, with the same weight and
    lunr's term numbers (the order the browser sums products in)."""
    from gcmkb.searchindex import FIELDS, Analyzer, compact_index
    from gcmkb.searchrecords import records, search_documents
    from gcmkb.searchreference import reference_index

    from .conftest import ROOT

    catalog = load_catalog(ROOT)
    reference = reference_index(catalog, lang)
    index = compact_index(search_documents(catalog, lang), Analyzer(lang), len(catalog.recommendations))
    ids = [r.id for r in records(catalog)]  # the recommendations, then the practices
    vectors = {str(ref): dict(zip(v.elements[::2], v.elements[1::2], strict=True))
               for ref, v in reference.field_vectors.items()}
    assert sorted(index.words) == sorted(reference.inverted_index)
    for f, (name, _) in enumerate(FIELDS):
        postings = index.fields[f]
        for w, term in enumerate(index.words):
            number = reference.inverted_index[term]["_index"]
            assert index.ranks[w] == number
            found = {}
            for p in range(postings.offsets[w], postings.offsets[w + 1]):
                unit = postings.units[p]
                docs = ([unit] if postings.starts is None
                        else postings.docs[postings.starts[unit]:postings.starts[unit + 1]])
                found.update({ids[d]: postings.weights[p] / 1000 for d in docs})
            assert found == {ref: vectors[f"{name}/{ref}"][number] for ref in reference.inverted_index[term][name]}


@pytest.mark.browser
@pytest.mark.parametrize("budget", [None, TINY], ids=["one chunk", "tiny chunks"])
def test_the_browser_scores_every_word_and_prefix_as_lunr_js_does(page, real_site: Site, monkeypatch,
                                                                  budget: int | None) -> None:
    """Every term and every prefix of a term, alone and in pairs of forms: the compact engine's
    scores equal those of lunr.js 2.3.9 querying lunr.py's index of the same collection; with
    tiny chunks too, where a prefix's terms span several chunks."""
    import random

    if budget:
        chunked(page, monkeypatch, budget)

    from gcmkb.searchreference import reference_index

    from .conftest import ROOT

    catalog = load_catalog(ROOT)
    rng = random.Random(7)
    for lang in ("ar", "en", "fr"):
        reference = reference_index(catalog, lang).serialize()
        words = sorted(term for term, _ in reference["invertedIndex"])
        prefixes = sorted({w[:k] for w in words for k in range(1, len(w) + 1)})
        cases = [([w], False) for w in words] + [([p], True) for p in prefixes]
        cases += [([rng.choice(prefixes), rng.choice(words)], rng.random() < 0.5) for _ in range(200)]
        page.goto(real_site.url + PREFIX[lang])
        load_search(page)
        differing = page.evaluate("""async ([reference, cases]) => {
            const engine = await kbSearch.loadEngine(kbSearch.config.index);
            const index = lunr.Index.load(reference);
            engine.prefixMin = 0;  /* every prefix, even of one letter, as lunr.js expands it */
            for (const [forms, last] of cases) await engine.need(forms, last);
            return cases.filter(([forms, last]) => {
                const expected = {}, got = {};
                index.query(q => forms.forEach(f => q.term(f, {usePipeline: false,
                    presence: lunr.Query.presence.OPTIONAL,
                    wildcard: last ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE})))
                    .forEach(r => { expected[r.ref] = r.score; });
                const found = engine.search(forms, last);
                found.docs.forEach(d => { got[engine.ids[d]] = found.score[d]; });
                const refs = Object.keys(expected);
                return refs.length !== found.docs.length || refs.some(ref => got[ref] !== expected[ref]);
            });
        }""", [reference, cases])
        assert len(cases) > 1000 and differing == []


# --- the scripts' labels: one file per language, not in every page -----------------------------

def test_the_scripts_labels_are_one_file_per_language_and_no_longer_in_the_pages(mini_site: Site) -> None:
    labels = load_labels()
    for lang in LANGUAGES:
        entries = labels[lang].entries
        page = PREFIX[lang] + "recommendations/r01/"
        header = mini_site.soup(page).select_one("[data-kb-search]")
        assert mini_site.resolve(page, header["data-kb-i18n"]) == (f"assets/i18n/{lang}.json", "")
        assert mini_site.resolve(page, header["data-kb-index"]) == (f"assets/search/{lang}.json", "")
        file = json.loads((mini_site.directory / f"assets/i18n/{lang}.json").read_text("utf-8"))
        assert (file["lang"], file["dir"], file["digits"]) == (
            lang, "rtl" if lang == "ar" else "ltr", "arab" if lang == "ar" else "latn")
        assert file["labels"]["search_loading"] == entries["search_loading"]
        assert file["labels"]["brief_added"] == entries["brief_added"]
        assert file["counts"] == entries["count_results"]
        # its links are relative to the file: the language's root and search page, the others' indexes
        here = f"assets/i18n/{lang}.json"
        assert mini_site.resolve(here, file["root"]) == (PREFIX[lang], "")
        assert mini_site.resolve(here, file["page"]) == (PREFIX[lang] + "search/", "")
        assert [(o["lang"], mini_site.resolve(here, o["index"])) for o in file["others"]] == [
            (other, (f"assets/search/{other}.json", "")) for other in LANGUAGES if other != lang]
        # the page carries none of them
        html = mini_site.file_of(page).read_text("utf-8")
        assert mini_site.soup(page).select("#kb-search-config") == []
        for key in ("search_loading", "search_elsewhere", "brief_added", "brief_remove_all"):
            assert entries[key] not in html, (lang, key)


@pytest.mark.browser
def test_the_header_search_shows_its_labels_before_the_index_and_counts_in_arabic_digits(page, real_site: Site) -> None:
    """The labels' file is fetched as the scripts start, once for both (search and brief): the
    loading status shows while the index is still on its way; the count, in Arabic-Indic digits."""
    labels = load_labels()["ar"]
    held = []
    page.route(re.compile(r".*/assets/search/ar\.json$"), lambda route: held.append(route))
    page.goto(real_site.url + "recommendations/r05/")
    page.fill("#kb-search-input", "الهجرة")
    status = page.locator(".kb-search__status")
    expect(status).to_have_text(labels.t("search_loading"))
    assert held, "the index is held back"
    for route in held:
        route.continue_()
    page.locator(".kb-search__list [role=option]").first.wait_for()
    n = page.evaluate("""async () => (await kbSearch.query(await kbSearch.loadEngine(kbSearch.config.index),
                                                             'الهجرة')).refs.length""")
    assert n > 2
    expect(status).to_have_text(labels.count("count_results", n))
    assert re.search("[٠-٩]", status.inner_text()) and not re.search("[0-9]", status.inner_text())
    assert [u for u in page.requests if "/assets/i18n/" in u] == [real_site.url + "assets/i18n/ar.json"]
