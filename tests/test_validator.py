"""Each failure mode of the collection, with the exact message an editor sees."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gcmkb.catalog import check_collection, load_catalog, source_fingerprint
from gcmkb.collection_checks import _span
from gcmkb.hints import did_you_mean
from gcmkb.layout import MISPLACED_HINT
from gcmkb.problems import CollectionError

from .conftest import ROOT

REC = "recommendations/r02.yml"


SUGGESTED = re.compile(r"`((?:[A-Z_]+=\S+ )*(?:(?:\.venv/bin/)?python -m gcmkb [^`]+|mkdocs [^`]+))`")


def suggested_command(message: str) -> str:
    """The one command a message tells the editor to run, exactly as written."""
    found = SUGGESTED.findall(message)
    assert len(found) == 1, message
    return str(found[0])


def run_suggested(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a command as an editor would type it (after any VAR=value, as a shell reads them), from
    the project root `cwd`."""
    words = shlex.split(command)
    assignments: dict[str, str] = {}
    while "=" in words[0]:
        name, _, value = words.pop(0).partition("=")
        assignments[name] = value
    program = {"python": [sys.executable], ".venv/bin/python": [sys.executable],
               "mkdocs": [sys.executable, "-m", "mkdocs"]}[words[0]]
    return subprocess.run(program + words[1:], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **assignments})


def line_of(file: Path, snippet: str) -> int:
    """The line of the first line of `file` that contains `snippet` (the tests then survive fixture edits)."""
    lines = file.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if snippet in line)


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in check_collection(root)[1]]


def errors_of(root: Path) -> list[str]:
    return [str(p) for p in check_collection(root)[1] if p.severity == "error"]


def edit(root: Path, rel: str, old: str, new: str) -> None:
    file = root / rel
    text = file.read_text("utf-8")
    assert old in text, f"fixture changed: {old!r} not in {rel}"
    file.write_text(text.replace(old, new, 1), "utf-8")


def test_fixture_is_valid(mini: Path) -> None:
    catalog, problems = check_collection(mini)
    assert problems == []
    assert catalog is not None
    assert [r.id for r in catalog.recommendations] == ["r01", "r02", "r03"]
    assert [t.id for t in catalog.themes] == ["alpha", "beta"]


INDENTATION = ("syntax: this line is indented differently from the lines around it; allowed: the indentation "
               "of the other fields at its level, two spaces per level")
