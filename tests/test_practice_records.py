"""Practice records (recommendations/practices/pNNN.yml): each failure mode with the exact message
an editor sees, every problem at once; the model built from a valid one."""

from __future__ import annotations

from pathlib import Path

from gcmkb import countries
from gcmkb.catalog import check_collection, load_catalog

from .test_validator import edit, problems_of

P1 = "recommendations/practices/p001.yml"
P2 = "recommendations/practices/p002.yml"


def test_fixture_practices_become_the_model(mini: Path) -> None:
    catalog = load_catalog(mini)
    assert [p.id for p in catalog.practices] == ["p001", "p002", "p003"]
    p1, p3 = catalog.practice("p001"), catalog.practice("p003")
    assert (p1.language, p1.title.en, p1.title.ar, p1.title.fr) == ("en", "Test data desk in one country", None, None)
    assert (p1.start, p1.end, p1.region) == (2019, None, "011")  # Western Africa, from Ghana
    assert (p3.countries, p3.region) == (("GH", "SN"), "011")
    assert catalog.practice("p002").region == "015"  # Northern Africa, from Morocco
    assert [p.id for p in catalog.implementing("r01")] == ["p001", "p002"]
    assert [p.id for p in catalog.in_country("GH")] == ["p001", "p003"]
    assert p1.shown_in("fr") == "en" and p3.shown_in("en") == "en" and p3.shown_in("ar") == "fr"
    assert p3.text(p3.title, "ar") == ("Une pratique d'essai dans deux pays", "fr")


def test_every_problem_of_a_practice_at_once_with_hints(mini: Path) -> None:
    edit(mini, P1, "countries: [GH]", "countries: [gh, Ghana, XX]")
    edit(mini, P1, "actors: [member-states]", "actors: [member-state]")
    edit(mini, P1, "principles: [human-rights]", "principles: [rights-of-humans]")
    edit(mini, P1, "implements: [r01]", "implements: [r1, r99]")
    edit(mini, P1, "period: {start: 2019, end: null}", "period: {start: 2019, end: 2018}")
    edit(mini, P1, "id: p001", "id: p004")
    assert problems_of(mini) == [
        f"{P1}:2: id: 'p004' does not match the file name p001.yml; allowed: the file is named after its id (p004.yml)",
        f"{P1}:12: countries[0]: unknown country code 'gh'; did you mean 'GH'?",
        f"{P1}:12: countries[1]: unknown country code 'Ghana'; did you mean 'GH' (Ghana)?",
        f"{P1}:12: countries[2]: unknown country code 'XX'; allowed: an ISO 3166-1 alpha-2 code that CLDR names, "
        "such as 'GH' (Ghana) or 'MA' (Morocco)",
        f"{P1}:13: actors[0]: unknown actor 'member-state'; did you mean 'member-states'?",
        f"{P1}:14: period.end: 2018 is before the start (2019); allowed: a year from 2019 on, "
        "or null when ongoing or not known",
        f"{P1}:16: principles[0]: unknown principle 'rights-of-humans'; "
        "known principles: child-sensitive, human-rights",
        f"{P1}:17: implements[0]: unknown recommendation 'r1'; did you mean 'r01'?",
        f"{P1}:17: implements[1]: unknown recommendation 'r99'; known ids: r01, r02, r03",
    ]


def test_the_practice_language_text_is_required_and_the_others_optional(mini: Path) -> None:
    edit(mini, P1, 'title: {en: "Test data desk in one country"}', 'title: {fr: "Un guichet"}')
    edit(mini, P2, "  - {ar: ملاحظة تجريبية.}", "  - {en: A test note.}")
    assert problems_of(mini) == [
        f"{P1}:5: title.en: missing: the practice is written in en (language: en); allowed: its text in en, "
        "the other languages optional",
        f"{P2}:17: notes[0].ar: missing: the practice is written in ar (language: ar); allowed: its text in ar, "
        "the other languages optional",
    ]


