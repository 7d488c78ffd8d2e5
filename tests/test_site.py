"""Strict builds of the fixture and of the real collection, asserted with selectors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from gcmkb import LANGUAGES
from gcmkb.labels import load_labels

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, make_project

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
NEUTRAL_PAGES = [
    "", "about/", "themes/", "themes/alpha/", "themes/alpha/parallel/", "themes/beta/",
    "themes/beta/parallel/", "recommendations/", "recommendations/r01/", "recommendations/r02/",
    "recommendations/r03/", "search/", "brief/", "status/", "whats-new/", "data/", "contribute/",
    "print/sources/mini-dialogue/", "print/sources/mini-report/", "print/alpha/", "print/beta/", "sources/",
    "sources/mini-dialogue/", "sources/mini-report/",
    "practices/", "practices/p001/", "practices/p002/", "practices/p003/", "countries/gh/", "countries/ma/",
    "countries/sn/",
    "embed/themes/alpha/", "embed/themes/beta/", "embed/recommendations/r01/", "embed/recommendations/r02/",
    "embed/recommendations/r03/", "objectives/", *[f"objectives/{n}/" for n in range(1, 24)],
    "actors/", "actors/member-states/", "actors/civil-society/", "topics/", "topics/data/",
    "topics/detention/", "principles/", "principles/human-rights/", "principles/child-sensitive/",
    "glossary/", "glossary/migration-detention/", "glossary/data-sharing/", "accessibility/", "privacy/",
]


def lang_of(page: str) -> str:
    first = page.split("/", 1)[0]
    return first if first in ("en", "fr") else "ar"


def test_golden_list_of_output_pages(mini_site: Site) -> None:
    expected = sorted([PREFIX[lang] + p for lang in LANGUAGES for p in ["404.html", *NEUTRAL_PAGES]])
    assert sorted(mini_site.pages()) == expected
    for lang in ("en", "fr"):
        assert (mini_site.directory / lang / "sitemap.xml").exists()


def test_every_page_names_its_edition_publisher_and_licence_in_its_language(mini_site: Site) -> None:
    """The footer of every page (the colophon of a printable one): a copy without its repository
    says its edition is not dated; the licence is CC BY 4.0, in the reader's language; every page
    with the site's footer links the accessibility statement and the privacy note."""
    labels = load_labels()
    footers = 0
    for page in mini_site.pages():
        if "embed/" in page:  # a frame inside another site: its own small chrome
            continue
        lang, soup = lang_of(page), mini_site.soup(page)
        t = labels[lang].t
        footer = soup.select_one("[data-kb-footer]")
        assert footer is not None, page
        assert footer.select_one("[data-kb-publisher]") is None, page  # no publisher set: none named
        assert t("site_name") not in footer.get_text(), page
        edition = footer.select_one("[data-kb-edition]")
        assert (edition["data-kb-edition"], edition.get_text()) == ("undated", t("edition_undated")), page
        licence = footer.select_one("[data-kb-licence]")
        assert licence.get_text(" ", strip=True) == t("licence_texts_data") + " CC BY 4.0"
        assert licence.a["rel"] == ["license"]
        assert licence.a["href"] == f"https://creativecommons.org/licenses/by/4.0/deed.{lang}"
        if "print/" in page:
            continue
        links = {a["data-kb-footer-link"]: (a.get_text(), mini_site.resolve(page, a["href"]))
                 for a in soup.select(".md-footer [data-kb-footer-link]")}
        assert links == {"accessibility": (t("accessibility"), (PREFIX[lang] + "accessibility/", "")),
                         "privacy": (t("privacy"), (PREFIX[lang] + "privacy/", ""))}, page
        footers += 1
    assert footers == 3 * (len(NEUTRAL_PAGES) - 4 - 5 + 1)  # every language: all but print and embed, and 404
    assert labels["fr"].t("licence_texts_data") == "Textes et données\u00a0:"
    assert labels["ar"].t("edition_undated") == "إصدار غير مؤرَّخ: بُنيت هذه النسخة دون مستودعها."


def test_the_accessibility_statement_and_privacy_note_say_what_is_true(mini_site: Site) -> None:
    for lang in LANGUAGES:
        text = mini_site.soup(PREFIX[lang] + "accessibility/").select_one("article").get_text(" ")
        assert all(name in text for name in ("axe-core", "WCAG 2.2", "Nu HTML Checker")), lang
        text = mini_site.soup(PREFIX[lang] + "privacy/").select_one("article").get_text(" ")
        assert "localStorage" in text, lang
    assert "kb-brief" in (ROOT / "docs/assets/brief.js").read_text("utf-8")  # what the note says is stored


