"""Text as each language sets it (gcmkb/typography.py): the core's rules, then the real built site
read as a reader reads it (Arabic-Indic digits in Arabic, French no-break spaces and apostrophes,
isolated addresses, UN Arabic dates)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString

from gcmkb.history_views import format_date
from gcmkb.labels import load_labels
from gcmkb.typography import typeset, typeset_markdown

from .sitebuild import Site

NBSP, NNBSP = "\u00a0", "\u202f"
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
# a word with a Latin letter in it (A/RES/73/195, r07, UTF-8, 2/CP.27, an address) and the Latin
# words that follow it (CC BY 4.0): keep their digits
LATIN_WORD = re.compile(r"\S*[A-Za-z]\S*(?: [A-Za-z0-9]\S*)*")
NOT_PROSE = ("script", "style", "code", "pre", "textarea", "kbd", "samp")


# --- the core ----------------------------------------------------------------------------------

def test_arabic_takes_arabic_indic_digits_and_latin_runs_and_addresses_keep_theirs() -> None:
    text = ("اعتُمد في كانون الأول/ديسمبر 2018 في القرار A/RES/73/195 والمقرر 2/CP.27، ويتضمن 23 هدفاً "
            "(الغاية 10.7، المؤشر 16.2.2)، انظر r07 و https://example.org/a/2026/.")
    assert typeset(text, "ar") == (
        "اعتُمد في كانون الأول/ديسمبر ٢٠١٨ في القرار A/RES/73/195 والمقرر 2/CP.27، ويتضمن ٢٣ هدفاً "
        "(الغاية ١٠٫٧، المؤشر ١٦٫٢٫٢)، انظر r07 و https://example.org/a/2026/.")


def test_french_takes_no_break_spaces_and_typographic_apostrophes_but_not_in_addresses() -> None:
    text = "L'objectif 16 : « voir » ; oui ! Non ? https://example.org/l'a?q=1 : fin"
    assert typeset(text, "fr") == (f"L’objectif 16{NBSP}: «{NBSP}voir{NBSP}»{NNBSP}; oui{NNBSP}! Non{NNBSP}? "
                                   f"https://example.org/l'a?q=1{NBSP}: fin")
    assert typeset("10:30, a?b", "fr") == "10:30, a?b"  # no space was there: none is added


def test_english_is_set_as_written_and_typesetting_twice_changes_nothing() -> None:
    assert typeset("Objective 16: the migrants' rights ; 2018", "en") == "Objective 16: the migrants' rights ; 2018"
    for lang, text in (("ar", "الهدف 16. انظر A/RES/73/195"), ("fr", "L'objectif 16 : « voir » ?")):
        assert typeset(typeset(text, lang), lang) == typeset(text, lang)


def test_hand_written_pages_are_typeset_outside_code_links_and_list_markers() -> None:
    markdown = ("1. Modifiez l'arabe : voir `l'id : r07` et [la page](https://example.org/l'a?b=1 'x : y').\n"
                "```\nl'exemple : 1\n```\n<span title=\"a : b\">c'est</span>\n")
    assert typeset_markdown(markdown, "fr") == (
        f"1. Modifiez l’arabe{NBSP}: voir `l'id : r07` et [la page](https://example.org/l'a?b=1 'x : y').\n"
        "```\nl'exemple : 1\n```\n<span title=\"a : b\">c’est</span>\n")
    assert typeset_markdown("1. في السطر 12 من `r 12`\n", "ar") == "1. في السطر ١٢ من `r 12`\n"


def test_arabic_dates_name_the_month_as_un_documents_do() -> None:
    labels = load_labels()
    assert format_date(date(2026, 11, 30), labels["ar"]) == "٣٠ تشرين الثاني/نوفمبر ٢٠٢٦"
    assert format_date(date(2026, 6, 1), labels["ar"]) == "١ حزيران/يونيه ٢٠٢٦"
    assert all(re.fullmatch(r"[\u0621-\u064a ]+/[\u0621-\u064a]+", m) for m in labels["ar"].entries["months"])
    assert format_date(date(2026, 11, 1), labels["fr"]) == "1er novembre 2026"


def test_an_arabic_address_is_a_link_and_a_title_a_title() -> None:
    """«عنوان» is a title; the address of a page is «رابط»."""
    ar = load_labels()["ar"].entries
    titled = {k for k, v in ar.items() if isinstance(v, str) and "عنوان" in v}
    assert titled == {"column_title", "working_rendering", "brief_title_label", "brief_intro",
                      "change_title_ar", "change_title_en", "change_title_fr"}
    assert ar["brief_link"] == "رابط هذه المذكرة"


# --- the real site -----------------------------------------------------------------------------

def _prose(soup: BeautifulSoup, lang: str) -> list[NavigableString]:
    """The text nodes a reader reads in `lang`: not code, scripts or other languages' runs."""
    out = []
    for node in soup.find_all(string=True):
        if isinstance(node, Comment) or node.find_parent(NOT_PROSE) is not None:
            continue
        marked = node.parent if node.parent.has_attr("lang") else node.parent.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] == lang:
            out.append(node)
    return out


