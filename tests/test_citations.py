"""Citations for reference managers: RIS, BibTeX and CSL-JSON per recommendation and language,
read back with the parsers reference managers' users run (rispy, bibtexparser), and in the site."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path

import bibtexparser
import pytest
import rispy

from gcmkb.changes import NO_HISTORY, Change, History
from gcmkb.citations import Reference, bibtex_escape, formats, reference, to_bibtex, to_ris
from gcmkb.publishing import COMMIT, Edition
from gcmkb.site import KnowledgeBase

from .conftest import FIXTURES
from .sitebuild import Site

URL = "https://kb.example.org/"
MARCH_3 = int(datetime(2026, 3, 3, 15, tzinfo=UTC).timestamp())
MAY_9 = int(datetime(2026, 5, 9, 8, tzinfo=UTC).timestamp())


def context(lang: str, history: History = NO_HISTORY, edition: Edition | None = None, publisher: object = None):
    kb = KnowledgeBase.load(FIXTURES / "mini")
    kb = dataclasses.replace(kb, history=history, edition=edition or Edition())
    return kb.context(lang, lambda path: URL + path, URL, "", publisher)


def history() -> History:
    return History.of_changes([Change("r01", "c" * 40, MARCH_3, "Amal Haddad", False, ("text.en",))])


def test_ris_of_a_recommendation_in_english() -> None:
    ref = reference("r01", context("en", history(), Edition(COMMIT, "", MAY_9, "e" * 40), "Champions Secretariat"))
    text = formats(ref)["ris"]
    assert text.endswith("ER  -\r\n") and "\r\n" in text
    [entry] = rispy.loads(text)
    assert entry == {"type_of_reference": "ELEC", "id": "gcm-r01-en", "title": "Joint data working groups",
                     "secondary_title": "Summary of a test dialogue",  # its source document
                     "authors": ["Champions Secretariat"], "year": "2026", "date": "2026/03/03",
                     "urls": ["https://kb.example.org/en/recommendations/r01/"], "language": "en"}


def test_bibtex_of_a_recommendation_in_french() -> None:
    ref = reference("r01", context("fr", history(), publisher={"ar": "الأمانة", "en": "Secretariat",
                                                                "fr": "Secrétariat des champions"}))
    library = bibtexparser.parse_string(formats(ref)["bib"])
    assert not library.failed_blocks
    [entry] = library.entries
    assert (entry.entry_type, entry.key) == ("misc", "gcm-r01-fr")
    assert {f.key: f.value for f in entry.fields} == {
        "author": "{Secrétariat des champions}", "title": "Groupes de travail conjoints sur les données",
        "howpublished": "Résumé d'un dialogue d'essai", "year": "2026", "month": "mar",
        "date": "2026-03-03", "url": "https://kb.example.org/fr/recommendations/r01/", "language": "fr"}


def test_csl_json_in_arabic_is_utf8_with_the_arabic_title() -> None:
    ref = reference("r01", context("ar", history()))
    raw = formats(ref)["csl"].encode("utf-8")
    assert "فرق عمل مشتركة للبيانات".encode() in raw  # UTF-8, not \\u escapes
    assert json.loads(raw) == [{
        "id": "gcm-r01-ar", "type": "webpage", "title": "فرق عمل مشتركة للبيانات",
        "container-title": "ملخص حوار تجريبي", "author": [{"literal": context("ar").t("site_name")}],
        "URL": "https://kb.example.org/recommendations/r01/", "language": "ar", "number": "r01",
        "issued": {"date-parts": [[2026, 3, 3]]}}]
    [entry] = bibtexparser.parse_string(formats(ref)["bib"]).entries
    assert entry["title"] == "فرق عمل مشتركة للبيانات"
    assert rispy.loads(formats(ref)["ris"])[0]["title"] == "فرق عمل مشتركة للبيانات"


def test_the_date_is_the_latest_change_else_the_edition_else_none() -> None:
    edition = Edition(COMMIT, "", MAY_9, "e" * 40)
    assert reference("r01", context("en", history(), edition)).issued == date(2026, 3, 3)
    assert reference("r02", context("en", history(), edition)).issued == date(2026, 5, 9)  # r02 never changed
    undated = reference("r01", context("en"))
    assert undated.issued is None
    assert "PY  -" not in to_ris(undated) and "year" not in to_bibtex(undated)
    assert "issued" not in json.loads(formats(undated)["csl"])[0]


def test_bibtex_special_characters_are_escaped() -> None:
    assert bibtex_escape(r"R&D: 50% of $x_1$ {#1} ~ ^ \ ") == (
        r"R\&D: 50\% of \$x\_1\$ \{\#1\} \textasciitilde{} \textasciicircum{} \textbackslash{} ")
    ref = Reference("gcm-r01-en", "r01", "Data & rights: 100% {safe}", "en", "Doc_1", "A&B", None, URL)
    [entry] = bibtexparser.parse_string(to_bibtex(ref)).entries
    assert entry["title"] == r"Data \& rights: 100\% \{safe\}"
    assert entry["author"] == r"{A\&B}" and entry["howpublished"] == r"Doc\_1"


def _rec_page(site: Site, lang: str, rid: str) -> Path:
    return site.directory / ("" if lang == "ar" else f"{lang}/") / f"recommendations/{rid}/index.html"


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_each_recommendation_page_links_its_three_citation_files(mini_site: Site, lang: str) -> None:
    prefix = "" if lang == "ar" else f"{lang}/"
    soup = mini_site.soup(f"{prefix}recommendations/r01/")
    links = soup.select("[data-kb-cite-files] a")
    assert [(a.text, a["href"], a["download"]) for a in links] == [
        ("RIS", "cite.ris", f"r01-{lang}.ris"), ("BibTeX", "cite.bib", f"r01-{lang}.bib"),
        ("CSL-JSON", "cite.json", f"r01-{lang}.json")]
    assert soup.select_one("[data-kb-cite-files]").text.startswith(context(lang).t("cite_download"))
    folder = mini_site.directory / f"{prefix}recommendations/r01"
    [entry] = rispy.loads((folder / "cite.ris").read_text("utf-8"))
    title = context(lang).catalog.recommendation("r01").title.get(lang)
    permalink = mini_site.url + f"{prefix}recommendations/r01/"
    assert (entry["title"], entry["urls"], entry["language"]) == (title, [permalink], lang)
    assert bibtexparser.parse_string((folder / "cite.bib").read_text("utf-8")).entries[0]["title"] == title
    assert json.loads((folder / "cite.json").read_bytes())[0]["title"] == title
    every = json.loads((mini_site.directory / f"assets/cite/{lang}/r0.json").read_bytes())  # r00..r24
    assert sorted(every) == ["r01", "r02", "r03"] and every["r01"]["ris"] == (folder / "cite.ris").read_bytes().decode()


def test_a_practice_is_cited_in_the_language_its_page_shows_with_its_countries_and_period() -> None:
    """p003 is written in French and English: its French reference is French, with no container (it
    belongs to no source document) and its countries and period as the note; the date is its latest
    change, the author the publisher, as a recommendation's."""
    changed = History.of_changes([Change("p003", "c" * 40, MARCH_3, "Amal Haddad", False, ("title.fr",))])
    ref = reference("p003", context("fr", changed, Edition(COMMIT, "", MAY_9, "e" * 40), "Secrétariat"))
    texts = formats(ref)
    assert texts["ris"] == (
        "TY  - ELEC\r\nID  - gcm-p003-fr\r\nTI  - Une pratique d'essai dans deux pays\r\nAU  - Secrétariat\r\n"
        "PY  - 2026\r\nDA  - 2026/03/03\r\nN1  - Ghana, Sénégal\u202f; 2021–2023\r\n"
        "UR  - https://kb.example.org/fr/practices/p003/\r\nLA  - fr\r\nER  -\r\n")
    [entry] = bibtexparser.parse_string(texts["bib"]).entries
    assert {f.key: f.value for f in entry.fields} == {
        "author": "{Secrétariat}", "title": "Une pratique d'essai dans deux pays", "year": "2026", "month": "mar",
        "date": "2026-03-03", "note": "Ghana, Sénégal\u202f; 2021–2023",
        "url": "https://kb.example.org/fr/practices/p003/", "language": "fr"}
    assert json.loads(texts["csl"]) == [{
        "id": "gcm-p003-fr", "type": "webpage", "title": "Une pratique d'essai dans deux pays",
        "author": [{"literal": "Secrétariat"}], "URL": "https://kb.example.org/fr/practices/p003/",
        "language": "fr", "number": "p003", "note": "Ghana, Sénégal\u202f; 2021–2023",
        "issued": {"date-parts": [[2026, 3, 3]]}}]


