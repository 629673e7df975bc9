"""The fetcher against a real local server: robots.txt, Retry-After, the per-source deadline,
redirect rules, size caps on decompressed bytes, and at most two connections per host."""

from __future__ import annotations

import gzip
import threading
import time
from pathlib import Path

import brotli
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pressflow.config import parse_config
from pressflow.crawl.stage import crawl_source

ARTICLE = ("<html lang='en'><head><title>t</title></head><body><article><h1>Harbour plan adopted"
           "</h1><p>The council adopted the harbour plan after a long public consultation with the"
           " fishing cooperative and residents of the old town.</p><p>Works begin next spring and"
           " last two years, paid for by the port authority.</p></article></body></html>")


@pytest.fixture
def server():
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def _crawl(server: HTTPServer, path: str, *, kind: str = "page", robots: str | None = None,
           settings: str = "", extra: str = ""):
    robots_line = f"\n    robots: {robots}" if robots else ""
    base = {"timeout": "5", "deadline": "10", "per_host_delay": "0"}
    for line in settings.splitlines():  # a test's own setting replaces the default above
        key, _, value = line.strip().partition(":")
        base[key] = value.strip()
    text = ("settings:\n" + "".join(f"  {k}: {v}\n" for k, v in base.items())
            + f"sources:\n  - name: S\n    url: {server.url_for(path)}\n    kind: {kind}"
            f"{robots_line}{extra}\n")
    config = parse_config(text)
    return crawl_source(config.sources[0], config)


def test_robots_txt_disallow_is_obeyed_and_override_needs_a_reason(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    server.expect_request("/private/news.html").respond_with_data(ARTICLE, content_type="text/html")
    refused = _crawl(server, "/private/news.html")
    assert refused.status == "failed"
    assert "robots.txt disallows" in refused.error and "robots:" in refused.error
    allowed = _crawl(server, "/private/news.html", robots="the partner asked us to read it")
    assert allowed.status == "ok", allowed.error
    assert allowed.articles[0].title == "Harbour plan adopted"


def test_robots_txt_server_error_means_no_crawl_and_404_means_allowed(server: HTTPServer) -> None:
    server.expect_request("/robots.txt").respond_with_data("oops", status=503)
    server.expect_request("/a.html").respond_with_data(ARTICLE, content_type="text/html")
    outcome = _crawl(server, "/a.html")
    assert outcome.status == "failed" and "robots.txt answered HTTP 503" in outcome.error
    server.clear()
    server.expect_request("/robots.txt").respond_with_data("no", status=404)
    server.expect_request("/a.html").respond_with_data(ARTICLE, content_type="text/html")
    assert _crawl(server, "/a.html").status == "ok"


def test_retry_after_is_honoured_on_503(server: HTTPServer) -> None:
    calls: list[float] = []

    def flaky(request: Request) -> Response:
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("busy", status=503, headers={"Retry-After": "1"})
        return Response(ARTICLE, content_type="text/html")

    server.expect_request("/a.html").respond_with_handler(flaky)
    outcome = _crawl(server, "/a.html", robots="test server")
    assert outcome.status == "ok", outcome.error
    assert len(calls) == 2
    assert calls[1] - calls[0] >= 0.9  # it waited as told, not immediately


def test_retry_after_past_the_deadline_fails_at_once_with_the_reason(server: HTTPServer) -> None:
    server.expect_request("/a.html").respond_with_data(
        "later", status=429, headers={"Retry-After": "3600"})
    outcome = _crawl(server, "/a.html", robots="test server")
    assert outcome.status == "failed"
    assert "Retry-After" in outcome.error and "deadline" in outcome.error
    assert outcome.http_status == 429


def test_a_server_that_drips_bytes_fails_at_the_source_deadline(server: HTTPServer) -> None:
    def drip(request: Request) -> Response:
        def body():
            yield b"<html><body><p>"
            for _ in range(40):
                time.sleep(0.25)
                yield b"x"
        return Response(body(), content_type="text/html")

    server.expect_request("/drip.html").respond_with_handler(drip)
    started = time.monotonic()
    outcome = _crawl(server, "/drip.html", robots="test server",
                     settings="  deadline: 1.5\n")
    assert outcome.status == "failed"
    assert "deadline" in outcome.error
    assert time.monotonic() - started < 8  # it did not wait for the whole 10 s drip


def test_redirect_to_a_local_file_is_refused(server: HTTPServer) -> None:
    server.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "file:///etc/passwd"})
    outcome = _crawl(server, "/go", robots="test server")
    assert outcome.status == "failed"
    assert "non-http" in outcome.error and "file:///etc/passwd" in outcome.error