def _pages(site: Site, prefix: str) -> list[str]:
    others = [p for p in ("en/", "fr/") if p != prefix]
    return [p for p in site.pages() if p.startswith(prefix) and not p.startswith(tuple(others))]


@pytest.mark.build
def test_arabic_text_has_no_latin_digit_outside_latin_runs(real_site: Site) -> None:
    found = []
    for page in _pages(real_site, ""):
        for node in _prose(real_site.soup(page), "ar"):
            if ARABIC_LETTER.search(node) and re.search("[0-9]", LATIN_WORD.sub("", node)):
                found.append(f"{page}: {node.strip()[:80]}")
    assert found == [], "\n".join(found[:20])
    definition = real_site.soup("glossary/global-compact-for-migration/").select_one("h1 ~ .kb-lead").get_text()
    assert "كانون الأول/ديسمبر ٢٠١٨" in definition and "٢٣ هدفاً" in definition
    notes = real_site.soup("recommendations/r12/").select_one(".kb-notes").get_text()
    assert "السطر ١٠٨" in notes


@pytest.mark.build
def test_french_text_has_no_breaking_space_before_marks_and_no_straight_apostrophe(real_site: Site) -> None:
    found = []
    for page in _pages(real_site, "fr/"):
        soup = real_site.soup(page)
        for node in _prose(soup, "fr") + list(soup.select("title")[0].strings):
            if re.search(r"[ \t\n][:;!?»]|«[ \t\n]|'", node):
                found.append(f"{page}: {node.strip()[:80]!r}")
    assert found == [], "\n".join(found[:20])
    cite = real_site.soup("fr/recommendations/r29/").select_one("#cite-text").get_text()
    assert f"recommandation r29{NBSP}: Outils" in cite
    title = real_site.soup("fr/").select_one("title").get_text()
    assert title.startswith(f"Accueil - Champions du Pacte mondial{NBSP}:")


@pytest.mark.build
def test_every_address_in_arabic_pages_is_isolated_left_to_right(real_site: Site) -> None:
    found = []
    for page in _pages(real_site, ""):
        for node in real_site.soup(page).find_all(string=re.compile("https?://")):
            if node.find_parent(NOT_PROSE) is None and node.find_parent(attrs={"dir": "ltr"}) is None:
                found.append(f"{page}: {node.strip()[:80]}")
    assert found == [], "\n".join(found)
    cite = real_site.soup("recommendations/r29/").select_one("#cite-text bdi.kb-address[dir=ltr]")
    assert cite.get_text() == real_site.soup("recommendations/r29/").select_one("#permalink")["href"]


@pytest.mark.browser
def test_the_arabic_citation_address_is_not_broken_across_lines(page, real_site: Site) -> None:
    """It read "https://gcm- .٢٠٢٦": broken after "gcm-", beside the date's full stop."""
    page.goto(real_site.url + "recommendations/r29/")
    lines = page.eval_on_selector("#cite-text .kb-address", """e => {
        const r = document.createRange(); r.selectNodeContents(e);
        return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size }""")
    assert lines == 1
    page.set_viewport_size({"width": 390, "height": 844})
    box = page.eval_on_selector("#cite-text .kb-address", "e => [e.getBoundingClientRect().left, "
                                "e.getBoundingClientRect().right, e.parentElement.getBoundingClientRect().left, "
                                "e.parentElement.getBoundingClientRect().right]")
    assert box[2] - 1 <= box[0] and box[1] <= box[3] + 1  # wrapped inside its paragraph, not past the screen
    parts = page.eval_on_selector_all("#cite-text .kb-address > span", """ss => ss.map(s => [s.textContent,
        new Set([...s.getClientRects()].map(x => Math.round(x.top))).size])""")
    assert "".join(text for text, _ in parts) == page.get_attribute("#permalink", "href")
    assert [text for text, lines in parts if lines > 1] == []  # it wraps after a slash, not after "gcm-"
    assert len({top for top in page.eval_on_selector_all(
        "#cite-text .kb-address > span", "ss => ss.map(s => Math.round(s.getBoundingClientRect().top))")}) > 1
