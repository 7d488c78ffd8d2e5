"""The benchmark: `python -m bench.run` (or `./dev bench`). See bench/README.md.

For each size N it generates a synthetic collection, builds it through the real pipeline and,
as the baseline, the same pages as plain Markdown (Material + static-i18n, no hooks); then
measures build time, peak memory, site size, page weight, search index size and load time in
Chromium, and the `mkdocs serve` rebuild after editing one record. Writes bench/results.md.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from functools import partial
from importlib import metadata
from pathlib import Path

from bs4 import BeautifulSoup

from .generate import baseline, ours

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree_rss(pgid: int) -> int:
    """Memory of every process of a process group, in bytes: the sum of their proportional set
    sizes (PSS), so pages that forked processes share are counted once, not once per process."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # field 5 of stat: the process group
                continue
            rollup = (stat.parent / "smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", rollup, re.M).group(1)) * 1024
        except (OSError, IndexError, ValueError, AttributeError):
            continue
    return total


def timed_build(project: Path, site_url: str) -> tuple[float, int]:
    """Wall time of a clean `mkdocs build`, and the peak memory of all its processes together."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, "SOURCE_DATE_EPOCH": "1764000000"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.1)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build failed in {project}: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, peak


def site_stats(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix == ".html"), sum(p.stat().st_size for p in files)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def page_weight(site: Path, page: str) -> dict[str, int]:
    """HTML of a page, and what a first view transfers: HTML, CSS, JS and the preloaded font."""
    html_file = site / page / "index.html"
    html = html_file.read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    assets = [t["href"] for t in soup.select('link[rel="stylesheet"], link[rel="preload"][as="font"]')]
    assets += [t["src"] for t in soup.select("script[src]")]
    raw, packed = len(html), gz(html)
    for href in assets:
        data = (html_file.parent / href.split("?")[0]).resolve().read_bytes()
        raw += len(data)
        packed += len(data) if href.endswith(".woff2") else gz(data)
    return {"html": len(html), "html_gz": gz(html), "first_view": raw, "first_view_gz": packed}


def serve_rebuild(project: Path, record: Path, page: str) -> float:
    """Seconds from saving a record to `mkdocs serve` serving the changed page."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}/{page}"
    try:
        deadline = time.time() + 3600
        while not _fetch(url):
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("serve did not come up")
            time.sleep(0.5)
        text = record.read_text("utf-8")
        marker = f"Benchmark edit {time.time_ns()}"  # unique: earlier edits show in related titles
        record.write_text(text.replace("  en: ", f"  en: {marker} ", 1), "utf-8")
        start = time.perf_counter()
        while marker not in _fetch(url):
            if time.perf_counter() - start > 3600:
                raise RuntimeError("the edit never showed")
            time.sleep(0.05)
        return time.perf_counter() - start
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# In the page: the header search as a reader uses it. `first`: from focusing the search box and
# typing the first query at once (the index starts loading on focus) to its results in the list.
# `later`: each later query, then each keystroke of typing it, from the input event to its results.
SEARCH_TIMING = """async queries => {
    const input = document.querySelector(".kb-search__input");
    const status = document.querySelector(".kb-search__status");
    const loading = kbSearch.config.labels.search_loading;
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
    handler = partial(_QuietHandler, directory=str(site))
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
                    page.goto(f"http://127.0.0.1:{port}/{prefix}")
                    page.wait_for_load_state("load")
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


QUERIES = {
    "ar": ["المهاجرين", "احتجاز الأطفال", "تغير المناخ", "البيانات", "الاتجار بالبشر", "r0007", "حماية",
           "العودة الطوعية", "الإنذار المبكر", "خطة العمل الوطنية", "منصات", "الشباب"],
    "en": ["migrants", "child detention", "climate change", "data", "trafficking", "r0007", "protection",
           "voluntary return", "early warning", "national action plan", "platforms", "young people"],
    "fr": ["migrants", "rétention des enfants", "changements climatiques", "données", "traite", "r0007",
           "protection", "retour volontaire", "alerte précoce", "plan d'action national", "plateformes", "jeunes"],
}


def lunr_build_times(project: Path) -> dict[str, float]:
    from gcmkb.catalog import load_catalog
    from gcmkb.searchindex import build_index

    catalog = load_catalog(project)
    out = {}
    for lang in ("ar", "en", "fr"):
        start = time.perf_counter()
        build_index(catalog, lang)
        out[lang] = time.perf_counter() - start
    return out


def measure(n: int, work: Path) -> dict[str, object]:
    target = work / f"n{n}"
    print(f"[{n}] generating", flush=True)
    project = ours(n, target)
    base = baseline(target)
    url = f"http://127.0.0.1:{free_port()}/"
    print(f"[{n}] building (ours)", flush=True)
    ours_time, ours_mem = timed_build(project, url)
    print(f"[{n}] building (baseline)", flush=True)
    base_time, base_mem = timed_build(base, url)
    pages, size = site_stats(project / "site")
    base_pages, _ = site_stats(base / "site")
    width = max(2, len(str(n)))
    rid = f"r{(n // 2) or 1:0{width}d}"
    weight = page_weight(project / "site", f"recommendations/{rid}")
    indexes = {lang: (project / "site/assets/search" / f"{lang}.json").read_bytes() for lang in ("ar", "en", "fr")}
    print(f"[{n}] lunr.py and Chromium", flush=True)
    lunr_times = lunr_build_times(project)
    queries = {lang: [q.replace("r0007", f"r{7:0{width}d}") for q in qs] for lang, qs in QUERIES.items()}
    chromium = search_in_chromium(project / "site", queries)  # type: ignore[arg-type]
    print(f"[{n}] serve rebuild", flush=True)
    rebuild = serve_rebuild(project, project / "recommendations" / f"{rid}.yml", f"en/recommendations/{rid}/")
    return {
        "n": n, "pages": pages, "build_s": ours_time, "ms_per_page": 1000 * ours_time / pages,
        "peak_mb": ours_mem / 2**20, "site_mb": size / 2**20, **weight,
        "index": {lang: (len(data), gz(data)) for lang, data in indexes.items()},
        "lunr_s": lunr_times, "chromium": chromium, "rebuild_s": rebuild,
        "baseline_s": base_time, "baseline_pages": base_pages, "baseline_peak_mb": base_mem / 2**20,
        "baseline_ms_per_page": 1000 * base_time / base_pages,
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    packages = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "lunr")
    versions = ", ".join(f"{p} {metadata.version(p)}" for p in packages)
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python {platform.python_version()}; {versions}; "
            f"{chromium}")


def _index_size(lang: str):  # type: ignore[no-untyped-def]
    return lambda r: f"{r['index'][lang][0] / 2**20:.2f} ({r['index'][lang][1] / 2**20:.2f})"


def table(results: list[dict]) -> str:
    rows = [
        ("pages built (3 languages)", lambda r: f"{r['pages']:,}"),
        ("clean build (s)", lambda r: f"{r['build_s']:.1f}"),
        ("time per page (ms)", lambda r: f"{r['ms_per_page']:.2f}"),
        ("peak memory, all processes, PSS (MB)", lambda r: f"{r['peak_mb']:.0f}"),
        ("site size (MB)", lambda r: f"{r['site_mb']:.1f}"),
        ("recommendation page HTML (KB, gzip)", lambda r: f"{r['html'] / 1024:.1f} ({r['html_gz'] / 1024:.1f})"),
        ("first view: HTML+CSS+JS+font (KB, gzip)",
         lambda r: f"{r['first_view'] / 1024:.0f} ({r['first_view_gz'] / 1024:.0f})"),
        *[(f"search index {lang} (MB, gzip)", _index_size(lang)) for lang in ("ar", "en", "fr")],
        ("lunr.py index build ar/en/fr (s)", lambda r: "/".join(f"{r['lunr_s'][x]:.1f}" for x in ("ar", "en", "fr"))),
        ("Chromium: load index + first query ar/en/fr (ms)",
         lambda r: "/".join(f"{r['chromium'][f'{x}_first_ms']:.0f}" for x in ("ar", "en", "fr"))),
        ("Chromium: later query, median (max) en (ms)",
         lambda r: f"{r['chromium']['en_later_ms']:.1f} ({r['chromium']['en_later_max_ms']:.1f})"),
        ("`mkdocs serve` rebuild after a record edit (s)", lambda r: f"{r['rebuild_s']:.1f}"),
        ("baseline: plain Markdown, same pages (s)",
         lambda r: f"{r['baseline_s']:.1f} ({r['baseline_pages']:,} pages)"),
        ("baseline time per page (ms)", lambda r: f"{r['baseline_ms_per_page']:.2f}"),
        ("baseline peak memory, PSS (MB)", lambda r: f"{r['baseline_peak_mb']:.0f}"),
        ("ours / baseline, build time", lambda r: f"{r['build_s'] / r['baseline_s']:.2f}"),
    ]
    head = "| measure | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |"
    sep = "| --- | " + " | ".join("---:" for _ in results) + " |"
    return "\n".join([head, sep] + [f"| {name} | " + " | ".join(fn(r) for r in results) + " |" for name, fn in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="35,1000,3000,10000")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        results.append(measure(n, args.work))
        (args.work / "results.json").write_text(json.dumps(results, indent=1))
    report = ["# Benchmark results", "", f"Machine: {machine()}.", "",
              f"Command: `python -m bench.run --sizes {args.sizes}` on {time.strftime('%Y-%m-%d')}.", "",
              table(results), ""]
    args.out.write_text("\n".join(report), "utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
