"""No page lists more than `list_limit()` records: taxonomy and term pages show the first ones and
hand the rest to the explore page's filter; the table of all recommendations is split into pages.

The mini collection (3 recommendations) is built with the cap lowered to 2 (KB_LIST_LIMIT), so
every splitting happens on it: the principle "human-rights" serves all 3, objective 1 serves 2.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest
import yaml

from gcmkb import LANGUAGES
from gcmkb.catalog import load_catalog
from gcmkb.graph import build_graph
from gcmkb.site import KnowledgeBase
from gcmkb.views.records import list_pager
from gcmkb.views.search import search_view

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, free_port, make_project, serve

CAP = 2
PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
LABELS = {lang: yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8")) for lang in LANGUAGES}
RECORD = re.compile(r"^(?:en/|fr/)?recommendations/(r\d+)/$")  # a record's page, from the site root
# pages that follow a source document, not the collection (issue 22): a theme is one section of
# the document, and its parallel, printable and embedded views with it
FOLLOW_A_DOCUMENT = re.compile(r"^(themes/[^/]+/|themes/[^/]+/parallel/|print/.*|embed/.*)$")


@pytest.fixture(scope="module")
def capped_site(tmp_path_factory: pytest.TempPathFactory):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    project = make_project(tmp_path_factory.mktemp("capped") / "project", FIXTURES / "mini")
    run = build(project, url, env={"KB_LIST_LIMIT": str(CAP), "KB_PDF": "0"})
    assert run.returncode == 0, run.stdout + run.stderr
    server = serve(project / "site", port)
    yield Site(project / "site", url)
    server.shutdown()


def _unprefixed(page: str) -> str:
    for prefix in ("en/", "fr/"):
        if page.startswith(prefix):
            return page[len(prefix):]
    return page


def _record(site: Site, page: str, href: str) -> str | None:
    target = site.resolve(page, href)
    return m.group(1) if target and (m := RECORD.match(target[0])) else None


def _records(site: Site, page: str) -> list[str]:
    """The records a page's main content links to, in order (a record's page: not itself)."""
    main = site.soup(page).select_one(".md-content")
    itself = _record(site, page, "")
    linked = dict.fromkeys(_record(site, page, a["href"]) for a in main.select("a[href]"))
    return [r for r in linked if r and r != itself]


def test_no_page_lists_more_records_than_the_cap(capped_site: Site) -> None:
    pages = [p for p in capped_site.pages() if p.endswith("/") or p == ""]
    checked = [p for p in pages if not FOLLOW_A_DOCUMENT.match(_unprefixed(p))]
    assert {"principles/human-rights/", "en/recommendations/page/2/", "fr/status/page/2/", "search/"} <= set(checked)
    over = {p: n for p in checked if (n := len(_records(capped_site, p))) > CAP}
    assert over == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_table_of_all_recommendations_is_split_into_pages(capped_site: Site, lang: str) -> None:
    t, first, second = LABELS[lang], PREFIX[lang] + "recommendations/", PREFIX[lang] + "recommendations/page/2/"
    assert [_records(capped_site, p) for p in (first, second)] == [["r01", "r02"], ["r03"]]
    digits = (lambda n: str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))) if lang == "ar" else str
    soup = capped_site.soup(second)
    assert soup.select_one("[data-kb-page-of]").get_text() == t["page_of"].format(page=digits(2), pages=digits(2))
    pager = soup.select_one("nav[data-kb-pages]")
    assert pager["aria-label"] == t["pages_nav"]
    assert [a.get_text() for a in pager.select(".kb-pages__list a")] == [digits(1)]
    assert pager.select_one("[aria-current=page]").get_text() == digits(2)
    assert capped_site.resolve(second, pager.select_one("a[rel=prev]")["href"]) == (first, "")
    assert capped_site.resolve(first, capped_site.soup(first).select_one("nav[data-kb-pages] a[rel=next]")["href"]) \
        == (second, "")
    assert t["page_of"].format(page=digits(2), pages=digits(2)) in soup.title.get_text()
    # a real page source: in the sitemap and in the other languages' switcher
    sitemap = (capped_site.directory / "sitemap.xml").read_text("utf-8")
    assert capped_site.url + second in sitemap
    assert {a["hreflang"] for a in soup.select('link[rel="alternate"][hreflang]')} >= set(LANGUAGES)


def test_the_translation_dashboard_is_split_like_the_table_of_all(capped_site: Site) -> None:
    first, second = capped_site.soup("en/status/"), capped_site.soup("en/status/page/2/")
    assert [_records(capped_site, p) for p in ("en/status/", "en/status/page/2/")] == [["r01", "r02"], ["r03"]]
    assert [len(s.select(".kb-status-table tbody tr")) for s in (first, second)][1] == 1  # themes, entries: first
    totals = [s.select_one(".kb-status-totals").get_text(" ", strip=True) for s in (first, second)]
    rows = sum(len(s.select(".kb-status-table tbody tr")) for s in (first, second))
    source = first.select_one(".kb-status-totals .kb-status--source").get_text()
    assert totals[0] == totals[1] and source == f"{LABELS['en']['status_source']}: {rows}"  # all, on every page
    assert second.select_one("[data-kb-page-of]").get_text() == LABELS["en"]["page_of"].format(page=2, pages=2)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_taxonomy_page_shows_the_first_and_hands_the_rest_to_explore(capped_site: Site, lang: str) -> None:
    t, page = LABELS[lang], PREFIX[lang] + "principles/human-rights/"
    assert _records(capped_site, page) == ["r01", "r02"]
    more = capped_site.soup(page).select_one("[data-kb-more]")
    digits = {"ar": ("٢", "٣")}.get(lang, ("2", "3"))
    assert more.select_one("span").get_text() == t["list_shown"].format(shown=digits[0], total=digits[1])
    link = more.select_one("a")
    assert link.get_text() == t["list_see_all"]
    target = urllib.parse.urljoin(capped_site.url + page, link["href"])
    assert target == capped_site.url + PREFIX[lang] + "search/?principle=human-rights"
    # a page whose whole list fits says nothing more
    assert capped_site.soup(PREFIX[lang] + "objectives/1/").select_one("[data-kb-more]") is None


@pytest.mark.browser
def test_the_hand_off_finds_every_record_of_the_entry(capped_site: Site, browser) -> None:
    """Followed in Chromium on a phone, the link's filter lists all 3, not the 2 shown."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(capped_site.url + "en/principles/human-rights/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        with tab.expect_navigation():  # the explore page, not the entry's page before it leaves
            tab.locator("[data-kb-more] a").click()
        tab.wait_for_function("document.querySelector('[data-kb-status]')?.textContent"
                              f" !== {json.dumps(LABELS['en']['search_loading'])}"
                              " && document.querySelector('[data-kb-status]') !== null")
        found = tab.locator("[data-search-results] .kb-results__item a").evaluate_all(
            "links => links.map(a => a.href)")
        page = tab.url[len(capped_site.url):]
        assert sorted({r for h in found if (r := _record(capped_site, page, h))}) == ["r01", "r02", "r03"]
        tab.goto(capped_site.url + "recommendations/page/2/")
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
        tab.screenshot(path=str(capped_site.directory.parent / "list-page-2-ar-390.png"), full_page=True)
    finally:
        context.close()


