"""The first view of a page: what the browser downloads to show it, and what the page does
without Material's JavaScript (overrides/main.html does not load it; docs/assets/kb.js does the
little of it the pages used).

Weights are bytes, the same on every machine: a first view is weighed as bench/run.py weighs it
(every response Chromium receives until the network is idle, text gzip -9, fonts as they are)
and held to the targets of the benchmark table."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
import urllib.request

import pytest
from fontTools.ttLib import TTFont

from bench.run import FIRST_VIEW_TARGET_KB, first_view

from .conftest import ROOT
from .pagetypes import PAGE_TYPES, PREFIX
from .sitebuild import Site, fetch, free_port

ARABIC_FONT = "NotoNaskhArabic"
PHONE = {"width": 390, "height": 844}


def _quoting_arabic_in_notes(site: Site, lang: str) -> str:
    """A recommendation page (path under the language's root) whose editorial notes, in English
    and French, quote the Arabic: r12 if it still does."""
    def quotes(path: str) -> bool:
        return site.soup(PREFIX["en"] + path).select_one(".kb-notes bdi[lang=ar]") is not None and \
            site.soup(PREFIX["fr"] + path).select_one(".kb-notes bdi[lang=ar]") is not None
    pages = [p[len(PREFIX["en"]):] for p in site.pages() if re.fullmatch(PREFIX["en"] + r"recommendations/r\d+/", p)]
    pages = sorted(pages, key=lambda p: p != "recommendations/r12/")
    page = next((p for p in pages if quotes(p)), None)
    assert page, "some English and French notes quote the Arabic"
    return page


# --- built pages ---------------------------------------------------------------------------------

def test_no_page_loads_materials_javascript(real_site: Site) -> None:
    for lang, prefix in PREFIX.items():
        for kind, path in PAGE_TYPES.items():
            soup = real_site.soup(prefix + path.split("?")[0])
            scripts = [s["src"] for s in soup.select("script[src]")]
            assert not [s for s in scripts if "assets/javascripts/" in s], f"{lang} {kind}: {scripts}"
            assert soup.select("#__config") == [], f"{lang} {kind}"


def test_editorial_notes_are_a_closed_disclosure_headed_by_their_heading(real_site: Site) -> None:
    for lang in PREFIX:
        page = PREFIX[lang] + _quoting_arabic_in_notes(real_site, lang)
        notes = real_site.soup(page).select_one("details.kb-notes")
        assert notes is not None and not notes.has_attr("open"), page
        assert notes.select_one(":scope > summary > h2#notes").get_text(strip=True)
        assert notes.select(":scope > ol > li"), page


def test_the_web_fonts_hold_every_arabic_character_the_site_shows(real_site: Site) -> None:
    """The woff2 files are subsets (tools/fonts/subset.sh): a character the text uses and the
    subset lacks would be drawn in another font, in the middle of an Arabic word."""
    css = (ROOT / "docs/assets/kb.css").read_text("utf-8")
    ranges = [(int(a, 16), int(b or a, 16)) for a, b in re.findall(
        r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", re.search(r"@font-face \{[^}]*\}", css).group(0))]
    used: set[int] = set()
    for page in real_site.pages():
        used |= {ord(c) for c in real_site.file_of(page).read_text("utf-8") if any(a <= ord(c) <= b for a, b in ranges)}
    assert 0x0627 in used  # alef: the site shows Arabic
    for weight in ("Regular", "Bold"):
        cmap = TTFont(ROOT / f"docs/assets/fonts/{ARABIC_FONT}-{weight}.woff2").getBestCmap()
        missing = sorted(f"U+{c:04X}" for c in used - set(cmap) if c not in (0x200E, 0x200F))  # marks: no glyph
        assert missing == [], weight


# --- in Chromium ---------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_first_view_of_a_recommendation_page_is_within_its_weight(browser, real_site: Site, lang: str) -> None:
    context = browser.new_context(viewport=PHONE)
    files = first_view(context.new_page(), real_site.url + PREFIX[lang] + _quoting_arabic_in_notes(real_site, lang))
    context.close()
    paths = [url[len(real_site.url):] for url, _, _ in files]
    assert not [p for p in paths if p.endswith("sitemap.xml")], "Material's sitemap lookup is gone"
    assert not [p for p in paths if "assets/javascripts/" in p], "Material's bundle is not loaded"
    assert not [p for p in paths if p.startswith("assets/search/")], "search loads on intent (kb.js)"
    fonts = [p for p in paths if ARABIC_FONT in p]
    assert len(fonts) == (2 if lang == "ar" else 0), fonts  # Arabic: regular and bold
    sent = sum(packed for _, _, packed in files)
    listing = "\n".join(f"{packed:>8} {url[len(real_site.url):]}" for url, _, packed in files)
    assert sent <= FIRST_VIEW_TARGET_KB[lang] * 1024, f"{sent / 1024:.1f} KB:\n{listing}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_english_and_french_pages_fetch_the_arabic_font_when_the_notes_are_opened(page, real_site: Site,
                                                                                  lang: str) -> None:
    page.goto(real_site.url + PREFIX[lang] + _quoting_arabic_in_notes(real_site, lang))
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if ARABIC_FONT in u] == []
    assert page.locator("details.kb-notes ol").is_hidden()
    page.locator("details.kb-notes > summary").click()
    arabic = page.locator("details.kb-notes bdi[lang=ar]").first
    assert arabic.is_visible()
    page.wait_for_function("document.fonts.status === 'loaded'")
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if ARABIC_FONT in u]
    assert arabic.evaluate("e => document.fonts.check('18px \"Noto Naskh Arabic\"', e.textContent)")


@pytest.mark.browser
def test_no_page_view_requests_a_sitemap(page, real_site: Site) -> None:
    """Material's bundle fetched the sitemap.xml beside each <link rel=alternate> (the Atom feed's:
    the language's whole sitemap) on every page view; the feed's link is still in the head."""
    for lang in PREFIX:
        for path in ("", "themes/rights/", "recommendations/r12/", "whats-new/"):
            page.requests.clear()
            page.goto(real_site.url + PREFIX[lang] + path)
            page.wait_for_load_state("networkidle")
            assert page.locator('head link[rel=alternate][type="application/atom+xml"]').count() == 1
            assert [u for u in page.requests if "sitemap" in u] == [], PREFIX[lang] + path


@pytest.mark.browser
def test_a_link_to_the_notes_opens_them_and_printing_shows_them(page, real_site: Site) -> None:
    path = PREFIX["fr"] + _quoting_arabic_in_notes(real_site, "fr")
    page.goto(real_site.url + path + "#notes")
    assert page.locator("details.kb-notes").evaluate("d => d.open")
    page.goto(real_site.url + path)
    assert not page.locator("details.kb-notes").evaluate("d => d.open")
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details.kb-notes").evaluate("d => d.open")
    assert not page.locator("details.kb-embed-box").evaluate("d => d.open"), "the embed box is not printed"
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert not page.locator("details.kb-notes").evaluate("d => d.open")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_palette_toggle_switches_the_colours_and_remembers_them(browser, real_site: Site, lang: str) -> None:
    context = browser.new_context(color_scheme="light", viewport=PHONE)
    tab = context.new_page()
    tab.goto(real_site.url + PREFIX[lang] + "recommendations/r12/")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    toggle = tab.locator("[data-md-component=palette] label:visible")
    assert tab.evaluate(scheme) == "default" and toggle.count() == 1
    toggle.click()
    assert tab.evaluate(scheme) == "slate"
    assert tab.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    tab.goto(real_site.url + PREFIX[lang] + "themes/")  # another page: the choice holds
    assert tab.evaluate(scheme) == "slate"
    tab.locator("[data-md-component=palette] label:visible").click()
    assert tab.evaluate(scheme) == "default"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_header_buttons_show_their_focus_ring_to_the_keyboard(page, real_site: Site, lang: str) -> None:
    """Material's stylesheet removes the outline of its controls without the class its script gave
    on keyboard focus (kb.js gives it now)."""
    page.goto(real_site.url + PREFIX[lang] + "recommendations/r12/")
    rings = {}
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            return [e.className && String(e.className), getComputedStyle(e).outlineStyle]; }""")
        if "md-header__button" in (focused[0] or ""):
            rings[focused[0]] = focused[1]
        if "kb-search__input" in (focused[0] or ""):
            break
    assert any("kb-language-button" in name for name in rings), rings
    assert all(style != "none" for style in rings.values()), rings
    page.mouse.click(5, 400)  # a click moves no ring
    page.locator(".kb-language-button").click()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "none"


