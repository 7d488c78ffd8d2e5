"""The site in real Chromium: right-to-left layout, language switching, parallel view, serve; and
the reader's experience: home page, language switch, phones, 404 pages, embeds, fonts, target sizes."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from gcmkb.typography import typeset

from .conftest import FIXTURES, ROOT, SCREENSHOTS
from .sitebuild import Site, free_port, make_project, mkdocs_serve

pytestmark = pytest.mark.browser


def test_arabic_numbered_lists_count_in_arabic_indic_digits(page, real_site: Site) -> None:
    for prefix, style in (("", "kb-arabic-indic"), ("en/", "decimal")):
        page.goto(real_site.url + prefix + "recommendations/r12/")
        page.locator(".kb-notes summary").click()
        assert page.eval_on_selector(".kb-notes ol", "e => getComputedStyle(e).listStyleType") == style


def test_arabic_recommendation_page_lays_out_right_to_left(page, real_site: Site) -> None:
    page.goto(real_site.url + "recommendations/r30/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    h1 = page.locator("h1").bounding_box()
    content = page.locator("article.md-content__inner").bounding_box()
    # the heading starts at the right edge of the content column
    assert abs((h1["x"] + h1["width"]) - (content["x"] + content["width"])) < 40
    # the Latin run (GCM) stays isolated and left-to-right inside the Arabic citation
    bdi = page.locator(".kb-cite__text bdi[dir=ltr]", has_text="GCM")
    assert bdi.count() >= 1
    assert bdi.first.evaluate("e => getComputedStyle(e).direction") == "ltr"
    # the self-hosted Arabic font is the one used
    assert page.evaluate("document.fonts.check('16px \"Noto Naskh Arabic\"', 'ب')")
    page.wait_for_function("document.fonts.status === 'loaded'")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in f for f in loaded)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "r30-ar.png"), full_page=True)


@pytest.mark.parametrize("start,switch_to,expected", [
    ("recommendations/r12/", "en", "en/recommendations/r12/"),
    ("en/themes/climate/", "fr", "fr/themes/climate/"),
    ("fr/objectives/8/", "ar", "objectives/8/"),
])
def test_language_switcher_keeps_the_page(page, real_site: Site, start: str, switch_to: str,
                                          expected: str) -> None:
    page.goto(real_site.url + start)
    page.locator(".md-header .md-select button").hover()
    page.locator(f".md-select__link[hreflang={switch_to}]").click()
    page.wait_for_url(real_site.url + expected)
    assert page.evaluate("document.documentElement.lang") == switch_to
    assert page.evaluate("getComputedStyle(document.body).direction") == ("rtl" if switch_to == "ar" else "ltr")


def test_parallel_view_shows_both_scripts(page, real_site: Site) -> None:
    page.goto(real_site.url + "fr/themes/rights/parallel/")
    row = page.locator("#r19 .kb-parallel__row").nth(1)
    cells = row.locator(".kb-parallel__cell")
    assert cells.count() == 2
    ar, fr = cells.nth(0), cells.nth(1)
    assert ar.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["ar", "rtl"]
    assert fr.evaluate("e => [e.lang, getComputedStyle(e).direction]") == ["fr", "ltr"]
    assert re.search(r"[\u0600-\u06FF]", ar.inner_text())
    assert "rétention" in fr.inner_text()
    # side by side: the two blocks share a row on a wide screen
    a, f = ar.bounding_box(), fr.bounding_box()
    assert abs(a["y"] - f["y"]) < 5 and a["x"] != f["x"]
    page.screenshot(path=str(SCREENSHOTS / "parallel-fr.png"))


def _wait_for(url: str, seconds: float = 120) -> str:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not come up")


def test_readme_serve_command_brings_up_the_real_site(tmp_path: Path) -> None:
    """`./dev serve` exactly as the README says, in a copy of the project (never in the checkout,
    whose docs/ it would write), sharing the checkout's virtualenv so nothing is installed again."""
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "./dev serve" in readme
    project = make_project(tmp_path / "project", ROOT)
    for name in ("dev", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)
    # the copy's .venv points into the checkout's and says it is installed, so that `./dev` never
    # runs pip from the copy (which would re-point the checkout's editable install at the copy)
    venv = project / ".venv"
    (venv / "bin").mkdir(parents=True)
    for name in ("pyvenv.cfg", "lib", "bin/python", "bin/mkdocs"):
        (venv / name).symlink_to(ROOT / ".venv" / name)
    stamp = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:12]
    (venv / f".installed-{stamp}").touch()
    port = free_port()
    proc = subprocess.Popen(["./dev", "serve"], cwd=project, env={**os.environ, "ADDR": f"127.0.0.1:{port}"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        home = _wait_for(f"http://127.0.0.1:{port}/")
        assert '<html lang="ar"' in home and 'dir="rtl"' in home
        rec = _wait_for(f"http://127.0.0.1:{port}/en/recommendations/r35/")
        assert '<html lang="en"' in rec and "r35" in rec
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_serve_rebuilds_on_a_record_edit_and_settles(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/en/recommendations/r02/"
        assert "Regional data platforms" in _wait_for(url)
        record = project / "recommendations/r02.yml"
        record.write_text(record.read_text("utf-8").replace("Regional data platforms",
                                                            "Regional data-sharing platforms"), "utf-8")
        deadline = time.time() + 60
        while "Regional data-sharing platforms" not in _wait_for(url):
            assert time.time() < deadline, log.read_text()
            time.sleep(0.3)
        time.sleep(6)
        builds = log.read_text().count("Building documentation")
        time.sleep(6)
        assert log.read_text().count("Building documentation") == builds, "serve keeps rebuilding"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


# --- the reader's experience -----------------------------------------------------------------

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
ARABIC_FONT = "NotoNaskhArabic"


class _Host(http.server.SimpleHTTPRequestHandler):
    """A static host as they behave: the root 404.html for every missing address (GitHub Pages,
    Netlify), and, when asked, the CORS header the data page documents for the fonts."""

    cors = False

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def host(directory: Path, cors: bool = False):
    port = free_port()
    handler = type("Host", (_Host,), {"cors": cors})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_home_page_meets_the_reader_with_search_themes_and_ways_in(page, real_site: Site, lang: str) -> None:
    page.goto(real_site.url + PREFIX[lang])
    assert page.locator("#cite, .kb-cite__text").count() == 0, "no citation block on the home page"
    # the languages in a row, before the title
    links = page.locator(".kb-languages a")
    assert links.count() == 3
    ys = {round(links.nth(i).bounding_box()["y"]) for i in range(3)}
    assert len(ys) == 1, "the language links stand side by side"
    assert links.first.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    # a search that leads to the explore page, in this language
    search = page.locator("form.kb-home-search")
    assert search.locator("label").inner_text().strip() != ""
    search.locator("input[name=q]").fill("r05")
    search.locator("button[type=submit]").click()
    page.wait_for_url(real_site.url + PREFIX[lang] + "search/?q=r05")
    page.goto(real_site.url + PREFIX[lang])
    # the ways in: explore, every recommendation, the data
    ways = [real_site.resolve(PREFIX[lang], a) for a in page.eval_on_selector_all(
        ".kb-ways a", "as => as.map(a => a.getAttribute('href'))")]
    assert [w[0] for w in ways] == [PREFIX[lang] + p for p in ("search/", "recommendations/", "data/")]
    # the themes, each with its count
    cards = page.locator(".kb-theme-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        assert cards.nth(i).locator(".kb-theme-card__count").inner_text().strip()  # ("توصيتان" has no digit)


def test_the_explore_page_is_in_the_navigation(real_site: Site) -> None:
    for lang in PREFIX:
        page = PREFIX[lang] + "recommendations/r12/"
        nav = [real_site.resolve(page, a["href"]) for a in real_site.soup(page).select("nav.md-nav--primary a[href]")]
        assert (PREFIX[lang] + "search/", "") in nav


@pytest.mark.parametrize("lang,label,name", [("ar", "اللغة", "اختر اللغة"), ("en", "Language", "Select language"),
                                             ("fr", "Langue", "Sélectionner la langue")])
def test_the_language_switch_is_labelled_in_words_and_spelt_right(page, real_site: Site, lang: str, label: str,
                                                                  name: str) -> None:
    page.goto(real_site.url + PREFIX[lang] + "recommendations/r12/")
    button = page.locator(".md-header .md-select button")
    assert button.inner_text().strip() == label and button.locator(".kb-language-button__label").is_visible()
    assert button.get_attribute("aria-label") == name
    assert "إختر" not in page.content() and "إبحث" not in page.content()


def test_parallel_view_on_a_phone_keeps_each_pair_together_and_labelled(browser, real_site: Site) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(real_site.url + "fr/themes/rights/parallel/")
    rows = tab.locator("#r19 .kb-parallel__row")
    for i in range(rows.count()):
        blocks = rows.nth(i).locator(".kb-parallel__block")
        assert blocks.count() == 2
        labels = [blocks.nth(k).locator(".kb-parallel__lang") for k in range(2)]
        assert [x.inner_text() for x in labels] == ["العربية", "Français"] and all(x.is_visible() for x in labels)
        a, f = blocks.nth(0).bounding_box(), blocks.nth(1).bounding_box()
        assert a["y"] + a["height"] <= f["y"] + 1, "the translation comes right under its Arabic"
        if i + 1 < rows.count():
            assert f["y"] < rows.nth(i + 1).bounding_box()["y"], "then the next pair"
    context.close()


def test_a_separator_never_touches_arabic_indic_digits_in_lists(page, real_site: Site) -> None:
    page.goto(real_site.url + "themes/rights/")
    assert page.eval_on_selector("ol.kb-list--numbered", "e => getComputedStyle(e).listStyleType") == "kb-arabic-indic"
    assert page.evaluate("[...document.styleSheets].flatMap(s => [...s.cssRules])"
                         ".filter(r => r.name === 'kb-arabic-indic').map(r => r.suffix)") == ['" - "']


def test_small_links_are_targets_of_at_least_24_pixels(page, real_site: Site) -> None:
    """WCAG 2.5.8: the printable contents and the objective numbers in tables."""
    sizes = []
    for path, selector in [("print/climate/", ".kb-doc__toc a"),
                           ("en/print/sources/champions-peer-exchange/", ".kb-doc__toc a"),
                           ("recommendations/", ".kb-num-links a"), ("fr/recommendations/", ".kb-num-links a")]:
        page.goto(real_site.url + path)
        boxes = page.eval_on_selector_all(selector, "as => as.map(a => a.getBoundingClientRect())"
                                                    ".map(r => [Math.round(r.width), Math.round(r.height)])")
        assert boxes
        sizes += [(path, box) for box in boxes if min(box) < 24]
    assert sizes == []


@pytest.mark.parametrize("lang,title", [("ar", "الصفحة غير موجودة"), ("en", "Page not found"),
                                        ("fr", "Page introuvable")])
def test_each_language_has_its_own_not_found_page(page, real_site: Site, lang: str, title: str) -> None:
    with host(real_site.directory) as url:
        page.goto(url + PREFIX[lang] + "no/such/page/")
        if lang != "ar":  # the host served the root (Arabic) page: it sends the reader on
            page.wait_for_url(url + PREFIX[lang] + "404.html")
        assert page.locator("h1").inner_text() == title
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == \
            [lang, "rtl" if lang == "ar" else "ltr"]
        page.locator("form.kb-home-search input[name=q]").fill("r05")
        page.locator("form.kb-home-search button[type=submit]").click()
        page.wait_for_url(url + PREFIX[lang] + "search/?q=r05")
        page.go_back()
        page.wait_for_load_state()
        page.locator(".kb-not-found a.md-button").click()
        page.wait_for_url(url + PREFIX[lang])


def test_the_root_not_found_page_speaks_to_every_reader_without_javascript(browser, real_site: Site) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    with host(real_site.directory) as url:
        response = tab.goto(url + "en/no-such-page/")
        assert response is not None and response.status == 404
        for lang, home in (("en", "en/"), ("fr", "fr/")):
            block = tab.locator(f".kb-other-language[lang={lang}]")
            assert block.is_visible()
            links = [a.get_attribute("href") for a in block.locator("a").all()]
            assert url.removesuffix("/") + links[0] == url + home
    context.close()


def _snippet(real_site: Site, page: str) -> str:
    return real_site.soup(page).select_one("#embed-code").get_text()


@pytest.mark.parametrize("scheme,query,background", [("dark", "", "rgb(255, 255, 255)"),
                                                     ("light", "?theme=dark", "rgb(22, 27, 34)"),
                                                     ("dark", "?theme=auto", "rgb(22, 27, 34)"),
                                                     ("light", "?theme=auto", "rgb(255, 255, 255)")])
def test_embeds_are_light_unless_the_snippet_asks(browser, real_site: Site, scheme: str, query: str,
                                                  background: str) -> None:
    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    tab.goto(real_site.url + "en/embed/recommendations/r05/" + query)
    assert tab.evaluate("getComputedStyle(document.documentElement).backgroundColor") == background
    context.close()


def test_embeds_say_when_a_translation_is_a_draft(page, real_site: Site) -> None:
    drafts = [p for p in real_site.pages() if re.fullmatch(r"en/recommendations/r\d+/", p)
              and real_site.soup(p).select_one(".kb-notice")]
    assert drafts, "the collection has draft translations"
    rid = drafts[0].split("/")[2]
    page.goto(real_site.url + f"en/embed/recommendations/{rid}/")
    notice = page.locator(".kb-embed__notice")
    assert notice.is_visible() and "draft" in notice.inner_text().lower()
    page.goto(real_site.url + "embed/recommendations/" + rid + "/")
    assert page.locator(".kb-embed__notice").count() == 0, "the Arabic original has no notice"


@pytest.mark.parametrize("cors,loaded", [(True, True), (False, False)])
def test_arabic_font_in_a_sandboxed_embed_needs_the_documented_header(page, real_site: Site, tmp_path: Path,
                                                                     cors: bool, loaded: bool) -> None:
    """The snippet's frame has an opaque origin: its font is a cross-origin request, which works
    when the site sends Access-Control-Allow-Origin (as the data page says), and falls back to the
    reader's fonts otherwise (the text still shows)."""
    data = " ".join(real_site.soup("en/data/").get_text(" ").split())
    assert "Access-Control-Allow-Origin: *" in data
    with host(real_site.directory, cors=cors) as site:
        snippet = _snippet(real_site, "recommendations/r05/").replace(real_site.url, site)
        (tmp_path / "index.html").write_text(f"<!doctype html><html lang=en><body>{snippet}</body></html>", "utf-8")
        with host(tmp_path) as partner:
            page.goto(partner)
            frame = page.frame_locator("iframe")
            assert re.search(r"[\u0600-\u06FF]", frame.locator("h1").inner_text())
            inner = page.frames[1]
            inner.wait_for_function("document.fonts.status === 'loaded'")
            status = inner.evaluate("[...document.fonts].filter(f => f.family.includes('Naskh') && f.weight === '400')"
                                    ".map(f => f.status)")
            assert status == (["loaded"] if loaded else ["error"])


def test_english_and_french_pages_do_not_fetch_the_arabic_font(page, real_site: Site) -> None:
    for path in ("en/", "en/themes/", "fr/objectives/8/", "en/print/climate/"):
        page.requests.clear()
        page.goto(real_site.url + path)
        page.wait_for_load_state("networkidle")
        assert page.locator("link[rel=preload][as=font]").count() == 0, path
        assert [u for u in page.requests if ARABIC_FONT in u] == [], path
    page.requests.clear()
    page.goto(real_site.url + "en/themes/climate/parallel/")  # Arabic text: the face is fetched
    page.wait_for_load_state("networkidle")
    assert [u for u in page.requests if ARABIC_FONT in u]


def test_print_pages_load_woff2_not_ttf_for_arabic(page, real_site: Site) -> None:
    page.goto(real_site.url + "print/climate/")
    page.wait_for_load_state("networkidle")
    fonts = [u.rsplit("/", 1)[1] for u in page.requests if "/fonts/" in u]
    assert fonts and all(f.endswith(".woff2") for f in fonts if f.startswith(ARABIC_FONT))
    assert not any(f.startswith(ARABIC_FONT) and f.endswith(".ttf") for f in fonts)


def test_no_arabic_text_is_slanted_in_the_pdfs(real_site: Site, real_pdfs: list[Path]) -> None:
    arabic = [p for p in real_pdfs if p.parent.name == "ar"]
    assert arabic
    for pdf in arabic:
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Naskh" in fonts
        assert not re.search(r"Naskh\S*-(Oblique|Italic)", fonts), f"{pdf.name}: {fonts}"


def test_arabic_is_set_at_the_sites_size_and_leading_everywhere(page, real_site: Site) -> None:
    """Naskh reads small and cramped at a Latin size: Arabic pages are 18 px / 1.9, and so are
    embeds; Arabic quoted in English notes is a step larger than the English around it."""
    page.goto(real_site.url + "embed/recommendations/r05/")
    assert page.evaluate("[getComputedStyle(document.body).fontSize, getComputedStyle(document.body).lineHeight]") \
        == ["18px", "34.2px"]
    quoted = [p for p in real_site.pages() if re.fullmatch(r"en/recommendations/r\d+/", p)
              and real_site.soup(p).select_one(".kb-notes bdi[lang=ar]")]
    assert quoted, "some English notes quote the Arabic"
    page.goto(real_site.url + quoted[0])
    sizes = page.eval_on_selector(".kb-notes bdi[lang=ar]", """e => [parseFloat(getComputedStyle(e).fontSize),
        parseFloat(getComputedStyle(e.parentElement).fontSize), getComputedStyle(e).fontFamily,
        getComputedStyle(e).fontStyle]""")
    assert sizes[0] >= 1.1 * sizes[1] and sizes[2].startswith('"Noto Naskh Arabic"') and sizes[3] == "normal"


def test_serve_shows_a_broken_record_in_the_browser_and_recovers(page, tmp_path: Path) -> None:
    """While a record is invalid, `mkdocs serve` keeps the last good site and every page shows the
    validator's messages, labelled in the page's language; the next good save clears them."""
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    record = project / "recommendations/r02.yml"
    good = record.read_text("utf-8")
    port = free_port()
    with mkdocs_serve(project, port, tmp_path / "serve.log") as url:
        _wait_for(url + "fr/recommendations/r02/")
        page.goto(url + "fr/recommendations/r02/")
        record.write_text(good.replace("  en: Regional data platforms\n", ""), "utf-8")  # a required text gone
        alert = page.locator("[data-kb-build-errors]")
        alert.wait_for(timeout=60_000)
        text = alert.inner_text()
        assert text.startswith("Les fiches comportent des erreurs")
        assert "recommendations/r02.yml:11: title.en: required field is missing" in text
        assert page.locator("h1").inner_text() == "Plateformes régionales de données"  # the last good page
        record.write_text(good.replace("Plateformes régionales de données", "Plateformes régionales d'échange"),
                          "utf-8")
        page.wait_for_function("document.querySelector('h1') && "
                               "document.querySelector('h1').textContent.includes(\"d’échange\")", timeout=60_000)
        assert page.locator("[data-kb-build-errors]").count() == 0


def test_serve_shows_a_new_records_errors_at_its_own_address(page, tmp_path: Path) -> None:
    """A record added under `mkdocs serve` that has never validated: its address shows the
    validator's messages, labelled in the page's language, instead of a 404, and says what the page
    is: the record's own problems, located in the page's language (not "page not found"); once it
    validates, its page."""
    import yaml

    project = make_project(tmp_path / "project", FIXTURES / "mini")
    good = (project / "recommendations/r03.yml").read_text("utf-8").replace("id: r03", "id: r04").replace(
        "bullet: 1", "bullet: 2")
    port = free_port()
    with mkdocs_serve(project, port, tmp_path / "serve.log") as url:
        _wait_for(url + "fr/recommendations/r03/")
        record = project / "recommendations/r04.yml"
        record.write_text(good.replace("objectives: [13]", "objectives: [24, 13]"), "utf-8")
        for lang, prefix in (("fr", "fr/"), ("ar", "")):
            _wait_for(url + f"{prefix}recommendations/r04/")  # answers 200, where it was a 404
            page.goto(url + f"{prefix}recommendations/r04/")
            alert = page.locator("[data-kb-build-errors]")
            alert.wait_for()
            label = typeset(yaml.safe_load((ROOT / f"gcmkb/locales/{lang}.yml").read_text("utf-8"))["build_errors"],
                            lang)  # as the page sets it (French: a no-break space before the colon)
            assert alert.inner_text().startswith(label.split(":")[0])
            assert ("recommendations/r04.yml:6: objectives[0]: 24 is too large; allowed: a GCM objective number "
                    "from 1 to 23") in alert.inner_text()
            assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
                lang, "rtl" if lang == "ar" else "ltr"]
            assert page.locator("[data-kb-not-found]").count() == 0
            assert page.locator("h1").inner_text() == {"fr": "r04 ne peut pas encore s’afficher",
                                                       "ar": "لا يمكن عرض r04 بعد"}[lang]
            assert page.title().startswith(page.locator("h1").inner_text() + " - ")
            assert page.locator("[data-kb-unbuilt] h2 code").inner_text() == "recommendations/r04.yml"
            problem = page.locator("[data-kb-problem]")
            assert problem.count() == 1
            message = "24 is too large; allowed: a GCM objective number from 1 to 23"
            assert problem.inner_text() == {"fr": f"ligne 6\u00a0: objectives[0]\u00a0: {message}",
                                            "ar": f"السطر ٦: objectives[0]: {message}"}[lang]
            assert problem.locator("[lang=en]").inner_text().startswith("24 is too large")
        record.write_text(good, "utf-8")
        deadline = time.time() + 90
        while "data-kb-build-errors" in (html := _wait_for(url + "fr/recommendations/r04/")):
            assert time.time() < deadline, "the page still shows the errors"
            time.sleep(1)
        assert '<h1 id="title">' in html and "r04" in html
