"""An http-only partner web site on a local port, whose pages a test can change between runs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


class PartnerSite:
    """``pages``: path -> (status, content type, body; for 301/302 the Location)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.pages: dict[str, tuple[int, str, str]] = {}


@contextmanager
def partner_site() -> Iterator[PartnerSite]:
    """Serve a :class:`PartnerSite` on http://localhost:PORT (plain http, as many partners)."""
    site: PartnerSite

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet in test output
            pass

        def do_GET(self) -> None:
            status, ctype, body = site.pages.get(urlsplit(self.path).path,
                                                 (404, "text/plain", "missing"))
            self.send_response(status)
            if status in (301, 302):
                self.send_header("Location", body)
                body = ""
            data = body.encode()
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site = PartnerSite(f"http://localhost:{server.server_address[1]}")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