@pytest.mark.browser
def test_the_dark_system_scheme_is_followed_until_the_reader_chooses(browser, real_site: Site) -> None:
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(real_site.url + "en/recommendations/r12/")
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    context.close()


@pytest.mark.browser
def test_a_dark_system_gets_dark_colours_at_once_not_a_fade_from_light(browser, real_site: Site) -> None:
    """The page's colours are computed (as a browser may do before the end of the body) before
    kb.js sets the palette; setting it must not start the theme's colour transitions."""
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("""
        window.kbTransitions = [];
        document.addEventListener("transitionrun", e => kbTransitions.push(e.propertyName), true);
        new MutationObserver(() => {
          const link = document.querySelector(".md-nav__link");
          if (link) getComputedStyle(link).color;
        }).observe(document, {childList: true, subtree: true});
    """)
    page = context.new_page()
    for lang in ("", "en/"):
        page.goto(real_site.url + lang)
        page.wait_for_timeout(400)  # longer than the theme's 125 ms colour transition
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert page.evaluate("kbTransitions") == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_back_to_top_and_the_title_in_the_header_on_a_phone(browser, real_site: Site, lang: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(real_site.url + PREFIX[lang] + "recommendations/r12/")
    top = tab.locator(".md-top")
    title = tab.locator("[data-md-component=header-title]")
    assert top.get_attribute("hidden") is not None
    assert "md-header__title--active" not in (title.get_attribute("class") or "")
    tab.mouse.wheel(0, 2000)
    tab.wait_for_function("scrollY > 1500")
    tab.wait_for_function("document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    assert top.get_attribute("hidden") is not None, "hidden while the reader reads on"
    tab.mouse.wheel(0, -300)
    tab.wait_for_function("!document.querySelector('.md-top').hidden")
    top.click()
    tab.wait_for_function("scrollY === 0")
    tab.wait_for_function("!document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_drawer_opens_on_a_phone_and_closes_on_escape_and_on_a_link_in_the_page(browser, real_site: Site,
                                                                                   lang: str) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(real_site.url + PREFIX[lang] + "about/")
    drawer = "document.getElementById('__drawer').checked"
    shown = ("(() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
             " return r.left >= -1 && r.right <= innerWidth + 1; })()")
    assert not tab.evaluate(shown)
    tab.locator("label.md-header__button[for=__drawer]").click()
    assert tab.evaluate(drawer)
    tab.wait_for_function(shown)
    tab.keyboard.press("Escape")
    assert not tab.evaluate(drawer)
    tab.locator("label.md-header__button[for=__drawer]").click()
    tab.evaluate("location.hash = '#' + document.querySelector('.md-content h2[id]').id")
    tab.wait_for_function("!document.getElementById('__drawer').checked")
    context.close()


# --- the audit host (tools/lighthouse/serve.py) ------------------------------------------------

def test_the_audit_host_compresses_text_as_hosts_do(real_site: Site) -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "tools/lighthouse/serve.py"), str(real_site.directory),
                               str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        fetch(url, 30)

        def get(path: str) -> tuple[int, dict[str, str], bytes]:
            request = urllib.request.Request(url + path, headers={"Accept-Encoding": "gzip"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status, dict(response.headers), response.read()
            except urllib.error.HTTPError as error:
                return error.code, dict(error.headers), error.read()

        status, headers, body = get("en/recommendations/r12/")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"].startswith("text/html")
        assert gzip.decompress(body) == real_site.file_of("en/recommendations/r12/").read_bytes()
        for asset in ("assets/kb.css", "assets/kb.js", "en/sitemap.xml"):
            assert get(asset)[1].get("Content-Encoding") == "gzip", asset
        status, headers, body = get(f"assets/fonts/{ARABIC_FONT}-Regular.woff2")
        assert "Content-Encoding" not in headers and body == (real_site.directory / "assets/fonts" /
                                                             f"{ARABIC_FONT}-Regular.woff2").read_bytes()
        status, headers, body = get("no/such/page/")
        assert status == 404 and gzip.decompress(body) == (real_site.directory / "404.html").read_bytes()
        status, headers, _ = get("en")  # a folder without its slash: redirected, as hosts do
        assert status in (200, 301)
    finally:
        server.terminate()
        server.wait(timeout=10)
