"""A scripted local HTTP server that misbehaves on purpose, one behaviour per case.

Every case gets its own listening port (the fetcher keeps politeness limits per host and
port, so a case that never answers cannot starve the others of connections), and the
document lives at ``/doc`` on that port; ``/robots.txt`` is a plain 404 everywhere. A
healthy feed is one case too, so tests can put healthy and hostile sources side by side.

Nothing big is ever built in memory: the 50 MB body and the gzip bomb are generated while
they are sent, and sending stops when the client hangs up.

    with HostileServers(canary=path) as servers:
        url = servers.url("gzip_bomb")
"""

from __future__ import annotations

import gzip
import random
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SECRET_MARKER = "pressflow-canary-secret"
SCRIPT_MARKER = "pwned-by-script"


def rss(items: list[tuple[str, str, str]], *, title: str = "Healthy partner",
        encoding: str = "utf-8", doctype: str = "") -> str:
    """A small RSS 2.0 document: items are (guid, title, description)."""
    body = "".join(
        f"<item><title>{t}</title><link>https://partner.example/news/{g}</link>"
        f"<guid isPermaLink=\"false\">{g}</guid><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
        f"<description>{d}</description></item>" for g, t, d in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n{doctype}'
            f'<rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://partner.example/</link><description>news</description>{body}"
            "</channel></rss>")


_WORDS = ("library", "harbour", "council", "bicycle", "orchard", "festival", "bridge", "tram",
          "school", "market", "museum", "garden", "river", "theatre", "clinic", "stadium",
          "forest", "archive", "bakery", "chapel", "ferry", "island", "meadow", "tower",
          "workshop", "lantern", "quarry", "vineyard", "canal", "observatory", "pottery",
          "fountain", "granary", "pier", "carousel", "greenhouse", "aqueduct", "citadel")


_CITIES = ("Lyon", "Porto", "Milan", "Seoul", "Bogotá", "Kraków", "Lisbon", "Turin", "Valencia",
           "Rotterdam", "Gothenburg", "Montreal", "Nairobi", "Osaka", "Curitiba", "Bilbao", "Leipzig",
           "Tunis", "Busan", "Medellín", "Bordeaux", "Genoa", "Cluj-Napoca", "Antwerp", "Dakar")


def healthy_feed(tag: str, n: int = 2) -> bytes:
    """A valid feed whose items are different stories from any other healthy item: each names
    its own city, day and figures (what keeps two real stories apart), so the stories stage
    keeps them apart and each title reaches the published feed. Random word salad from one
    shared vocabulary is not enough since the stories stage reads meaning (sentence embeddings)."""
    items = []
    for i in range(n):
        rng = random.Random(f"{tag}-{i}")
        city = _CITIES[zlib.crc32(f"{tag}-{i}".encode()) % len(_CITIES)]
        own = rng.sample(_WORDS, 4)
        words = " ".join(rng.choice(own) for _ in range(20))
        text = (f"{city} opened its new {own[0]} on {rng.randint(1, 28)} June 2024; "
                f"{rng.randint(120, 9900)} residents came. {words.capitalize()}.")
        items.append((f"{tag}-{i}", f"Healthy story {tag} number {i}", text))
    return rss(items, title=f"Healthy {tag}").encode()


@dataclass(frozen=True)
class Case:
    """One hostile behaviour: what it does, and what a correct crawl reports for it.

    ``expect`` is ``"failed"`` (the source must fail and its error must match the regular
    expression ``reason``) or ``"ok"`` (the document is odd but readable: it must be read,
    with nothing dangerous in it reaching the outputs).
    ``kind`` is the sources.yaml kind the test gives the source.
    """

    name: str
    doc: str
    expect: str
    reason: str = ""
    kind: str = "feed"


