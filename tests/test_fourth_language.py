"""The language registry's promise: a language is declared once (its entry in gcmkb/languages.py),
and the whole site follows; what it needs besides is its words: its labels (gcmkb/locales/), its
hand-written pages (docs/x.<code>.md) and the texts of the collection.

The test declares a fourth language, Spanish, in a copy of the core: one line in the registry and
a dictionary of labels; its hand-written pages are the English ones (a fixture, not a translation).
The build of the small fixture collection runs on that copy. The recommendations leave their Spanish pending; the
themes, taxonomies, terms and source documents, which the schemas want in every language, carry
the English texts as their Spanish.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from gcmkb import languages, schemalanguages, termbase
from gcmkb.labels import Labels
from gcmkb.languages import REGISTRY, Language
from gcmkb.schema import package_schema
from gcmkb.textview import segments
from gcmkb.typography import typeset
from gcmkb.viewcontext import COUNTER_STYLE

from .conftest import FIXTURES, ROOT
from .sitebuild import Site, build, make_project

FOURTH = '    Language("es", "Español", "ltr", "Latn", "latn", "es", ", ", "."),\n'


def _declare_spanish(code: Path) -> None:
    """The declaration, and nothing else: the registry's entry and the labels."""
    shutil.copytree(ROOT / "gcmkb", code / "gcmkb", ignore=shutil.ignore_patterns("__pycache__"))
    registry = code / "gcmkb" / "languages.py"
    text = registry.read_text("utf-8")
    end = text.index("\n)\nBY_CODE")
    registry.write_text(text[: end + 1] + FOURTH + text[end + 1:], "utf-8")
    shutil.copy(code / "gcmkb" / "locales" / "en.yml", code / "gcmkb" / "locales" / "es.yml")


def _with_spanish(node: Any) -> Any:
    """Every text in every language also in Spanish (the English text)."""
    if isinstance(node, dict):
        out = {key: _with_spanish(value) for key, value in node.items()}
        if "en" in out and "fr" in out and "es" not in out and key_is_text(out):
            out["es"] = out["en"]
        return out
    return [_with_spanish(item) for item in node] if isinstance(node, list) else node


def key_is_text(node: dict[str, Any]) -> bool:
    return not isinstance(node["en"], dict)  # translations: {en: {status: …}} is no text


def _spanish_collection(project: Path) -> None:
    for page in sorted((project / "docs").glob("*.en.md")):
        shutil.copy(page, page.with_name(page.name.replace(".en.md", ".es.md")))
    for path in sorted((project / "recommendations").rglob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        if path.parent.name == "recommendations" and path.stem.startswith("r") and "translations" in data:
            data["translations"]["es"] = {"status": "pending"}  # the recommendations: pending
        else:
            data = _with_spanish(data)
            if "translations" in data:  # a theme: its Spanish is as current as its English
                data["translations"]["es"] = dict(data["translations"]["en"])
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Site]:
    root = tmp_path_factory.mktemp("fourth-language")
    _declare_spanish(root / "code")
    project = make_project(root / "project", FIXTURES / "mini")
    _spanish_collection(project)
    url = "http://127.0.0.1:8765/"
    run = build(project, url, env={"PYTHONPATH": str(root / "code"), "KB_PDF": "0"})
    return run, Site(project / "site", url)


@pytest.fixture
def spanish_site(built: tuple[subprocess.CompletedProcess[str], Site]) -> Site:
    run, site = built
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return site


def test_the_fourth_language_has_its_pages_with_its_language_and_direction(spanish_site: Site) -> None:
    for page in ("es/", "es/recommendations/r01/", "es/themes/alpha/", "es/search/", "es/objectives/"):
        html = spanish_site.soup(page).html
        assert (html.get("lang"), spanish_site.soup(page).body.get("dir")) == ("es", "ltr"), page
    record = spanish_site.soup("es/recommendations/r01/")  # pending: the Arabic, marked, with a notice
    title = record.select_one("h1#title")
    assert (title["lang"], title["dir"], title.get_text()) == ("ar", "rtl", "فرق عمل مشتركة للبيانات")
    assert record.select_one(".kb-notice .admonition-title").get_text() == "Translation pending"
    title = spanish_site.soup("es/themes/alpha/").select_one("h1").get_text(strip=True)
    assert title == "Improving data collection"


def test_the_language_switcher_lists_the_fourth_language(spanish_site: Site) -> None:
    for page in ("", "en/recommendations/r01/", "es/recommendations/r01/"):
        links = spanish_site.soup(page).select(".kb-languages-menu a[hreflang]")
        assert [(a["hreflang"], a.get_text(strip=True)) for a in links] == [
            ("ar", "العربية"), ("en", "English"), ("fr", "Français"), ("es", "Español")], page


def test_the_fourth_language_has_its_search_index(spanish_site: Site) -> None:
    payload = json.loads((spanish_site.directory / "assets/search/es.json").read_text("utf-8"))
    assert (spanish_site.directory / f"assets/search/{payload['explore']}").exists()
    assert payload["pipeline"] == ["kb-trimmer", "kb-normalize"]  # no steps of its own declared: words as written
    chunks = payload["chunks"]
    assert chunks["terms"] > 0
    for n in range(len(chunks["first"])):
        assert (spanish_site.directory / "assets/search" / chunks["path"].format(n=n)).stat().st_size
    # its scripts' labels, in its own file, from its dictionary; the others' indexes beside it
    labels = json.loads((spanish_site.directory / "assets/i18n/es.json").read_text("utf-8"))
    assert (labels["lang"], labels["dir"]) == ("es", "ltr") and labels["labels"]["search_loading"]
    assert [other["lang"] for other in labels["others"]] == ["ar", "en", "fr"]


