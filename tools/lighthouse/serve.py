"""A static host for audits: the built site served as hosts serve it, text compressed.

`python3 -m http.server` sends every file uncompressed, which no real host does: Lighthouse then
weighs and times 3 to 10 times the bytes a reader downloads. This server answers like a plain
static host (GitHub Pages, Netlify, nginx with gzip on): text responses (HTML, CSS, JavaScript,
JSON, XML, SVG) gzip-compressed when the browser accepts it, everything else as it is, and the
root 404.html for a missing address. Standard library only.

Usage: python3 tools/lighthouse/serve.py SITE_DIR PORT
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import sys
from pathlib import Path

COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml",
              "application/atom+xml", "image/svg+xml")


class Handler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with gzip for text and the root 404.html for missing files."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "application/javascript", ".json": "application/json",
                      ".woff2": "font/woff2", ".xml": "application/xml", ".svg": "image/svg+xml"}

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's address
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        body = path.read_bytes()
        kind = self.guess_type(str(path))
        return self._answer(200, kind, body)

    def _not_found(self):  # type: ignore[no-untyped-def]
        page = Path(self.directory) / "404.html"
        if not page.is_file():
            self.send_error(404)
            return None
        return self._answer(404, "text/html", page.read_bytes())

    def _answer(self, status: int, kind: str, body: bytes) -> io.BytesIO:
        packed = kind.startswith(COMPRESSED) and "gzip" in self.headers.get("Accept-Encoding", "")
        if packed:
            body = gzip.compress(body, 9, mtime=0)
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith(COMPRESSED) else ""))
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    site, port = sys.argv[1], int(sys.argv[2])
    os.chdir(site)
    handler = functools.partial(Handler, directory=site)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