CASES: list[Case] = [
    Case("never_answers", "no byte is ever sent back", "failed", r"timed out|deadline"),
    Case("drip", "headers, then one byte a second", "failed", r"deadline"),
    Case("http_500", "500 Internal Server Error", "failed", r"HTTP 500"),
    Case("http_502", "502 Bad Gateway (retried, still 502)", "failed", r"HTTP 502"),
    Case("http_503", "503 Service Unavailable (retried, still 503)", "failed", r"HTTP 503"),
    Case("http_429", "429 Too Many Requests with Retry-After: 3600", "failed",
         r"429.*Retry-After"),
    Case("redirect_loop", "/doc -> /doc2 -> /doc -> ...", "failed", r"redirect loop"),
    Case("redirect_scheme", "redirect to ftp://", "failed", r"redirect .*refused.*ftp://"),
    Case("redirect_file", "redirect to file:// of the canary file", "failed",
         r"redirect .*refused.*file://"),
    Case("huge_body", "a 50 MB body, no Content-Length", "failed", r"over the \d+-byte cap"),
    Case("huge_declared", "a 50 MB body with its Content-Length", "failed",
         r"52428800 bytes is over the \d+-byte cap"),
    Case("gzip_bomb", "gzip body: ~4 MB on the wire, 4 GiB unpacked", "failed",
         r"over the \d+-byte cap \(after decompression\)"),
    Case("wrong_content_type", "a valid feed served as image/png", "ok"),
    Case("lying_charset", "header says iso-8859-1, the XML is UTF-8", "ok"),
    Case("invalid_utf8", "declared UTF-8 with invalid byte sequences", "ok"),
    Case("truncated_xml", "a feed cut off in its second item: the whole items are kept", "ok"),
    Case("malformed_xml", "tags that never close, attributes with no value", "failed",
         r"not a readable feed"),
    Case("billion_laughs", "nested entity expansion (billion laughs): never expanded", "ok"),
    Case("xxe", "an external entity pointing at the canary file: never resolved", "ok"),
    Case("script_feed", "<script>, onerror= and javascript: links in a feed", "ok"),
    Case("script_page", "<script>, onerror= and javascript: links in an article page", "ok",
         kind="page"),
    Case("empty", "200 with an empty body", "failed", r"no entries|empty"),
    Case("binary_junk", "200 with 64 KB of random bytes", "failed", r"not a readable feed"),
]
CASE_NAMES = [c.name for c in CASES]
HOSTILE = {c.name: c for c in CASES}


def _script_html() -> str:
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Library opens in Riverside</title><script>alert('{SCRIPT_MARKER}')</script>"
        "</head><body><article><h1>Library opens in Riverside</h1>"
        f"<p>The new library in Riverside opened on Monday.<script>document.write('{SCRIPT_MARKER}')"
        "</script> The mayor cut the ribbon in front of two hundred residents and children.</p>"
        f"<p><img src=\"x.png\" onerror=\"alert('{SCRIPT_MARKER}')\">Opening hours are "
        "from eight in the morning to ten in the evening, seven days a week.</p>"
        f"<p>Read <a href=\"javascript:alert('{SCRIPT_MARKER}')\">the programme</a> and "
        f"<a href=\"JaVaScRiPt:alert('{SCRIPT_MARKER}')\">the map</a> for the details of the "
        "events planned for the first month, including readings and workshops.</p>"
        "</article></body></html>")


