"""Source documents on the built site: a page per document in each language, the list of them, the
document on every recommendation page and in its citation (mini fixture: two documents, one with
everything known and one with nothing known)."""

from __future__ import annotations

import json

import pytest

from gcmkb.labels import load_labels

from .sitebuild import Site

LABELS = load_labels()


def test_sources_index_lists_every_document_in_each_language(mini_site: Site) -> None:
    for prefix, lang in (("", "ar"), ("en/", "en"), ("fr/", "fr")):
        soup = mini_site.soup(f"{prefix}sources/")
        t = LABELS[lang].t
        assert soup.select_one("h1").get_text(strip=True) == t("sources")
        rows = soup.select("[data-kb-sources] tbody tr")
        assert [r["id"] for r in rows] == ["mini-dialogue", "mini-report"]
        assert [r.select_one("a")["href"] for r in rows] == ["mini-dialogue/", "mini-report/"]
        assert rows[1].select("td")[1].get_text(strip=True) == t("not_known")
    assert [r.select("td")[1].get_text(strip=True) for r in mini_site.soup("sources/").select("tbody tr")][0] \
        == "٢٨–٣٠ تشرين الثاني/نوفمبر ٢٠٢٣"
    assert mini_site.soup("en/sources/").select("tbody tr td")[1].get_text(strip=True) == "28–30 November 2023"
    assert mini_site.soup("fr/sources/").select("tbody tr td")[1].get_text(strip=True) == "du 28 au 30 novembre 2023"


def test_source_page_says_what_when_where_and_lists_its_recommendations_in_order(mini_site: Site) -> None:
    en = mini_site.soup("en/sources/mini-dialogue/")
    assert en.select_one("h1").get_text(strip=True) == "Summary of a test dialogue"
    assert en.select_one("[data-kb-source-kind]").get_text(strip=True) == "Summary of a dialogue"
    facts = {dd["data-kb-fact"]: dd for dd in en.select("[data-kb-source-facts] dd")}
    assert facts["place"].get_text(" ", strip=True).startswith("Accra, Ghana")
    assert facts["organiser"].get_text(" ", strip=True).startswith("A test organiser")
    assert facts["published"].select_one("a")["href"] == "https://example.org/dialogue.pdf"
    assert facts["original_language"].get_text(" ", strip=True).startswith("English")
    assert [a["href"] for a in facts["date"].select(".kb-fact__evidence a")] == ["https://example.org/dialogue"]
    assert [a.get_text(strip=True) for a in en.select("#source-recommendations .kb-id")] == ["r01", "r02"]
    assert [a["href"] for a in en.select("[data-kb-source-themes] a")] == ["../../themes/alpha/"]
    assert [a["href"] for a in en.select(".kb-actions a")] == [  # its own printable document and PDF
        "../../print/sources/mini-dialogue/", "../../../pdf/en/sources/mini-dialogue.pdf"]
    fr = mini_site.soup("fr/sources/mini-report/")
    assert fr.select_one("[data-kb-source-kind]").get_text(strip=True) == "Rapport de réunion"
    unknown = fr.select("[data-kb-source-facts] dd[data-kb-not-known]")
    assert [dd["data-kb-fact"] for dd in unknown] == ["date", "place", "organiser", "original_language", "published"]
    assert unknown[0].select_one("strong").get_text(strip=True) == "Inconnu"
    assert unknown[0].select_one(".kb-fact__note").get_text(strip=True) == "La date n’est pas connue."
    assert [a.get_text(strip=True) for a in fr.select("#source-recommendations .kb-id")] == ["r03"]
    ar = mini_site.soup("sources/mini-report/")
    assert ar.select_one("[data-kb-fact=date] strong").get_text(strip=True) == "غير معروف"
    # the language of the original in the reader's language
    assert mini_site.soup("sources/mini-dialogue/").select_one(
        "[data-kb-fact=original_language]").get_text(" ", strip=True).startswith("الإنجليزية")
    assert mini_site.soup("fr/sources/mini-dialogue/").select_one(
        "[data-kb-fact=original_language]").get_text(" ", strip=True).startswith("anglais")


