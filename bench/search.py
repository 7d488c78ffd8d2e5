"""What a search query downloads, and how soon its first results show over a phone network.

`python -m bench.search --sizes 1000,10000` measures the header search alone: for each size it
generates the synthetic collection (bench/generate.py), writes the search files the build writes
for it (gcmkb/searchfiles.py) into a copy of a built site (`--site`, any build of this project:
its pages carry the header search; only the search files differ with the collection), and serves
it as a host does (text gzip-compressed, the search files too; HTTP/1.1 with keep-alive).
`bench.run` calls `measure_search` on each site it builds.

In Chromium, fresh context per round (nothing cached), per language:
- bytes: every file of `assets/search/` the page fetched from focusing the box and typing the
  first query at once until its results show, as sent (gzip; Resource Timing's encodedBodySize),
  then for each later query typed at once, until its results show; the excerpts' texts, fetched
  after the results show, apart;
- 4G: the same first query with Chromium's network emulation (CDP
  Network.emulateNetworkConditions: 60 ms latency, 9 Mbit/s down, 9 Mbit/s up), from focusing the
  box and typing the query at once to its results in the list, the page loaded and settled first;
  and, in another fresh context, from typing it once the focus has brought the index file (a
  reader's first keystroke comes some time after the focus);
- on the loopback, served as `bench.run` always served it (uncompressed): from focusing the box and
  typing the first query to its results, each later query, each keystroke (`search_in_chromium`).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib.util
import json
import os
import shutil
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
# the benchmark's queries: the first is typed into a fresh page, the others after it
QUERIES = {
    "ar": ["المهاجرين", "احتجاز الأطفال", "تغير المناخ", "البيانات", "الاتجار بالبشر", "r0007", "حماية",
           "العودة الطوعية", "الإنذار المبكر", "خطة العمل الوطنية", "منصات", "الشباب"],
    "en": ["migrants", "child detention", "climate change", "data", "trafficking", "r0007", "protection",
           "voluntary return", "early warning", "national action plan", "platforms", "young people"],
    "fr": ["migrants", "rétention des enfants", "changements climatiques", "données", "traite", "r0007",
           "protection", "retour volontaire", "alerte précoce", "plan d'action national", "plateformes", "jeunes"],
}

LINK_4G = {"offline": False, "latency": 60, "downloadThroughput": 9_000_000 / 8, "uploadThroughput": 9_000_000 / 8}
LANGS = {"ar": "", "en": "en/", "fr": "fr/"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _host_handler() -> Any:
    """tools/lighthouse/serve.py's static host, compressing the search's binary files too."""
    spec = importlib.util.spec_from_file_location("kb_serve", HERE.parent / "tools/lighthouse/serve.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]

    module.COMPRESSED = (*module.COMPRESSED, "application/octet-stream")  # type: ignore[attr-defined]

    class Host(module.Handler):  # type: ignore[name-defined,misc]
        """HTTP/1.1 with keep-alive, as hosts speak (GitHub Pages: HTTP/2): a connection serves
        several files one after the other (every answer says its Content-Length), instead of one
        connection per file as HTTP/1.0 makes it."""

        protocol_version = "HTTP/1.1"

    return Host


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    port = free_port()
    handler = functools.partial(_host_handler(), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


# The header search as bench.run's SEARCH_TIMING types into it; after each query, the search
# files fetched since it was typed (encodedBodySize: the bytes as sent) until its results showed.
SEARCH_BYTES = """async ([queries, wait, primed]) => {
    await new Promise(resolve => requestIdleCallback(resolve, {timeout: 30000}));
    const input = document.querySelector(".kb-search__input");
    const status = document.querySelector(".kb-search__status");
    const loading = (await kbInterface()).labels.search_loading;  /* the search loads on focus */
    const files = () => performance.getEntriesByType("resource").filter(e => e.name.includes("/assets/search/")
        && !e.name.endsWith(".js"));
    function shown() {
        return new Promise(resolve => {
            const observer = new MutationObserver(() => {
                if (!status.textContent || status.textContent === loading) return;
                observer.disconnect();
                resolve(performance.now());
            });
            observer.observe(status, {childList: true, characterData: true, subtree: true});
        });
    }
    const out = [];
    for (const [i, q] of queries.entries()) {
        if (i === 0 && primed) {  /* focused first, typed once the index file is here */
            input.focus();
            const search = await kbLoadSearch();
            await search.loadEngine(search.config.index);
        }
        const before = files().length, result = shown(), start = performance.now();
        if (i === 0 && !primed) input.focus();
        input.value = q;
        input.dispatchEvent(new Event("input"));
        const end = await result;
        await new Promise(resolve => setTimeout(resolve, wait));  /* the excerpts' texts, after the results */
        const fetched = files().slice(before);
        const sum = list => list.reduce((s, e) => s + e.encodedBodySize, 0);
        const texts = fetched.filter(e => e.name.includes(".texts."));
        out.push({ms: end - start, bytes: sum(fetched.filter(e => !e.name.includes(".texts."))), texts: sum(texts),
                  files: fetched.filter(e => !e.name.includes(".texts.")).map(e => e.name.split("/").pop())});
    }
    return out;
}"""


def on_4g(browser: Any, url: str) -> tuple[Any, Any]:
    """A fresh context (nothing cached) on the emulated 4G link, its page at `url`, settled."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", LINK_4G)
    page.goto(url, wait_until="networkidle")
    return context, page