@pytest.mark.parametrize(("lang", "pid", "title", "written", "note"), [
    ("en", "p002", "ممارسة تجريبية بالعربية", "ar", "Morocco; 2020–2022"),  # written in Arabic only
    ("ar", "p001", "Test data desk in one country", "en", "غانا؛ منذ ٢٠١٩"),  # in English only, ongoing
    ("ar", "p002", "ممارسة تجريبية بالعربية", "ar", "المغرب؛ ٢٠٢٠–٢٠٢٢")])
def test_a_practice_not_written_in_the_pages_language_is_cited_in_its_own(lang: str, pid: str, title: str,
                                                                          written: str, note: str) -> None:
    [entry] = rispy.loads(formats(reference(pid, context(lang)))["ris"])
    assert (entry["title"], entry["language"], entry["notes"], entry.get("secondary_title")) == (
        title, written, [note], None)
    assert "year" not in entry  # an undated copy, a practice with no change: no date made up


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_each_practice_page_links_its_three_citation_files(mini_site: Site, lang: str) -> None:
    prefix = "" if lang == "ar" else f"{lang}/"
    soup = mini_site.soup(f"{prefix}practices/p003/")
    assert soup.select_one(".kb-cite h2").text == context(lang).t("cite_practice")
    links = soup.select("[data-kb-cite-files] a")
    assert [(a.text, a["href"], a["download"], a["type"]) for a in links] == [
        ("RIS", "cite.ris", f"p003-{lang}.ris", "application/x-research-info-systems"),
        ("BibTeX", "cite.bib", f"p003-{lang}.bib", "application/x-bibtex"),
        ("CSL-JSON", "cite.json", f"p003-{lang}.json", "application/vnd.citationstyles.csl+json")]
    assert soup.select_one("[data-kb-cite-files]").text.startswith(context(lang).t("cite_download"))
    folder = mini_site.directory / f"{prefix}practices/p003"
    [entry] = rispy.loads((folder / "cite.ris").read_text("utf-8"))
    title, written = {"ar": ("Une pratique d'essai dans deux pays", "fr"),
                      "en": ("A test practice across two countries", "en"),
                      "fr": ("Une pratique d'essai dans deux pays", "fr")}[lang]
    assert (entry["title"], entry["urls"], entry["language"]) == (
        title, [mini_site.url + f"{prefix}practices/p003/"], written)
    assert bibtexparser.parse_string((folder / "cite.bib").read_text("utf-8")).entries[0]["title"] == title
    assert json.loads((folder / "cite.json").read_bytes())[0]["title"] == title
    every = json.loads((mini_site.directory / f"assets/cite/{lang}/p0.json").read_bytes())  # p000..p024
    assert sorted(every) == ["p001", "p002", "p003"]
    assert every["p003"]["ris"] == (folder / "cite.ris").read_bytes().decode()


