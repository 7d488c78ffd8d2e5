"""What a search query downloads, and how soon its first results show over a phone network.

`python -m bench.search --sizes 1000,10000` measures the header search alone: for each size it
generates the synthetic collection (bench/generate.py), writes the search files the build writes
for it (gcmkb/searchfiles.py) into a copy of a built site (`--site`, any build of this project:
its pages carry the header search; only the search files differ with the collection), and serves
it as a host does (text gzip-compressed, the search files too). `bench.run` calls `measure_search`
on each site it builds.

In Chromium, fresh context per round (nothing cached), per language:
- bytes: every file of `assets/search/` the page fetched from focusing the box and typing the
  first query at once until its results show, as sent (gzip; Resource Timing's encodedBodySize),
  then for each later query typed at once, until its results show; the excerpts' texts, fetched
  after the results show, apart;
- 4G: the same first query with Chromium's network emulation (CDP
  Network.emulateNetworkConditions: 60 ms latency, 9 Mbit/s down, 9 Mbit/s up), from focusing the
  box to its results in the list, the page loaded and settled first.
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


def _host_handler() -> Any:
    """tools/lighthouse/serve.py's static host, compressing the search's binary files too."""
    spec = importlib.util.spec_from_file_location("kb_serve", HERE.parent / "tools/lighthouse/serve.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]

    module.COMPRESSED = (*module.COMPRESSED, "application/octet-stream")
    return module.Handler


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    port = free_port()
    handler = functools.partial(_host_handler(), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


# The header search as bench.run's SEARCH_TIMING types into it; after each query, the search
# files fetched since it was typed (encodedBodySize: the bytes as sent) until its results showed.
SEARCH_BYTES = """async ([queries, wait]) => {
    await new Promise(resolve => requestIdleCallback(resolve, {timeout: 30000}));
    const input = document.querySelector(".kb-search__input");
    const status = document.querySelector(".kb-search__status");
    const loading = kbSearch.config.labels.search_loading;
    const files = () => performance.getEntriesByType("resource").filter(e => e.name.includes("/assets/search/")
        && !e.name.endsWith(".js"));
    function shown() {
        return new Promise(resolve => {
            const observer = new MutationObserver(() => {
                if (status.textContent && status.textContent !== loading) { observer.disconnect(); resolve(performance.now()); }
            });
            observer.observe(status, {childList: true, characterData: true, subtree: true});
        });
    }
    const out = [];
    for (const [i, q] of queries.entries()) {
        const before = files().length, result = shown(), start = performance.now();
        if (i === 0) input.focus();
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


def measure_search(site: Path, queries: dict[str, list[str]], rounds: int = 3) -> dict[str, Any]:
    """Per language: bytes of the first query and of later ones, and the first results on 4G."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    out: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang, prefix in LANGS.items():
                firsts, later, texts, link, files = [], [], [], [], []
                for _ in range(rounds):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url + prefix, wait_until="networkidle")
                    runs = page.evaluate(SEARCH_BYTES, [queries[lang], 400])
                    firsts.append(runs[0]["bytes"])
                    texts.append(runs[0]["texts"])
                    files = runs[0]["files"]
                    later += [r["bytes"] for r in runs[1:]]
                    context.close()
                    context = browser.new_context()
                    page = context.new_page()
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", LINK_4G)
                    page.goto(url + prefix, wait_until="networkidle")
                    link.append(page.evaluate(SEARCH_BYTES, [queries[lang][:1], 0])[0]["ms"])
                    context.close()
                out[lang] = {"first_kb": statistics.median(firsts) / 1024, "first_texts_kb": statistics.median(texts) / 1024,
                             "later_kb": statistics.median(later) / 1024, "later_max_kb": max(later) / 1024,
                             "first_4g_ms": statistics.median(link), "first_4g_max_ms": max(link), "first_files": files}
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
        print(json.dumps({n: {"load": load, **measure_search(args.prepared, queries_for(n))}}, indent=1))
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
        results[n] = {"load": load, **measure_search(site, queries_for(n)), "seconds": time.time() - start}
        print(json.dumps({n: results[n]}, indent=1), flush=True)
    (args.work / "search.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