def measure_search(site: Path, queries: dict[str, list[str]], rounds: int = 3) -> dict[str, Any]:
    """Per language: bytes of the first query and of later ones, and the first results on 4G."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang, prefix in LANGS.items():
                firsts, later, texts, link, primed, files = [], [], [], [], [], []
                for _ in range(rounds):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url + prefix, wait_until="networkidle")
                    runs = page.evaluate(SEARCH_BYTES, [queries[lang], 400, False])
                    firsts.append(runs[0]["bytes"])
                    texts.append(runs[0]["texts"])
                    files = runs[0]["files"]
                    later += [r["bytes"] for r in runs[1:]]
                    context.close()
                    context, page = on_4g(browser, url + prefix)
                    link.append(page.evaluate(SEARCH_BYTES, [queries[lang][:1], 0, False])[0]["ms"])
                    context.close()
                    context, page = on_4g(browser, url + prefix)
                    primed.append(page.evaluate(SEARCH_BYTES, [queries[lang][:1], 0, True])[0]["ms"])
                    context.close()
                out[lang] = {"first_kb": statistics.median(firsts) / 1024,
                             "first_texts_kb": statistics.median(texts) / 1024,
                             "later_kb": statistics.median(later) / 1024, "later_max_kb": max(later) / 1024,
                             "first_4g_ms": statistics.median(link), "first_4g_max_ms": max(link),
                             "primed_4g_ms": statistics.median(primed), "first_files": files}
            browser.close()
    finally:
        server.shutdown()
    return out


# In the page, once it has settled (network idle, then an idle main thread), the header search as
# a reader uses it. `first`:
# from focusing the search box and typing the first query at once (the index starts loading on
# focus) to its results in the list. `later`: each later query, then each keystroke of typing it,
# from the input event to its results.
SEARCH_TIMING = """async queries => {
    await new Promise(resolve => requestIdleCallback(resolve, {timeout: 30000}));  /* the page has settled */
    const input = document.querySelector(".kb-search__input");
    const status = document.querySelector(".kb-search__status");
    const loading = (await kbInterface()).labels.search_loading;  /* the search loads on focus */
    function shown() {  /* when the panel shows the results of the value just typed */
        return new Promise(resolve => {
            const done = () => status.textContent && status.textContent !== loading;
            const observer = new MutationObserver(() => {
                if (done()) { observer.disconnect(); resolve(performance.now()); }
            });
            observer.observe(status, {childList: true, characterData: true, subtree: true});
        });
    }
    async function type(value) {
        const result = shown();
        const start = performance.now();
        input.value = value;
        input.dispatchEvent(new Event("input"));
        return (await result) - start;
    }
    const start = performance.now();
    const result = shown();
    input.focus();
    input.value = queries[0];
    input.dispatchEvent(new Event("input"));
    const first = (await result) - start;
    const later = [], keystrokes = [];
    for (const q of queries.slice(1)) later.push(await type(q));
    for (const q of queries.slice(1)) {
        for (let i = 1; i <= q.length; i++) keystrokes.push(await type(q.slice(0, i)));
    }
    return {first, later, keystrokes};
}"""


def search_in_chromium(site: Path, queries: dict[str, list[str]], rounds: int = 3) -> dict[str, float]:
    """Per language, in Chromium, a fresh browser context each round (nothing cached): focus ->
    first result (median of the rounds); later queries and keystrokes (median and maximum of all)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out: dict[str, float] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang, prefix in (("ar", ""), ("en", "en/"), ("fr", "fr/")):
                first, later, keystrokes = [], [], []
                for _ in range(rounds):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/{prefix}", wait_until="networkidle")
                    times = page.evaluate(SEARCH_TIMING, queries[lang])
                    first.append(times["first"])
                    later += times["later"]
                    keystrokes += times["keystrokes"]
                    context.close()
                out[f"{lang}_first_ms"] = statistics.median(first)
                out[f"{lang}_later_ms"] = statistics.median(later)
                out[f"{lang}_later_max_ms"] = max(later)
                out[f"{lang}_keys_ms"] = statistics.median(keystrokes)
                out[f"{lang}_keys_max_ms"] = max(keystrokes)
            browser.close()
    finally:
        server.shutdown()
    return out


