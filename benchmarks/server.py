"""A local threaded HTTP server for the benchmark corpus, with ETag/Last-Modified and 304s.

It serves ``ROOT/www/<host>/<path>``: the Host header picks the site, so every source can
have its own loopback address (127.1.x.y) and per-host politeness in the crawler applies per
source, as on the real web. ``/path/`` serves ``/path/index.html``. Validators are
content-based (ETag = hash of the bytes, Last-Modified = the file's mtime), so an unchanged
corpus answers every conditional request with 304 Not Modified.

``GET /__stats__`` answers the request counts (by status) as JSON, ``GET /__served__`` the
list of documents served with 200 (so a raw baseline can fetch exactly the same URLs), and
``GET /__reset__`` clears both.

Run as a child process: ``python benchmarks/server.py ROOT`` prints the port on its first
line of output and serves until it is terminated.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".txt": "text/plain; charset=utf-8"}


class CorpusServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, root: Path, address: tuple[str, int] = ("0.0.0.0", 0)) -> None:
        super().__init__(address, Handler)
        self.root = root / "www"
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}
        self.served: list[str] = []  # "host path" of every 200 answer, in order
        self.cache: dict[Path, tuple[float, bytes, str, str]] = {}

    def count(self, key: str) -> None:
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1

    def document(self, path: Path) -> tuple[bytes, str, str] | None:
        """(body, etag, last-modified) of a file, cached until its mtime changes."""
        try:
            mtime = path.stat().st_mtime
        except OSError:
            return None
        cached = self.cache.get(path)
        if cached is None or cached[0] != mtime:
            body = path.read_bytes()
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            cached = (mtime, body, etag, formatdate(int(mtime), usegmt=True))
            self.cache[path] = cached
        return cached[1], cached[2], cached[3]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers
    server: CorpusServer

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/__stats__":
            with self.server.lock:
                body = json.dumps(self.server.counts).encode()
            self._send(200, body, {"Content-Type": "application/json"})
            return
        if path == "/__served__":
            with self.server.lock:
                body = json.dumps(self.server.served).encode()
            self._send(200, body, {"Content-Type": "application/json"})
            return
        if path == "/__reset__":
            with self.server.lock:
                self.server.counts.clear()
                self.server.served.clear()
            self._send(204)
            return
        host = (self.headers.get("Host") or "").split(":")[0]
        rel = path.lstrip("/")
        if ".." in rel.split("/") or not host:
            self._send(400)
            return
        target = self.server.root / host / rel
        if path.endswith("/"):
            target = target / "index.html"
        doc = self.server.document(target)
        if doc is None:
            self.server.count("404")
            self._send(404, b"not found", {"Content-Type": "text/plain"})
            return
        body, etag, modified = doc
        validators = {"ETag": etag, "Last-Modified": modified}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims:
            try:
                fresh = parsedate_to_datetime(ims) >= parsedate_to_datetime(modified)
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            self.server.count("304")
            self._send(304, b"", validators)
            return
        self.server.count("200")
        with self.server.lock:
            self.server.served.append(f"{host} {path}")
        self._send(200, body, {"Content-Type": TYPES.get(target.suffix, "text/html; charset=utf-8"),
                               **validators})


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python benchmarks/server.py ROOT", file=sys.stderr)
        return 2
    server = CorpusServer(Path(argv[1]))
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
