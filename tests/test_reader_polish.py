"""Small things a reader meets on the real site (issue 19, "Smaller"): each asserted on the built
pages with selectors, or in Chromium where only the layout tells."""

from __future__ import annotations

import pytest
from bs4 import NavigableString

from gcmkb.labels import load_labels

from .sitebuild import Site

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}


@pytest.mark.build
def test_a_theme_card_link_holds_no_space_to_underline(real_site: Site) -> None:
    for prefix in PREFIX.values():
        links = real_site.soup(prefix + "themes/").select(".kb-theme-card > a")
        assert links
        for a in links:
            assert [c for c in a.children if isinstance(c, NavigableString)] == []
            assert [c["class"] for c in a.children] == [["kb-theme-card__num"], ["kb-theme-card__title"]]


@pytest.mark.build
def test_a_recommendation_is_listed_once_among_related_and_referring(real_site: Site) -> None:
    shown_twice, related_back = [], []
    for n in range(1, 36):
        soup = real_site.soup(f"en/recommendations/r{n:02d}/")
        related = {a.select_one(".kb-id").get_text() for a in soup.select("section[aria-labelledby=related] a")}
        referring = {a.select_one(".kb-id").get_text()
                     for a in soup.select("section[aria-labelledby=referenced-by] a")}
        shown_twice += [f"r{n:02d}: {sorted(related & referring)}"] if related & referring else []
        # a pair that relates both ways: the case that used to be listed twice
        related_back += [r for r in related
                         if f"r{n:02d}" in {a.select_one(".kb-id").get_text() for a in real_site.soup(
                             f"en/recommendations/{r}/").select("section[aria-labelledby=related] a")}]
    assert shown_twice == []
    assert related_back, "the collection should have two recommendations that relate to each other"


@pytest.mark.build
def test_the_source_line_gives_readers_the_theme_and_position_and_editors_the_extraction_line(
        real_site: Site) -> None:
    expected = {"": ("المحور ٤ (التنقل البشري وتغير المناخ)، التوصية ٧ من ٨", "السطر ٢٢٧"),
                "en/": ("Theme 4 (Human mobility and climate change), recommendation 7 of 8", "line 227"),
                "fr/": ("Thème 4 (Mobilité humaine et climat), recommandation 7 sur 8", "ligne 227")}
    for prefix, (reader, editor) in expected.items():
        soup = real_site.soup(prefix + "recommendations/r29/")
        facts = {dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
                 for dt in soup.select(".kb-facts > dt")}
        assert facts[load_labels()[prefix[:2] or "ar"].t("source_heading")] == reader
        assert editor in soup.select_one(".kb-notes [data-kb-source]").get_text()


@pytest.mark.build
def test_the_navigation_opens_with_home_not_the_site_name_again(real_site: Site) -> None:
    labels = load_labels()
    for lang, prefix in PREFIX.items():
        for page in ("themes/", "practices/", "practices/p004/", "countries/fj/", "sources/champions-peer-exchange/"):
            entries = real_site.soup(prefix + page).select(".md-sidebar--primary .md-nav__list > .md-nav__item > a")
            assert entries[0].get_text(strip=True) == labels[lang].t("home"), prefix + page
            assert labels[lang].t("site_name") not in [a.get_text(strip=True) for a in entries], prefix + page


@pytest.mark.build
def test_the_guiding_principles_cite_their_source(real_site: Site) -> None:
    expected = {"": "القرار A/RES/73/195، الفقرة ١٥", "en/": "Resolution A/RES/73/195, paragraph 15",
                "fr/": "Résolution A/RES/73/195, paragraphe 15"}
    for prefix, source in expected.items():
        for page in ("principles/", "principles/human-rights/"):
            cited = real_site.soup(prefix + page).select_one("[data-kb-source]")
            assert cited is not None and cited.get_text().endswith(source), page
    assert real_site.soup("principles/").select_one("[data-kb-source] bdi[dir=ltr]").get_text() == "A/RES/73/195"
    assert real_site.soup("actors/").select_one("[data-kb-source]") is None  # no source is claimed for the others


@pytest.mark.build
def test_the_glossary_has_an_index_by_letter_of_each_language(real_site: Site) -> None:
    for prefix, letter, term in (("", "ه", "الهجرة غير النظامية"), ("en/", "M", "migration detention"),
                                 ("fr/", "E", "échange de données")):
        soup = real_site.soup(prefix + "glossary/")
        index = [(a.get_text(), a["href"]) for a in soup.select("nav.kb-letters a")]
        sections = soup.select("[data-kb-glossary] section")
        assert [(s.h2.get_text(), "#" + s.h2["id"]) for s in sections] == index
        assert len(index) == len({text for text, _ in index}) > 5
        by_letter = {s.h2.get_text(): [a.get_text() for a in s.select("dt > a")] for s in sections}
        assert term in by_letter[letter]
        assert sum(len(terms) for terms in by_letter.values()) == len(soup.select("[data-kb-glossary] dt > a"))


@pytest.mark.browser
def test_french_facts_give_their_values_the_width_and_tables_a_gap(page, real_site: Site) -> None:
    for path in ("fr/recommendations/r29/", "fr/practices/p004/", "fr/sources/champions-peer-exchange/"):
        page.goto(real_site.url + path)
        widths = page.eval_on_selector_all(".kb-facts > dd", "ds => ds.map(d => d.getBoundingClientRect().width)")
        assert len(widths) > 5 and min(widths) > 400, path  # 290 before: the longest French label took the rest
    for path in ("principles/", "fr/principles/"):
        page.goto(real_site.url + path)
        gaps = page.eval_on_selector_all(".kb-table tbody tr", """rows => rows.map(tr => {
            const [a, b] = [...tr.cells].map(c => { const r = document.createRange(); r.selectNodeContents(c);
                                                 return r.getBoundingClientRect(); });
            return getComputedStyle(tr).direction === 'rtl' ? a.left - b.right : b.left - a.right; })""")
        assert min(gaps) >= 12, path