SYNTAX_ERRORS = {  # the common mistakes of an editor: (old, new) in r02.yml, then the one problem reported,
    # on the last line of `new`
    "indented less": ("  en: Regional data platforms", " en: Regional data platforms", INDENTATION),
    "indented more": ("  en: Regional data platforms", "    en: Regional data platforms", INDENTATION),
    "field indented": ("objectives: [1]", " objectives: [1]", INDENTATION),
    "tab": ("  en: Regional data platforms", "\ten: Regional data platforms",
            "syntax: this line holds a tab character where YAML expects spaces; allowed: spaces only, "
            "two per level"),
    "no space after colon": ("theme: alpha", "theme:alpha",
                             "syntax: no space after the ':' in 'theme:alpha'; allowed: a space after the colon, "
                             "as in 'theme: alpha'"),
    "no colon": ("related: []", "related []",
                 "syntax: this line has no ':' after its name; allowed: name: value"),
    "text broken over two lines": ("  en: Encourage data-sharing platforms.",
                                   "  en: Encourage data-sharing\n platforms.",
                                   "syntax: this line continues the text above but is indented less than it; "
                                   "allowed: indent the rest of a text more than its name, or keep the text on "
                                   "one line"),
    "unclosed double quote": ("  en: Regional data platforms", '  en: "Regional data platforms',
                              "syntax: the quote opened on this line is never closed; allowed: end the text "
                              "with the same quote mark, as in \"…\" or '…'"),
    "unclosed single quote": ("  en: Regional data platforms", "  en: 'Regional data platforms",
                              "syntax: the quote opened on this line closes only on line {apostrophe}, where "
                              "more text follows it; allowed: close the quote on the line it opens, and write '' "
                              "for an apostrophe inside '…'"),
    "text after the closing quote": ("  en: Regional data platforms", '  en: "Regional" data platforms',
                                     "syntax: more text follows the closing quote; allowed: quote the whole "
                                     "text, as in en: '\"Regional\" data platforms'"),
    "unclosed bracket": ("topics: [data]", "topics: [data",
                         "syntax: the '[' opened on this line is never closed; allowed: close it with ']' on "
                         "the same line"),
    "bracket closing nothing": ("topics: [data]", "topics: [data]]",
                                "syntax: this ']' closes nothing; allowed: brackets in pairs, on one line"),
    "text after the closing bracket": ("  en: Regional data platforms", "  en: [Regional] data platforms",
                                       "syntax: more text follows the closing bracket; allowed: quote the "
                                       'whole text, as in en: "[Regional] data platforms"'),
    "colon inside a text": ("  en: Regional data platforms", "  en: Regional data: platforms",
                            "syntax: a ': ' inside a text that is not in quotes; allowed: quote the whole "
                            'text, as in en: "Regional data: platforms"'),
    "colon inside a flow mapping": ("  en: {status: reviewed, source: abb3b8bd49f9}",
                                    "  en: {status: reviewed: yes, source: abb3b8bd49f9}",
                                    "syntax: a text inside {…} holds a ':' or a quote; allowed: quote a text "
                                    "that holds ':', ',', a quote or a bracket"),
    "reserved first character": ("  en: Regional data platforms", "  en: *Regional* data platforms",
                                 "syntax: a text cannot start with '*' unless it is in quotes; allowed: quote "
                                 'the whole text, as in en: "*Regional* data platforms"'),
    "backslash in double quotes": ("  en: Regional data platforms", '  en: "Regional\\data"',
                                   'syntax: a backslash inside "…" starts an escape sequence; allowed: \\\\ for '
                                   "a backslash, or the text in single quotes '…'"),
    "list item in a mapping": ("related: []", "related: []\n- r01",
                               "syntax: a list item where a field is expected; allowed: list items under a "
                               "field that has no value on its own line (notes:, then  - …)"),
    "second document": ("related: []", "related: []\n---",
                        "syntax: a second document starts here; allowed: one record per file, without a "
                        "'---' line"),
    "anything else": ("related: []", "related: []\n: x",
                      "syntax: this line cannot be read as YAML; allowed: 'name: value' lines indented by two "
                      "spaces per level, with quotes around a text that holds ': ' or ' #' or starts with a quote "
                      "or bracket"),
}


@pytest.mark.parametrize("case", SYNTAX_ERRORS, ids=list(SYNTAX_ERRORS))
def test_syntax_errors_in_an_editors_words(mini: Path, case: str) -> None:
    old, new, expected = SYNTAX_ERRORS[case]
    edit(mini, REC, old, new)
    line = line_of(mini / REC, new.splitlines()[-1])
    expected = expected.replace("{apostrophe}", str(line_of(mini / REC, "d'échange")))
    assert problems_of(mini) == [f"{REC}:{line}: {expected}"]


def test_a_comma_inside_a_flow_mapping_ends_the_text(mini: Path) -> None:
    """Valid YAML, wrong data: `{en: Civil society, NGOs}` makes 'NGOs' a key without a value."""
    actors = "recommendations/taxonomies/actors.yml"
    edit(mini, actors, "en: Civil society,", "en: Civil society, NGOs and associations,")
    assert problems_of(mini) == [
        f"{actors}:{line_of(mini / actors, 'NGOs')}: entries[1].label.en: a comma inside {{…}} ended this text, and "
        "'NGOs and associations' "
        'became a key of its own; allowed: quote a text that holds a comma, as in '
        'en: "Civil society, NGOs and associations"',
    ]


def test_duplicate_key(mini: Path) -> None:
    edit(mini, REC, "related: []", "related: []\nrelated: [r01]")
    at = [line_of(mini / REC, a) for a in ('related: [r01]', 'related: []')]
    assert problems_of(mini) == [
        f"{REC}:{at[0]}: related: duplicate key (first defined on line "
        f"{at[1]}); allowed: each key once per mapping",
    ]


def test_wrong_type(mini: Path) -> None:
    edit(mini, REC, "objectives: [1]", "objectives: one")
    assert problems_of(mini) == [
        f"{REC}:6: objectives: expected a list of GCM objective numbers (1 to 23), each once, got text",
    ]