def test_the_data_and_the_csvs_companion_carry_the_edition(mini_site: Site) -> None:
    """The edition the footer names, in the JSON and in the CSV's CSV on the Web companion. The
    fixture site is built from a copy without a repository: undated, and nothing made up."""
    data = json.loads((mini_site.directory / "data/recommendations.json").read_bytes())
    for table in ("recommendations.csv", "practices.csv"):  # each table has its companion
        meta = json.loads((mini_site.directory / f"data/{table}-metadata.json").read_bytes())
        assert data["edition"] == meta["kb:edition"] == {"state": "undated"}
        assert "dc:issued" not in meta and "schema:version" not in meta
        assert meta["url"] == table and meta["dc:license"] == {"@id": "https://creativecommons.org/licenses/by/4.0/"}
        header = (mini_site.directory / f"data/{table}").read_bytes().decode("utf-8-sig").split("\r\n")[0]
        assert [c["name"] for c in meta["tableSchema"]["columns"]] == [h.strip('"') for h in header.split(",")]
    links = [a["href"] for a in mini_site.soup("en/data/").select("a[href$='-metadata.json']")]
    assert links == ["../../data/recommendations.csv-metadata.json", "../../data/practices.csv-metadata.json"]
    titles = {table: {t["@language"]: t["@value"] for t in json.loads(
        (mini_site.directory / f"data/{table}-metadata.json").read_bytes())["dc:title"]}
        for table in ("recommendations.csv", "practices.csv")}
    for lang in ("ar", "en", "fr"):  # the practices come from no source document: named as the site's
        t = context(lang).t
        assert titles["recommendations.csv"][lang] == t("document_title") == data["title"][lang]
        assert titles["practices.csv"][lang] == f"{t('practices')} — {t('site_name')}"
    footer = mini_site.soup("en/").select_one("footer").get_text(" ")
    assert context("en").t("edition_undated") in " ".join(footer.split())


