"""A pull request's preview for its reviewers: which pages it changes (gcmkb/sitediff.py), grouped
by language, as Markdown (the CI job's summary) and HTML (in the downloaded artifact, with links
to the pages of the new build), and screenshots of those pages at phone width in real Chromium.

`python -m gcmkb changed-pages BASE_SITE HEAD_SITE --out DIR` (what `./dev preview` and the pull
request workflow run). Playwright is imported only when screenshots are taken: the comparison
needs nothing but the two sites.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .languages import REGISTRY, language
from .sitediff import PageChange, SiteChanges

SCREEN_WIDTH, SCREEN_HEIGHT = 390, 844   # a phone, as the visual gate's narrow screens
LONGEST_SCREENSHOT = 6000                # px: a theme's page is longer; its top says what changed
SCREENSHOT_LIMIT = 30                    # pages shot at most (a template change touches them all)
SUMMARY_LIMIT = 100                      # pages listed per language in report.md (a job summary holds 1 MB)
CHROMIUM = "/usr/bin/chromium"           # Debian's package (tests/conftest.py); never `playwright install`
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
REPORT_MD, REPORT_HTML, SCREENSHOTS = "report.md", "report.html", "screenshots"
TEMPLATE = Path(__file__).parent / "assets" / "preview" / "report.html"
KINDS = ("added", "changed", "removed")


def neutral_path(change: PageChange) -> str:
    """The page's address without its language's prefix: the same page in every language."""
    return change.path.removeprefix(language(change.lang).prefix)


def screenshot_order(changes: SiteChanges) -> list[PageChange]:
    """A page in each of its languages, side by side, pages in the order of their addresses."""
    order = {lang.code: i for i, lang in enumerate(REGISTRY)}
    return sorted(changes.shown, key=lambda c: (neutral_path(c), order[c.lang]))


def screenshot_name(change: PageChange) -> str:
    inner = change.file.removesuffix("index.html").removesuffix(".html").strip("/")
    return f"{SCREENSHOTS}/{inner.replace('/', '--') or 'home'}.png"


@dataclass(frozen=True)
class Preview:
    changes: SiteChanges
    screenshots: dict[str, str]  # PageChange.file -> screenshot, relative to the report
    wanted: int                  # pages that would have a screenshot without the limit
    site_href: str               # the new build, relative to the report ("" when not linked)
    base: str = ""               # what the pages are compared with (a git ref), for the reader

    def summary(self) -> str:
        c = self.changes
        against = f" against `{self.base}`" if self.base else ""
        if not c:
            return f"No page changes for a reader{against} (edition, commit ids and asset names aside)."
        counts = f"{len(c.changed)} page(s) changed, {len(c.added)} added, {len(c.removed)} removed{against}"
        if not self.wanted:
            return counts + "."
        shots = (f"screenshots at {SCREEN_WIDTH} px of all {self.wanted}" if len(self.screenshots) == self.wanted
                 else f"screenshots at {SCREEN_WIDTH} px of the first {len(self.screenshots)} of {self.wanted}")
        return f"{counts}; {shots} (`{SCREENSHOTS}/`)." if self.screenshots else f"{counts}; no screenshots taken."

    def by_language(self) -> list[dict[str, object]]:
        groups = []
        for lang in REGISTRY:
            rows = [{"kind": kind, "change": change, "shot": self.screenshots.get(change.file, ""),
                     "href": f"{self.site_href}{change.file}" if self.site_href and kind != "removed" else ""}
                    for kind in KINDS for change in getattr(self.changes, kind) if change.lang == lang.code]
            if rows:
                groups.append({"code": lang.code, "name": lang.name, "dir": lang.direction, "rows": rows})
        return groups

    def markdown(self) -> str:
        lines = ["## Pages this pull request changes", "", self.summary()]
        if self.changes:
            lines += ["", "Download the artifact `preview` and open `report.html`: every page below links to the "
                      "new build (`site/`), with its screenshot."]
        for group in self.by_language():
            rows = group["rows"]
            assert isinstance(rows, list)
            lines += ["", f"### {group['name']} ({group['code']}): {len(rows)}", ""]
            lines += [f"- {row['kind']}: `{row['change'].path or '/'}` {row['change'].title}"
                      + (f" ([screenshot]({row['shot']}))" if row["shot"] else "") for row in rows[:SUMMARY_LIMIT]]
            if len(rows) > SUMMARY_LIMIT:
                lines.append(f"- and {len(rows) - SUMMARY_LIMIT} more: `report.html` lists them all")
        return "\n".join(lines) + "\n"

    def html(self) -> str:
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        return env.from_string(TEMPLATE.read_text("utf-8")).render(
            summary=self.summary(), groups=self.by_language(), width=SCREEN_WIDTH)


def write_report(out: Path, preview: Preview) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / REPORT_MD).write_text(preview.markdown(), "utf-8")
    (out / REPORT_HTML).write_text(preview.html(), "utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """The built site on a free local port (its pages link to one another relatively)."""
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def take_screenshots(site: Path, pages: list[PageChange], out: Path) -> dict[str, str]:
    """Each page at SCREEN_WIDTH, from its top down to LONGEST_SCREENSHOT px; file -> screenshot."""
    from playwright.sync_api import sync_playwright

    shots: dict[str, str] = {}
    with serving(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("KB_CHROMIUM", CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": SCREEN_WIDTH, "height": SCREEN_HEIGHT})
        tab = context.new_page()
        for change in pages:
            tab.goto(url + change.file, wait_until="load")
            height = min(int(tab.evaluate("document.documentElement.scrollHeight")), LONGEST_SCREENSHOT)
            name = screenshot_name(change)
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(out / name), full_page=True, animations="disabled",
                           clip={"x": 0, "y": 0, "width": SCREEN_WIDTH, "height": max(height, SCREEN_HEIGHT)})
            shots[change.file] = name
        browser.close()
    return shots


def make_preview(changes: SiteChanges, head: Path, out: Path, limit: int = SCREENSHOT_LIMIT,
                 base: str = "") -> Preview:
    """The report of `changes` in `out`, with screenshots of the first `limit` pages shown."""
    shutil.rmtree(out / SCREENSHOTS, ignore_errors=True)
    pages = screenshot_order(changes)
    shots = take_screenshots(head, pages[:limit], out) if limit and pages else {}
    site_href = Path(os.path.relpath(head.resolve(), out.resolve())).as_posix() + "/"
    preview = Preview(changes, shots, len(pages), site_href, base)
    write_report(out, preview)
    return preview