def _script_feed() -> str:
    desc = ("&lt;p&gt;The new library opened.&lt;script&gt;alert('" + SCRIPT_MARKER +
            "')&lt;/script&gt;&lt;img src=x onerror=\"alert('" + SCRIPT_MARKER + "')\"&gt;"
            "&lt;a href=\"javascript:alert('" + SCRIPT_MARKER + "')\"&gt;programme&lt;/a&gt;"
            " Residents welcomed it.&lt;/p&gt;")
    title = "Library opens &lt;script&gt;alert('" + SCRIPT_MARKER + "')&lt;/script&gt;"
    return rss([("script-1", title, desc)], title="Scripted partner")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _CaseServer

    def log_message(self, format: str, *args: object) -> None:  # quiet in test output
        pass

    def _send(self, status: int, body: bytes, ctype: str = "application/rss+xml",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunks: Callable[[], object], ctype: str,
                headers: dict[str, str] | None = None) -> None:
        """Send a close-delimited body from a generator until the client hangs up."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Connection", "close")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            for chunk in chunks():  # type: ignore[attr-defined]
                if self.server.stopping.is_set():
                    return
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            return

    def do_GET(self) -> None:  # http.server's name
        path = self.path.split("?")[0]
        self.server.hits.append(path)
        if path == "/robots.txt":
            self._send(404, b"not here", "text/plain")
            return
        if path not in ("/doc", "/doc2"):
            self._send(404, b"not here", "text/plain")
            return
        getattr(self, f"case_{self.server.case}")(path)

    # -- the cases ---------------------------------------------------------------------
    def case_healthy(self, path: str) -> None:
        self._send(200, healthy_feed(self.server.tag), "application/rss+xml; charset=utf-8")

    def case_never_answers(self, path: str) -> None:
        self.close_connection = True
        self.server.stopping.wait(120)

    def case_drip(self, path: str) -> None:
        body = healthy_feed("drip", 50)
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for i in range(len(body)):
                if self.server.stopping.wait(1.0):
                    return
                self.wfile.write(body[i:i + 1])
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def case_http_500(self, path: str) -> None:
        self._send(500, b"Internal Server Error", "text/plain")

    def case_http_502(self, path: str) -> None:
        self._send(502, b"Bad Gateway", "text/plain")

    def case_http_503(self, path: str) -> None:
        self._send(503, b"Service Unavailable", "text/plain")

    def case_http_429(self, path: str) -> None:
        self._send(429, b"slow down", "text/plain", {"Retry-After": "3600"})

    def case_redirect_loop(self, path: str) -> None:
        self._send(302, b"", "text/plain", {"Location": "/doc2" if path == "/doc" else "/doc"})

    def case_redirect_scheme(self, path: str) -> None:
        self._send(302, b"", "text/plain", {"Location": "ftp://ftp.example.org/feed.xml"})

    def case_redirect_file(self, path: str) -> None:
        self._send(302, b"", "text/plain", {"Location": self.server.canary.as_uri()})

    def case_huge_body(self, path: str) -> None:
        block = (b"<!-- " + b"x" * 65_000 + b" -->\n")

        def chunks():  # 50 MB in 64 KB blocks, made as they are sent
            yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>'
            for _ in range(50 * 1024 * 1024 // len(block)):
                yield block
        self._stream(chunks, "application/rss+xml")

    def case_huge_declared(self, path: str) -> None:
        size = 50 * 1024 * 1024
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        block = b" " * 65_536
        try:
            for _ in range(size // len(block)):
                if self.server.stopping.is_set():
                    return
                self.wfile.write(block)
        except (BrokenPipeError, ConnectionResetError):
            return

    def case_gzip_bomb(self, path: str) -> None:
        def chunks():  # gzip of 4 GiB of '<' made on the fly: about 4 MB on the wire
            comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            yield comp.compress(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
            block = b"A" * (1 << 20)
            for _ in range(4096):
                out = comp.compress(block)
                if out:
                    yield out
            yield comp.flush()
        self._stream(chunks, "application/rss+xml", {"Content-Encoding": "gzip"})

    def case_wrong_content_type(self, path: str) -> None:
        self._send(200, healthy_feed("wrongtype"), "image/png")

    def case_lying_charset(self, path: str) -> None:
        body = rss([("charset-1", "Café municipal à Zürich ouvre",
                     "La mairie de Zürich a ouvert un café municipal près de la gare.")],
                   title="Charset partner").encode("utf-8")
        self._send(200, body, "application/rss+xml; charset=iso-8859-1")

    def case_invalid_utf8(self, path: str) -> None:
        body = rss([("utf8-1", "Broken bytes \xff\xfe story", "Text with \xc3\x28 bad bytes "
                     "and a plain sentence about the city budget for next year.")],
                   title="Bad bytes").encode("latin-1")
        self._send(200, body, "application/rss+xml; charset=utf-8")

    def case_truncated_xml(self, path: str) -> None:
        body = healthy_feed("trunc", 3)
        self._send(200, body[: len(body) // 3], "application/rss+xml")

    def case_malformed_xml(self, path: str) -> None:
        body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x<item><title '
                b"broken<<<>>><guid>1</guid></item attr></chan></rs>")
        self._send(200, body, "application/rss+xml")

    def case_billion_laughs(self, path: str) -> None:
        ents = ['<!ENTITY lol "lol">'] + [
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
            for i in range(1, 10)]
        doctype = "<!DOCTYPE rss [" + "".join(ents) + "]>\n"
        body = rss([("laughs-1", "&lol9;", "&lol9;")], title="Laughs", doctype=doctype)
        self._send(200, body.encode(), "application/rss+xml")

    def case_xxe(self, path: str) -> None:
        doctype = (f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{self.server.canary.as_uri()}">'
                   f'<!ENTITY xxe2 SYSTEM "{self.server.canary}">]>\n')
        body = rss([("xxe-1", "Leak &xxe;", "Secret: &xxe; and &xxe2;")], title="XXE",
                   doctype=doctype)
        self._send(200, body.encode(), "application/rss+xml")

    def case_script_feed(self, path: str) -> None:
        self._send(200, _script_feed().encode(), "application/rss+xml; charset=utf-8")

    def case_script_page(self, path: str) -> None:
        self._send(200, _script_html().encode(), "text/html; charset=utf-8")

    def case_empty(self, path: str) -> None:
        self._send(200, b"", "application/rss+xml")

    def case_binary_junk(self, path: str) -> None:
        self._send(200, random.Random(9).randbytes(65_536), "application/rss+xml")


class _CaseServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, case: str, tag: str, canary: Path, stopping: threading.Event) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.case, self.tag, self.canary, self.stopping = case, tag, canary, stopping
        self.hits: list[str] = []


class HostileServers:
    """One local server per case, all started in threads; stop them with :meth:`close`."""

    def __init__(self, canary: Path) -> None:
        self.canary = canary
        self.stopping = threading.Event()
        self.servers: dict[str, _CaseServer] = {}
        self.threads: list[threading.Thread] = []

    def start(self, case: str, tag: str | None = None) -> str:
        """Start (once) the server for ``case``; ``healthy:NAME`` gives a healthy feed."""
        key = case if tag is None else f"{case}:{tag}"
        if key not in self.servers:
            server = _CaseServer(case, tag or case, self.canary, self.stopping)
            thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                      daemon=True, name=f"hostile-{key}")
            thread.start()
            self.servers[key], self.threads = server, [*self.threads, thread]
        host, port = self.servers[key].server_address[:2]
        return f"http://{host}:{port}/doc"

    def url(self, case: str) -> str:
        return self.start(case)

    def healthy_url(self, tag: str) -> str:
        return self.start("healthy", tag)

    def close(self) -> None:
        self.stopping.set()
        for server in self.servers.values():
            server.shutdown()
            server.server_close()

    def __enter__(self) -> HostileServers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def make_canary(folder: Path) -> Path:
    """A local file no crawl may ever read: its secret must appear in no output."""
    canary = folder / "canary-secret.txt"
    canary.write_text(f"{SECRET_MARKER}-{time.time_ns()}\n", encoding="utf-8")
    return canary


def gzip_ratio_probe() -> float:
    """Bytes unpacked per byte on the wire for the bomb's blocks (for the test's summary)."""
    block = b"A" * (1 << 20)
    return len(block) / len(gzip.compress(block, 9))
