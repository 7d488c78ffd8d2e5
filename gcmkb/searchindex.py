"""Prebuilt search indexes, one per language, with the data the search page needs.

The ranking is lunr's: BM25 weights per field with field boosts, computed here exactly as lunr.py
computes them (`reference_index` is lunr.py itself, which the tests compare with), and queries
scored in the browser exactly as lunr.js 2.3.9 scores them (kb-search.js). What differs is the
form the index travels in. lunr's serialisation holds every posting twice, as JSON objects, and
`lunr.Index.load` rebuilds a vector per field and document and a token automaton: 1.3 s at 10,000
recommendations before the first query. Here each language has these files:

- `<lang>.json`: what the header search needs for its first answer: the query pipeline, the
  sorted terms and lunr's number of each, the documents' ids, titles and objectives, the termbase
  and the objective look-up;
- `<lang>.bin`: the postings as typed arrays, read in place by the browser: per field and term,
  the units that contain it and their weights in thousandths (what lunr rounds weights to);
- `<lang>.explore.json`: what the explore page adds: every facet's values and the snippets
  (each record's beginning, shown until its text arrives, and when no word of its text matched);
- `<lang>.texts.<k>.json`: the records' full texts (lead and text, plain), in shards of
  `per` consecutive documents (shard k holds documents k * per onwards), fetched by the browser
  only for the results it shows, after it has shown them, to excerpt each text around the words
  that matched. Shards keep what one query fetches small at any size: a header search of 8 results
  reads at most 8 shards of about `TEXT_SHARD_BYTES`, whether the collection has 35 records or
  10,000 (one file of every text is 12.9 MB of Arabic at 10,000: its excerpts came 340 ms after
  focusing the box on the loopback, instead of 240 ms, and far later over a real network).

A "unit" is a distinct value of a field: documents whose field holds the same text (the same
theme, the same facet labels) share its terms and weights, so a posting names the unit once
instead of every document in it.

Pipelines are built from the functions of `searchtext`, registered in lunr.py under the names
their JavaScript twins are registered under in kb-pipeline.js.
"""

from __future__ import annotations

import json
import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as porter_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_words
from lunr.token import Token
from lunr.tokenizer import Tokenizer

from . import LANGUAGES, routes
from .facets import FACETS
from .labels import Labels, load_labels
from .model import Catalog
from .searchtext import STOP_WORDS, clitic_ar, is_stop_word, normalize, stem_ar, stem_fr, trim
from .taxonomies import TAXONOMIES, TAXONOMY_KINDS
from .textview import plain

FIELDS = (("id", 20), ("title", 8), ("lead", 4), ("text", 1), ("theme", 2), ("facets", 1))
SNIPPET = 240
# A shard of full texts holds as many records as fit in about this many bytes of JSON; `per` is
# the same for every shard of a language, so the browser finds a document's shard by division and
# the index file only grows by {"path", "per"}. Measured at 10,000 synthetic records (Chromium,
# loopback): 8, 16, 32 and 128 KB shards show the excerpts equally soon (about 130 ms after the
# results, 100 of them waiting for the reader to stop typing); a query reads 55, 115, 215 and
# 600 KB of texts; a language has 2,000, 910, 435 and 107 files. 16 KB: few bytes, few files.
TEXT_SHARD_BYTES = 16_000
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

# per language, after the shared trimmer and normaliser; the same for indexing and queries
LANGUAGE_STEPS = {
    "ar": ["kb-stop-ar", "kb-clitics-ar", "kb-stem-ar"],
    "fr": ["kb-stop-fr", "kb-stem-fr"],
    "en": ["stopWordFilter", "stemmer"],
}
BUILT_IN = {"stopWordFilter": english_stop_words, "stemmer": porter_stemmer}


def pipeline_names(lang: str) -> list[str]:
    return ["kb-trimmer", "kb-normalize", *LANGUAGE_STEPS[lang]]


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


def _typed(values: list[int], limit: int | None = None) -> array:
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

    def arrays(self, f: int) -> list[tuple[str, array]]:
        named = [(f"offsets{f}", self.offsets), (f"units{f}", self.units), (f"weights{f}", self.weights)]
        if self.starts is not None and self.docs is not None:
            named += [(f"starts{f}", self.starts), (f"docs{f}", self.docs)]
        return named


