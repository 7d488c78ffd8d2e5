"""Practices on the built site (mini fixture: p001 in English only, p002 in Arabic only, p003 in
French and English across two countries): a page per practice in each language, its text in its own
language marked and said so, the list of them, a page per country, and on each recommendation the
practices that implement it; the real collection, with none yet, says so and how to propose one."""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest

from gcmkb.catalog import load_catalog
from gcmkb.labels import load_labels
from gcmkb.pagekinds import KINDS
from gcmkb.site import KnowledgeBase
from gcmkb.views.practices import issue_form

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, make_project

LABELS = load_labels()
PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
NOTICE = {"ar": {"en": "هذه الممارسة متاحة باللغة الإنجليزية فقط.",
                 "fr": "هذه الممارسة متاحة باللغة الفرنسية والإنجليزية فقط."},
          "en": {"ar": "This practice is available in Arabic only."},
          "fr": {"en": "Cette pratique n’est disponible qu’en anglais.",
                 "ar": "Cette pratique n’est disponible qu’en arabe."}}


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_a_practice_in_another_language_is_marked_and_said_so(mini_site: Site, lang: str) -> None:
    for pid, written in (("p001", "en"), ("p002", "ar"), ("p003", "fr")):
        soup = mini_site.soup(f"{PREFIX[lang]}practices/{pid}/")
        h1, notice = soup.select_one("h1#title"), soup.select_one("[data-kb-language-notice]")
        own = lang == written or (pid == "p003" and lang == "en")  # p003 is also written in English
        if own:
            assert notice is None and not h1.has_attr("lang"), (lang, pid)
            continue
        assert notice.get_text(strip=True) == NOTICE[lang][written], (lang, pid)
        assert (h1["lang"], h1["dir"]) == (written, "rtl" if written == "ar" else "ltr"), (lang, pid)
        for text in soup.select("[data-kb-practice-text]"):
            assert (text["lang"], text["dir"]) == (written, "rtl" if written == "ar" else "ltr"), (lang, pid)


def test_a_practice_page_names_its_places_period_tags_recommendations_and_evidence(mini_site: Site) -> None:
    en = mini_site.soup("en/practices/p003/")
    assert en.select_one("h1#title").get_text(strip=True) == "A test practice across two countries"
    facts = {dd["data-kb-fact"]: dd for dd in en.select("[data-kb-practice-facts] dd")}
    assert [a.get_text(strip=True) for a in facts["countries"].select("a")] == ["Ghana", "Senegal"]
    assert [a["href"] for a in facts["countries"].select("a")] == ["../../countries/gh/", "../../countries/sn/"]
    assert facts["region"].get_text(strip=True) == "Western Africa"  # shared by Ghana and Senegal (M49)
    assert facts["period"].get_text(strip=True) == "2021–2023"
    assert [a.get_text(" ", strip=True) for a in facts["actors"].select("a")] == ["Member States", "Civil society"]
    assert facts["status"].get_text(strip=True) == "Reviewed"
    assert [a["href"] for a in en.select("section[aria-labelledby=implements] a")] == [
        "../../recommendations/r02/"]
    assert [a["href"] for a in en.select("[data-kb-evidence] a")] == [
        "https://example.org/practice-three", "https://example.org/practice-three-report"]
    ar = mini_site.soup("practices/p001/")
    assert ar.select_one("[data-kb-fact=period]").get_text(strip=True) == "منذ ٢٠١٩"
    assert ar.select_one("[data-kb-fact=countries] a").get_text(strip=True) == "غانا"
    assert ar.select_one("[data-kb-fact=region]").get_text(strip=True) == "غرب أفريقيا"
    assert [a.get_text(strip=True) for a in ar.select("[data-kb-practice-text=description] .kb-ref .kb-id")] == ["r01"]
    fr = mini_site.soup("fr/practices/p002/")
    assert fr.select_one("[data-kb-fact=region]").get_text(strip=True) == "Afrique septentrionale"
    assert fr.select_one("[data-kb-fact=status]").get_text(strip=True) == (
        "Ébauche\u00a0: lecture des sources publiques par l’équipe éditoriale, à relire")
    notes = fr.select_one(".kb-notes ol")
    assert (notes["lang"], notes["dir"]) == ("ar", "rtl")