def test_an_edit_rebuilds_the_page_of_the_table_that_shows_the_record(mini, monkeypatch) -> None:
    """Under `serve`, a changed text re-renders the one page of the table its row is on."""
    monkeypatch.setenv("KB_LIST_LIMIT", str(CAP))
    graph = build_graph(load_catalog(mini))
    assert {key for kind, key in graph.readers("r03") if kind == "recommendations"} == {"2"}
    assert {key for kind, key in graph.readers("r01") if kind == "recommendations"} == {""}


def test_the_explore_page_without_script_lists_the_first_records_by_theme(capped_site: Site) -> None:
    soup = capped_site.soup("en/search/")
    groups = {g.select_one("h2 a")["href"]: [capped_site.resolve("en/search/", a["href"])[0]
                                             for a in g.select(".kb-list a")]
              for g in soup.select(".kb-explore__group")}
    assert groups == {"../themes/alpha/": ["en/recommendations/r01/", "en/recommendations/r02/"],
                      "../themes/beta/": [], "../practices/": []}  # the cap is reached before the practices


def test_a_theme_cut_short_on_the_explore_page_leads_to_its_page(mini, monkeypatch) -> None:
    monkeypatch.setenv("KB_LIST_LIMIT", "1")
    ctx = KnowledgeBase.load(mini).context("ar", lambda path: "/" + path, "https://kb.example/")
    alpha, beta = search_view("", ctx)["groups"]
    assert [r["id"] for r in alpha["recommendations"]] == ["r01"]
    assert alpha["more"] == {"label": "تُعرض أول ١ من ٢", "link_label": "جميعها في صفحة المحور",
                             "href": "/themes/alpha/"}
    assert (beta["recommendations"], beta["more"]) == ([], None)



def test_practices_cut_short_on_the_explore_page_lead_to_their_page(mini, monkeypatch) -> None:
    monkeypatch.setenv("KB_LIST_LIMIT", "4")  # three recommendations, then one practice of three
    ctx = KnowledgeBase.load(mini).context("en", lambda path: "/" + path, "https://kb.example/")
    practices = search_view("", ctx)["practices"]
    assert [p["id"] for p in practices["recommendations"]] == ["p001"]
    assert practices["more"] == {"label": "Showing the first 1 of 3", "link_label": "All on the practices page",
                                 "href": "/en/practices/"}


def test_a_long_list_of_pages_shows_the_ends_and_the_neighbours(mini) -> None:
    ctx = KnowledgeBase.load(mini).context("ar", lambda path: "/" + path, "https://kb.example/")
    pager = list_pager(50, 100, "recommendations/", ctx)
    assert [p and p["number"] for p in pager["pages"]] == ["١", None, "٤٨", "٤٩", "٥٠", "٥١", "٥٢", None, "١٠٠"]
    assert pager["label"] == "الصفحة ٥٠ من ١٠٠" and pager["previous"] == "/recommendations/page/49/"
    assert [p["href"] for p in list_pager(1, 3, "recommendations/", ctx)["pages"]] == [
        "/recommendations/", "/recommendations/page/2/", "/recommendations/page/3/"]
    assert list_pager(1, 1, "recommendations/", ctx) is None


def test_counts_group_thousands_in_each_language(mini) -> None:
    kb = KnowledgeBase.load(mini)
    assert [kb.labels[lang].count("count_recommendations", 2954) for lang in LANGUAGES] == [
        "٢٬٩٥٤ توصية", "2,954 recommendations", "2\u202f954 recommandations"]