def queries_for(n: int) -> dict[str, list[str]]:
    width = max(2, len(str(n)))
    return {lang: [q.replace("r0007", f"r{7:0{width}d}") for q in qs] for lang, qs in QUERIES.items()}


def with_search_files(host: Path, target: Path, files: list[tuple[str, bytes]]) -> Path:
    """A copy of the built site `host` whose search files are `files`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(host, target, ignore=shutil.ignore_patterns("pdf"))
    folder = target / "assets/search"
    for old in folder.iterdir():
        if not old.name.endswith((".js", ".txt")):
            old.unlink()
    for path, data in files:
        (target / path).write_bytes(data)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--site", type=Path, help="a site this project built (its pages host the search)")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--prepared", type=Path, help="measure this site as it is (its search files written)")
    args = parser.parse_args()
    if args.prepared:
        n = int(args.sizes)
        load = os.getloadavg()[0]
        timing = search_in_chromium(args.prepared, queries_for(n))
        print(json.dumps({n: {"load": load, "chromium": timing, **measure_search(args.prepared, queries_for(n))}},
                         indent=1))
        return 0
    from gcmkb import LANGUAGES
    from gcmkb.catalog import load_catalog
    from gcmkb.searchfiles import search_files

    from .generate import synthetic_collection

    results = {}
    for n in (int(x) for x in args.sizes.split(",")):
        collection = synthetic_collection(n, args.work / f"search{n}")
        catalog = load_catalog(collection)
        files = [f for lang in LANGUAGES for f in search_files(catalog, lang)]
        site = with_search_files(args.site, args.work / f"search{n}" / "site", files)
        load = os.getloadavg()[0]
        start = time.time()
        timing = search_in_chromium(site, queries_for(n))
        results[n] = {"load": load, "chromium": timing, **measure_search(site, queries_for(n)),
                      "seconds": time.time() - start}
        print(json.dumps({n: results[n]}, indent=1), flush=True)
    (args.work / "search.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