def test_region_must_be_m49_and_contain_the_countries(mini: Path) -> None:
    edit(mini, P1, "countries: [GH]", 'countries: [GH]\nregion: "015"')
    edit(mini, P2, "countries: [MA]", "countries: [MA]\nregion: Afrique")
    edit(mini, "recommendations/practices/p003.yml", "countries: [GH, SN]", "countries: [GH, SN]\nregion: GH")
    assert problems_of(mini) == [
        f"{P1}:13: region: '015' (Northern Africa) does not contain GH (Ghana); allowed: a region containing every "
        "country, or leave it out to derive it from them",
        f"{P2}:9: region: unknown UN M49 region 'Afrique'; did you mean '002' (Africa)?",
        "recommendations/practices/p003.yml:15: region: unknown UN M49 region 'GH'; 'GH' is a country (Ghana); "
        "allowed: a UN M49 region code such as '011' (Western Africa), the countries in countries",
    ]


def test_schema_messages_of_a_practice(mini: Path) -> None:
    edit(mini, P1, "status: draft", "status: done")
    edit(mini, P1, "evidence:\n  - https://example.org/practice-one", "evidence:\n  - http://example.org/practice-one")
    edit(mini, P1, "objectives: [1]", "objectives: [24]")
    edit(mini, P1, "countries: [GH]", "countries: [GH]\nregion: 002")
    assert problems_of(mini) == [
        f"{P1}:3: status: 'done' is not allowed; allowed: draft (the editors' reading, to review) or reviewed",
        f"{P1}:13: region: expected a UN M49 region code in quotes, such as \"002\" (Africa) or \"011\" "
        "(Western Africa); leave it out to derive it from the countries, got a number",
        f"{P1}:16: objectives[0]: 24 is too large; allowed: a GCM objective number from 1 to 23",
        f"{P1}:22: evidence[0]: 'http://example.org/practice-one' is not valid; allowed: a public address "
        "starting with https://",
    ]


def test_duplicate_practice_ids_and_a_misplaced_file(mini: Path) -> None:
    text = (mini / P2).read_text("utf-8").replace("id: p002", "id: p001")
    (mini / "recommendations/practices/p009.yml").write_text(text, "utf-8")
    found = problems_of(mini)
    assert "recommendations/practices/p009.yml:2: id: duplicate practice id 'p001', already used by " \
           f"{P1}; allowed: an id used by no other practice" in found
    assert "recommendations/practices/p009.yml:2: id: 'p001' does not match the file name p009.yml; " \
           "allowed: the file is named after its id (p001.yml)" in found


def test_regions_and_names_come_from_cldr() -> None:
    assert countries.region_of(["GH", "KE"]) == "002" and countries.region_of(["GH", "FR"]) is None
    assert countries.region_of([]) is None
    assert "EU" not in countries.country_codes() and "GH" in countries.country_codes()
    assert (countries.name("GH", "ar"), countries.name("011", "fr")) == ("غانا", "Afrique occidentale")


def test_the_real_collection_validates_with_or_without_practices() -> None:
    catalog, problems = check_collection(Path(__file__).resolve().parent.parent)
    assert catalog is not None, problems


def test_scaffold_a_practice_with_the_next_free_id_and_what_to_write(mini: Path) -> None:
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(mini), "new", "--practice", "--language", "fr"],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.strip() == "recommendations/practices/p004.yml", run.stderr
    new = "recommendations/practices/p004.yml"
    assert problems_of(mini) == [
        f"{new}:7: title.fr: must not be empty; allowed: non-empty text of at most 300 characters",
        f"{new}:8: summary.fr: must not be empty; allowed: non-empty text of at most 600 characters",
        f"{new}:10: description.fr: must not be empty; allowed: non-empty text of at most 6000 characters",
        f"{new}:12: actors: needs at least 1 item(s); allowed: a list of actor ids (taxonomies/actors.yml), each once",
        f"{new}:13: period.start: expected a year such as 2019, got nothing (empty value)",
        f"{new}:14: objectives: needs at least 1 item(s); allowed: a list of GCM objective numbers (1 to 23), "
        "each once",
        f"{new}:17: evidence: needs at least 1 item(s); allowed: a list of public addresses (https://…) that "
        "document the practice",
    ]
    both = subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(mini), "new", "--practice", "--theme", "alpha"],
                          capture_output=True, text=True)
    assert (both.returncode, both.stderr.strip()) == (2, "name one kind of record; allowed: --theme <id> for a "
                                                         "recommendation (e.g. --theme rights), or --practice for a "
                                                         "practice (with --language ar, en or fr)")
