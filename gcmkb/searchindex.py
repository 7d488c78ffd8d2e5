"""The search index of a language, ranked as lunr ranks, as postings by unit.

The ranking is lunr's: BM25 weights per field with field boosts, computed here exactly as lunr.py
computes them (`reference_index` is lunr.py itself, which the tests compare with), and queries
scored in the browser exactly as lunr.js 2.3.9 scores them (kb-search.js). What differs is the
form the index travels in. lunr's serialisation holds every posting twice, as JSON objects, and
`lunr.Index.load` rebuilds a vector per field and document and a token automaton: 1.3 s at 10,000
recommendations before the first query. Here the postings are typed arrays (`compact_index`),
cut into chunks by term that the browser fetches as a query needs them (`searchchunks`); the
files a language's search is made of are written by `searchfiles`.

A "unit" is a distinct value of a field: documents whose field holds the same text (the same
theme, the same facet labels) share its terms and weights, so a posting names the unit once
instead of every document in it.

Pipelines are built from the functions of `searchtext`, registered in lunr.py under the names
their JavaScript twins are registered under in kb-pipeline.js.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as porter_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_words
from lunr.token import Token
from lunr.tokenizer import Tokenizer

from .languages import language
from .searchtext import clitic_ar, is_stop_word, normalize, stem_ar, stem_fr, trim

FIELDS = (("id", 20), ("title", 8), ("lead", 4), ("text", 1), ("theme", 2), ("facets", 1))
K1, B = 1.2, 0.75  # lunr's BM25 parameters
SEPARATORS = re.compile("[ \t\n\r\f\v\xa0-]+")  # where lunr's tokenizer splits


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

BUILT_IN = {"stopWordFilter": english_stop_words, "stemmer": porter_stemmer}


def pipeline_names(lang: str) -> list[str]:
    """Its pipeline: the shared steps, then its own (declared with the language, gcmkb/languages.py)."""
    return ["kb-trimmer", "kb-normalize", *language(lang).search_steps]


def pipeline_for(lang: str) -> list[Callable[..., Any]]:
    return [PIPELINE_FUNCTIONS.get(name) or BUILT_IN[name] for name in pipeline_names(lang)]


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


@dataclass(frozen=True)
class Analysis:
    """One field value as indexed: how many terms it has, and each term's count, in the order
    the terms first occur (which is the order lunr numbers new terms in)."""

    length: int
    counts: tuple[tuple[str, int], ...]


class Analyzer:
    """The indexing chain of one language, with what it has already seen: each word's forms
    (words repeat across documents) and each field value's analysis (values repeat across
    documents, and across the builds of `mkdocs serve`). One per language and build, or per
    `serve` session, so that nothing outlives the collection it was made from for long."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.chain = Pipeline()
        self.chain.add(*pipeline_for(lang))
        self.words: dict[str, tuple[str, ...]] = {}
        self.values: dict[str, Analysis] = {}

    def forms(self, word: str) -> tuple[str, ...]:
        forms = self.words.get(word)
        if forms is None:
            forms = self.words[word] = tuple(s for s in (str(t) for t in self.chain.run([Token(word)])) if s)
        return forms

    def terms(self, text: str) -> list[str]:
        """lunr's tokenizer (lower case, split on white space and hyphens), then the pipeline."""
        forms = self.forms
        return [form for word in SEPARATORS.split(text.lower()) if word for form in forms(word)]

    def analyse(self, text: str) -> Analysis:
        found = self.values.get(text)
        if found is None:
            terms = self.terms(text)
            found = self.values[text] = Analysis(len(terms), tuple(Counter(terms).items()))
        return found

    def forget_except(self, texts: Iterable[str]) -> None:
        """Keep only the analyses of these values (the ones the last build used)."""
        keep = set(texts)
        self.values = {text: a for text, a in self.values.items() if text in keep}