# --- the schemas follow the registry (no build: these hold whatever the search index does) ------

def test_the_schemas_are_the_files_while_the_registry_has_their_languages() -> None:
    for name in ("recommendation", "theme", "source", "taxonomy", "terms", "collection"):
        shipped = json.loads((ROOT / "gcmkb" / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert package_schema(name) == shipped, name


def test_a_declared_language_gets_what_a_translated_language_has_in_the_schemas(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schemalanguages, "LANGUAGES", ("ar", "en", "fr", "es"))
    schema = package_schema("recommendation")
    assert schema["$defs"]["translations"]["required"] == ["en", "fr", "es"]
    assert list(schema["$defs"]["title"]["properties"]) == ["ar", "en", "fr", "es"]
    assert schema["$defs"]["title"]["required"] == ["ar"]  # the source only: the others may be pending
    rules = [rule["description"] for rule in schema["allOf"]]
    assert "the texts are written in es unless translations.es is pending" in rules
    monkeypatch.setattr(schemalanguages, "LANGUAGES", ("ar", "en"))
    schema = package_schema("recommendation")
    assert schema["$defs"]["translations"]["required"] == ["en"]
    assert [rule["description"] for rule in schema["allOf"]] == [
        "the texts are written in en unless translations.en is pending"]


def test_the_generators_default_language_must_be_the_source_language(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "mini")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("        - locale: ar\n", "        - locale: en\n"), "utf-8")
    run = build(project, "http://127.0.0.1:8765/", env={"KB_PDF": "0"})
    assert run.returncode == 1
    assert ("mkdocs.yml: plugins.i18n.languages: the default language is 'en'; allowed: the source language "
            "of gcmkb/languages.py, 'ar'") in run.stdout + run.stderr


# --- a language's properties are data: a fourth language with its own needs no code --------------

PERSIAN = Language("fa", "فارسی", "rtl", "Arab", "arabext", "fa", "، ", "\u066c")
POLISH = Language("pl", "Polski", "ltr", "Latn", "latn", "pl", ", ", "\u00a0")
SPANISH = Language("es", "Español", "ltr", "Latn", "latn", "es", ", ", ".", plural_endings=("", "s", "es"))


@pytest.fixture
def declared(monkeypatch: pytest.MonkeyPatch) -> None:
    for lang in (PERSIAN, POLISH, SPANISH):
        monkeypatch.setitem(languages.BY_CODE, lang.code, lang)


def test_a_right_to_left_language_writes_its_own_digits_and_separators() -> None:
    assert PERSIAN.number(2026) == "۲۰۲۶"
    assert PERSIAN.quantity(2954) == "۲٬۹۵۴"
    assert PERSIAN.numeral("10.7") == "۱۰٫۷"  # its decimal separator, from CLDR
    assert (POLISH.number(2026), POLISH.quantity(2954)) == ("2026", "2\u00a0954")
    assert (COUNTER_STYLE[PERSIAN.digits], COUNTER_STYLE[POLISH.digits]) == ("persian", "decimal")  # printed lists


def test_a_right_to_left_language_typesets_its_digits_and_isolates_latin_runs(declared: None) -> None:
    assert typeset("هدف 13 از GCM 2018", "fa") == "هدف ۱۳ از GCM 2018"
    runs = segments("سند A/RES/73/195 در سال 2018", "fa", None, str)  # type: ignore[arg-type]
    assert runs == [{"kind": "text", "text": "سند "}, {"kind": "ltr", "text": "A/RES/73/195"},
                    {"kind": "text", "text": " در سال ۲۰۱۸"}]
    runs = segments("the word «الهجرة» here", "pl", None, str)  # type: ignore[arg-type]
    assert runs[1] == {"kind": "rtl", "lang": "ar", "text": "الهجرة"}  # a quote of the source, in its language


def test_a_fourth_language_counts_with_its_own_plural_rule(declared: None) -> None:
    forms = {"n": {"one": "{n} o", "few": "{n} f", "many": "{n} m", "other": "{n} x"}}
    polish, persian = Labels("pl", forms), Labels("fa", forms)
    assert [polish.count("n", n) for n in (1, 2, 5, 22, 112)] == ["1 o", "2 f", "5 m", "22 f", "112 m"]
    assert [persian.count("n", n) for n in (0, 1, 2, 1500)] == ["۰ o", "۱ o", "۲ x", "۱٬۵۰۰ x"]


def test_the_registrys_plural_rules_are_cldrs_for_its_languages() -> None:
    """What the hand-written rules said before Babel's (0-1 one in French, six Arabic forms)."""
    def arabic(n: int) -> str:
        if n < 3:
            return ("zero", "one", "two")[n]
        return "few" if 3 <= n % 100 <= 10 else "many" if 11 <= n % 100 <= 99 else "other"
    expected = {"ar": arabic, "en": lambda n: "one" if n == 1 else "other",
                "fr": lambda n: "one" if n in (0, 1) else "other"}
    for lang in REGISTRY:
        assert [lang.plural_category(n) for n in range(2000)] == [expected[lang.code](n) for n in range(2000)]


def test_a_fourth_language_finds_terms_with_its_own_plural_endings(declared: None) -> None:
    text = "las migraciones, los derechos y la migración"
    for form, expected in (("migración", ["migraciones", "migración"]), ("derecho", ["derechos"])):
        found = termbase.find("es", termbase.form_words(form), termbase.tokens(text))
        assert [text[a:b] for a, b in found] == expected, form