def test_redirect_loop_and_too_many_redirects(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("", status=301, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    outcome = _crawl(server, "/a", robots="test server")
    assert outcome.status == "failed" and "redirect loop" in outcome.error
    for i in range(10):
        server.expect_request(f"/r{i}").respond_with_data(
            "", status=302, headers={"Location": f"/r{i + 1}"})
    outcome = _crawl(server, "/r0", robots="test server")
    assert outcome.status == "failed" and "more than 5 redirects" in outcome.error


def test_gzip_bomb_stops_at_the_cap_on_decompressed_bytes(server: HTTPServer) -> None:
    bomb = gzip.compress(b"<p>" + b"A" * 30_000_000)  # 30 MB of text in about 30 KB
    assert len(bomb) < 100_000
    server.expect_request("/bomb.html").respond_with_data(
        bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})
    outcome = _crawl(server, "/bomb.html", robots="test server",
                     settings="  max_bytes: 1000000\n")
    assert outcome.status == "failed"
    assert "cap" in outcome.error and "decompression" in outcome.error


def test_gzip_and_brotli_bodies_are_decoded(server: HTTPServer) -> None:
    server.expect_request("/g.html").respond_with_data(
        gzip.compress(ARTICLE.encode()), content_type="text/html",
        headers={"Content-Encoding": "gzip"})
    server.expect_request("/b.html").respond_with_data(
        brotli.compress(ARTICLE.encode()), content_type="text/html",
        headers={"Content-Encoding": "br"})
    for path in ("/g.html", "/b.html"):
        outcome = _crawl(server, path, robots="test server")
        assert outcome.status == "ok", outcome.error
        assert "harbour plan" in outcome.articles[0].text


def test_a_declared_50_mb_body_is_refused_before_reading(server: HTTPServer) -> None:
    def huge(request: Request) -> Response:
        def body():  # a stream, so the server keeps the declared length as it is
            yield b"x" * 10
        return Response(body(), headers={"Content-Length": str(50_000_000)},
                        content_type="text/html", direct_passthrough=True)

    server.expect_request("/huge.html").respond_with_handler(huge)
    outcome = _crawl(server, "/huge.html", robots="test server")
    assert outcome.status == "failed"
    assert "50000000 bytes is over" in outcome.error


def test_empty_and_binary_bodies_fail_with_a_clear_reason(server: HTTPServer) -> None:
    server.expect_request("/empty.html").respond_with_data(b"", content_type="text/html")
    server.expect_request("/junk.html").respond_with_data(
        bytes(range(256)) * 200, content_type="text/html")
    empty = _crawl(server, "/empty.html", robots="test server")
    assert empty.status == "failed" and "empty body" in empty.error
    junk = _crawl(server, "/junk.html", robots="test server")
    assert junk.status == "failed" and "binary" in junk.error


def test_at_most_two_connections_per_host(server: HTTPServer, tmp_path: Path) -> None:
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}

    def page(request: Request) -> Response:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        time.sleep(0.2)
        with lock:
            state["now"] -= 1
        return Response(ARTICLE, content_type="text/html")

    items = "".join(f'<article><h2><a href="/n/{i}.html">Story number {i} of the list</a></h2>'
                    f'<span class="date">0{i + 1}/03/2024</span><p>Teaser {i}.</p></article>'
                    for i in range(6))
    server.expect_request("/news.html").respond_with_data(
        f"<html><body><main>{items}</main></body></html>", content_type="text/html")
    for i in range(6):
        server.expect_request(f"/n/{i}.html").respond_with_handler(page)
    outcome = _crawl(server, "/news.html", kind="listing", robots="test server",
                     settings="  concurrency: 8\n")
    assert outcome.status == "ok", outcome.error
    assert len(outcome.articles) == 6
    assert state["peak"] <= 2
    assert [a.published.day for a in outcome.articles] == [1, 2, 3, 4, 5, 6]


def test_robots_override_without_a_reason_is_a_config_error() -> None:
    from pressflow.errors import ConfigError

    with pytest.raises(ConfigError, match="stated reason") as info:
        parse_config("sources:\n  - name: S\n    url: https://a.example/\n    robots: ignore\n")
    assert info.value.line == 4 and info.value.field == "robots"


def test_crawl_delay_from_robots_spaces_requests(server: HTTPServer) -> None:
    starts: list[float] = []

    def page(request: Request) -> Response:
        starts.append(time.monotonic())
        return Response(ARTICLE, content_type="text/html")

    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nCrawl-delay: 1\n", content_type="text/plain")
    items = "".join(f'<article><h2><a href="/n/{i}.html">Story number {i} on the page</a></h2>'
                    "</article>" for i in range(3))
    server.expect_request("/news.html").respond_with_data(
        f"<html><body><main>{items}</main></body></html>", content_type="text/html")
    for i in range(3):
        server.expect_request(f"/n/{i}.html").respond_with_handler(page)
    outcome = _crawl(server, "/news.html", kind="listing")
    assert outcome.status == "ok", outcome.error
    gaps = [b - a for a, b in zip(sorted(starts), sorted(starts)[1:], strict=False)]
    assert len(starts) == 3 and all(g >= 0.9 for g in gaps)  # the site's Crawl-delay held