def _js_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units: the terms are sorted the same way."""
    return term.encode("utf-16-be")


def typed(values: list[int], limit: int | None = None) -> array:
    """Unsigned 16-bit integers when they fit, else 32-bit."""
    top = max(values, default=0) if limit is None else limit
    return array("H" if top < 2**16 else "I", values)


@dataclass(frozen=True)
class FieldPostings:
    """One field's postings: for word w, units[offsets[w]:offsets[w + 1]] hold it, with those
    weights (in thousandths); each unit's documents are docs[starts[u]:starts[u + 1]], or, when
    `starts` is None, unit u is document u (every value of the field distinct)."""

    offsets: array
    units: array
    weights: array
    starts: array | None
    docs: array | None


@dataclass(frozen=True)
class CompactIndex:
    """The postings of one language, ready to be written (see the module's docstring)."""

    words: list[str]
    ranks: list[int]  # lunr's number of each word: the order its vectors are summed in
    fields: list[FieldPostings]


def _idf(documents_with_term: int, documents: int) -> float:
    x = (documents - documents_with_term + 0.5) / (documents_with_term + 0.5)  # as lunr.idf
    return math.log(1 + abs(x))


def compact_index(documents: list[dict[str, str]], analyzer: Analyzer, counted: int | None = None) -> CompactIndex:
    """The index lunr.py would build from `documents`, as postings by unit.

    Every weight is computed with lunr.py's expression, operation for operation, so that the
    floating-point results are the same; tests compare them with `reference_index`. The
    statistics the weights depend on (how many documents hold a term, each field's average
    length) are those of the first `counted` documents (all by default): the recommendations,
    so that adding practices after them leaves every recommendation's weights, hence their
    ranking, as they were; a practice is weighed as one more recommendation would be.
    """
    n = len(documents) if counted is None else counted
    rank: dict[str, int] = {}
    unit_of: list[dict[str, int]] = [{} for _ in FIELDS]
    analyses: list[list[Analysis]] = [[] for _ in FIELDS]
    members: list[list[list[int]]] = [[] for _ in FIELDS]
    lengths = [0] * len(FIELDS)
    for d, doc in enumerate(documents):
        for f, (name, _) in enumerate(FIELDS):
            text = doc[name]
            u = unit_of[f].get(text)
            if u is None:
                u = unit_of[f][text] = len(analyses[f])
                analyses[f].append(analyzer.analyse(text))
                members[f].append([])
                for term, _ in analyses[f][u].counts:
                    if term not in rank:
                        rank[term] = len(rank)
            members[f][u].append(d)
            if d < n:
                lengths[f] += analyses[f][u].length
    with_term = dict.fromkeys(rank, 0)
    for f in range(len(FIELDS)):
        for u, a in enumerate(analyses[f]):
            size = sum(1 for d in members[f][u] if d < n)
            for term, _ in a.counts:
                with_term[term] += size
    idf = {term: _idf(count, n) for term, count in with_term.items()}
    words = sorted(rank, key=_js_order)
    fields = []
    for f, (_, boost) in enumerate(FIELDS):
        average = lengths[f] / n
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for u, a in enumerate(analyses[f]):
            field_length = a.length
            for term, tf in a.counts:
                score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (field_length / average)) + tf)
                score *= boost
                units, weights = postings.setdefault(term, ([], []))
                units.append(u)
                weights.append(round(round(score, 3) * 1000))
        fields.append(_field_postings(words, postings, members[f], len(documents)))
    analyzer.forget_except(text for f in range(len(FIELDS)) for text in unit_of[f])
    return CompactIndex(words, [rank[w] for w in words], fields)


def _field_postings(words: list[str], postings: dict[str, tuple[list[int], list[int]]],
                    members: list[list[int]], n: int) -> FieldPostings:
    offsets, units, weights = [0], [], []
    empty: tuple[list[int], list[int]] = ([], [])
    for term in words:
        term_units, term_weights = postings.get(term, empty)
        units += term_units
        weights += term_weights
        offsets.append(len(units))
    if len(members) == n:  # every value distinct: unit u is document u
        return FieldPostings(typed(offsets), typed(units), typed(weights), None, None)
    starts, docs = [0], []
    for unit_docs in members:
        docs += unit_docs
        starts.append(len(docs))
    return FieldPostings(typed(offsets), typed(units), typed(weights), typed(starts, n), typed(docs, n))