def test_the_practices_index_and_country_pages_in_each_language(mini_site: Site) -> None:
    for lang in ("ar", "en", "fr"):
        soup = mini_site.soup(f"{PREFIX[lang]}practices/")
        assert soup.select_one("h1").get_text(strip=True) == LABELS[lang].t("practices")
        items = soup.select("[data-kb-practices] > li")
        assert [li["id"] for li in items] == ["p001", "p002", "p003"]
        assert soup.select_one("#p002 .kb-list__title").get("lang") == (None if lang == "ar" else "ar")
        assert [a["href"] for a in soup.select("[data-kb-countries] a")] == {
            "ar": ["../countries/sn/", "../countries/ma/", "../countries/gh/"],  # السنغال، المغرب، غانا
            "en": ["../countries/gh/", "../countries/ma/", "../countries/sn/"],
            "fr": ["../countries/gh/", "../countries/ma/", "../countries/sn/"]}[lang]
        assert soup.select_one("[data-kb-practices-none]") is None
    gh = mini_site.soup("fr/countries/gh/")
    assert gh.select_one("h1").get_text(strip=True) == "Ghana"
    assert gh.select_one("[data-kb-regions]").get_text(strip=True) == "Afrique occidentale, Afrique"
    assert [li["id"] for li in gh.select("[data-kb-practices] > li")] == ["p001", "p003"]
    assert mini_site.soup("countries/ma/").select_one("h1").get_text(strip=True) == "المغرب"


def test_a_recommendation_lists_the_practices_that_implement_it(mini_site: Site) -> None:
    en = mini_site.soup("en/recommendations/r01/")
    assert en.select_one("h2#practices").get_text(strip=True) == "Practices that implement this recommendation"
    assert [a["href"] for a in en.select("section[aria-labelledby=practices] [data-kb-practices] > li > a")] == [
        "../../practices/p001/", "../../practices/p002/"]
    assert en.select_one("#p002 .kb-practices__summary")["lang"] == "ar"
    assert mini_site.soup("fr/recommendations/r02/").select_one("#p002") is not None
    assert mini_site.soup("recommendations/r02/").select_one("#p003 .kb-list__title")["lang"] == "fr"