@pytest.mark.parametrize(("edition", "record"), [
    (Edition(), {"state": "undated"}),
    (Edition(COMMIT, "", MAY_9, "e" * 40), {"state": "commit", "date": "2026-05-09", "commit": "e" * 40}),
    (Edition("release", "v1.2", MAY_9, "e" * 40),
     {"state": "release", "version": "v1.2", "date": "2026-05-09", "commit": "e" * 40}),
])
def test_the_edition_in_the_data_is_the_footers(edition: Edition, record: dict[str, str], tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    from gcmkb.export import collection, csv_metadata, published_schemas

    kb = dataclasses.replace(KnowledgeBase.load(FIXTURES / "mini"), edition=edition)
    payload = collection(kb.catalog, kb.graph, URL, {"ar": "ع", "en": "E", "fr": "F"}, edition)
    assert payload["edition"] == record
    schemas = published_schemas(URL)
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    schema = schemas["collection.schema.json"]
    assert list(Draft202012Validator(schema, registry=registry).iter_errors(payload)) == []
    wrong = {**payload, "edition": {**record, "state": "release"} if edition.state == COMMIT else {"state": "x"}}
    assert list(Draft202012Validator(schema, registry=registry).iter_errors(wrong)) != []
    meta = csv_metadata(URL, {"en": "E"}, edition)
    assert meta["kb:edition"] == record and ("dc:issued" in meta) == (edition.state != "undated")
    assert meta.get("schema:version") == (edition.version or None)


def test_a_pending_translation_is_cited_in_the_arabic_it_shows(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    shutil.copy(FIXTURES / "pending" / "r04.yml", tmp_path / "mini/recommendations/r04.yml")
    kb = dataclasses.replace(KnowledgeBase.load(tmp_path / "mini"), history=NO_HISTORY)
    arabic = kb.catalog.recommendation("r04").title.ar
    ref = reference("r04", kb.context("fr", lambda path: URL + path, URL))
    assert (ref.title, ref.language, ref.url) == (arabic, "ar", URL + "fr/recommendations/r04/")
    [entry] = rispy.loads(to_ris(ref))
    assert (entry["title"], entry["language"]) == (arabic, "ar")


@pytest.mark.parametrize(("lang", "pid", "line", "title", "written"), [
    ("en", "p002", "{site}, practice p002: ممارسة تجريبية بالعربية. Morocco; 2020–2022.",
     "ممارسة تجريبية بالعربية", ("ar", "rtl")),  # written in Arabic only
    ("ar", "p001", "{site}، الممارسة p001: Test data desk in one country. غانا؛ منذ ٢٠١٩.",
     "Test data desk in one country", ("en", "ltr")),  # in English only, ongoing
    ("fr", "p003", "{site}, pratique p003\u00a0: Une pratique d’essai dans deux pays. Ghana, Sénégal\u202f; 2021–2023.",
     None, None)])  # written in French: the title needs no marking
def test_a_practice_page_has_a_citation_line_to_copy_and_its_permalink(mini_site: Site, lang: str, pid: str,
                                                                       line: str, title: str | None,
                                                                       written: tuple[str, str] | None) -> None:
    """As a recommendation's page: the line a reader copies into a document (the knowledge base as
    its work, where and when as its reference's note), its address, and the permalink; a title
    written in another language than the page's is marked with its lang and dir."""
    prefix = "" if lang == "ar" else f"{lang}/"
    soup = mini_site.soup(f"{prefix}practices/{pid}/")
    address = mini_site.url + f"{prefix}practices/{pid}/"
    cite = soup.select_one(".kb-cite #cite-text")
    site = context(lang).t("site_name").replace(" :", "\u00a0:")
    assert cite.get_text() == line.format(site=site) + " " + address
    marked = cite.select("span[lang]")
    assert [(s.get_text(), (s["lang"], s["dir"])) for s in marked] == ([(title, written)] if title else [])
    assert soup.select_one(".kb-cite [data-kb-copy]")["data-kb-copy"] == "cite-text"
    assert soup.select_one(".kb-cite #permalink")["href"] == address