def test_missing_field_and_missing_language(mini: Path) -> None:
    edit(mini, REC, "  fr: Plateformes régionales de données\n", "")
    edit(mini, REC, "related: []\n", "")
    line = line_of(mini / REC, 'title:')
    assert problems_of(mini) == [
        f"{REC}:1: related: required field is missing; expected a list of recommendation ids, each once",
        f"{REC}:{line}: title.fr: required field is missing; expected non-empty text of "
        "at most 160 characters",
    ]


def test_empty_text(mini: Path) -> None:
    edit(mini, REC, "  en: Encourage data-sharing platforms.", '  en: ""')
    line = line_of(mini / REC, 'en: ""')
    assert problems_of(mini) == [
        f"{REC}:{line}: text.en: must not be empty; allowed: non-empty text of at most "
        "6000 characters",
    ]


def test_unknown_field(mini: Path) -> None:
    edit(mini, REC, "related: []", "related: []\nsumary: x")
    line = line_of(mini / REC, 'sumary')
    assert problems_of(mini) == [
        f"{REC}:{line}: sumary: unknown field; allowed fields: id, theme, source, objectives, principles, "
        "actors, topics, sdg_targets, related, title, lead, text, notes, translations",
    ]


def test_dangling_references(mini: Path) -> None:
    edit(mini, REC, "theme: alpha", "theme: gamma")
    edit(mini, REC, "actors: [member-states, civil-society]", "actors: [member-states, states]")
    edit(mini, REC, "topics: [data]", "topics: [dta]")
    edit(mini, REC, "related: []", "related: [r02, r99]")
    at = [line_of(mini / REC, a) for a in ('actors:', 'topics:', 'related:')]
    assert problems_of(mini) == [
        f"{REC}:2: theme: unknown theme 'gamma'; known themes: alpha, beta",
        f"{REC}:{at[0]}: actors[1]: unknown actor 'states'; did you mean 'member-states'?",
        f"{REC}:{at[1]}: topics[0]: unknown topic 'dta'; did you mean 'data'?",
        f"{REC}:{at[2]}: related[0]: a recommendation cannot be related to itself; "
        "allowed: ids of other recommendations",
        f"{REC}:{at[2]}: related[1]: unknown recommendation 'r99'; known ids: r01, r02, r03",
    ]


def test_known_names_are_listed_not_ranged(mini: Path) -> None:
    """A range of names ('media..regional-economic-communities') tells an editor nothing."""
    more = ["academia", "diaspora", "employers", "local-authorities", "media", "private-sector",
            "regional-economic-communities", "trade-unions"]
    with (mini / "recommendations/taxonomies/actors.yml").open("a", encoding="utf-8") as actors:
        for name in more:
            actors.write(f"  - id: {name}\n    label: {{ar: جهة فاعلة, en: {name.title()}, fr: {name.title()}}}\n")
    edit(mini, REC, "actors: [member-states, civil-society]", "actors: [member-states, government]")
    line = line_of(mini / REC, 'actors:')
    assert problems_of(mini) == [
        f"{REC}:{line}: actors[1]: unknown actor 'government'; known actors: academia, "
        "civil-society, diaspora, employers, "
        "local-authorities, media, member-states, private-sector, regional-economic-communities, trade-unions",
    ]


def test_every_problem_of_one_record_at_once(mini: Path) -> None:
    """The schema refuses objective 24; the topic and the link are still checked against the collection."""
    edit(mini, REC, "objectives: [1]", "objectives: [1, 24]")
    edit(mini, REC, "topics: [data]", "topics: [border-management]")
    edit(mini, REC, "related: []", "related: [r99]")
    at = [line_of(mini / REC, a) for a in ("objectives:", "topics:", "related:")]
    assert problems_of(mini) == [
        f"{REC}:{at[0]}: objectives[1]: 24 is too large; allowed: a GCM objective number from 1 to 23",
        f"{REC}:{at[1]}: topics[0]: unknown topic 'border-management'; known topics: data, detention",
        f"{REC}:{at[2]}: related[0]: unknown recommendation 'r99'; known ids: r01, r02, r03",
    ]


