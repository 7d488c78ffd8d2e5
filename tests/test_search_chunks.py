"""The postings in chunks by term (gcmkb/searchchunks.py), fetched by the browser on demand.

The real collection fits one chunk at the real budget; here the budget is lowered
(KB_SEARCH_CHUNK_BYTES) so that its index is cut into dozens of chunks: the search must give
the same results, fetch only the chunks a query's words need, and a prefix only the chunks its
terms are in. The browser tests serve those chunks in place of the built ones (`chunked`)."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from gcmkb.catalog import load_catalog
from gcmkb.searchchunks import CHUNK_ENV, chunk_ranges, id_runs, ids_of, unpack
from gcmkb.searchfiles import INLINE_ENV, search_files
from gcmkb.searchindex import Analyzer, analyze_words, compact_index
from gcmkb.searchrecords import records, search_documents, title

from .conftest import ROOT
from .searchpage import load_search
from .sitebuild import Site

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
TINY = 600  # bytes of postings a chunk: the real collection makes 27-33 chunks a language


def tiny_files(monkeypatch, lang: str, budget: int = TINY) -> dict[str, bytes]:
    monkeypatch.setenv(CHUNK_ENV, str(budget))
    return dict(search_files(load_catalog(ROOT), lang))


def chunked(page, monkeypatch, budget: int = TINY, shards: bool = False) -> dict[str, dict[str, bytes]]:
    """Serve every language's index file and chunks as a build with chunks of `budget` bytes
    writes them (the other search files do not depend on the budget), and with `shards`, as a
    collection too large for its titles to ride in the index file (title shards, and chunks
    that carry their terms' best documents' titles); returns those files."""
    if shards:
        monkeypatch.setenv(INLINE_ENV, "0")
    files = {lang: tiny_files(monkeypatch, lang, budget) for lang in PREFIX}

    def fulfil(route) -> None:
        path = "assets/search/" + route.request.url.rsplit("/", 1)[-1]
        lang = path.rsplit("/", 1)[-1].split(".", 1)[0]
        route.fulfill(status=200, body=files[lang][path])

    page.route(re.compile(r".*/assets/search/(ar|en|fr)\.(json|c\d+\.bin|titles\.\d+\.json)$"), fulfil)
    return files


def chunk_of(head: dict, term: str) -> int:
    """The chunk a term is in: the last whose first term is not after it (JavaScript's order)."""
    key = term.encode("utf-16-be")
    return max(k for k, first in enumerate(head["chunks"]["first"]) if first.encode("utf-16-be") <= key)


# --- the files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_chunks_hold_every_term_once_in_order_within_the_budget(monkeypatch, lang: str) -> None:
    files = tiny_files(monkeypatch, lang)
    head = json.loads(files[f"assets/search/{lang}.json"])
    spec = head["chunks"]
    chunks = [unpack(files[f"assets/search/{spec['path'].replace('{n}', str(k))}"]) for k in range(len(spec["first"]))]
    catalog = load_catalog(ROOT)
    index = compact_index(search_documents(catalog, lang), Analyzer(lang), len(catalog.recommendations))
    assert len(chunks) > 20 and not [p for p in files if re.search(rf"{lang}\.c{len(chunks)}\.bin$", p)]
    assert [w for header, _ in chunks for w in header["words"]] == index.words
    assert [r for header, _ in chunks for r in header["ranks"]] == index.ranks
    assert spec["first"] == [header["words"][0] for header, _ in chunks]
    assert spec["start"] == [index.words.index(header["words"][0]) for header, _ in chunks]
    # a prefix's terms are consecutive: a short one spans chunks (the browser's parity tests query
    # every prefix over these chunks), a chunk's range ends where the next one's begins
    spanning = {w[:2] for w in index.words if len({chunk_of(head, v) for v in index.words if v.startswith(w[:2])}) > 1}
    assert len(spanning) >= 5
    for k, (header, arrays) in enumerate(chunks):  # each chunk: its terms' postings, as in the index
        start, size = spec["start"][k], len(header["words"])
        assert 4 * sum(len(arrays[f"units{f}"]) for f in range(len(index.fields))) <= TINY or size == 1
        for f, field in enumerate(index.fields):
            lo, hi = field.offsets[start], field.offsets[start + size]
            assert arrays[f"units{f}"] == list(field.units[lo:hi])
            assert arrays[f"weights{f}"] == list(field.weights[lo:hi])
            assert arrays[f"offsets{f}"] == [o - lo for o in field.offsets[start:start + size + 1]]
    # the first file names the chunks, it does not carry the terms; 41 titles are few: they ride in it
    assert "words" not in head and head["t"] == [title(r, lang) for r in records(load_catalog(ROOT))]
    assert head["titles"] is None and not [p for p in files if ".titles." in p]


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_past_the_inline_titles_each_chunk_carries_its_terms_best_documents_titles(monkeypatch, lang: str) -> None:
    """Once the titles leave the index file for shards, a chunk carries, for each of its terms,
    the titles of the 8 documents a query of that term ranks first (the highest sums of its
    weights over the fields, equal sums by id): computed here the slow way, over every posting."""
    monkeypatch.setenv(INLINE_ENV, "0")
    files = tiny_files(monkeypatch, lang)
    head = json.loads(files[f"assets/search/{lang}.json"])
    catalog = load_catalog(ROOT)
    recs = records(catalog)
    ids, titles = [r.id for r in recs], [title(r, lang) for r in recs]
    index = compact_index(search_documents(catalog, lang), Analyzer(lang), len(catalog.recommendations))
    assert head["t"] is None and head["titles"]["path"] == f"{lang}.titles.{{n}}.json"
    carried = 0
    for k, start in enumerate(head["chunks"]["start"]):
        header, _ = unpack(files[f"assets/search/{lang}.c{k}.bin"])
        best: set[int] = set()
        for w in range(start, start + len(header["words"])):
            score: dict[int, int] = {}
            for field in index.fields:
                for q in range(field.offsets[w], field.offsets[w + 1]):
                    unit = field.units[q]
                    for d in [unit] if field.starts is None else field.docs[field.starts[unit]:field.starts[unit + 1]]:
                        score[d] = score.get(d, 0) + field.weights[q]
            best |= set(sorted(score, key=lambda d: (-score[d], ids[d]))[:8])
        assert header["titled"] == sorted(best)
        assert header["titles"] == [titles[d] for d in header["titled"]]
        carried += len(best)
    assert carried > len(head["chunks"]["start"])  # chunks carry titles, more than one each on average
    # while the titles ride in the index file, the chunks carry none
    monkeypatch.delenv(INLINE_ENV)
    files = tiny_files(monkeypatch, lang)
    assert all("titled" not in unpack(data)[0] for path, data in files.items() if re.search(r"\.c\d+\.bin$", path))


def test_a_term_bigger_than_the_budget_is_a_chunk_of_its_own() -> None:
    catalog = load_catalog(ROOT)
    index = compact_index(search_documents(catalog, "en"), Analyzer("en"), len(catalog.recommendations))
    ranges = chunk_ranges(index, 1)
    assert ranges == [(w, w + 1) for w in range(len(index.words))]
    assert chunk_ranges(index, 10**9) == [(0, len(index.words))]


def test_ids_travel_as_runs() -> None:
    ids = ["r01", "r02", "r03", "r10", "r11", "x", "r012", "r013", "r9"]
    assert id_runs(ids) == [["r", 2, 1, 3], ["r", 2, 10, 2], "x", ["r", 3, 12, 2], ["r", 1, 9, 1]]
    assert ids_of(id_runs(ids)) == ids


# --- in Chromium -------------------------------------------------------------------------------

QUERY = {"en": "child detention", "fr": "traite des personnes", "ar": "احتجاز الأطفال"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_words_in_different_chunks_find_what_one_chunk_finds_fetching_only_theirs(
        page, real_site: Site, monkeypatch, lang: str) -> None:
    """A query of two words in two chunks gives the results the one-chunk index gives, to the
    score, and fetches the chunks its words and their termbase forms are in, not the others."""
    script = """async q => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index);
        const r = await kbSearch.query(engine, q);
        return [r.refs, r.partial, r.suggestions];
    }"""
    page.goto(real_site.url + PREFIX[lang])
    load_search(page)
    whole = page.evaluate(script, QUERY[lang])
    files = chunked(page, monkeypatch)
    head = json.loads(files[lang][f"assets/search/{lang}.json"])
    words = analyze_words(lang, QUERY[lang])
    assert len({chunk_of(head, forms[0]) for forms in words}) == 2  # the words are in two chunks
    page.goto(real_site.url + PREFIX[lang])
    load_search(page)
    before = len(page.requests)
    assert page.evaluate(script, QUERY[lang]) == whole and whole[0]
    fetched = {int(m[1]) for u in page.requests[before:] if (m := re.search(rf"/{lang}\.c(\d+)\.bin$", u))}
    needed = {chunk_of(head, form) for forms in words for form in forms}
    assert needed <= fetched and len(fetched) < len(head["chunks"]["first"]) // 2


@pytest.mark.browser
def test_the_first_query_fetches_a_bounded_part_of_the_index(page, real_site: Site, monkeypatch) -> None:
    """The header's first query, typed at once: what it fetches (gzip, as a host sends it) is the
    index file, the units, its words' chunks and its results' titles: a fraction of the whole."""
    files = chunked(page, monkeypatch)["en"]
    page.goto(real_site.url + "en/")
    before = len(page.requests)
    page.fill("#kb-search-input", "detention")
    page.locator(".kb-search__list [role=option]").first.wait_for()
    fetched = [u.rsplit("/", 1)[-1] for u in page.requests[before:]
               if "/assets/search/" in u and ".texts." not in u
               and not u.endswith(".js")]  # the texts come after the results; the scripts before
    chunks = [name for name in fetched if re.fullmatch(r"en\.c\d+\.bin", name)]
    assert fetched[:2] == ["en.units.bin", "en.json"] or fetched[:2] == ["en.json", "en.units.bin"]
    assert 1 <= len(chunks) <= 8 and all(re.fullmatch(r"en\.(c\d+\.bin|titles\.\d+\.json)", n) for n in fetched[2:])
    postings = [data for path, data in files.items() if re.search(r"en\.c\d+\.bin$", path)]
    got = sum(len(gzip.compress(files[f"assets/search/{n}"])) for n in chunks)
    assert got < sum(len(gzip.compress(data)) for data in postings) / 5


@pytest.mark.browser
def test_a_word_typed_in_part_expands_from_three_letters(page, real_site: Site, monkeypatch) -> None:
    """One or two letters are searched as a word, fetching the one chunk they fall in, not the
    dozens their terms fill; from three letters on, a word typed in part finds the terms it begins."""
    files = chunked(page, monkeypatch)["en"]
    head = json.loads(files["assets/search/en.json"])
    assert head["prefixMin"] == 3
    words = [w for k in range(len(head["chunks"]["first"]))
             for w in unpack(files[f"assets/search/en.c{k}.bin"])[0]["words"]]
    assert len({chunk_of(head, w) for w in words if w.startswith("c")}) > 3
    page.goto(real_site.url + "en/")
    load_search(page)
    script = """async q => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index);
        const r = await kbSearch.query(engine, q);
        return r.refs;
    }"""
    before = len(page.requests)
    assert page.evaluate(script, "c") == []
    assert len([u for u in page.requests[before:] if re.search(r"/en\.c\d+\.bin$", u)]) == 1
    assert page.evaluate(script, "ch") == []
    assert "r16" in page.evaluate(script, "chi")  # child, children


@pytest.mark.browser
def test_results_whose_title_holds_the_word_need_no_title_shard(page, real_site: Site, monkeypatch) -> None:
    """Titles in shards (as past a thousand records): the header's first query, whose results
    hold its word in their titles, shows them with their titles from its chunks alone, fetching
    no title shard; titles the chunks did not bring are fetched from their shards."""
    files = chunked(page, monkeypatch, shards=True)["en"]
    assert [p for p in files if ".titles." in p]
    page.goto(real_site.url + "en/")
    before = len(page.requests)
    page.fill("#kb-search-input", "detention")
    page.locator(".kb-search__list [role=option]").first.wait_for()
    shown = page.locator(".kb-search__list .kb-results__title").all_inner_texts()
    assert len(shown) >= 5 and all("detention" in t.lower() for t in shown[:2])
    fetched = [u.rsplit("/", 1)[-1] for u in page.requests[before:] if "/assets/search/" in u]
    assert [n for n in fetched if re.fullmatch(r"en\.c\d+\.bin", n)]
    assert not [n for n in fetched if ".titles." in n]
    titles = {r.id: title(r, "en") for r in records(load_catalog(ROOT))}
    missing, got = page.evaluate("""async () => {
        const engine = await kbSearch.loadEngine(kbSearch.config.index);
        const missing = engine.ids.filter(ref => engine.doc(ref).t === undefined).slice(0, 3);
        await engine.loadTitles(missing);
        return [missing, missing.map(ref => engine.doc(ref).t)];
    }""")
    assert missing and got == [titles[ref] for ref in missing]
    assert [u for u in page.requests[before:] if re.search(r"/en\.titles\.\d+\.json$", u)]
