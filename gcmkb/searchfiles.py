"""The files a language's search is made of, as the browser fetches them (kb-search.js).

Under `assets/search/`, per language:

- `<lang>.json`: the first file, fetched when the search box gets the focus: the query
  pipeline, the documents' ids (as runs), the first term of each postings chunk, the termbase
  (expansion and suggestions) and the objective look-up;
- `<lang>.units.bin`, fetched beside it: per field whose documents share values (a theme, facet
  labels), which documents each value stands for;
- `<lang>.c<k>.bin`: the postings, in chunks by term (`searchchunks`), fetched for the words of a
  query, each once;
- `<lang>.titles.<k>.json`: the titles, in shards of consecutive documents, fetched for the
  results shown whose titles the chunks did not bring (each chunk carries its terms' best
  documents' titles: `searchtop`); while the titles are few, they are all in the index file
  instead (`INLINE_TITLES`) and neither shards nor chunks carry them;
- `<lang>.objectives.json`: each document's objectives, fetched when a query names an objective
  (its page first, then the recommendations that serve it);
- `<lang>.explore.json`: what the explore page adds, since it lists and filters every record:
  every title, facet value and snippet (each record's beginning), and the facets' labels;
- `<lang>.texts.<k>.json`: the records' full texts (lead and text, plain), in shards of
  `per` consecutive documents (shard k holds documents k * per onwards), fetched by the browser
  only for the results it shows, after it has shown them, to excerpt each text around the words
  that matched. Shards keep what one query fetches small at any size: a header search of 8 results
  reads at most 8 shards of about `TEXT_SHARD_BYTES`, whether the collection has 35 records or
  10,000 (one file of every text is 12.9 MB of Arabic at 10,000: its excerpts came 340 ms after
  focusing the box on the loopback, instead of 240 ms, and far later over a real network).
"""

from __future__ import annotations

import json
import os
from typing import Any

from . import LANGUAGES, routes
from .facets import FACETS
from .labels import Labels, load_labels
from .model import Catalog
from .searchchunks import PREFIX_MIN, chunks, id_runs, units_file
from .searchindex import FIELDS, Analyzer, analyze_words, compact_index, pipeline_names
from .searchrecords import full_text, page_runs, records, search_documents, title
from .searchtext import STOP_WORDS, normalize, trim
from .taxonomies import TAXONOMIES

SNIPPET = 240
# A shard of full texts holds as many records as fit in about this many bytes of JSON; `per` is
# the same for every shard of a language, so the browser finds a document's shard by division and
# the index file only grows by {"path", "per"}. Measured at 10,000 synthetic records (Chromium,
# loopback): 8, 16, 32 and 128 KB shards show the excerpts equally soon (about 130 ms after the
# results, 100 of them waiting for the reader to stop typing); a query reads 55, 115, 215 and
# 600 KB of texts; a language has 2,000, 910, 435 and 107 files. 16 KB: few bytes, few files.
TEXT_SHARD_BYTES = 16_000
# Titles are what the header's first results wait for. While all of them are a few tens of KB
# gzip, they ride in the index file (the results then wait for two files in a row, not three:
# a round trip less, 60 ms on a 4G link); past INLINE_TITLES bytes of JSON (about 1,000 titles),
# they come in small shards fetched for the results shown (about 50 titles a shard).
INLINE_TITLES = 100_000
TITLE_SHARD_BYTES = 4_000
INLINE_ENV = "KB_SEARCH_INLINE_TITLES"  # a smaller limit, so a test sees title shards on a small fixture


def inline_titles() -> int:
    """Up to how many bytes of JSON the titles ride in the index file: INLINE_TITLES, or the
    environment's value (0: never)."""
    given = os.environ.get(INLINE_ENV, "")
    return int(given) if given.isdigit() else INLINE_TITLES


def _snippet(text: str) -> str:
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + "…"


def text_shards(texts: list[str], name: str, budget: int = TEXT_SHARD_BYTES,
                kind: str = "texts") -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The texts in shards of `per` consecutive documents, each about `budget` bytes of JSON
    on average: where the browser finds them ({"path": "<name>.<kind>.{n}.json", "per": per}, the
    path relative to the index file) and the files, as (file name, content), shard n holding
    the texts of documents n * per to (n + 1) * per - 1, a JSON list of strings."""
    average = sum(len(_json(t)) + 1 for t in texts) / max(1, len(texts))
    per = max(1, int(budget // max(1.0, average)))
    pattern = f"{name}.{kind}.{{n}}.json"
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
    """The index (what pages point to), its units and what the explore page adds, relative to
    the site root. kb-search.js finds the units by the same rule: `.json` becomes `.units.bin`."""
    index = routes.search_index(lang)
    stem = index.removesuffix(".json")
    return index, f"{stem}.units.bin", f"{stem}.explore.json"


def search_files(catalog: Catalog, lang: str, analyzer: Analyzer | None = None) -> list[tuple[str, bytes]]:
    """Everything the browser needs for one language, as (path, content) of its files (see the
    module's docstring)."""
    index = compact_index(search_documents(catalog, lang), analyzer or Analyzer(lang),
                          len(catalog.recommendations))
    recs = records(catalog)
    every_labels = load_labels()  # read from their files: once
    labels = every_labels[lang]
    lookup = objective_lookup(catalog, lang, every_labels)
    texts = [full_text(r, lang) for r in recs]
    titles = [title(r, lang) for r in recs]
    explore: dict[str, Any] = {"t": titles, "x": [_snippet(text) for text in texts]}
    objectives: list[Any] = []
    for facet in FACETS:
        values = [facet.values(r, lang) for r in recs]
        if facet.field == lookup["field"]:
            objectives = values
        explore[facet.field] = values
    index_path, units_path, explore_path = search_paths(lang)
    folder, _, index_name = index_path.rpartition("/")
    name = index_name.removesuffix(".json")
    shards, shard_files = text_shards(texts, name)
    inline = len(_json(titles)) <= inline_titles()
    title_shards, title_files = text_shards(titles, name, TITLE_SHARD_BYTES, "titles") if not inline else (None, [])
    postings, chunk_files = chunks(index, name, titles=None if inline else titles, ids=[r.id for r in recs])
    head = {"lang": lang, "languages": list(LANGUAGES), "stopWords": {k: sorted(v) for k, v in STOP_WORDS.items()},
            "pipeline": pipeline_names(lang), "fields": [field for field, _ in FIELDS],
            "ids": id_runs([r.id for r in recs]), "pages": page_runs(catalog),
            "chunks": postings, "prefixMin": PREFIX_MIN,
            "titles": title_shards, "t": titles if inline else None, "texts": shards,
            "explore": explore_path.rsplit("/", 1)[-1], "objectiveFile": f"{name}.objectives.json",
            "facetFields": {f.name: f.field for f in FACETS},
            "terms": term_table(catalog, lang), "suggest": suggestion_table(catalog, lang),
            "objectives": lookup}
    explore_file = {"columns": explore, "facets": {f.name: dict(f.options(catalog, labels)) for f in FACETS}}
    return [(index_path, _json(head)), (units_path, units_file(index)), (explore_path, _json(explore_file)),
            (f"{folder}/{name}.objectives.json", _json(objectives)),
            *((f"{folder}/{file}", data) for file, data in [*chunk_files, *title_files, *shard_files])]


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