def test_a_mistyped_name_suggests_the_closest_known_ones(mini: Path) -> None:
    edit(mini, REC, "theme: alpha", "theme: alfa")
    edit(mini, REC, "actors: [member-states, civil-society]", "actors: [member-state, civil-society]")
    edit(mini, "recommendations/r03.yml", "related: [r01]", "related: [r01, r33]")
    assert problems_of(mini) == [
        f"{REC}:2: theme: unknown theme 'alfa'; did you mean 'alpha'?",
        f"{REC}:{line_of(mini / REC, 'actors:')}: actors[0]: unknown actor 'member-state'; "
        "did you mean 'member-states'?",
        f"recommendations/r03.yml:{line_of(mini / 'recommendations/r03.yml', 'related:')}: related[1]: "
        "unknown recommendation 'r33'; known ids: r01, r02, r03",  # r33 is no slip for r03
    ]
    assert did_you_mean("right", {"rights", "climate", "data", "labour"}) == "did you mean 'rights'?"
    assert did_you_mean("climat", {"climate", "climate-change", "data"}) == (
        "did you mean 'climate' or 'climate-change'?")
    assert did_you_mean("R7", {"r07", "r17", "r70"}) == "did you mean 'r07'?"
    assert did_you_mean(24, {str(n) for n in range(1, 24)}) == ""


def test_a_language_indented_like_the_fields_is_told_as_a_slip(mini: Path) -> None:
    """`en:` at the indentation of `text:`: with languages after it, YAML cannot read the file; as the
    last language, it reads as an unknown field and a missing language. Either way, one problem."""
    slipped = ("'{lang}:' is indented like the fields, not like the languages of 'text' above it: its "
               "indentation slipped; allowed: indent it like the other languages of 'text'")
    edit(mini, REC, "  en: Encourage data-sharing platforms.", "en: Encourage data-sharing platforms.")
    assert problems_of(mini) == [f"{REC}:{line_of(mini / REC, 'en: Encourage')}: syntax: "
                                 + slipped.format(lang="en")]
    edit(mini, REC, "en: Encourage data-sharing platforms.", "  en: Encourage data-sharing platforms.")
    edit(mini, REC, "  fr: Encourager", "fr: Encourager")
    assert problems_of(mini) == [f"{REC}:{line_of(mini / REC, 'fr: Encourager')}: text.fr: "
                                 + slipped.format(lang="fr")]


def test_numbered_ids_are_shown_as_runs() -> None:
    assert _span({f"r{n:02d}" for n in range(1, 36)}) == "r01..r35"
    assert _span({f"r{n:02d}" for n in range(1, 36)} - {"r12", "r30"}) == "r01..r11, r13..r29, r31..r35"
    assert _span({f"r{n:02d}" for n in (1, 2, 4, 5, 6, 7, 8, 9, 10)}) == "r01, r02, r04..r10"
    assert _span({str(n) for n in range(1, 24)}) == "1..23"
    assert _span({"r01", "r02", "r10"}) == "r01, r02, r10"
    assert _span(set()) == "none defined"


def test_objective_out_of_range(mini: Path) -> None:
    edit(mini, REC, "objectives: [1]", "objectives: [1, 24]")
    assert problems_of(mini) == [
        f"{REC}:6: objectives[1]: 24 is too large; allowed: a GCM objective number from 1 to 23",
    ]


def test_duplicate_id_and_file_name(mini: Path) -> None:
    text = (mini / REC).read_text("utf-8").replace("bullet: 2", "bullet: 3")
    (mini / "recommendations/r04.yml").write_text(text, "utf-8")
    assert problems_of(mini) == [
        "recommendations/r04.yml:1: id: 'r02' does not match the file name r04.yml; "
        "allowed: the file is named after its id (r02.yml)",
        "recommendations/r04.yml:1: id: duplicate recommendation id 'r02', already used by "
        "recommendations/r02.yml; allowed: an id used by no other recommendation",
    ]


def test_duplicate_bullet(mini: Path) -> None:
    edit(mini, REC, "bullet: 2", "bullet: 1")
    assert problems_of(mini) == [
        f"{REC}:4: source.bullet: bullet 1 of theme 'alpha' is already r01; allowed: one record per bullet",
    ]


