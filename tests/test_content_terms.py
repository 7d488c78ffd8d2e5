"""Content gates on the real termbase: every concept is one the collection uses, in every
language, and every text is in line with it (no deprecated form left)."""

from __future__ import annotations

from gcmkb import LANGUAGES
from gcmkb.catalog import check_collection, load_catalog
from gcmkb.termbase import Matcher

from .conftest import ROOT


def test_the_termbase_has_the_documents_key_concepts() -> None:
    ids = {t.id for t in load_catalog(ROOT).terms}
    assert len(ids) >= 40
    assert {"migration-detention", "alternatives-to-detention", "smuggling-of-migrants", "trafficking-in-persons",
            "missing-migrants", "regular-pathways", "loss-and-damage", "whole-of-government-approach",
            "durable-solutions"} <= ids


def test_every_term_is_used_by_a_recommendation_or_theme_in_every_language() -> None:
    catalog = load_catalog(ROOT)
    unused = []
    for lang in LANGUAGES:
        matcher = Matcher(catalog.terms, lang)
        texts = [t for rec in catalog.recommendations for t in (rec.title, rec.lead, rec.text) if t is not None]
        texts += [t for theme in catalog.themes for t in (theme.title, theme.description)]
        used = {term.id for text in texts for _, _, term, _ in matcher.occurrences(text.get(lang))}
        unused += [f"{lang}:{t.id}" for t in catalog.terms if t.id not in used]
    assert unused == []


def test_no_text_uses_a_deprecated_form() -> None:
    _, problems = check_collection(ROOT)
    assert [str(p) for p in problems if "deprecated term" in p.message] == []


def test_arabic_objective_titles_are_marked_as_working_renderings() -> None:
    objectives = load_catalog(ROOT).taxonomies["objectives"]
    assert all(e.working_renderings == ("ar",) for e in objectives)