@dataclass(frozen=True)
class CompactIndex:
    """The postings of one language, ready to be written (see the module's docstring)."""

    words: list[str]
    ranks: list[int]  # lunr's number of each word: the order its vectors are summed in
    fields: list[FieldPostings]

    def arrays(self) -> tuple[dict[str, Any], bytes]:
        """Where each array is in the bytes ([byte offset, length, bytes per element]), and the
        bytes: 32-bit arrays first, so that every array is aligned for the browser's typed arrays."""
        named = [item for f, field in enumerate(self.fields) for item in field.arrays(f)]
        layout: dict[str, Any] = {}
        chunks, position = [], 0
        for name, data in sorted(named, key=lambda item: -item[1].itemsize):
            if sys.byteorder != "little":
                data = array(data.typecode, data)
                data.byteswap()
            layout[name] = [position, len(data), data.itemsize]
            chunks.append(data.tobytes())
            position += len(chunks[-1])
        return layout, b"".join(chunks)


def _idf(documents_with_term: int, documents: int) -> float:
    x = (documents - documents_with_term + 0.5) / (documents_with_term + 0.5)  # as lunr.idf
    return math.log(1 + abs(x))


def compact_index(documents: list[dict[str, str]], analyzer: Analyzer) -> CompactIndex:
    """The index lunr.py would build from `documents`, as postings by unit.

    Every weight is computed with lunr.py's expression, operation for operation, so that the
    floating-point results are the same; tests compare them with `reference_index`.
    """
    n = len(documents)
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
            lengths[f] += analyses[f][u].length
    with_term = dict.fromkeys(rank, 0)
    for f in range(len(FIELDS)):
        for u, a in enumerate(analyses[f]):
            size = len(members[f][u])
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
        fields.append(_field_postings(words, postings, members[f], n))
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
        return FieldPostings(_typed(offsets), _typed(units), _typed(weights), None, None)
    starts, docs = [0], []
    for unit_docs in members:
        docs += unit_docs
        starts.append(len(docs))
    return FieldPostings(_typed(offsets), _typed(units), _typed(weights), _typed(starts, n), _typed(docs, n))


def memoized_pipeline(lang: str) -> Callable[..., Any]:
    """The whole indexing chain of `lang` as one lunr.py pipeline function that remembers each
    word's forms (the chain `reference_index` indexes with; never serialised)."""
    analyzer = Analyzer(lang)

    def run(token: Any, i: int = 0, tokens: Any = None) -> Any:
        forms = analyzer.forms(str(token))
        if len(forms) == 1:
            return token.update(lambda s, metadata=None: forms[0])
        return [token.clone(lambda s, metadata=None, form=form: form) for form in forms] or None

    run.label = f"kb-index-{lang}"  # type: ignore[attr-defined]
    return run


def reference_index(catalog: Catalog, lang: str) -> Any:
    """The same index built by lunr.py: what `compact_index` must reproduce (tests, benchmark)."""
    builder = Builder()
    builder.pipeline.add(memoized_pipeline(lang))
    builder.search_pipeline.add(*pipeline_for(lang))
    builder.ref("id")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    for doc in search_documents(catalog, lang):
        builder.add(doc)
    return builder.build()


def full_text(rec: Any, lang: str) -> str:
    """What a result's excerpt is cut from: the lead and the text, plain, on one line."""
    return " ".join(plain((rec.lead.get(lang) + " " if rec.lead else "") + rec.text.get(lang)).split())


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + "…"