def test_arabic_must_be_arabic_and_translations_latin(mini: Path) -> None:
    edit(mini, REC, "  ar: تشجيع منصات تبادل البيانات.", "  ar: Encourage data-sharing platforms.")
    edit(mini, REC, "  fr: Encourager les plateformes d'échange de données.", "  fr: تشجيع منصات تبادل البيانات.")
    at = [line_of(mini / REC, a) for a in ('ar: Encourage', 'fr: تشجيع')]
    assert errors_of(mini) == [
        f"{REC}:{at[0]}: text.ar: is not in Arabic script (0% Arabic letters); allowed: Arabic text, "
        "with Latin only for names such as GCM or COP27",
        f"{REC}:{at[1]}: text.fr: is in Arabic script (100% Arabic letters) but should be in French; "
        "allowed: Latin-script text",
    ]


def test_raw_html_and_script_are_refused(mini: Path) -> None:
    edit(mini, REC, "  en: Encourage data-sharing platforms.",
         "  en: Encourage <script>alert(1)</script> platforms.")
    edit(mini, REC, "  fr: Plateformes régionales de données", '  fr: "Plateformes <b onclick=x>"')
    at = [line_of(mini / REC, a) for a in ('<b', '<script')]
    assert problems_of(mini) == [
        f"{REC}:{at[0]}: title.fr: contains raw HTML or script ('<b'); allowed: plain text, "
        "with [[r07]] to link another recommendation",
        f"{REC}:{at[1]}: text.en: contains raw HTML or script ('<script'); allowed: plain text, "
        "with [[r07]] to link another recommendation",
    ]


def test_bidi_controls_are_refused(mini: Path) -> None:
    edit(mini, REC, "  ar: منصات إقليمية للبيانات", "  ar: منصات \u202eإقليمية\u202c للبيانات")
    line = line_of(mini / REC, '\u202e')
    assert errors_of(mini) == [
        f"{REC}:{line}: title.ar: contains the invisible bidi control U+202C; allowed: plain text "
        "without bidi controls (the site isolates Latin runs itself)",
        f"{REC}:{line}: title.ar: contains the invisible bidi control U+202E; allowed: plain text "
        "without bidi controls (the site isolates Latin runs itself)",
    ]


def test_oversized_text(mini: Path) -> None:
    edit(mini, REC, "  en: Regional data platforms", "  en: " + "Platforms " * 20)
    line = line_of(mini / REC, 'Platforms Platforms')
    assert problems_of(mini) == [
        f"{REC}:{line}: title.en: too long (199 characters); allowed: at most 160 characters",
    ]


def test_inline_reference_must_resolve(mini: Path) -> None:
    edit(mini, "recommendations/r01.yml", "    en: See [[r02]].", "    en: See [[r42]] and [[data]].")
    line = line_of(mini / "recommendations/r01.yml", "[[r42]]")
    assert problems_of(mini) == [
        f"recommendations/r01.yml:{line}: notes[0].en: [[data]] is not a recommendation id; "
        "allowed: [[r07]] to link a recommendation",
        f"recommendations/r01.yml:{line}: notes[0].en: [[r42]] links an unknown recommendation; "
        "known ids: r01, r02, r03",
    ]


def test_file_in_the_wrong_folder(mini: Path) -> None:
    (mini / "recommendations/drafts").mkdir()
    (mini / "recommendations/drafts/r09.yml").write_text("id: r09\n", "utf-8")
    (mini / "recommendations/r10.yaml").write_text("id: r10\n", "utf-8")
    hint = f"not a place for a record; {MISPLACED_HINT}"
    assert problems_of(mini) == [
        f"recommendations/drafts/r09.yml:1: file: {hint}",
        f"recommendations/r10.yaml:1: file: {hint}",
    ]


def test_not_utf8_and_empty_file(mini: Path) -> None:
    (mini / "recommendations/r04.yml").write_bytes(b"id: r04\ntitle: caf\xe9\n")
    (mini / "recommendations/r05.yml").write_text("", "utf-8")
    assert problems_of(mini) == [
        "recommendations/r04.yml:2: encoding: byte 0xe9 is not UTF-8; save the file as UTF-8",
        "recommendations/r05.yml:1: yaml: the file is empty; allowed: one YAML mapping",
    ]


