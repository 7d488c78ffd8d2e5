"""Translation status said once per page: a notice for what the page's texts are, naming the
recommendations it concerns when it does not concern them all; not a label on every list item,
table row or embed line, nor the notice and the facts saying the same thing twice."""

from __future__ import annotations

from .sitebuild import Site


def _notices(site: Site, page: str) -> list[tuple[str, str]]:
    return [(n["data-kb-status-notice"], n.get_text(" ", strip=True))
            for n in site.soup(page).select("[data-kb-status-notice]")]


def test_the_list_of_all_recommendations_says_the_status_once(mini_site: Site) -> None:
    en = mini_site.soup("en/recommendations/")
    assert en.select(".kb-table .kb-status") == [] and len(en.select(".kb-table thead th")) == 4
    assert _notices(mini_site, "en/recommendations/") == [
        ("draft", "Draft translation This translation is a draft: it has not yet been reviewed against the "
         "Arabic original. Recommendations concerned: r01, r03")]
    [(code, text)] = _notices(mini_site, "fr/recommendations/")  # every one a draft: none named
    assert code == "draft" and "concernées" not in text
    assert _notices(mini_site, "recommendations/") == []  # the Arabic is the source


def test_an_embedded_theme_says_the_status_once_not_on_each_line(mini_site: Site) -> None:
    embed = mini_site.soup("en/embed/themes/alpha/")
    assert embed.select(".kb-embed__list .kb-embed__status") == []
    assert [(c, t.rsplit(": ", 1)[-1]) for c, t in _notices(mini_site, "en/embed/themes/alpha/")] == [
        ("draft", "r01")]  # the theme and r01 are drafts, r02 is reviewed


def test_a_printed_document_says_the_status_once(mini_site: Site) -> None:
    soup = mini_site.soup("fr/print/sources/mini-dialogue/")
    assert [n.get("data-kb-status-notice") for n in soup.select(".kb-doc__notice")] == ["draft"]
    assert soup.select(".kb-doc__rec .kb-doc__notice") == []


def test_a_recommendation_page_says_its_status_once(mini_site: Site) -> None:
    draft = mini_site.soup("en/recommendations/r01/").select_one("article.kb-rec")
    assert draft.get_text().count("Draft translation") == 1
    assert draft.select(".kb-facts .kb-status") == []
    assert draft.select_one(".kb-notice a[href$='themes/alpha/parallel/#r01']") is not None
    reviewed = mini_site.soup("en/recommendations/r02/").select_one("article.kb-rec")
    assert reviewed.select_one(".kb-notice") is None
    assert [s.get_text() for s in reviewed.select(".kb-facts .kb-status")] == ["Reviewed translation"]
