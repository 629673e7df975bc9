"""The crawl against a real local HTTP server: 200, 304 with ETag, 404, 500, a timeout."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pressflow.config import load_config
from pressflow.pipeline.runner import run

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Partner</title><link>{base}</link><description>d</description>
<item><title>Open data day in Schio</title><link>{base}news/1</link><guid>n1</guid>
<pubDate>Tue, 24 May 2022 08:00:00 GMT</pubDate>
<description>Cities met in Schio to talk about open government and digital services.</description></item>
</channel></rss>"""


@pytest.fixture
def server():
    """A threaded server: the slow handler must not hold up the other sources."""
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def _config(tmp_path: Path, server: HTTPServer, paths: dict[str, str]) -> Path:
    lines = ["settings:", "  timeout: 1", "  deadline: 5", "  per_host_delay: 0", "sources:"]
    for name, path in paths.items():
        lines += [f"  - name: {name}", f"    url: {server.url_for(path)}", "    kind: feed",
                  "    robots: local test server has no robots.txt"]
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def test_conditional_get_and_failures(tmp_path: Path, server: HTTPServer) -> None:
    httpserver = server
    seen_validators: list[str | None] = []
    body = RSS.format(base=httpserver.url_for("/"))

    def feed(request: Request) -> Response:
        seen_validators.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"v1"'})

    def slow(request: Request) -> Response:
        time.sleep(3)
        return Response(body, content_type="application/rss+xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    httpserver.expect_request("/missing.xml").respond_with_data("nope", status=404)
    httpserver.expect_request("/broken.xml").respond_with_data("oops", status=500)
    httpserver.expect_request("/slow.xml").respond_with_handler(slow)
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    cfg = _config(tmp_path, httpserver, {"Good": "/feed.xml", "Missing": "/missing.xml",
                                         "Broken": "/broken.xml", "Slow": "/slow.xml"})

    first = run(load_config(cfg))
    by_name = {s["name"]: s for s in first.report["sources"]}
    assert first.exit_code == 1  # some sources failed, the rest published
    assert by_name["Good"]["status"] == "ok" and by_name["Good"]["items_new"] == 1
    assert by_name["Missing"]["status"] == "failed" and by_name["Missing"]["http_status"] == 404
    assert "404" in by_name["Missing"]["error"]
    assert by_name["Broken"]["status"] == "failed" and "500" in by_name["Broken"]["error"]
    assert by_name["Slow"]["status"] == "failed" and "time" in by_name["Slow"]["error"].lower()
    feed_xml = (tmp_path / "output" / "feed.xml").read_text()
    assert "Open data day in Schio" in feed_xml

    second = run(load_config(cfg))
    good = {s["name"]: s for s in second.report["sources"]}["Good"]
    assert good["status"] == "unchanged" and good["http_status"] == 304, good["error"]
    assert good["items_new"] == 0
    assert seen_validators[-1] == '"v1"'  # the stored ETag was sent back
    report = json.loads((tmp_path / "output" / "report.json").read_text())
    assert report["totals"]["articles"] == 1  # nothing duplicated