def test_outdated_translation_is_reported_not_fatal(mini: Path) -> None:
    edit(mini, REC, "  ar: تشجيع منصات تبادل البيانات.", "  ar: تشجيع منصات تبادل البيانات الإقليمية.")
    catalog, problems = check_collection(mini)
    at = [line_of(mini / REC, a) for a in ('en: {status:', 'fr: {status:')]
    assert [str(p) for p in problems] == [
        f"{REC}:{at[0]}: warning: translations.en: outdated: the Arabic changed since this translation "
        "was made (from abb3b8bd49f9, now 9b576d1bd7ba); update it, then run `python -m gcmkb stamp r02 en`",
        f"{REC}:{at[1]}: warning: translations.fr: outdated: the Arabic changed since this translation "
        "was made (from abb3b8bd49f9, now 9b576d1bd7ba); update it, then run `python -m gcmkb stamp r02 fr`",
    ]
    assert catalog is not None
    rec = catalog.recommendation("r02")
    assert (rec.status("ar"), rec.status("en"), rec.status("fr")) == ("source", "outdated", "outdated")


def test_missing_fingerprint(mini: Path) -> None:
    edit(mini, REC, "  en: {status: reviewed, source: abb3b8bd49f9}", "  en: {status: reviewed}")
    line = line_of(mini / REC, 'en: {status:')
    assert problems_of(mini) == [
        f"{REC}:{line}: translations.en.source: missing fingerprint of the Arabic this translation was "
        "made from; allowed: run `python -m gcmkb stamp r02 en` once the translation matches the Arabic",
    ]


def test_reused_id_in_redirects(mini: Path) -> None:
    (mini / "recommendations/redirects.yml").write_text("redirects:\n  r01: r02\n  r07: r77\n", "utf-8")
    assert problems_of(mini) == [
        "recommendations/redirects.yml:2: redirects.r01: this id is in use; ids are never reused, "
        "allowed: retired ids only",
        "recommendations/redirects.yml:3: redirects.r07: points to unknown recommendation 'r77'; "
        "known ids: r01, r02, r03",
    ]


def test_every_problem_at_once_and_nothing_built(mini: Path) -> None:
    edit(mini, REC, "theme: alpha", "theme: gamma")
    edit(mini, "recommendations/r03.yml", "related: [r01]", "related: [r03]")
    (mini / "recommendations/themes/beta.yml").write_text("id: beta\norder: [\n", "utf-8")
    with pytest.raises(CollectionError) as caught:
        load_catalog(mini)
    report = str(caught.value).splitlines()
    assert report[0].startswith("recommendations/r02.yml:2: theme: unknown theme 'gamma'")
    related = line_of(mini / "recommendations/r03.yml", "related:")
    assert report[1].startswith(f"recommendations/r03.yml:{related}: related[0]: a recommendation cannot be related")
    assert report[2] == ("recommendations/themes/beta.yml:2: syntax: the '[' opened on this line is never "
                         "closed; allowed: close it with ']' on the same line")
    assert report[-1] == "3 error(s) in the collection; nothing was built."


def test_cli_prints_every_problem_and_exits_non_zero(mini: Path) -> None:
    edit(mini, REC, "theme: alpha", "theme: gamma")
    edit(mini, "recommendations/r03.yml", "objectives: [13]", "objectives: [13, 0]")
    run = subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(mini), "validate"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert run.stdout.splitlines() == [
        f"{REC}:2: theme: unknown theme 'gamma'; known themes: alpha, beta",
        "recommendations/r03.yml:6: objectives[1]: 0 is too small; allowed: a GCM objective number from 1 to 23",
    ]
    assert "Traceback" not in run.stderr
    assert run.stderr.strip() == "2 error(s), 0 warning(s)"


