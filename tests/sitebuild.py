"""Real builds of real projects, in subprocesses, and a local server for browser tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from bench.project import ROOT, make_project  # noqa: F401  (shared with the benchmark)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build(project: Path, site_url: str, *extra: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600)


@contextlib.contextmanager
def mkdocs_serve(project: Path, port: int, log: Path) -> Iterator[str]:
    """`mkdocs serve` of a project, as an author runs it (without SITE_URL); yields its URL."""
    env = {**{k: v for k, v in os.environ.items() if k != "SITE_URL"}, "NO_MKDOCS_2_WARNING": "1"}
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def fetch(url: str, timeout: float) -> bytes:
    """The body of `url` once it answers 200 (a server still starting is waited for)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return bytes(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def serve(directory: Path, port: int) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Site:
    """A built site on disk, its URL, and its pages parsed on demand."""

    directory: Path
    url: str
    pdfs: list[Path] = field(default_factory=list)
    _soups: dict[str, BeautifulSoup] = field(default_factory=dict)

    def pages(self) -> list[str]:
        """Site-relative URLs of every HTML page ('' is the home page)."""
        out = []
        for file in sorted(self.directory.rglob("*.html")):
            rel = file.relative_to(self.directory).as_posix()
            out.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        return out

    def soup(self, page: str) -> BeautifulSoup:
        if page not in self._soups:
            self._soups[page] = BeautifulSoup(self.file_of(page).read_text("utf-8"), "html.parser")
        return self._soups[page]

    def file_of(self, page: str) -> Path:
        path = self.directory / page
        return path / "index.html" if page == "" or page.endswith("/") else path

    def resolve(self, page: str, href: str) -> tuple[str, str] | None:
        """(site-relative target, fragment) of a link, or None if it leaves the site."""
        absolute = urljoin(self.url + page, href)
        if not absolute.startswith(self.url):
            return None
        parts = urlsplit(absolute)
        target = parts.path[len(urlsplit(self.url).path):]
        return target, parts.fragment
