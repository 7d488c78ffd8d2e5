"""Print, PDF, embed and open data: the knowledge base leaves the site intact."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from gcmkb import LANGUAGES
from gcmkb.searchchunks import ids_of

from .conftest import ROOT, SCREENSHOTS
from .sitebuild import Site, free_port, serve

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
THEMES = ["data", "protection", "rights", "climate", "implementation", "reviews"]
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def pdftext(pdf: Path, *pages: str) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    return " ".join(BIDI.sub("", text).split())


# --- open data ------------------------------------------------------------------------------

def _collection(site: Site) -> dict:
    return json.loads((site.directory / "data/recommendations.json").read_text("utf-8"))


def test_json_validates_against_the_published_schema(real_site: Site) -> None:
    schemas = {}
    for file in (real_site.directory / "data/schema").glob("*.schema.json"):
        schema = json.loads(file.read_text("utf-8"))
        schemas[schema["$id"]] = Resource.from_contents(schema)
    registry = Registry().with_resources(schemas.items())
    root = json.loads((real_site.directory / "data/schema/collection.schema.json").read_text("utf-8"))
    errors = list(Draft202012Validator(root, registry=registry).iter_errors(_collection(real_site)))
    assert [e.message for e in errors] == []
    # and the schema is not vacuous: a broken record fails it
    broken = _collection(real_site)
    broken["recommendations"][3]["title"].pop("fr")
    assert list(Draft202012Validator(root, registry=registry).iter_errors(broken))
    unsupported = _collection(real_site)  # a place not written in the three languages fails it too
    unsupported["sources"][0]["place"]["value"] = "Accra"
    assert list(Draft202012Validator(root, registry=registry).iter_errors(unsupported))


def test_json_round_trips_the_records(real_site: Site) -> None:
    data = _collection(real_site)
    by_id = {r["id"]: r for r in data["recommendations"]}
    for file in sorted((ROOT / "recommendations").glob("r*.yml")):
        record = yaml.safe_load(file.read_text("utf-8"))
        assert by_id[record["id"]] == record, file.name
    themes = {t["id"]: t for t in data["themes"]}
    for file in sorted((ROOT / "recommendations/themes").glob("*.yml")):
        record = yaml.safe_load(file.read_text("utf-8"))
        assert themes[record["id"]] == record, file.name
    assert data["terms"] == yaml.safe_load((ROOT / "recommendations/terms.yml").read_text("utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    files = sorted((ROOT / "recommendations/sources").glob("*.yml"))
    assert sorted(sources) == [f.stem for f in files] and files
    for file in files:
        assert sources[file.stem] == yaml.safe_load(file.read_text("utf-8")), file.name
    kinds = {t["kind"]: t for t in data["taxonomies"]}
    for file in sorted((ROOT / "recommendations/taxonomies").glob("*.yml")):
        assert kinds[file.stem] == yaml.safe_load(file.read_text("utf-8"))
    assert data["derived"]["r02"]["referenced_by"] and data["derived"]["r02"]["url"]["fr"] == \
        real_site.url + "fr/recommendations/r02/"


def test_csv_opens_with_arabic_intact_and_parses_back(real_site: Site) -> None:
    raw = (real_site.directory / "data/recommendations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, for spreadsheet software"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows] == sorted(p.stem for p in (ROOT / "recommendations").glob("r*.yml"))
    for row in rows:
        record = yaml.safe_load((ROOT / f"recommendations/{row['id']}.yml").read_text("utf-8"))
        for lang in LANGUAGES:
            assert row[f"title_{lang}"] == record["title"][lang]
            assert row[f"text_{lang}"] == record["text"][lang].strip()
            assert row[f"lead_{lang}"] == record.get("lead", {}).get(lang, "")
        assert row["objectives"].split() == [str(o) for o in record["objectives"]]
        assert row["source_document"] == record["source"]["document"] == "champions-peer-exchange"


def test_json_ld_describes_each_recommendation_page(real_site: Site) -> None:
    for lang in LANGUAGES:
        soup = real_site.soup(PREFIX[lang] + "recommendations/r19/")
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert data["@type"] == "CreativeWork" and data["identifier"] == "r19"
        assert data["inLanguage"] == lang
        assert data["url"] == real_site.url + PREFIX[lang] + "recommendations/r19/"
        assert data["name"] == soup.select_one("h1").get_text(strip=True)
        assert ("translationOfWork" in data) == (lang != "ar")
        assert data["isPartOf"]["url"] == real_site.url + PREFIX[lang] + "sources/champions-peer-exchange/"
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert data["about"] and data["keywords"] and data["audience"]
        # the text is the page's own, not repeated in its head (a recommendation page weighed its
        # text twice); a record with a lead gives it as the abstract
        assert "text" not in data and "abstract" not in data
        lead = json.loads(real_site.soup(PREFIX[lang] + "recommendations/r01/").select_one(
            'script[type="application/ld+json"]').string)["abstract"]
        record = yaml.safe_load((ROOT / "recommendations/r01.yml").read_text("utf-8"))
        assert lead == record["lead"][lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_embed_box_links_the_frame_options_explained_once(real_site: Site, lang: str) -> None:
    """The embed box of a recommendation or theme page keeps the snippet and hands the frame's
    options to the data page's section on embedding, in the page's language, which explains them."""
    guide = real_site.soup(PREFIX[lang] + "data/").select_one("h2#embed")
    section = []
    for sibling in guide.find_next_siblings():
        if sibling.name == "h2":
            break
        section.append(sibling.get_text(" "))
    assert "?theme=dark" in " ".join(section) and "?theme=auto" in " ".join(section)
    for path in ("recommendations/r16/", "themes/protection/"):
        box = real_site.soup(PREFIX[lang] + path).select_one("details.kb-embed-box")
        assert "?theme=" not in box.get_text(), "the options are explained once, on the data page"
        assert box.select_one("#embed-code").get_text().startswith("<iframe src=")
        link = box.select_one("a[data-kb-embed-guide]")
        assert real_site.resolve(PREFIX[lang] + path, link["href"]) == (PREFIX[lang] + "data/", "embed")


def test_data_page_links_the_downloads(real_site: Site) -> None:
    soup = real_site.soup("fr/data/")
    hrefs = [a["href"] for a in soup.select(".kb-downloads a")]
    assert "../../data/recommendations.json" in hrefs and "../../data/recommendations.csv" in hrefs
    assert "../../pdf/fr/sources/champions-peer-exchange.pdf" in hrefs


# --- PDF ----------------------------------------------------------------------------------

def test_pdfs_exist_per_language_and_theme(real_site: Site, real_pdfs: list[Path]) -> None:
    expected = {real_site.directory / f"pdf/{lang}/{name}.pdf" for lang in LANGUAGES
                for name in ["sources/champions-peer-exchange", *THEMES]}
    assert set(real_pdfs) == expected
    for pdf in expected:
        assert pdf.read_bytes().startswith(b"%PDF")


def test_arabic_pdf_text_is_in_logical_order(real_site: Site, real_pdfs: list[Path]) -> None:
    text = pdftext(real_site.directory / "pdf/ar/data.pdf")
    assert "شفافية بيانات الهجرة وإمكانية الوصول إليها" in text
    assert "وضع بروتوكولات موحدة لجمع البيانات ليتم اتباعها على المستوى الوطني" in text
    assert real_site.url + "recommendations/r03/" in text  # each recommendation's permalink
    last = pdftext(real_site.directory / "pdf/ar/data.pdf", "-f", "3", "-l", "3")
    assert "٣" in last  # page numbers in the language's own digits
    whole = pdftext(real_site.directory / "pdf/ar/sources/champions-peer-exchange.pdf")
    for rid in ("r01", "r18", "r35"):
        assert rid in whole


def test_english_and_french_pdfs_carry_their_text(real_site: Site, real_pdfs: list[Path]) -> None:
    en = pdftext(real_site.directory / "pdf/en/climate.pdf")
    assert "Contents" in en and "early warning" in en
    fr = pdftext(real_site.directory / "pdf/fr/rights.pdf")
    assert "Table des matières" in fr and "rétention" in fr


def test_pdf_page_rendered_to_png_for_review(real_site: Site, real_pdfs: list[Path]) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    out = SCREENSHOTS / "pdf-ar-data"
    subprocess.run(["pdftoppm", "-f", "2", "-l", "2", "-r", "70", "-png", str(real_site.directory / "pdf/ar/data.pdf"),
                    str(out)], check=True)
    png = next(SCREENSHOTS.glob("pdf-ar-data*.png"))
    assert png.stat().st_size > 20_000  # a page with text, not a blank one


# --- print in Chromium --------------------------------------------------------------------

@pytest.mark.browser
def test_chromium_prints_a_recommendation_cleanly(page, real_site: Site, tmp_path: Path) -> None:
    page.goto(real_site.url + "recommendations/r07/")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    pdf = tmp_path / "r07.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                            text=True).stdout).group(1))
    text = pdftext(pdf)
    title = page.locator("h1").inner_text()
    assert title in text
    assert real_site.url + "recommendations/r07/" in text  # permalink printed
    assert real_site.url + "recommendations/r08/" in text  # URL of a related link printed
    assert "ابحث في التوصيات" not in text  # no search box
    assert pdftext(pdf, "-f", str(pages), "-l", str(pages)), "no blank trailing page"
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(pdf), str(SCREENSHOTS / "print-r07-ar")],
                   check=True)


def test_pages_carry_no_written_out_address_for_print(real_site: Site) -> None:
    """The links of lists print their full address, but the pages no longer carry it (50-60 bytes a
    link, on every list): a bare data-url marks them, which kb.js fills in the browser. The printable
    documents and their PDFs print each permalink as text of their own."""
    written_out = [page for page in real_site.pages() if 'data-url="' in real_site.file_of(page).read_text("utf-8")]
    assert written_out == []
    related = real_site.soup("en/recommendations/r16/").select("#related ~ ul a")
    assert related and all(a.has_attr("data-url") for a in related)


@pytest.mark.browser
@pytest.mark.parametrize(("path", "links"), [
    ("en/recommendations/r16/", "section[aria-labelledby=related] .kb-list a, .kb-facts .kb-chips a"),
    ("fr/practices/p001/", "[data-kb-fact=objectives] a, section[aria-labelledby=implements] .kb-list a"),
    ("glossary/", ".kb-glossary dt a"),
    ("en/data/", ".kb-downloads a[download]"),
])
def test_printing_a_page_shows_the_full_address_of_each_listed_link(page, real_site: Site, path: str,
                                                                   links: str) -> None:
    page.goto(real_site.url + path)
    page.emulate_media(media="print")
    printed = page.eval_on_selector_all(links, """links => links.map(a => [a.href,
        getComputedStyle(a, '::after').content])""")
    assert len(printed) > 1
    for href, after in printed:
        assert href.startswith(real_site.url) and after == f'" ({href})"', (href, after)
    inline = page.eval_on_selector_all(".md-typeset p a, .kb-crumbs a", "links => links.map(a => "
                                       "getComputedStyle(a, '::after').content)")
    assert set(inline) <= {"none", "normal"}, "links within the text print no address"


@pytest.mark.browser
def test_printable_theme_keeps_each_recommendation_whole(page, real_site: Site, tmp_path: Path) -> None:
    page.goto(real_site.url + "en/print/protection/")
    page.emulate_media(media="print")
    assert page.locator(".kb-doc__actions").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.kb-doc__rec')).breakInside") == "avoid"
    pdf = tmp_path / "protection.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = pdftext(pdf)
    for rid in [f"r{n:02d}" for n in range(5, 14)]:
        assert rid in text


# --- embed -----------------------------------------------------------------------------------

@pytest.mark.browser
def test_embed_renders_in_an_iframe_on_another_site_and_resizes(page, real_site: Site, tmp_path: Path) -> None:
    snippet = real_site.soup("en/recommendations/r13/").select_one("#embed-code").get_text()
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in snippet
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(f"<!doctype html><html lang=en><body><h1>Host</h1>{snippet}</body></html>",
                                     "utf-8")
    port = free_port()
    server = serve(host, port)
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        frame = page.frame_locator("iframe")
        title = real_site.soup("en/recommendations/r13/").select_one("h1").get_text(strip=True)
        assert frame.locator("h1").inner_text() == title
        page.wait_for_function("parseInt(document.querySelector('iframe').style.height) !== 320")
        inner = page.frames[1].evaluate("document.documentElement.getBoundingClientRect().height")
        height = page.evaluate("parseInt(document.querySelector('iframe').style.height)")
        assert abs(height - inner) <= 2
        assert page.frames[1].evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["en", "ltr"]
        back = frame.locator(".kb-embed__source a")
        assert back.get_attribute("href") == real_site.url + "en/recommendations/r13/"
        assert back.get_attribute("target") == "_blank"
    finally:
        server.shutdown()


def test_embed_pages_stay_out_of_the_sitemap_and_search(real_site: Site) -> None:
    soup = real_site.soup("embed/recommendations/r01/")
    assert soup.html["lang"] == "ar" and soup.html["dir"] == "rtl"
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert soup.select(".md-header, .md-sidebar, nav") == []
    for lang in LANGUAGES:
        sitemap = (real_site.directory / PREFIX[lang] / "sitemap.xml").read_text("utf-8")
        assert "/embed/" not in sitemap and "/print/" not in sitemap
        payload = json.loads((real_site.directory / f"assets/search/{lang}.json").read_text("utf-8"))
        records = sorted(p.stem for p in (ROOT / "recommendations").glob("r*.yml"))
        records += sorted(p.stem for p in (ROOT / "recommendations" / "practices").glob("p*.yml"))
        assert ids_of(payload["ids"]) == records  # the search finds recommendations and practices, never embeds
