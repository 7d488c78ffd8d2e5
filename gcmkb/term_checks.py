"""Checks of the termbase itself, and of every text against it (deprecated forms are warnings;
not-preferred forms are correct and never reported)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import LANGUAGES
from .problems import Problem
from .termbase import Matcher, Term, find, form_words, term_of, tokens
from .text_checks import iter_texts
from .yamlsource import Document, format_path

# fields whose text is the collection's own wording; notes discuss wording and may quote any form
CHECKED_FIELDS = frozenset({"title", "lead", "text", "description", "label", "entries"})
FORM_KINDS = ("variants", "not_preferred", "deprecated")


def _p(doc: Document, path: tuple[Any, ...], message: str, severity: str = "error") -> Problem:
    return Problem(doc.path, doc.line_of(path), format_path(path), message, severity)  # type: ignore[arg-type]


def terms_of(doc: Document) -> tuple[Term, ...]:
    return tuple(term_of(t, doc.path, doc.line_of(("terms", i))) for i, t in enumerate(doc.data["terms"]))


def check_termbase(doc: Document, objective_ids: set[str]) -> Iterator[Problem]:
    """Unique ids, each form in one term, no deprecated form inside a correct one."""
    ids: set[str] = set()
    owner: dict[tuple[str, tuple[str, ...]], str] = {}
    for i, term in enumerate(terms_of(doc)):
        if term.id in ids:
            yield _p(doc, ("terms", i, "id"), f"duplicate term id {term.id!r}; allowed: each id once")
        ids.add(term.id)
        for k, number in enumerate(term.objectives):
            if objective_ids and number not in objective_ids:
                yield _p(doc, ("terms", i, "objectives", k), f"unknown objective {int(number)}; allowed: 1 to 23")
        for lang in LANGUAGES:
            yield from _check_lists(doc, i, term, lang)
            for form in term.all_forms(lang):
                key = (lang, form_words(form))
                if key in owner and owner[key] != term.id:
                    yield _p(doc, ("terms", i, "id"), f"{lang} form {form!r} also belongs to term "
                             f"{owner[key]!r}; allowed: each form in one term only")
                owner.setdefault(key, term.id)
            for k, form in enumerate(term.deprecated.get(lang, ())):
                clash = [a for a in term.admitted(lang) if next(find(lang, form_words(form), tokens(a)), None)]
                if clash:
                    yield _p(doc, ("terms", i, "deprecated", lang, k), f"{form!r} occurs inside the admitted "
                             f"form {clash[0]!r}, so every use of it would be reported; allowed: a form that "
                             "admitted forms do not contain")


def _check_lists(doc: Document, i: int, term: Term, lang: str) -> Iterator[Problem]:
    """Each form has a word; a not-preferred form is neither the preferred term nor a variant (a
    deprecated one that is admitted is reported by the check of deprecated forms)."""
    admitted = {form_words(term.preferred.get(lang)): "preferred"}
    admitted.update((form_words(v), "variants") for v in term.variants.get(lang, ()))
    for kind in FORM_KINDS:
        for k, form in enumerate(getattr(term, kind).get(lang, ())):
            words = form_words(form)
            if not words:
                yield _p(doc, ("terms", i, kind, lang, k), "has no word; allowed: a word or phrase")
            elif kind == "not_preferred" and words in admitted:
                yield _p(doc, ("terms", i, kind, lang, k), f"{form!r} is already listed under {admitted[words]}; "
                         "allowed: a correct form that is not the preferred term or a variant")


def deprecated_matchers(terms: tuple[Term, ...]) -> dict[str, Matcher]:
    return {lang: Matcher(terms, lang, deprecated=True) for lang in LANGUAGES}


def check_term_uses(doc: Document, matchers: dict[str, Matcher]) -> Iterator[Problem]:
    """A warning for each deprecated form that a text of this record uses (notes excepted)."""
    for path, lang, text in iter_texts(doc.data):
        if not path or path[0] not in CHECKED_FIELDS:
            continue
        for start, end, term, _ in matchers[lang].occurrences(text):
            yield _p(doc, path, f"uses the deprecated term {text[start:end]!r}; preferred: "
                     f"{term.preferred.get(lang)!r} (recommendations/terms.yml: {term.id})", "warning")
