"""Search results show an excerpt of their record's text around the words that matched.

The full texts travel in shards (`<lang>.texts.<n>.json`, gcmkb/searchfiles.py), fetched by
kb-search.js for the results shown, after they have shown; the excerpt marks the words that
match the query as the search matches them (normalisation, stemming, prefixes, termbase forms),
on the original text, and never builds markup from data.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from gcmkb.catalog import load_catalog
from gcmkb.searchchunks import ids_of
from gcmkb.searchfiles import SNIPPET, TEXT_SHARD_BYTES, full_text, search_files, text_shards
from gcmkb.searchrecords import records

from .conftest import FIXTURES, ROOT
from .sitebuild import Site

PREFIX = {"ar": "", "en": "en/", "fr": "fr/"}
ELLIPSIS = "…"


# --- the payload writer ------------------------------------------------------------------------

def test_text_shards_hold_every_text_in_order_in_shards_of_the_budget() -> None:
    texts = [f"text {i} " + "word " * (i % 7 * 20) for i in range(50)]
    spec, files = text_shards(texts, "en", budget=2_000)
    per = spec["per"]
    assert spec["path"] == "en.texts.{n}.json" and 1 < per < 50
    assert [name for name, _ in files] == [f"en.texts.{k}.json" for k in range(len(files))]
    shards = [json.loads(data) for _, data in files]
    assert all(len(shard) == per for shard in shards[:-1]) and 0 < len(shards[-1]) <= per
    assert [t for shard in shards for t in shard] == texts
    # document d is in shard d // per, at d % per: the rule kb-search.js finds it by
    assert all(shards[d // per][d % per] == texts[d] for d in range(len(texts)))
    average = sum(len(data) for _, data in files) / len(files)
    assert average < 2_000 * 1.5
    # a text longer than the budget gets a shard of its own; no text, no shard
    assert text_shards(["x" * 5_000, "y"], "ar", budget=1_000)[0]["per"] == 1
    assert text_shards([], "fr") == ({"path": "fr.texts.{n}.json", "per": TEXT_SHARD_BYTES}, [])


def test_non_ascii_texts_are_written_as_utf8_not_escaped() -> None:
    _, files = text_shards(["الهجرة الآمنة", "rétention"], "ar")
    assert files[0][1].decode("utf-8") == '["الهجرة الآمنة","rétention"]'


@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_search_files_ship_full_texts_beside_an_index_that_does_not_carry_them(lang: str) -> None:
    catalog = load_catalog(ROOT)
    files = dict(search_files(catalog, lang))
    head = json.loads(files[f"assets/search/{lang}.json"])
    spec = head["texts"]
    assert spec["path"] == f"{lang}.texts.{{n}}.json"
    shards = sorted((p for p in files if ".texts." in p), key=lambda p: int(p.rsplit(".", 2)[-2]))
    assert shards == [f"assets/search/{lang}.texts.{k}.json" for k in range(len(shards))]
    texts = [t for p in shards for t in json.loads(files[p])]
    recs = records(catalog)  # the recommendations, then the practices
    assert texts == [full_text(r, lang) for r in recs]
    r06 = next(r for r in recs if r.id == "r06")
    text = full_text(r06, lang)
    assert len(text) > SNIPPET and "\n" not in text and "[[" not in text
    # the first load (index and postings) does not carry the texts; the explore data keeps the
    # beginning of each (what a result shows before its text arrives)
    assert text not in files[f"assets/search/{lang}.json"].decode("utf-8")
    explore = json.loads(files[f"assets/search/{lang}.explore.json"])["columns"]
    snippet = explore["x"][recs.index(r06)]
    assert snippet.endswith(ELLIPSIS) and text.startswith(snippet[:-1])
    # the lead comes first, markers become plain ids
    with_lead = next(r for r in recs if r.lead)
    assert full_text(with_lead, lang).startswith(" ".join(with_lead.lead.get(lang).split()))


def test_full_text_reads_references_as_plain_ids() -> None:
    catalog = load_catalog(FIXTURES / "mini")
    r01 = next(r for r in catalog.recommendations if r.id == "r01")
    assert full_text(r01, "en") == ("Strengthen cooperation Establish inter-agency working groups (GCM). "
                                     "Improve data collection.")


# --- in Chromium ---------------------------------------------------------------------------

# r06's matching words come after the first 240 characters of its text, in each language: the
# beginning the results showed before did not contain them. Arabic: a query without the proclitic
# و, marks the word as written; French: a query without accents, marks the accented words.
LATE = {
    "ar": ("المسنين", ["والمسنين"]),
    "en": ("older persons", ["older", "persons"]),
    "fr": ("personnes agees", ["personnes", "âgées"]),
}

SNIPPET_OF = """(ref) => {
    const option = [...document.querySelectorAll('.kb-search__list [role=option]')]
        .find(o => o.querySelector('.kb-id').textContent === ref);
    const s = option && option.querySelector('.kb-search__snippet[data-kb-excerpt]');
    return s && {text: s.textContent, marks: [...s.querySelectorAll('mark')].map(m => m.textContent),
                 elements: [...s.querySelectorAll('*')].map(e => e.tagName), lang: s.lang, dir: s.dir};
}"""


def _header_snippet(page, ref: str) -> dict:
    page.wait_for_function(f"({SNIPPET_OF})({json.dumps(ref)})")
    return page.evaluate(SNIPPET_OF, ref)


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_header_result_shows_the_late_words_that_matched(page, real_site: Site, lang: str) -> None:
    query, marks = LATE[lang]
    page.goto(real_site.url + PREFIX[lang])
    page.fill("#kb-search-input", query)
    snippet = _header_snippet(page, "r06")
    assert snippet["marks"] == marks
    assert snippet["elements"] == ["MARK"] * len(marks)
    assert snippet["text"].startswith(ELLIPSIS)  # cut before, on a word boundary
    assert snippet["lang"] == lang and snippet["dir"] == ("rtl" if lang == "ar" else "ltr")
    full = full_text(next(r for r in load_catalog(ROOT).recommendations if r.id == "r06"), lang)
    body = snippet["text"].removeprefix(ELLIPSIS).removesuffix(ELLIPSIS)
    assert body in full and full.endswith(body)  # the words that end the text, shown as they are
    assert re.match(r"\w", body) and len(body) <= 160


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en", "fr"])
def test_explore_result_shows_the_late_words_that_matched(page, real_site: Site, lang: str) -> None:
    query, marks = LATE[lang]
    page.goto(real_site.url + PREFIX[lang] + "search/?" + urllib.parse.urlencode({"q": query}))
    item = page.locator("[data-search-results] .kb-results__item", has=page.locator("a[href$='/r06/']"))
    snippet = item.locator(".kb-results__snippet[data-kb-excerpt]")
    snippet.wait_for()
    assert snippet.locator("mark").all_inner_texts() == marks
    assert snippet.get_attribute("lang") == lang
    assert snippet.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert snippet.inner_text().startswith(ELLIPSIS)


@pytest.mark.browser
def test_termbase_forms_are_marked_as_the_search_matches_them(page, real_site: Site) -> None:
    """"détention" finds the "rétention" recommendations: their excerpts mark "rétention", and a
    termbase form of several words only where the text spells it."""
    page.goto(real_site.url + "fr/")
    page.fill("#kb-search-input", "détention")
    snippet = _header_snippet(page, "r19")
    assert "rétention" in snippet["marks"]
    # "trafficking in persons" is a form of the term: r06's "older persons" is not that phrase
    page.goto(real_site.url + "en/")
    page.fill("#kb-search-input", "traffick")
    snippet = _header_snippet(page, "r06")
    assert snippet["marks"] == ["trafficking"]


def _patched_texts(page, site: Site, lang: str, texts: dict[str, str], titles: dict[str, str] | None = None) -> None:
    """Serve `lang`'s texts (and titles) with these records' replaced: what the browser does with
    text the build would never write (the validator refuses markup and tatweel)."""
    folder = site.directory / "assets/search"
    head = json.loads((folder / f"{lang}.json").read_text("utf-8"))
    ids = ids_of(head["ids"])
    per = head["texts"]["per"]

    def shard(route) -> None:
        k = int(route.request.url.rsplit(".", 2)[-2])
        data = json.loads((folder / f"{lang}.texts.{k}.json").read_text("utf-8"))
        for ref, text in texts.items():
            if ids.index(ref) // per == k:
                data[ids.index(ref) % per] = text
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data, ensure_ascii=False))

    def titled(route) -> None:  # the titles: in the index file (while they are few), the explore
        name = route.request.url.rsplit("/", 1)[-1]  # page's data, or a shard
        data = json.loads((folder / name).read_text("utf-8"))
        whole = {f"{lang}.json": lambda: data["t"], f"{lang}.explore.json": lambda: data["columns"]["t"]}
        listed = whole[name]() if name in whole else data
        first = 0 if name in whole else int(name.rsplit(".", 2)[-2]) * head["titles"]["per"]
        for ref, title in (titles or {}).items():
            if 0 <= ids.index(ref) - first < len(listed):
                listed[ids.index(ref) - first] = title
        route.fulfill(status=200, content_type="application/json", body=json.dumps(data, ensure_ascii=False))

    page.route(re.compile(rf".*/assets/search/{lang}\.texts\.\d+\.json$"), shard)
    page.route(re.compile(rf".*/assets/search/{lang}\.(titles\.\d+\.|explore\.|)json$"), titled)


@pytest.mark.browser
def test_arabic_marks_cover_the_word_as_written(page, real_site: Site) -> None:
    """Diacritics, tatweel, hamza and alef variants are folded to compare, but the mark covers the
    original letters (diacritics inside, punctuation and quotes outside)."""
    text = ("الاستثمار في تحسين مراكز استقبال المهاجرين " * 6
            + "وتوفير الدعم للفئات الضعيفة، مثل «النِّسَاءِ» والمُسِنِّين، والأطفـال وضحايا الاتجار.")
    _patched_texts(page, real_site, "ar", {"r06": text})
    page.goto(real_site.url)
    page.fill("#kb-search-input", "المسنين والاطفال النساء")
    snippet = _header_snippet(page, "r06")
    assert snippet["marks"] == ["النِّسَاءِ", "والمُسِنِّين", "والأطفـال"]
    assert "«النِّسَاءِ»" in snippet["text"] and snippet["text"].startswith(ELLIPSIS)
    assert snippet["dir"] == "rtl"


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.mark.browser
def test_hostile_text_stays_text(page, real_site: Site) -> None:
    filler = "Invest in the improvement of migrant reception centres so that migrants are safe. " * 4
    text = f"{HOSTILE} {filler} such as women, {HOSTILE} older persons <b>and</b> children &amp; victims."
    _patched_texts(page, real_site, "en", {"r06": text}, titles={"r06": f"{HOSTILE} Safe older persons"})
    page.goto(real_site.url + "en/")
    page.fill("#kb-search-input", "older persons")
    snippet = _header_snippet(page, "r06")
    assert snippet["marks"] == ["older", "persons"] and snippet["elements"] == ["MARK", "MARK"]
    assert "<img src=x" in snippet["text"] and "<b>and</b> children &amp; victims." in snippet["text"]
    title = page.locator(".kb-search__list [role=option]", has_text="r06").locator(".kb-results__title")
    assert title.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)") == ["MARK", "MARK"]
    assert HOSTILE in title.inner_text()
    page.goto(real_site.url + "en/search/?q=older+persons")
    item = page.locator("[data-search-results] .kb-results__item", has=page.locator("a[href$='/r06/']"))
    item.locator(".kb-results__snippet[data-kb-excerpt]").wait_for()
    assert item.locator("img, script, b").count() == 0
    assert "<script>" in item.locator(".kb-results__snippet").inner_text()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".kb-search img, [data-search-results] img").count() == 0


@pytest.mark.browser
def test_texts_come_in_shards_after_the_results_show_and_only_those_shown(page, real_site: Site) -> None:
    """With texts in shards of 4 documents, a query fetches the shards of the results it shows,
    once they show; the first results never wait for them."""
    folder = real_site.directory / "assets/search"
    head = json.loads((folder / "en.json").read_text("utf-8"))
    texts = [t for k in range(len(list(folder.glob("en.texts.*.json"))))
             for t in json.loads((folder / f"en.texts.{k}.json").read_text("utf-8"))]
    per = 4
    fetched: list[int] = []

    def index(route) -> None:
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps({**head, "texts": {**head["texts"], "per": per}}, ensure_ascii=False))

    def shard(route) -> None:
        k = int(route.request.url.rsplit(".", 2)[-2])
        fetched.append(k)
        route.fulfill(status=200, content_type="application/json",
                      body=json.dumps(texts[k * per:(k + 1) * per], ensure_ascii=False))

    page.route(re.compile(r".*/assets/search/en\.json$"), index)
    page.route(re.compile(r".*/assets/search/en\.texts\.\d+\.json$"), shard)
    page.goto(real_site.url + "en/")
    page.evaluate("""() => {
        const status = document.querySelector('.kb-search__status'), fetch = window.fetch;
        window.__texts = [];
        window.fetch = function (url) {
            if (/\\.texts\\.\\d+\\.json$/.test(String(url))) window.__texts.push(performance.now());
            return fetch.apply(this, arguments);
        };
        new MutationObserver(() => {
            if (!window.__shown && status.textContent && status.textContent !== kbSearch.config.labels.search_loading)
                window.__shown = performance.now();
        }).observe(status, {childList: true, characterData: true, subtree: true});
    }""")
    page.fill("#kb-search-input", "traffick")
    for ref in ("r05", "r10", "r06"):
        _header_snippet(page, ref)
    shown = page.eval_on_selector_all(".kb-search__list .kb-id", "ids => ids.map(i => i.textContent)")
    numbers = [ids_of(head["ids"]).index(ref) for ref in shown]
    assert sorted(set(fetched)) == sorted({d // per for d in numbers})
    starts = page.evaluate("window.__texts")
    assert starts and min(starts) > page.evaluate("window.__shown")
    # another query reuses the shards it has and fetches only the missing ones, each once
    page.fill("#kb-search-input", "older persons")
    assert _header_snippet(page, "r06")["marks"] == ["older", "persons"]
    assert len(fetched) == len(set(fetched))


@pytest.mark.browser
def test_a_result_whose_text_did_not_match_shows_its_beginning(page, real_site: Site) -> None:
    """An id query matches no word of the text: the excerpt is the text's beginning, as before."""
    page.goto(real_site.url + "en/")
    page.fill("#kb-search-input", "r06")
    snippet = _header_snippet(page, "r06")
    full = full_text(next(r for r in load_catalog(ROOT).recommendations if r.id == "r06"), "en")
    assert snippet["marks"] == [] and not snippet["text"].startswith(ELLIPSIS)
    assert full.startswith(snippet["text"].removesuffix(ELLIPSIS))