@pytest.mark.parametrize("fixture", ["mini_site", "real_site"])
def test_lang_and_dir_of_every_page(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Site = request.getfixturevalue(fixture)
    for page in site.pages():
        if page.endswith("404.html"):
            continue
        soup = site.soup(page)
        lang = lang_of(page)
        assert soup.html["lang"] == lang, page
        # Material sets dir on <body>; the standalone embed and print pages on <html>
        direction = soup.body.get("dir") or soup.html.get("dir")
        assert direction == ("rtl" if lang == "ar" else "ltr"), page


def _interface_text(site: Site, page: str) -> str:
    """Visible text of the page, without blocks marked as another language."""
    soup = BeautifulSoup(site.file_of(page).read_text("utf-8"), "html.parser")  # a copy to cut up
    lang = lang_of(page)
    body = soup.body
    for tag in body.select("[lang]"):
        if not tag.decomposed and tag.get("lang") != lang:  # (inside a block already cut out)
            tag.decompose()
    # editorial notes discuss the wording of the other languages: content, not interface; an
    # address (cut into parts where it may wrap) is no word of any language
    for tag in body.select("script, style, svg, code, textarea, .kb-notes, .kb-address"):
        tag.decompose()
    return " ".join(body.get_text(" ").split())


def test_no_english_on_arabic_pages_and_no_arabic_on_others(real_site: Site) -> None:
    # names of formats and standards are not interface labels
    allowed = {"GCM", "COP", "MkDocs", "Material", "for", "http", "127", "PDF", "JSON", "CSV", "UTF",
               "Schema", "CC", "BY", "iframe", "HTML", "YAML", "RES", "CP"}  # RES, CP: UN document symbols
    for page in real_site.pages():
        if page.endswith("404.html"):
            continue
        text = _interface_text(real_site, page)
        if lang_of(page) == "ar":
            text = re.sub(r"https?://\S+", "", text)
            latin = {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in allowed
                     and not re.fullmatch(r"r\d+", w)}
            assert latin == set(), f"{page}: {sorted(latin)[:10]}"
        else:
            assert not re.search(r"[\u0600-\u06FF]", text), f"{page}: Arabic outside lang=ar"


def test_no_interface_label_of_another_language(real_site: Site) -> None:
    from gcmkb.labels import load_labels
    labels = {lang: dict(labels.entries) for lang, labels in load_labels().items()}  # as pages show them
    for page in ["", "recommendations/r07/", "themes/rights/", "objectives/", "about/"]:
        for lang in ("en", "fr"):
            text = _interface_text(real_site, PREFIX[lang] + page)
            other = "fr" if lang == "en" else "en"
            for key, value in labels[other].items():
                if isinstance(value, str) and "{" not in value and value != labels[lang][key] \
                        and len(value) > 6:
                    assert value not in text, f"{lang}/{page}: {other} label {key!r}"


def test_hreflang_alternates_in_a_sitemap_per_language(real_site: Site) -> None:
    """Every page of every language is in its language's sitemap, with full-URL alternates."""
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    pages = {p for p in real_site.pages() if not p.endswith("404.html") and "embed/" not in p and "print/" not in p}
    for lang in LANGUAGES:
        tree = ET.parse(real_site.directory / PREFIX[lang] / "sitemap.xml")
        entries = {}
        for url in tree.getroot().findall("s:url", ns):
            loc = url.find("s:loc", ns).text
            entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        # the root sitemap indexes every language; each other language has its own
        expected = {real_site.url + p for p in pages if lang == "ar" or lang_of(p) == lang}
        assert set(entries) == expected
        page = "recommendations/r12/"
        assert entries[real_site.url + PREFIX[lang] + page] == {
            other: real_site.url + PREFIX[other] + page for other in LANGUAGES}
    # and in every page's head, with x-default (the Arabic original); the other alternate is the Atom feed
    for lang in LANGUAGES:
        links = real_site.soup(PREFIX[lang] + "recommendations/r12/").select('link[rel="alternate"]')
        assert [(link.get("hreflang"), link.get("type"), link["href"]) for link in links] == [
            *[(other, None, real_site.url + PREFIX[other] + "recommendations/r12/") for other in LANGUAGES],
            ("x-default", None, real_site.url + "recommendations/r12/"),
            (None, "application/atom+xml", "../../feed.xml")]


def test_every_page_head_names_its_languages_and_robots_txt_names_the_sitemap(mini_site: Site) -> None:
    for page in mini_site.pages():
        if page.endswith("404.html") or "embed/" in page or "print/" in page:
            continue
        neutral = page.removeprefix(PREFIX[lang_of(page)])
        links = {link["hreflang"]: link["href"] for link in mini_site.soup(page).select("head link[hreflang]")}
        assert links == {**{lang: mini_site.url + PREFIX[lang] + neutral for lang in LANGUAGES},
                         "x-default": mini_site.url + neutral}, page
        assert all(mini_site.file_of(href[len(mini_site.url):]).exists() for href in links.values())
    assert (mini_site.directory / "robots.txt").read_text("utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {mini_site.url}sitemap.xml\n")


def test_language_switcher_stays_on_the_same_page(real_site: Site) -> None:
    for lang in LANGUAGES:
        page = PREFIX[lang] + "recommendations/r20/"
        links = real_site.soup(page).select("a.md-select__link[hreflang]")
        targets = {a["hreflang"]: real_site.resolve(page, a["href"]) for a in links}
        assert targets == {other: (PREFIX[other] + "recommendations/r20/", "") for other in LANGUAGES}


@pytest.mark.parametrize("fixture", ["mini_site", "real_site"])
def test_every_internal_link_and_anchor_resolves(fixture: str, request: pytest.FixtureRequest) -> None:
    site: Site = request.getfixturevalue(fixture)
    broken = []
    for page in site.pages():
        soup = site.soup(page)
        for tag in soup.select("a[href], link[href], script[src], img[src]"):
            href = tag.get("href") or tag.get("src")
            if href.startswith(("mailto:", "data:")) or href == "#":
                continue
            target = site.resolve(page, href)
            assert target is not None or tag.name == "a", f"{page}: third-party resource {href}"
            if target is None:
                continue
            path, fragment = target
            file = site.file_of(path)
            if not file.exists():
                broken.append(f"{page} -> {href}")
            elif fragment and file.suffix == ".html" and not site.soup(path).find(id=fragment):
                broken.append(f"{page} -> {href} (no anchor)")
    assert broken == []


def test_no_orphan_page(real_site: Site) -> None:
    """Every page is reachable from the home page by following links."""
    seen, todo = {""}, [""]
    while todo:
        page = todo.pop()
        for a in real_site.soup(page).select("a[href]"):
            target = real_site.resolve(page, a["href"])
            if target and target[0] not in seen and real_site.file_of(target[0]).suffix == ".html" \
                    and real_site.file_of(target[0]).exists():
                seen.add(target[0])
                todo.append(target[0])
    assert sorted(p for p in set(real_site.pages()) - seen if not p.endswith("404.html")) == []


def test_cross_links_both_ways(mini_site: Site) -> None:
    r01 = mini_site.soup("en/recommendations/r01/")
    related = [a.get_text(" ", strip=True) for a in r01.select('section[aria-labelledby="related"] a')]
    assert related == ["r02 Regional data platforms"]
    r02 = mini_site.soup("en/recommendations/r02/")
    back = [a.get_text(" ", strip=True) for a in r02.select('section[aria-labelledby="referenced-by"] a')]
    assert back == ["r01 Joint data working groups"]
    # the inline [[r02]] of r01's note is a titled link
    ref = r01.select_one(".kb-notes a.kb-ref")
    assert ref["href"] == "../r02/" and ref.get_text(" ", strip=True) == "r02 Regional data platforms"


def test_recommendation_page_content(mini_site: Site) -> None:
    ar = mini_site.soup("recommendations/r01/")
    assert ar.select_one("h1").get_text(strip=True) == "فرق عمل مشتركة للبيانات"
    assert ar.select_one(".kb-lead").get_text(strip=True) == "تعزيز التعاون"
    # Latin runs inside Arabic text are isolated
    assert [b.get_text() for b in ar.select(".kb-text bdi[dir=ltr]")] == ["GCM"]
    assert [a.get_text(" ", strip=True) for a in ar.select(".kb-crumbs a")] == [
        "الرئيسية", "المحاور", "البيانات"]  # the theme's short label
    assert ar.select_one(".kb-pager__next")["href"] == "../r02/"
    assert ar.select_one(".kb-pager__prev") is None
    assert ar.select_one("#permalink")["href"] == mini_site.url + "recommendations/r01/"
    assert [a["href"] for a in ar.select(".kb-facts a")][:2] == ["../../objectives/1/", "../../objectives/23/"]
    fr = mini_site.soup("fr/recommendations/r01/")
    assert fr.select_one(".kb-notice .admonition-title").get_text(strip=True) == "Projet de traduction"
    assert "Objectif 23" in fr.select_one(".kb-facts").get_text(" ")
    en2 = mini_site.soup("en/recommendations/r02/")
    assert en2.select_one(".kb-notice") is None  # reviewed: no notice
    assert en2.select_one(".kb-status").get_text(strip=True) == "Reviewed translation"


def test_objectives_without_recommendations_are_shown_as_such(mini_site: Site) -> None:
    soup = mini_site.soup("en/objectives/")
    rows = {tr["id"]: tr for tr in soup.select("tbody tr")}
    assert "kb-row--empty" in rows["2"].get("class", [])
    assert rows["1"].select("td")[-1].get_text(strip=True) == "2 recommendations"
    assert mini_site.soup("en/objectives/2/").select_one(".kb-empty").get_text(strip=True) == \
        "No recommendation of this dialogue serves this objective."
    ar = mini_site.soup("objectives/")
    assert {tr["id"]: tr.select("td")[-1].get_text(strip=True) for tr in ar.select("tbody tr")}["13"] == "توصية واحدة"


def test_parallel_view_blocks_carry_their_language(mini_site: Site) -> None:
    soup = mini_site.soup("en/themes/alpha/parallel/")
    cells = soup.select("#r01 p.kb-parallel__cell")
    assert [(c["lang"], c["dir"]) for c in cells] == [("ar", "rtl"), ("en", "ltr")] * 3  # lead + 2
    assert cells[1].get_text(strip=True) == "Strengthen cooperation"
    ar = mini_site.soup("themes/alpha/parallel/")
    assert [c["lang"] for c in ar.select("#r02 p.kb-parallel__cell")] == ["ar", "en", "fr"]


def test_parallel_view_titles_follow_each_language_s_punctuation(mini_site: Site) -> None:
    """French sets a no-break space before a colon; English and Arabic no space."""
    expected = {"en/": "Parallel view: ", "fr/": "Vue parallèle\u00a0: ", "": "عرض متوازٍ: "}
    for prefix, start in expected.items():
        soup = mini_site.soup(f"{prefix}themes/alpha/parallel/")
        assert soup.select_one("h1").get_text().startswith(start)
        assert soup.select_one("title").get_text().startswith(start)


def test_leaf_pages_stay_out_of_the_navigation(real_site: Site) -> None:
    nav_links = real_site.soup("recommendations/r01/").select("nav.md-nav--primary a")
    assert not [a for a in nav_links if re.search(r"recommendations/r\d+", a["href"])]


def test_a_bad_record_fails_the_build_and_leaves_the_site_intact(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    assert build(project, "http://127.0.0.1:1/").returncode == 0
    before = (project / "site/en/recommendations/r02/index.html").read_bytes()
    record = project / "recommendations/r02.yml"
    record.write_text(record.read_text("utf-8").replace("theme: alpha", "theme: gamma"), "utf-8")
    run = build(project, "http://127.0.0.1:1/")
    assert run.returncode == 1
    assert "recommendations/r02.yml:2: theme: unknown theme 'gamma'; known themes: alpha, beta" in run.stderr
    assert "Traceback" not in run.stderr
    assert (project / "site/en/recommendations/r02/index.html").read_bytes() == before


def test_generated_sources_are_written_only_when_changed(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    assert build(project, "http://127.0.0.1:1/").returncode == 0
    source = project / "docs/recommendations/r01.en.md"
    stamp = source.stat().st_mtime_ns
    assert (project / "docs/recommendations/r03.fr.md").exists()
    (project / "recommendations/r03.yml").unlink()
    run = build(project, "http://127.0.0.1:1/")
    assert run.returncode == 0, run.stderr
    assert source.stat().st_mtime_ns == stamp, "unchanged source rewritten"
    assert not (project / "docs/recommendations/r03.fr.md").exists(), "stale source kept"
    assert not (project / "site/fr/recommendations/r03/index.html").exists()


def test_no_unreferenced_theme_assets_are_published(mini_site: Site) -> None:
    published = [p.relative_to(mini_site.directory).as_posix() for p in mini_site.directory.rglob("*") if p.is_file()]
    assert [p for p in published if p.endswith(".map") or "javascripts/lunr/" in p or "javascripts/workers/" in p] == []
    assert [p for p in published if p.startswith("assets/javascripts/")] == []  # no page loads Material's script

