"""Text as each language sets it (gcmkb/typography.py): the core's rules, then the real built site
read as a reader reads it (Arabic-Indic digits in Arabic, French no-break spaces and apostrophes,
isolated addresses, UN Arabic dates)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup, Comment, NavigableString

from gcmkb.catalog import load_catalog
from gcmkb.history_views import format_date
from gcmkb.labels import load_labels
from gcmkb.searchrecords import records, shown_in
from gcmkb.typography import address_parts, typeset, typeset_markdown

from .conftest import ROOT
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
            "(الغاية 10.7، المؤشر 16.2.2، الغاية 13.a)، انظر r07 و https://example.org/a/2026/. الهدف 16.")
    assert typeset(text, "ar") == (
        "اعتُمد في كانون الأول/ديسمبر ٢٠١٨ في القرار A/RES/73/195 والمقرر 2/CP.27، ويتضمن ٢٣ هدفاً "
        "(الغاية ١٠٫٧، المؤشر ١٦٫٢٫٢، الغاية 13.a)، انظر r07 و https://example.org/a/2026/. الهدف ١٦.")


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


def test_an_address_wraps_after_its_slashes_and_between_the_words_of_a_long_name() -> None:
    assert address_parts("https://gcm-champions.example.org/recommendations/r29/") == [
        "https://", "gcm-champions.example.org/", "recommendations/", "r29/"]
    assert address_parts("https://www.iom.int/planned-relocation-guidelines-framework?a=b-c") == [
        "https://", "www.iom.int/", "planned-", "relocation-", "guidelines-", "framework?a=b-", "c"]


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


def _latin_digits(text: str) -> bool:
    """Whether an Arabic text has a Latin digit outside its Latin runs."""
    return bool(ARABIC_LETTER.search(text)) and re.search("[0-9]", LATIN_WORD.sub("", text)) is not None


@pytest.mark.build
def test_arabic_text_has_no_latin_digit_outside_latin_runs(real_site: Site) -> None:
    found = []
    for page in _pages(real_site, ""):
        soup = real_site.soup(page)
        for node in _prose(soup, "ar") + _read_attributes(soup, "ar"):
            if _latin_digits(node):
                found.append(f"{page}: {node.strip()[:80]}")
    assert found == [], "\n".join(found[:20])
    assert len([p for p in _pages(real_site, "") if p.startswith(("practices/p", "countries/"))]) > 5
    definition = real_site.soup("glossary/global-compact-for-migration/").select_one("h1 ~ .kb-lead").get_text()
    assert "كانون الأول/ديسمبر ٢٠١٨" in definition and "٢٣ هدفاً" in definition
    notes = real_site.soup("recommendations/r12/").select_one(".kb-notes").get_text()
    assert "السطر ١٠٨" in notes


# a breaking space before « : ; ! ? » or after «, a straight apostrophe, or a mark glued to a word
# ("Pratiques: Fidji"; "10:30" and "?q=1" are not words)
UNFRENCH = re.compile(r"[ \t\n][:;!?»]|«[ \t\n]|'|[^\W\d_][:;!?»](?=\s|$)|«\w")
# the attributes whose words a reader meets: announced, shown on hover, in a field, under the
# page's title in a search engine
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
DESCRIPTIONS = "meta[name=description], meta[property='og:description'], meta[property='og:title']"


def _read_attributes(soup: BeautifulSoup, lang: str) -> list[str]:
    """The attribute values of `lang` a reader meets (not addresses)."""
    out = [m["content"] for m in soup.select(DESCRIPTIONS)]
    for tag in soup.find_all(True):
        marked = tag if tag.has_attr("lang") else tag.find_parent(attrs={"lang": True})
        if marked is not None and marked["lang"] == lang:
            out += [tag[a] for a in READ_ATTRIBUTES if isinstance(tag.get(a), str)]
    return [v for v in out if not v.startswith(("http://", "https://"))]


@pytest.mark.build
def test_french_text_has_no_breaking_space_before_marks_and_no_straight_apostrophe(real_site: Site) -> None:
    found = []
    for page in _pages(real_site, "fr/"):
        soup = real_site.soup(page)
        for node in _prose(soup, "fr") + list(soup.select("title")[0].strings) + _read_attributes(soup, "fr"):
            if UNFRENCH.search(node):
                found.append(f"{page}: {node.strip()[:80]!r}")
    assert found == [], "\n".join(found[:20])
    assert len([p for p in _pages(real_site, "fr/") if p.startswith(("fr/practices/p", "fr/countries/"))]) > 5
    description = real_site.soup("fr/countries/fj/").select_one("meta[name=description]")["content"]
    assert description == (f"Pratiques{NBSP}: Fidji. Champions du Pacte mondial{NBSP}: "
                           "recommandations et bonnes pratiques")
    description = real_site.soup("fr/about/").select_one("meta[name=description]")["content"]
    assert description == ("Le document source, la restauration du texte arabe, l’état des traductions et les notes "
                           "éditoriales.")
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


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _script_texts(site: Site, lang: str) -> dict[str, list[str]]:
    """What the scripts of `lang`'s pages show, read from the files they fetch: the interface's
    labels, and the titles and texts of the records shown in `lang` (search results, the brief)."""
    folder = site.directory / "assets"
    labels = json.loads((folder / f"i18n/{lang}.json").read_text("utf-8"))
    shown = [shown_in(r, lang) == lang for r in records(load_catalog(ROOT))]
    explore = json.loads((folder / f"search/{lang}.explore.json").read_text("utf-8"))["columns"]
    texts = [t for shard in sorted(folder.glob(f"search/{lang}.texts.*.json"))
             for t in json.loads(shard.read_text("utf-8"))]
    assert len(explore["t"]) == len(explore["x"]) == len(texts) == len(shown)
    brief = [json.loads(shard.read_text("utf-8")) for shard in sorted(folder.glob(f"brief/{lang}/*.json"))]
    return {"labels": _strings(labels["labels"]) + _strings(labels["counts"]),
            "results": [t for column in (explore["t"], explore["x"], texts)
                        for t, ok in zip(column, shown, strict=True) if ok],
            "brief": [t for shard in brief for t in _strings(shard["themes"]) + _strings(shard["objectives"])]
                     + [t for shard in brief for doc in shard["docs"].values() if doc.get("tl") is None
                        for t in _strings([doc["t"], doc["l"], doc["p"]])]}


@pytest.mark.build
def test_what_the_scripts_show_is_typeset_like_the_pages(real_site: Site) -> None:
    """Search results, the brief and the labels the scripts write are French and Arabic text too."""
    french, arabic = _script_texts(real_site, "fr"), _script_texts(real_site, "ar")
    assert {part: [t[:60] for t in texts if UNFRENCH.search(t)] for part, texts in french.items()} == \
        {"labels": [], "results": [], "brief": []}
    assert {part: [t[:60] for t in texts if _latin_digits(t)] for part, texts in arabic.items()} == \
        {"labels": [], "results": [], "brief": []}
    assert all(french.values()) and all(arabic.values())
    assert "Centres d’accueil des migrants sûrs et dignes" in french["results"]
    assert "Centres d’accueil des migrants sûrs et dignes" in french["brief"]
    assert f"Ajout au dossier{NBSP}: {{id}} ({{n}})." in french["labels"]


@pytest.mark.browser
def test_french_search_results_and_briefs_show_what_the_pages_show(page, real_site: Site) -> None:
    page.goto(real_site.url + "fr/search/?q=accueil")
    result = page.locator(".kb-explore__results .kb-results__item", has_text="r06")
    result.locator("[data-kb-excerpt]").wait_for()
    assert result.locator(".kb-results__title").inner_text() == "Centres d’accueil des migrants sûrs et dignes"
    assert result.locator(".kb-results__title mark").all_inner_texts() == ["d’accueil"]  # still found and marked
    page.goto(real_site.url + "fr/brief/?ids=r06,r09")
    titles = page.locator(".kb-brief__title")
    titles.nth(1).wait_for()
    assert titles.all_inner_texts() == [
        "r06 Centres d’accueil des migrants sûrs et dignes",
        "r09 Simplification de l’accès aux voies de migration sûres"]


@pytest.mark.browser
def test_evidence_addresses_wrap_between_words_on_a_phone(page, real_site: Site) -> None:
    """A practice's and a source's evidence: long addresses broke anywhere ("on.iom.i" + "nt/…")."""
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("practices/p004/", "fr/practices/p004/", "sources/champions-peer-exchange/"):
        page.goto(real_site.url + path)
        found = page.eval_on_selector_all("a > .kb-address", """es => es.map(e => {
            const lines = n => { const r = document.createRange(); r.selectNodeContents(n);
                                 return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; };
            const box = e.getBoundingClientRect(), line = e.closest('li, p').getBoundingClientRect();
            return [e.textContent === e.parentElement.getAttribute('href'), e.getAttribute('dir'),
                    [...e.children].filter(s => lines(s) > 1).map(s => s.textContent),
                    box.left >= line.left - 1 && box.right <= line.right + 1, lines(e) > 1]; })""")
        assert len(found) > 3, path
        assert [f for f in found if f[:4] != [True, "ltr", [], True]] == [], path
        if "practices" in path:
            assert any(f[4] for f in found), "some are longer than a line: they wrap, between words"