def test_cli_stamp_marks_reviewed_and_clears_outdated(mini: Path) -> None:
    edit(mini, REC, "  ar: تشجيع منصات تبادل البيانات.", "  ar: تشجيع منصات تبادل البيانات الإقليمية.")
    run = subprocess.run([sys.executable, "-m", "gcmkb", "--root", str(mini), "stamp", "r02",
                          "--lang", "fr", "--status", "reviewed"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "recommendations/r02.yml: fr stamped 9b576d1bd7ba (reviewed)"
    catalog, problems = check_collection(mini)
    assert catalog is not None
    rec = catalog.recommendation("r02")
    assert (rec.status("en"), rec.status("fr")) == ("outdated", "reviewed")
    assert [p.field for p in problems] == ["translations.en"]


def test_the_outdated_hint_is_a_command_that_works(mini: Path) -> None:
    edit(mini, REC, "  ar: تشجيع منصات تبادل البيانات.", "  ar: تشجيع منصات تبادل البيانات الإقليمية.")
    warnings = problems_of(mini)
    commands = [suggested_command(w) for w in warnings]
    assert commands == ["python -m gcmkb stamp r02 en", "python -m gcmkb stamp r02 fr"]
    outputs = []
    for command in commands:
        run = run_suggested(command, mini)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout.strip())
    assert outputs == ["recommendations/r02.yml: en stamped 9b576d1bd7ba",
                       "recommendations/r02.yml: fr stamped 9b576d1bd7ba"]
    assert problems_of(mini) == []


def test_the_missing_fingerprint_hint_is_a_command_that_works(mini: Path) -> None:
    edit(mini, REC, "  en: {status: reviewed, source: abb3b8bd49f9}", "  en: {status: reviewed}")
    [problem] = problems_of(mini)
    run = run_suggested(suggested_command(problem), mini)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "recommendations/r02.yml: en stamped abb3b8bd49f9"
    assert problems_of(mini) == []
    assert "  en: {status: reviewed, source: abb3b8bd49f9}\n" in (mini / REC).read_text("utf-8")


@pytest.mark.parametrize("args", [["r99", "en"], []], ids=["unknown id", "no id"])
def test_stamp_refuses_what_it_cannot_stamp_and_says_what_works(mini: Path, args: list[str]) -> None:
    run = subprocess.run([sys.executable, "-m", "gcmkb", "stamp", *args], capture_output=True, text=True, cwd=mini)
    assert run.returncode == 2
    problem = "unknown id(s): r99" if args else "no id given"
    assert run.stderr.strip() == (
        f"{problem}; allowed: recommendations r01, r02, r03 or themes alpha, beta, then optionally languages, "
        "as in `python -m gcmkb stamp r01 en`; or --all")
    again = run_suggested(suggested_command(run.stderr), mini)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "recommendations/r01.yml: en stamped b6f887efadea"


@pytest.mark.parametrize("old,new,problem", [
    ("theme: alpha", "theme:alpha", "syntax: no space after the ':' in 'theme:alpha'; allowed: a space after the "
     "colon, as in 'theme: alpha'"),
    ("related: []", "related: []\nrelated: [r01]", "related: duplicate key (first defined on line {first}); "
     "allowed: each key once per mapping"),
], ids=["unreadable", "readable with problems"])
def test_stamp_refuses_a_broken_file_and_names_the_check(mini: Path, old: str, new: str, problem: str) -> None:
    edit(mini, REC, old, new)
    run = subprocess.run([sys.executable, "-m", "gcmkb", "stamp", "r02", "en"], capture_output=True, text=True,
                         cwd=mini)
    assert run.returncode == 1
    assert run.stderr.strip() == ("recommendations/r02.yml: fix the problems reported by "
                                  "`python -m gcmkb validate` first")
    check = run_suggested(suggested_command(run.stderr), mini)
    assert check.returncode == 1
    if "{first}" in problem:
        problem = problem.replace("{first}", str(line_of(mini / REC, old)))
    assert check.stdout.splitlines() == [f"{REC}:{line_of(mini / REC, new.splitlines()[-1])}: {problem}"]


def test_stamp_takes_languages_after_the_ids(mini: Path) -> None:
    """`stamp r02 en` (the validator's hint) and `stamp r02 --lang en` are the same command."""
    edit(mini, REC, "  ar: تشجيع منصات تبادل البيانات.", "  ar: تشجيع منصات تبادل البيانات الإقليمية.")
    run = subprocess.run([sys.executable, "-m", "gcmkb", "stamp", "r02", "alpha", "fr", "--lang", "en"],
                         capture_output=True, text=True, cwd=mini)
    assert run.returncode == 0, run.stderr
    theme = yaml.safe_load((mini / "recommendations/themes/alpha.yml").read_text("utf-8"))
    assert run.stdout.splitlines() == [f"recommendations/themes/alpha.yml: en, fr stamped {source_fingerprint(theme)}",
                                       "recommendations/r02.yml: en, fr stamped 9b576d1bd7ba"]
    assert problems_of(mini) == []


def test_messages_follow_the_contract(mini: Path) -> None:
    """Every message reads `path:line: field: problem; what is allowed`."""
    edit(mini, REC, "objectives: [1]", "objectives: [1, 1]\nextra: 1")
    for message in problems_of(mini):
        assert re.match(r"^recommendations/[\w./]+:\d+: [\w.\[\]]+: .+; .+$", message), message


# --- source documents (recommendations/sources/<id>.yml) ---------------------------------------

SOURCE = "recommendations/sources/mini-report.yml"


def test_unknown_source_document_suggests_the_close_one(mini: Path) -> None:
    edit(mini, REC, "document: mini-dialogue", "document: mini-dialog")
    assert problems_of(mini) == [
        f"{REC}:5: source.document: unknown source document 'mini-dialog'; did you mean 'mini-dialogue'?",
    ]


def test_unknown_source_document_lists_the_known_ones(mini: Path) -> None:
    edit(mini, REC, "document: mini-dialogue", "document: accra")
    assert problems_of(mini) == [
        f"{REC}:5: source.document: unknown source document 'accra'; "
        "known source documents: mini-dialogue, mini-report",
    ]


def test_source_document_required_once_there_are_several(mini: Path) -> None:
    edit(mini, REC, "  document: mini-dialogue\n", "")
    assert problems_of(mini) == [
        f"{REC}:3: source.document: missing: the collection has several source documents; "
        "allowed: one of mini-dialogue, mini-report",
    ]


def test_the_only_source_document_is_the_default(mini: Path) -> None:
    (mini / SOURCE).unlink()
    for rel in ("recommendations/r01.yml", REC):
        edit(mini, rel, "  document: mini-dialogue\n", "")
    edit(mini, "recommendations/r03.yml", "  document: mini-report\n", "")
    catalog = load_catalog(mini)
    assert [(r.id, r.document) for r in catalog.recommendations] == [
        ("r01", "mini-dialogue"), ("r02", "mini-dialogue"), ("r03", "mini-dialogue")]


def test_a_known_value_needs_its_address_and_an_unknown_its_note(mini: Path) -> None:
    edit(mini, SOURCE, "  value: null\n  note: {ar: التاريخ غير معروف., en: The date is not known., "
         "fr: La date n'est pas connue.}", "  value: '2023-11-28'")
    edit(mini, "recommendations/sources/mini-dialogue.yml", "published:\n  value: https://example.org/dialogue.pdf\n"
         "  evidence: [https://example.org/dialogue]", "published:\n  value: null")
    assert problems_of(mini) == [
        "recommendations/sources/mini-dialogue.yml:25: published.note: not known, but not said; allowed: "
        "a note (ar, en, fr) saying what is known and what is not",
        f"{SOURCE}:13: date.evidence: a value needs the public address that supports it; allowed: "
        "evidence: [https://…], or value: null with a note saying it is not known",
    ]


def test_source_document_schema_messages(mini: Path) -> None:
    edit(mini, SOURCE, "kind: meeting-report", "kind: minutes")
    edit(mini, SOURCE, "  value: null\n  note: {ar: لم تُنشر.", "  value: http://example.org\n  note: {ar: لم تُنشر.")
    assert problems_of(mini) == [
        f"{SOURCE}:3: kind: 'minutes' is not allowed; allowed: dialogue-summary, "
        "meeting-report or outcome-document",
        f"{SOURCE}:25: published.value: 'http://example.org' is not valid; allowed: a public address "
        "(https://…), or null when none is known",
    ]


def test_source_document_named_after_its_file(mini: Path) -> None:
    edit(mini, SOURCE, "id: mini-report", "id: mini-minutes")
    edit(mini, "recommendations/r03.yml", "document: mini-report", "document: mini-minutes")
    assert problems_of(mini) == [
        f"{SOURCE}:1: id: 'mini-minutes' does not match the file name mini-report.yml; "
        "allowed: the file is named after its id (mini-minutes.yml)",
    ]


def test_two_source_documents_cannot_share_a_position(mini: Path) -> None:
    edit(mini, SOURCE, "order: 2", "order: 1")
    assert problems_of(mini) == [
        f"{SOURCE}:2: order: order 1 is already used by source document 'mini-dialogue'; "
        "allowed: a position no other source document has",
    ]
