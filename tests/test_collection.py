"""The real collection: every bullet of the source has its record, and it validates."""

from __future__ import annotations

import re

from gcmkb.catalog import check_collection

from .conftest import ROOT

# words the PDF extraction produced that are not Arabic words (README of the source)
DAMAGE = ["بير", "تحسير", "غت", "فن", "التر", "الير", "الن", "عير", "عت", "المدنن", "ينبغن", "بأشها",
          "تغت", "تغي", "وتوفي", "توفت", "الضن", "تحسي", "بي", "المختلفي", "الشر", "كاء"]
WORD = re.compile(r"[\u0600-\u06FF]+")


def catalog():
    result, problems = check_collection(ROOT)
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert result is not None
    return result


def test_real_collection_validates_without_warnings() -> None:
    _, problems = check_collection(ROOT)
    assert [str(p) for p in problems] == []


def test_every_bullet_of_the_source_has_one_record_in_document_order() -> None:
    cat = catalog()
    assert [t.id for t in cat.themes] == ["data", "protection", "rights", "climate", "implementation", "reviews"]
    assert [len(cat.in_theme(t.id)) for t in cat.themes] == [4, 9, 9, 8, 2, 3]
    assert [r.id for r in cat.recommendations] == [f"r{n:02d}" for n in range(1, 36)]
    for theme in cat.themes:
        assert [r.bullet for r in cat.in_theme(theme.id)] == list(range(1, len(cat.in_theme(theme.id)) + 1))
    lines = [r.source_line for r in cat.recommendations]
    assert lines == sorted(lines), "records follow the source document's order"
    theme_lines = [t.source_line for t in cat.themes]
    assert theme_lines == sorted(theme_lines)


def test_source_markers_match_the_records() -> None:
    """Every non-empty bullet marker of the extracted source is some record's line."""
    source = ROOT / "source/extracted-ar.txt"
    marked = [n for n, line in enumerate(source.read_text("utf-8").splitlines(), 1) if "•" in line]
    cat = catalog()
    record_lines = {r.source_line for r in cat.recommendations}
    unassigned = [n for n in marked if n not in record_lines]
    assert unassigned == [107], "only the empty bullet marker (line 107) has no record"


def test_no_extraction_damage_left_in_arabic_text() -> None:
    for rec in catalog().recommendations:
        texts = [rec.title.ar, rec.text.ar] + ([rec.lead.ar] if rec.lead else [])
        words = {w for t in texts for w in WORD.findall(t)}
        assert not words & set(DAMAGE), f"{rec.path}: {sorted(words & set(DAMAGE))}"


def test_taxonomies_are_complete() -> None:
    cat = catalog()
    assert [e.id for e in cat.taxonomies["objectives"]] == [str(n) for n in range(1, 24)]
    assert cat.entry("objectives", "23").label.en.startswith("Strengthen international cooperation")
    assert {"member-states", "african-union", "civil-society", "united-nations",
            "regional-economic-communities"} <= {e.id for e in cat.taxonomies["actors"]}
    used_topics = {t for r in cat.recommendations for t in r.topics}
    assert used_topics == {e.id for e in cat.taxonomies["topics"]}, "no unused topic in the vocabulary"
