"""Content gates on the real termbase: every concept is one the collection uses, in every
language, every text is in line with it (no deprecated form left), and no wording of the Compact
or of established UN usage is deprecated (tests/fixtures/compact-forms.yml)."""

from __future__ import annotations

import pytest
import yaml

from gcmkb import LANGUAGES
from gcmkb.catalog import check_collection, load_catalog
from gcmkb.term_checks import deprecated_matchers
from gcmkb.termbase import Matcher, Term

from .conftest import FIXTURES, ROOT

OFFICIAL = yaml.safe_load((FIXTURES / "compact-forms.yml").read_text("utf-8"))
OFFICIAL_FORMS = [pytest.param(f, id=f"{f['lang']}:{f['text']}") for kind in OFFICIAL.values() for f in kind]


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


@pytest.fixture(scope="module")
def real_terms() -> tuple[Term, ...]:
    return load_catalog(ROOT).terms


@pytest.mark.parametrize("form", OFFICIAL_FORMS)
def test_the_validator_warns_on_no_wording_of_the_compact_or_the_un(form: dict[str, str],
                                                                     real_terms: tuple[Term, ...]) -> None:
    """Deprecated means wrong: a form that A/RES/73/195 (or established UN usage) writes is at
    most not preferred, and where the fixture names a concept, the termbase knows it as correct."""
    terms = real_terms
    lang, text = form["lang"], form["text"]
    reported = [(text[a:b], t.id) for a, b, t, _ in deprecated_matchers(terms)[lang].occurrences(text)]
    assert reported == [], f"{form['where']}: {text!r} would be reported"
    if "term" in form:
        found = {t.id for _, _, t, _ in Matcher(terms, lang).occurrences(text)}
        assert form["term"] in found


def test_deprecated_and_not_preferred_are_kept_apart_in_the_real_termbase() -> None:
    """The issue 18 decisions, pinned: the Compact's detention wording and established UN French
    are not preferred; confusions with smuggling stay deprecated."""
    terms = {t.id: t for t in load_catalog(ROOT).terms}
    assert terms["migration-detention"].not_preferred["en"] == ("immigration detention", "migrant detention")
    assert "en" not in terms["migration-detention"].deprecated
    assert terms["trafficking-in-persons"].deprecated["fr"] == ("trafic de personnes", "trafic d'êtres humains")
    assert terms["trafficking-in-persons"].not_preferred["fr"] == ("traite des êtres humains",)
    assert "smuggled migrants" not in terms["smuggling-of-migrants"].all_forms("en")
    assert terms["planned-relocation"].preferred.get("fr") == "relocalisation planifiée"
    assert terms["reception-centre"].preferred.get("ar") == "مركز استقبال"
    assert terms["early-warning-system"].preferred.get("ar") == "نظام الإنذار المبكر"


def _own_wording(catalog, lang: str) -> dict[str, str]:
    """The collection's own wording in one language (notes excepted, which may quote any form):
    records, themes, taxonomy entries and the termbase's definitions, by where they stand."""
    texts = {f"{rec.id}.{field}": getattr(rec, field) for rec in catalog.recommendations
             for field in ("title", "lead", "text")}
    texts |= {f"themes/{t.id}.{field}": getattr(t, field) for t in catalog.themes
              for field in ("title", "short", "description")}
    texts |= {f"{name}/{e.id}.{field}": getattr(e, field) for name, entries in catalog.taxonomies.items()
              for e in entries for field in ("label", "description")}
    texts |= {f"terms/{t.id}.definition": t.definition for t in catalog.terms}
    return {where: text.get(lang) for where, text in texts.items() if text is not None and text.get(lang)}


def test_every_concept_with_a_not_preferred_or_deprecated_form_records_why() -> None:
    """Issue 18's go-through of the 54 concepts: a concept that lists correct forms it does not
    prefer, or wrong ones, says why in a note in every language (a concept without notes has
    neither, as the termbase's header says)."""
    terms = load_catalog(ROOT).terms
    silent = [t.id for t in terms if (t.not_preferred or t.deprecated)
              and not (t.notes and all(n.get(lang) for n in t.notes for lang in LANGUAGES))]
    assert silent == []
    assert len(terms) >= 54  # the concepts reviewed in issue 18; the termbase may grow


def test_planned_relocation_is_one_french_term_across_the_collection() -> None:
    """Issue 18: r27, the climate-mobility topic and the termbase say "relocalisation"; the
    refugees' "réinstallation" is a not-preferred form, written nowhere in the collection's own
    French."""
    catalog = load_catalog(ROOT)
    french = _own_wording(catalog, "fr")
    assert "relocalisation" in french["r27.text"]
    assert "relocalisation planifiée" in french["topics/climate-mobility.description"]
    assert "relocalisation planifiée" in french["terms/human-mobility.definition"]
    assert [where for where, text in french.items() if "réinstallation" in text.lower()] == []
    relocation = {t.id: t for t in catalog.terms}["planned-relocation"]
    assert relocation.not_preferred["fr"] == ("réinstallation planifiée",)
    assert relocation.deprecated == {"en": ("resettlement",)}


def test_the_cop27_funding_arrangements_are_modalites_de_financement_in_french() -> None:
    """Issue 18, r30: "arrangements de financement" is a calque of the English; the French of the
    record and of the termbase's loss-and-damage definition say "modalités de financement"."""
    french = _own_wording(load_catalog(ROOT), "fr")
    assert "modalités de financement" in french["r30.text"]
    assert "modalités de financement" in french["terms/loss-and-damage.definition"]
    assert [where for where, text in french.items() if "arrangements de financement" in text] == []


def test_the_compacts_names_used_by_the_united_nations_are_not_deprecated() -> None:
    """The President of the General Assembly said "Global Compact on Migration" and, as reported,
    "Pacte de Marrakech": correct, not preferred; only the Arabic "charter" stays wrong."""
    term = {t.id: t for t in load_catalog(ROOT).terms}["global-compact-for-migration"]
    assert term.not_preferred == {"en": ("Global Compact on Migration", "Marrakech Pact"),
                                  "fr": ("Pacte de Marrakech",)}
    assert term.deprecated == {"ar": ("الميثاق العالمي للهجرة",)}
    assert "الاتفاق العالمي من أجل الهجرة" in term.variants["ar"]


def test_the_other_form_decisions_of_issue_18_hold() -> None:
    """The child-sensitive principle's labels, the cut fragment and the people-not-act variants
    removed, the Compact's French wording admitted."""
    catalog = load_catalog(ROOT)
    terms = {t.id: t for t in catalog.terms}
    child = {e.id: e for e in catalog.taxonomies["principles"]}["child-sensitive"]
    assert (child.label.ar, child.label.fr) == ("مراعاة احتياجات الطفل", "Adaptation aux besoins de l'enfant")
    assert "مراعاة احتياجات الطفل" in terms["migrant-children"].source.ar
    assert [where for where, text in _own_wording(catalog, "ar").items() if "مراعاة مصالح الطفل" in text] == []
    assert "المهاجرين المهربين" not in terms["smuggling-of-migrants"].all_forms("ar")
    assert [f for f in terms["victim-identification"].all_forms("fr") if "orientation" in f] == []
    assert "services chargés de l'application de la loi" in terms["law-enforcement"].variants["fr"]
    assert "alternatives à la rétention" in terms["alternatives-to-detention"].variants["fr"]
