"""The termbase: matching rules, the validator's checks, glossary pages, and query expansion
twinned in Python and JavaScript (run under Node here, and in Chromium on a built site)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gcmkb.catalog import check_collection, load_catalog
from gcmkb.graph import build_graph
from gcmkb.searchfiles import objective_lookup, term_table
from gcmkb.searchindex import analyze_words
from gcmkb.searchtext import expand_query, objective_number
from gcmkb.termbase import Matcher, find, first_occurrences, form_words, tokens

from .conftest import FIXTURES, ROOT
from .searchpage import load_search
from .sitebuild import Site

PIPELINE_JS = ROOT / "docs/assets/search/kb-pipeline.js"


def spans(lang: str, form: str, text: str) -> list[str]:
    return [text[a:b] for a, b in find(lang, form_words(form), tokens(text))]


def test_arabic_forms_match_behind_proclitics_and_the_article() -> None:
    text = "واحتجاز المهاجرين، وبالاحتجاز، وللاحتجاز أثر، والاحتجازات"
    assert spans("ar", "احتجاز المهاجرين", text) == ["واحتجاز المهاجرين"]
    assert spans("ar", "الاحتجاز", text) == ["وبالاحتجاز", "وللاحتجاز"]


def test_english_and_french_forms_match_with_a_plural_only() -> None:
    assert spans("en", "alternative to detention", "Alternatives to detentions, detained") == []
    assert spans("en", "alternatives to detention", "Alternatives to Detentions and detained") == [
        "Alternatives to Detentions"]
    assert spans("fr", "voie régulière", "des voies régulières") == []  # only the last word takes a plural
    assert spans("fr", "solution durable", "Solutions durables ; une solution durable") == ["une solution durable"[4:]]


def test_diacritics_and_letter_variants_do_not_matter() -> None:
    assert spans("ar", "الهجرة", "الهِجْرَه") == ["الهِجْرَه"]
    assert spans("fr", "rétention", "RETENTION") == ["RETENTION"]


def test_first_occurrence_prefers_the_longest_form(mini: Path) -> None:
    catalog = load_catalog(mini)
    matcher = Matcher(catalog.terms, "en")
    seen: set[str] = set()
    text = "Use migration detention, then detention again."
    found = first_occurrences(matcher, text, seen)
    assert [(text[a:b], t.id) for a, b, t in found] == [("migration detention", "migration-detention")]
    assert first_occurrences(matcher, "detention", seen) == []  # once per page


def test_graph_lists_the_recommendations_that_use_each_term(mini: Path) -> None:
    graph = build_graph(load_catalog(mini))
    assert graph.term_uses == {"migration-detention": ("r03",), "data-sharing": ("r02",)}
    assert graph.terms_in == {"r02": ("data-sharing",), "r03": ("migration-detention",)}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def _messages(root: Path) -> list[str]:
    return [str(p) for p in check_collection(root)[1]]


def test_a_deprecated_form_is_a_warning_naming_the_preferred_term(mini: Path) -> None:
    terms = mini / "recommendations/terms.yml"
    _edit(terms, "    not_preferred:\n      en: [immigration detention]\n", "")
    _edit(terms, "      fr: [détention]\n", "      fr: [détention]\n      en: [immigration detention]\n")
    catalog, problems = check_collection(mini)
    assert catalog is not None  # a warning does not stop the build
    assert [str(p) for p in problems] == [
        "recommendations/r03.yml:18: warning: text.en: uses the deprecated term 'immigration detention'; "
        "preferred: 'migration detention' (recommendations/terms.yml: migration-detention)"]


def test_a_not_preferred_form_is_never_reported_yet_is_a_use_of_the_term(mini: Path) -> None:
    """r03's English says "immigration detention", a not-preferred form: correct, so no warning;
    the recommendation uses the concept, and the term is marked there."""
    catalog, problems = check_collection(mini)
    assert catalog is not None and [str(p) for p in problems] == []
    term = catalog.term("migration-detention")
    assert term.not_preferred == {"en": ("immigration detention",)}
    assert "immigration detention" in term.admitted("en") and "immigration detention" in term.all_forms("en")
    assert build_graph(catalog).term_uses["migration-detention"] == ("r03",)
    assert [t.id for _, _, t in first_occurrences(Matcher(catalog.terms, "en"), "immigration detention", set())] == [
        "migration-detention"]
    assert [n.get("en") for n in term.notes] == ['"immigration detention" is correct but not preferred (para. 29 (c)).']


def test_a_not_preferred_form_is_not_also_preferred_or_a_variant(mini: Path) -> None:
    terms = mini / "recommendations/terms.yml"
    _edit(terms, "      en: [immigration detention]\n",
          "      en: [immigration detention, Detention, migration-detention]\n")
    assert _messages(mini) == [
        "recommendations/terms.yml:13: terms[0].not_preferred.en[1]: 'Detention' is already listed under variants; "
        "allowed: a correct form that is not the preferred term or a variant",
        "recommendations/terms.yml:13: terms[0].not_preferred.en[2]: 'migration-detention' is already listed under "
        "preferred; allowed: a correct form that is not the preferred term or a variant",
    ]


def test_a_deprecated_form_may_not_hide_inside_a_not_preferred_one(mini: Path) -> None:
    terms = mini / "recommendations/terms.yml"
    _edit(terms, "      fr: [détention]\n", "      fr: [détention]\n      en: [immigration]\n")
    assert _messages(mini) == [
        "recommendations/r03.yml:18: warning: text.en: uses the deprecated term 'immigration'; preferred: "
        "'migration detention' (recommendations/terms.yml: migration-detention)",
        "recommendations/terms.yml:16: terms[0].deprecated.en[0]: 'immigration' occurs inside the admitted form "
        "'immigration detention', so every use of it would be reported; allowed: a form that admitted forms do not "
        "contain"]


def test_the_schema_explains_not_preferred_forms(mini: Path) -> None:
    terms = mini / "recommendations/terms.yml"
    _edit(terms, "      en: [immigration detention]\n", "      en: immigration detention\n")
    assert _messages(mini) == [
        "recommendations/terms.yml:13: terms[0].not_preferred.en: expected a list of words or phrases, each once, "
        "got text"]


def test_termbase_errors_are_reported_with_their_lines(mini: Path) -> None:
    terms = mini / "recommendations/terms.yml"
    _edit(terms, "      fr: [détention]\n", "      fr: [détention, rétention administrative]\n")
    _edit(terms, "      en: [data sharing]\n", "      en: [data sharing]\n      fr: [rétention]\n")
    source = "    source:\n      ar: وثيقة الاختبار\n      en: Test document\n      fr: Document de test\n"
    _edit(terms, source, "")
    assert _messages(mini) == [
        "recommendations/terms.yml:30: terms[1].source: required field is missing; expected text in Arabic, "
        "English and French: ar, en and fr, each non-empty, at most 400 characters (where the preferred wording "
        "of each language comes from, e.g. 'A/RES/73/195, objective 13')",
    ]
    _edit(terms, "    definition:\n      ar: إتاحة", source + "    definition:\n      ar: إتاحة")
    assert _messages(mini) == [
        "recommendations/terms.yml:15: terms[0].deprecated.fr[1]: 'rétention administrative' occurs inside "
        "the admitted form 'rétention administrative', so every use of it would be reported; allowed: a form "
        "that admitted forms do not contain",
        "recommendations/terms.yml:30: terms[1].id: fr form 'rétention' also belongs to term "
        "'migration-detention'; allowed: each form in one term only",
    ]


def test_a_term_id_is_used_once(mini: Path) -> None:
    _edit(mini / "recommendations/terms.yml", "  - id: data-sharing\n", "  - id: migration-detention\n")
    assert _messages(mini) == [
        "recommendations/terms.yml:30: terms[1].id: duplicate term id 'migration-detention'; allowed: each id once"]


def test_a_collection_without_termbase_still_builds_its_catalog(mini: Path) -> None:
    (mini / "recommendations/terms.yml").unlink()
    catalog = load_catalog(mini)
    assert catalog.terms == () and build_graph(catalog).term_uses == {}


# --- search: expansion and objective look-up, the same in Python and JavaScript ---------------

def _vectors() -> dict:
    """Cases generated from the fixture termbase: every form of every term, alone and inside a
    longer query, and objective queries in every language's wording, with Python's answers."""
    catalog = load_catalog(FIXTURES / "mini")
    expand, objectives = [], []
    for lang in ("ar", "en", "fr"):
        table = term_table(catalog, lang)
        queries = [f for t in catalog.terms for f in t.all_forms(lang)]
        queries += [f"x {q} y" for q in queries] + ["", "nothing here"]
        for q in queries:
            words = analyze_words(lang, q)
            expand.append({"words": words, "terms": table, "out": expand_query(words, table)})
        lookup = objective_lookup(catalog, lang)
        for q in ["13", "١٣", "objective 13", "Objectif  13", "الهدف ١٣", "objective 24", "0", "goal 13",
                  "13 objective", "objective", "٢٣", "objectif 1"]:
            objectives.append({"q": q, "keywords": lookup["keywords"], "highest": lookup["highest"],
                               "out": objective_number(q, lookup["keywords"], lookup["highest"])})
    return {"expand": expand, "objectives": objectives}


def test_expansion_admits_every_form_of_the_term() -> None:
    table = [[["retent", "administrat"], ["retent"], ["detent"]]]
    words = [["detent"], ["enf"]]
    assert expand_query(words, table) == [[[["detent"]], [["retent"], ["administrat"]], [["retent"]]], [[["enf"]]]]


def test_objective_numbers_in_three_languages() -> None:
    keywords = ["objectif", "objective", "الهدف"]
    assert [objective_number(q, keywords, 23) for q in ["13", "١٣", "Objective 13", "objectif 13", "الهدف ١٣",
                                                         "objective 24", "goal 13", "13 objective"]] == [
        13, 13, 13, 13, 13, None, None, None]


NODE_RUNNER = """
const vm = require("vm"), fs = require("fs");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf-8"));
const v = JSON.parse(fs.readFileSync(0, "utf-8"));
process.stdout.write(JSON.stringify({
  expand: v.expand.map(c => kbSearchText.expandQuery(c.words, c.terms)),
  objectives: v.objectives.map(c => kbSearchText.objectiveNumber(c.q, c.keywords, c.highest)),
}));
"""


def test_javascript_twins_agree_under_node() -> None:
    vectors = _vectors()
    run = subprocess.run(["node", "-e", NODE_RUNNER, str(PIPELINE_JS)], input=json.dumps(vectors),
                         capture_output=True, text=True, timeout=60, check=True)
    out = json.loads(run.stdout)
    assert out["expand"] == [c["out"] for c in vectors["expand"]]
    assert out["objectives"] == [c["out"] for c in vectors["objectives"]]


@pytest.mark.browser
def test_javascript_twins_agree_in_chromium(page, mini_site: Site) -> None:
    vectors = _vectors()
    page.goto(mini_site.url + "en/")
    load_search(page)
    out = page.evaluate("""v => ({
        expand: v.expand.map(c => kbSearchText.expandQuery(c.words, c.terms)),
        objectives: v.objectives.map(c => kbSearchText.objectiveNumber(c.q, c.keywords, c.highest)),
    })""", vectors)
    assert out["expand"] == [c["out"] for c in vectors["expand"]]
    assert out["objectives"] == [c["out"] for c in vectors["objectives"]]


@pytest.mark.browser
@pytest.mark.parametrize(("prefix", "query"), [("", "الهدف ١٣"), ("", "13"), ("en/", "objective 13"),
                                               ("en/", "١٣"), ("fr/", "objectif 13")])
def test_typing_an_objective_number_puts_its_page_first(page, mini_site: Site, prefix: str, query: str) -> None:
    page.goto(mini_site.url + prefix + "search/?q=" + query)
    page.locator("[data-search-results] [data-kb-objective]").wait_for()  # the results replaced the no-JS list
    first = page.locator("[data-search-results] li").first
    assert first.get_attribute("data-kb-objective") == ""
    href = first.locator("a").get_attribute("href")
    assert href is not None and href.endswith("objectives/13/")
    assert page.locator("[data-search-results] li").nth(1).locator(".kb-id").inner_text() == "r03"


@pytest.mark.browser
def test_a_deprecated_or_variant_form_finds_the_preferred_one(page, mini_site: Site) -> None:
    page.goto(mini_site.url + "fr/")
    load_search(page)
    refs = page.evaluate("""async () => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index);
        return (await Promise.all(["détention", "détentions"].map(q => kbSearch.query(engine, q)))).map(r => r.refs);
    }""")
    assert refs == [["r03"], ["r03"]]
    page.goto(mini_site.url + "en/")
    load_search(page)
    refs = page.evaluate("""async () => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index);
        return (await kbSearch.query(engine, "immigration detention")).refs;
    }""")
    assert refs == ["r03"]  # a not-preferred form expands like any other


# --- pages ------------------------------------------------------------------------------------

@pytest.mark.build
def test_glossary_and_term_pages_in_three_languages(mini_site: Site) -> None:
    for prefix, term, count in (("", "احتجاز المهاجرين", "توصية واحدة"),
                                ("en/", "migration detention", "1 recommendation"),
                                ("fr/", "rétention administrative", "1 recommandation")):
        glossary = mini_site.soup(prefix + "glossary/")
        entry = glossary.select_one("[data-kb-glossary] #migration-detention")
        assert entry is not None and entry.select_one("dt a").get_text() == term
        page = mini_site.soup(prefix + "glossary/migration-detention/")
        assert page.select_one("h1").get_text() == term
        used = page.select("#used-in ~ ul a, section[aria-labelledby=used-in] .kb-list a")
        assert [a.select_one(".kb-id").get_text() for a in used] == ["r03"]
        assert count in page.select_one("#used-in").get_text()


@pytest.mark.build
def test_a_term_page_separates_correct_not_preferred_forms_from_wrong_ones(mini_site: Site) -> None:
    page = mini_site.soup("en/glossary/migration-detention/")
    heads = [th.get_text() for th in page.select(".kb-term-forms thead th")]
    assert heads == ["Language", "Preferred term", "Admitted variants", "Correct forms, not preferred",
                     "Deprecated (wrong) forms"]
    rows = page.select(".kb-term-forms tbody tr")
    assert [r.select_one("[data-kb-not-preferred]").get_text() for r in rows] == ["", "immigration detention", ""]
    assert [[s.get_text() for s in r.select("[data-kb-deprecated] s")] for r in rows] == [[], [], ["détention"]]
    assert [li.get_text(" ", strip=True) for li in page.select(".kb-notes li")] == [
        '"immigration detention" is correct but not preferred (para. 29 (c)).']
    french = mini_site.soup("fr/glossary/migration-detention/")
    assert [" ".join(li.get_text().split()) for li in french.select(".kb-notes li")] == [
        "« immigration detention » est correct mais non privilégié (paragraphe 29, alinéa c)."]


@pytest.mark.build
def test_a_recommendation_marks_the_first_occurrence_of_each_term(mini_site: Site) -> None:
    page = mini_site.soup("en/recommendations/r03/")
    marks = page.select(".kb-text .kb-term")
    assert [m.select_one("a").get_text() for m in marks] == ["immigration detention"]
    tip = marks[0].select_one("[role=tooltip]")
    assert marks[0].select_one("a")["aria-describedby"] == tip["id"]
    assert tip.get_text().startswith("The deprivation of liberty")
    assert [a.get_text() for a in page.select(".kb-keyterms dt a")] == ["migration detention"]


@pytest.mark.build
def test_objective_titles_that_are_working_renderings_say_so(mini_site: Site) -> None:
    assert mini_site.soup("objectives/13/").select_one("[data-kb-working-rendering]") is not None
    assert mini_site.soup("en/objectives/13/").select_one("[data-kb-working-rendering]") is None