def test_recommendation_names_its_document_on_its_page_and_in_its_citation(mini_site: Site) -> None:
    for page, title in (("recommendations/r01/", "ملخص حوار تجريبي"),
                        ("en/recommendations/r03/", "Report of a test meeting"),
                        ("fr/recommendations/r02/", "Résumé d’un dialogue d’essai")):
        soup = mini_site.soup(page)
        link = soup.select_one("[data-kb-source-document] a")
        assert link.get_text(strip=True) == title, page
        assert link["href"].endswith("sources/" + ("mini-report" if "r03" in page else "mini-dialogue") + "/")
        assert soup.select_one("#cite-text").get_text(" ", strip=True).startswith(title), page
    en = mini_site.soup("en/recommendations/r01/")
    assert en.select_one("[data-kb-source-document]").get_text(" ", strip=True) == \
        "Summary of a test dialogue (28–30 November 2023)"
    part_of = json.loads(mini_site.soup("fr/recommendations/r03/").select_one(
        'script[type="application/ld+json"]').string)["isPartOf"]
    assert part_of == {"@type": "CreativeWork", "name": "Rapport d'une réunion d'essai",
                       "url": mini_site.url + "fr/sources/mini-report/"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_explore_filters_by_source_document(page, mini_site: Site, lang: str) -> None:
    prefix = {"ar": "", "en": "en/", "fr": "fr/"}[lang]
    page.goto(mini_site.url + prefix + "search/?source=mini-report")
    page.locator("[data-search-results] .kb-results__item").first.wait_for()
    assert page.input_value("#kb-facet-source") == "mini-report"
    links = page.eval_on_selector_all("[data-search-results] .kb-results__item a",
                                      "as => as.map(a => a.getAttribute('href'))")
    assert [h.split("/")[-2] for h in links if "/recommendations/r" in h] == ["r03"]
    title = LABELS[lang].entries
    assert page.locator("#kb-facet-source option[value=mini-dialogue]").inner_text().startswith(
        {"ar": "ملخص حوار تجريبي", "en": "Summary of a test dialogue", "fr": "Résumé d’un dialogue d’essai"}[lang])
    assert page.locator("label[for=kb-facet-source]").inner_text() == title["source_document"]
    page.locator("[data-kb-filters-toggle]").click()  # the filters fold behind their button
    page.select_option("#kb-facet-source", "mini-dialogue")
    page.wait_for_function("location.search.includes('source=mini-dialogue')")
    page.wait_for_function("document.querySelectorAll('[data-search-results] .kb-results__item').length == 2")


def test_real_site_every_recommendation_names_the_accra_summary(real_site: Site) -> None:
    """The real collection's one source: on every recommendation page and in its citation, and its
    page cites the public addresses of what is known and says what is not."""
    for prefix, lang in (("", "ar"), ("en/", "en"), ("fr/", "fr")):
        title = None
        for n in range(1, 36):
            soup = real_site.soup(f"{prefix}recommendations/r{n:02d}/")
            link = soup.select_one("[data-kb-source-document] a")
            assert link is not None and link["href"] == "../../sources/champions-peer-exchange/", (lang, n)
            title = title or link.get_text(strip=True)
            assert link.get_text(strip=True) == title
            assert soup.select_one("#cite-text").get_text().startswith(title), (lang, n)
        page = real_site.soup(f"{prefix}sources/champions-peer-exchange/")
        assert page.select_one("h1").get_text(strip=True) == title
        facts = {dd["data-kb-fact"]: dd for dd in page.select("[data-kb-source-facts] dd")}
        assert [k for k, dd in facts.items() if dd.has_attr("data-kb-not-known")] == ["original_language",
                                                                                       "published"]
        assert "https://westafrica.ohchr.org/spip.php?page=article&id_article=455" in [
            a["href"] for a in facts["date"].select(".kb-fact__evidence a")]
        assert len(page.select("#source-recommendations li")) == 35
        assert page.select_one(".kb-actions a[type='application/pdf']")["href"].endswith(
            f"pdf/{lang}/sources/champions-peer-exchange.pdf")
    assert real_site.soup("en/sources/champions-peer-exchange/").select_one(
        "[data-kb-fact=date]").get_text(" ", strip=True).startswith("28–30 November 2023")