def text_shards(texts: list[str], name: str,
                budget: int = TEXT_SHARD_BYTES) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The full texts in shards of `per` consecutive documents, each about `budget` bytes of JSON
    on average: where the browser finds them ({"path": "<name>.texts.{n}.json", "per": per}, the
    path relative to the index file) and the files, as (file name, content), shard n holding
    the texts of documents n * per to (n + 1) * per - 1, a JSON list of strings."""
    average = sum(len(_json(t)) + 1 for t in texts) / max(1, len(texts))
    per = max(1, int(budget // max(1.0, average)))
    pattern = f"{name}.texts.{{n}}.json"
    files = [(pattern.replace("{n}", str(k)), _json(texts[start:start + per]))
             for k, start in enumerate(range(0, len(texts), per))]
    return {"path": pattern, "per": per}, files


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


def suggestion_table(catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    """Per term, what a query that found nothing is compared with (searchtext.suggest_terms):
    its preferred name (`t`, what is suggested), the stems of all its forms (`f`) and of its
    definition (`d`), each once."""
    table = []
    for term in catalog.terms:
        forms = [f for form in term.all_forms(lang) for word in analyze_words(lang, form) for f in word]
        definition = [f for word in analyze_words(lang, term.definition.get(lang)) for f in word]
        table.append({"t": term.preferred.get(lang), "f": list(dict.fromkeys(forms)),
                      "d": list(dict.fromkeys(definition))})
    return table


def objective_lookup(catalog: Catalog, lang: str, every_labels: dict[str, Labels] | None = None) -> dict[str, Any]:
    """What a query that names an objective needs: the words before its number in every
    language ("objective", "objectif", "الهدف", from the labels), and each objective's page."""
    every_labels = every_labels or load_labels()
    keywords = sorted({" ".join(w for w in (trim(p) for p in normalize(labels.t("objective_number", number=0)
                                                                          .replace(labels.number(0), "")).split()) if w)
                       for labels in every_labels.values()})
    labels = every_labels[lang]
    entries = catalog.taxonomies.get("objectives", ())
    field = next(k.field for k in TAXONOMIES if k.name == "objectives")  # each document's objectives
    return {"keywords": keywords, "highest": max((int(e.id) for e in entries), default=0), "field": field,
            "pages": {e.id: {"t": f"{labels.t('objective_number', number=int(e.id))}: {e.label.get(lang)}",
                             "u": routes.entry("objectives", e.id)} for e in entries}}


def search_paths(lang: str) -> tuple[str, str, str]:
    """The index (what pages point to), its postings and what the explore page adds, relative
    to the site root. kb-search.js finds the postings by the same rule: `.json` becomes `.bin`."""
    index = routes.search_index(lang)
    stem = index.removesuffix(".json")
    return index, f"{stem}.bin", f"{stem}.explore.json"


def search_files(catalog: Catalog, lang: str, analyzer: Analyzer | None = None) -> list[tuple[str, bytes]]:
    """Everything the browser needs for one language, as (path, content) of its files.

    The index file carries what the header search needs for its first answer (titles, and the
    objectives for the objective look-up); the explore page's file adds every facet's values
    and the snippets; the shards of full texts follow (see the module's docstring)."""
    documents = search_documents(catalog, lang)
    index = compact_index(documents, analyzer or Analyzer(lang))
    layout, postings = index.arrays()
    recs = catalog.recommendations
    every_labels = load_labels()  # read from their files: once
    labels = every_labels[lang]
    lookup = objective_lookup(catalog, lang, every_labels)
    texts = [full_text(r, lang) for r in recs]
    header: dict[str, Any] = {"id": [r.id for r in recs], "t": [r.title.get(lang) for r in recs]}
    explore: dict[str, Any] = {"x": [_snippet(text) for text in texts]}
    for facet in FACETS:
        column = header if facet.field == lookup["field"] else explore
        column[facet.field] = [facet.values(r, lang) for r in recs]
    index_path, postings_path, explore_path = search_paths(lang)
    folder, _, index_name = index_path.rpartition("/")
    shards, shard_files = text_shards(texts, index_name.removesuffix(".json"))
    head = {"lang": lang, "languages": list(LANGUAGES), "stopWords": {k: sorted(v) for k, v in STOP_WORDS.items()},
            "pipeline": pipeline_names(lang), "fields": [name for name, _ in FIELDS],
            "words": index.words, "ranks": index.ranks, "arrays": layout,
            "docs": header, "url": routes.recommendation("{id}"), "explore": explore_path.rsplit("/", 1)[-1],
            "texts": shards,
            "facets": {f.name: dict(f.options(catalog, labels)) for f in FACETS},
            "facetFields": {f.name: f.field for f in FACETS},
            "terms": term_table(catalog, lang), "suggest": suggestion_table(catalog, lang),
            "objectives": lookup}
    return [(index_path, _json(head)), (postings_path, postings), (explore_path, _json(explore)),
            *((f"{folder}/{name}", data) for name, data in shard_files)]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