@pytest.fixture(scope="module")
def site_without_practices(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The fixture collection before its first practice."""
    project = make_project(tmp_path_factory.mktemp("no-practices") / "project", FIXTURES / "mini")
    shutil.rmtree(project / "recommendations/practices")
    run = build(project, "https://kb.example/", env={"KB_PDF": "0"})
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    return Site(project / "site", "https://kb.example/")


def test_a_collection_without_practices_says_so_and_how_to_propose_one(site_without_practices: Site) -> None:
    site = site_without_practices
    for lang in ("ar", "en", "fr"):
        soup = site.soup(f"{PREFIX[lang]}practices/")
        t = LABELS[lang].t
        assert soup.select_one("[data-kb-practices-none]").get_text(strip=True) == t("practices_none")
        assert soup.select_one("[data-kb-practices-propose]").get_text(strip=True) == t("practices_propose")
        guide = soup.find("a", string=t("practices_guide"))
        assert guide["href"] == "../contribute/#practices"
        assert site.soup(f"{PREFIX[lang]}contribute/").select_one("#practices") is not None
        assert soup.select_one("[data-kb-practices]") is None
        assert site.soup(f"{PREFIX[lang]}recommendations/r01/").select_one("#practices") is None


def test_the_real_practices_are_listed_and_on_the_recommendations_they_implement(real_site: Site) -> None:
    """Content gate: every practice of the collection is on the index, on its countries' pages and on
    each recommendation it puts into practice, in every language."""
    catalog = load_catalog(ROOT)
    assert catalog.practices, "the real collection documents practices"
    for lang in ("ar", "en", "fr"):
        index = real_site.soup(f"{PREFIX[lang]}practices/")
        assert index.select_one("[data-kb-practices-none]") is None
        listed = {a["href"] for a in index.select("[data-kb-practices] a")}
        for practice in catalog.practices:
            assert f"{practice.id}/" in listed, (lang, practice.id)
            for rid in practice.implements:
                rec = real_site.soup(f"{PREFIX[lang]}recommendations/{rid}/")
                hrefs = [a["href"] for a in rec.select("section[aria-labelledby=practices] a")]
                assert f"../../practices/{practice.id}/" in hrefs, (lang, rid, practice.id)
            for code in practice.countries:
                country = real_site.soup(f"{PREFIX[lang]}countries/{code.lower()}/")
                assert f"../../practices/{practice.id}/" in [a["href"] for a in country.select("a")], (lang, code)


def test_the_issue_form_is_offered_where_the_forge_is_known() -> None:
    assert issue_form(SimpleNamespace(edit_base="https://github.com/un/kb/edit/main/")) == \
        "https://github.com/un/kb/issues/new?template=propose-practice.yml"
    assert issue_form(SimpleNamespace(edit_base="")) is None


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_chromium_shows_a_one_language_practice_in_its_direction_with_the_notice(page, mini_site: Site,
                                                                                 lang: str) -> None:
    """The English-only practice on Arabic and French pages, the Arabic-only one on English pages."""
    pid, written = ("p002", "ar") if lang == "en" else ("p001", "en")
    page.goto(mini_site.url + PREFIX[lang] + f"practices/{pid}/")
    notice = page.locator("[data-kb-language-notice]")
    assert notice.is_visible()
    assert notice.inner_text().strip() == NOTICE[lang][written]
    assert notice.evaluate("e => getComputedStyle(e).direction") == ("rtl" if lang == "ar" else "ltr")
    title = page.locator("h1#title")
    assert title.get_attribute("lang") == written
    direction = "rtl" if written == "ar" else "ltr"
    assert title.evaluate("e => getComputedStyle(e).direction") == direction
    description = page.locator("[data-kb-practice-text=description]")
    assert description.evaluate("e => getComputedStyle(e).direction") == direction
    assert description.get_attribute("lang") == written
    assert page.evaluate("document.documentElement.lang") == lang


# the gates the real site's page types pass (axe, Nu) on the practice pages, which the real
# collection does not have yet (tests/pagetypes.py says why they have no sample there)
PRACTICE_PAGES = ("practices/", "practices/p001/", "practices/p002/", "practices/p003/", "countries/gh/",
                  "recommendations/r01/")


@pytest.mark.browser
def test_axe_reports_no_violation_on_the_practice_pages(browser, mini_site: Site) -> None:
    from .test_accessibility import AXE, AXE_OPTIONS, accepted

    found = []
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        for lang, prefix in PREFIX.items():
            for path in PRACTICE_PAGES:
                tab.goto(mini_site.url + prefix + path)
                found += [f"{scheme} {lang} {path}: {v['id']} {[n['target'] for n in v['nodes']][:3]}"
                          for v in AXE.run(tab, options=AXE_OPTIONS).response["violations"]
                          if not accepted(v["id"], path)]
        context.close()
    assert found == []


@pytest.mark.build
def test_the_practice_pages_are_valid_html(mini_site: Site) -> None:
    from .test_conformance import accepted, vnu

    found = []
    for prefix in PREFIX.values():
        for folder in ("practices", "countries"):
            for m in vnu(mini_site.directory / prefix / folder):
                page = m.get("url", "").removeprefix("file:")
                if not accepted(m["message"], page):
                    found.append(f"{page}:{m.get('lastLine', '?')}: {m['message']}")
    assert found == []


def test_practices_in_the_open_data_validate_and_round_trip(mini_site: Site) -> None:
    import csv
    import io
    import json

    import yaml
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    from .conftest import FIXTURES

    data = json.loads((mini_site.directory / "data/recommendations.json").read_text("utf-8"))
    schemas = [json.loads(f.read_text("utf-8")) for f in (mini_site.directory / "data/schema").glob("*.schema.json")]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    root = json.loads((mini_site.directory / "data/schema/collection.schema.json").read_text("utf-8"))
    assert [e.message for e in Draft202012Validator(root, registry=registry).iter_errors(data)] == []
    for record in data["practices"]:
        written = yaml.safe_load((FIXTURES / f"mini/recommendations/practices/{record['id']}.yml").read_text("utf-8"))
        assert record == {**written, "region": "011" if record["id"] != "p002" else "015"}  # region: derived
    broken = json.loads(json.dumps(data))
    broken["practices"][0]["countries"] = "GH"
    assert list(Draft202012Validator(root, registry=registry).iter_errors(broken))
    text = (mini_site.directory / "data/practices.csv").read_text("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["id"], r["language"], r["countries"], r["region"], r["period_end"]) for r in rows] == [
        ("p001", "en", "GH", "011", ""), ("p002", "ar", "MA", "015", "2022"), ("p003", "fr", "GH SN", "011", "2023")]
    assert (rows[1]["title_ar"], rows[1]["title_en"]) == ("ممارسة تجريبية بالعربية", "")
    assert rows[2]["url_fr"] == mini_site.url + "fr/practices/p003/"
    assert "practices.csv" in [a.get_text(strip=True) for a in mini_site.soup("en/data/").select("a")]


def test_json_ld_describes_each_practice_page(mini_site: Site) -> None:
    import json

    data = json.loads(mini_site.soup("fr/practices/p001/").select_one('script[type="application/ld+json"]').string)
    assert (data["identifier"], data["name"], data["inLanguage"]) == ("p001", "Test data desk in one country", "en")
    assert data["spatialCoverage"] == [{"@type": "Country", "identifier": "GH", "name": "Ghana"}]
    assert (data["temporalCoverage"], data["isBasedOn"]) == ("2019/..", ["https://example.org/practice-one"])
    assert data["url"] == mini_site.url + "fr/practices/p001/"
    assert data["abstract"] == "A test practice written in English only, in one country."
    assert "text" not in data  # the description is the page's text, not repeated in its head


def test_a_practice_s_changes_are_on_its_page_in_whats_new_and_in_the_feed(tmp_path) -> None:
    """A repository where a practice is changed after the collection was imported: the change is
    told in data terms on the practice's page, in "What's new" and in the Atom feed."""
    import xml.etree.ElementTree as ET

    from gcmkb.history_views import atom_feed, whats_new_view

    from .conftest import FIXTURES
    from .test_history import edit as edit_file
    from .test_history import git, make_project

    project = make_project(tmp_path / "project", FIXTURES / "mini")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "Import the collection")
    edit_file(project, "recommendations/practices/p003.yml", "countries: [GH, SN]", "countries: [GH, SN, ML]")
    edit_file(project, "recommendations/practices/p003.yml", "shared their data.", "shared their data every month.")
    git(project, "commit", "-qam", "Mali joined p003", when="2026-03-15T09:00:00Z")
    kb = KnowledgeBase.load(project)
    assert [(c.rid, c.added, c.fields) for c in kb.history.of("p003")] == [
        ("p003", False, ("description.en", "countries")), ("p003", True, ())]
    ctx = kb.context("fr", lambda path: "/" + path, "https://kb.example/")
    latest = whats_new_view("", ctx)["days"][0]["changes"][0]
    assert (latest["id"], latest["title"], latest["href"], latest["what"]) == (
        "p003", "Une pratique d’essai dans deux pays", "/fr/practices/p003/",
        "Modifications\u00a0: texte anglais, pays")
    entry = ET.fromstring(atom_feed(ctx, 0)).find("{http://www.w3.org/2005/Atom}entry")
    assert entry.find("{http://www.w3.org/2005/Atom}title").text == "p003 Une pratique d’essai dans deux pays"
    assert entry.find("{http://www.w3.org/2005/Atom}link").get("href") == "https://kb.example/fr/practices/p003/"
    view = KINDS["practice"].view("p003", ctx)
    assert [c["what"] for c in view["history"]["changes"]] == ["Modifications\u00a0: texte anglais, pays",
                                                              "Ajoutée à la collection"]
    assert view["history"]["intro"] == ("Les modifications de cette pratique, de la plus récente à la plus "
                                        "ancienne, d’après les commits du dépôt à partir duquel le site est "
                                        "construit.")
    recommendation = KINDS["recommendation"].view("r01", ctx)["history"]["intro"]
    assert recommendation.startswith("Les modifications de cette recommandation,")


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_a_practice_with_no_recorded_change_says_so_of_a_practice(lang: str) -> None:
    """A history that was read but holds nothing for the record (a file not yet committed): its
    page says no change to this practice, or to this recommendation, is recorded."""
    import dataclasses

    from gcmkb.changes import History

    kb = dataclasses.replace(KnowledgeBase.load(FIXTURES / "mini"), history=History.of_changes([]))
    ctx = kb.context(lang, lambda path: "/" + path, "https://kb.example/")
    labels = load_labels()[lang]
    for kind, rid, key in (("practice", "p001", "history_none_practice"), ("recommendation", "r01", "history_none")):
        history = KINDS[kind].view(rid, ctx)["history"]
        assert (history["state"], history["notice"]) == ("none", labels.t(key))
    assert labels.t("history_none_practice") != labels.t("history_none")


def test_under_serve_a_recommendation_s_edit_renders_the_practices_that_list_it_again(mini) -> None:
    from .test_validator import edit as edit_record

    before = KnowledgeBase.load(mini)
    edit_record(mini, "recommendations/r01.yml", "en: Joint data working groups", "en: Joint data teams")
    pages = {(p.kind, p.key) for p in KnowledgeBase.load(mini).changed_pages(before) or []}
    assert {("practice", "p001"), ("practice", "p002")} <= pages and ("practice", "p003") not in pages
