"""Prebuilt lunr indexes, one per language, with the data the search page needs.

Pipelines are built from the functions of `searchtext`, registered in lunr.py under the names
their JavaScript twins are registered under before `lunr.Index.load`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as porter_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_words
from lunr.token import Token
from lunr.tokenizer import Tokenizer

from . import LANGUAGES, routes
from .facets import FACETS
from .labels import load_labels
from .model import Catalog
from .searchtext import STOP_WORDS, clitic_ar, is_stop_word, normalize, stem_ar, stem_fr, trim
from .taxonomies import TAXONOMY_KINDS
from .textview import plain

FIELDS = (("id", 20), ("title", 8), ("lead", 4), ("text", 1), ("theme", 2), ("facets", 1))
SNIPPET = 240


def _updater(fn: Callable[[str], str]) -> Callable[..., Any]:
    def pipeline_fn(token: Any, i: int = 0, tokens: Any = None) -> Any:
        return token.update(lambda s, metadata=None: fn(s))
    return pipeline_fn


def _stop(lang: str) -> Callable[..., Any]:
    def pipeline_fn(token: Any, i: int = 0, tokens: Any = None) -> Any:
        return None if is_stop_word(lang, str(token)) else token
    return pipeline_fn


def _clitics(token: Any, i: int = 0, tokens: Any = None) -> Any:
    """Keep the word and add its form without a one-letter proclitic, in the index and in
    queries alike; the browser matches a query word when any of its forms matches."""
    stripped = clitic_ar(str(token))
    return [token, token.clone(lambda s, metadata=None: stripped)] if stripped else token


PIPELINE_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "kb-clitics-ar": _clitics,
    "kb-trimmer": _updater(trim), "kb-normalize": _updater(normalize),
    "kb-stop-ar": _stop("ar"), "kb-stop-fr": _stop("fr"),
    "kb-stem-ar": _updater(stem_ar), "kb-stem-fr": _updater(stem_fr),
}
for _name, _fn in PIPELINE_FUNCTIONS.items():
    Pipeline.register_function(_fn, _name)

# per language, after the shared trimmer and normaliser; the same for indexing and queries
LANGUAGE_STEPS = {
    "ar": ["kb-stop-ar", "kb-clitics-ar", "kb-stem-ar"],
    "fr": ["kb-stop-fr", "kb-stem-fr"],
    "en": ["stopWordFilter", "stemmer"],
}
BUILT_IN = {"stopWordFilter": english_stop_words, "stemmer": porter_stemmer}


def pipeline_for(lang: str) -> list[Callable[..., Any]]:
    names = ["kb-trimmer", "kb-normalize", *LANGUAGE_STEPS[lang]]
    return [PIPELINE_FUNCTIONS.get(name) or BUILT_IN[name] for name in names]


def analyze_words(lang: str, text: str) -> list[list[str]]:
    """Per word of `text`, the forms it is indexed and searched as (what tests compare with JS)."""
    pipeline = Pipeline()
    pipeline.add(*pipeline_for(lang))
    out = []
    for token in Tokenizer(text):
        forms = list(dict.fromkeys(str(t) for t in pipeline.run([token]) if str(t)))
        if forms:
            out.append(forms)
    return out


def search_documents(catalog: Catalog, lang: str) -> list[dict[str, str]]:
    docs = []
    for rec in catalog.recommendations:
        facets = [catalog.entry(kind, eid).label.get(lang)
                  for kind in TAXONOMY_KINDS for eid in rec.tagged(kind)]
        docs.append({"id": rec.id, "title": rec.title.get(lang),
                     "lead": rec.lead.get(lang) if rec.lead else "",
                     "text": plain(rec.text.get(lang)), "theme": catalog.theme(rec.theme).short.get(lang),
                     "facets": " ; ".join(facets)})
    return docs


def memoized_pipeline(lang: str) -> Callable[..., Any]:
    """The whole indexing chain of `lang` as one function that remembers each word's forms.

    Words repeat across documents, so this spares most of the work; the search pipeline that is
    serialised (and twinned in JavaScript) stays the list of named functions it is equivalent to.
    """
    chain = Pipeline()
    chain.add(*pipeline_for(lang))
    memo: dict[str, list[str]] = {}

    def run(token: Any, i: int = 0, tokens: Any = None) -> Any:
        word = str(token)
        forms = memo.get(word)
        if forms is None:
            forms = memo[word] = [str(t) for t in chain.run([Token(word)]) if str(t)]
        if len(forms) == 1:
            return token.update(lambda s, metadata=None: forms[0])
        return [token.clone(lambda s, metadata=None, form=form: form) for form in forms] or None

    run.label = f"kb-index-{lang}"  # type: ignore[attr-defined]  # never serialised
    return run


def build_index(catalog: Catalog, lang: str) -> Any:
    builder = Builder()
    builder.pipeline.add(memoized_pipeline(lang))
    builder.search_pipeline.add(*pipeline_for(lang))
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in search_documents(catalog, lang):
        builder.add(doc)
    return builder.build()


def _snippet(text: str) -> str:
    text = " ".join(plain(text).split())
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + "…"


def term_table(catalog: Catalog, lang: str) -> list[list[list[str]]]:
    """Per term, each of its forms in `lang` as the stems a query spells it with (for expansion)."""
    table = []
    for term in catalog.terms:
        forms = []
        for form in term.all_forms(lang):
            stems = [word[0] for word in analyze_words(lang, form)]
            if stems and stems not in forms:
                forms.append(stems)
        if forms:
            table.append(forms)
    return table


def objective_lookup(catalog: Catalog, lang: str) -> dict[str, Any]:
    """What a query that names an objective needs: the words before its number in every
    language ("objective", "objectif", "الهدف", from the labels), and each objective's page."""
    keywords = sorted({" ".join(w for w in (trim(p) for p in normalize(labels.t("objective_number", number=0)
                                                                          .replace(labels.number(0), "")).split()) if w)
                       for labels in load_labels().values()})
    labels = load_labels()[lang]
    entries = catalog.taxonomies.get("objectives", ())
    return {"keywords": keywords, "highest": max((int(e.id) for e in entries), default=0),
            "pages": {e.id: {"t": f"{labels.t('objective_number', number=int(e.id))}: {e.label.get(lang)}",
                             "u": routes.entry("objectives", e.id)} for e in entries}}


def search_payload(catalog: Catalog, lang: str) -> dict[str, Any]:
    """Everything the browser needs for one language: index, documents, facet labels."""
    docs = {}
    for rec in catalog.recommendations:
        docs[rec.id] = {"t": rec.title.get(lang), "u": routes.recommendation(rec.id),
                        **{f.field: f.values(rec, lang) for f in FACETS},
                        "x": _snippet((rec.lead.get(lang) + " " if rec.lead else "") + rec.text.get(lang))}
    labels = load_labels()[lang]
    facets = {f.name: dict(f.options(catalog, labels)) for f in FACETS}
    return {"lang": lang, "languages": list(LANGUAGES), "stopWords": {k: sorted(v) for k, v in STOP_WORDS.items()},
            "index": build_index(catalog, lang).serialize(), "docs": docs, "facets": facets,
            "facetFields": {f.name: f.field for f in FACETS},
            "terms": term_table(catalog, lang), "objectives": objective_lookup(catalog, lang)}
