"""One huge listing page must not stall the night (issue 16, point 3).

A real local server serves two listing pages with thousands of headings next to a healthy
feed, through a real `pressflow run`: finding items is linear, a page past the bound fails
with a clear reason, the healthy feed is published, and the run ends (the subprocess
timeout is a hang guard: the old code needed minutes per page and kept parser threads busy
after the sources' deadlines, so the healthy feed failed too)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer
from support.hostile_server import healthy_feed

from pressflow.crawl.listing import MAX_HEADINGS, MAX_ITEMS, find_items

HANG_GUARD_S = 400


def listing(n: int) -> str:
    items = "".join(f'<div class="item"><h3><a href="/n/{i}.html">Story number {i} of the long '
                    f'list</a></h3><span class="date">0{i % 9 + 1}/03/2024</span><p>Teaser {i}.'
                    "</p></div>" for i in range(n))
    return f"<html lang='en'><body><main>{items}</main></body></html>"


def test_item_finding_reads_thousands_of_headings() -> None:
    items = find_items(listing(3_000), "https://x.example/news")
    assert len(items) == MAX_ITEMS  # found, then bounded
    assert items[0].url == "https://x.example/n/0.html" and items[0].published is not None


def test_huge_listings_beside_a_healthy_feed(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/huge.html").respond_with_data(
        listing(MAX_HEADINGS + 3_000), content_type="text/html")
    httpserver.expect_request("/big.html").respond_with_data(listing(3_000),
                                                            content_type="text/html")
    httpserver.expect_request("/feed.xml").respond_with_data(
        healthy_feed("http"), content_type="application/rss+xml")
    config = tmp_path / "sources.yaml"
    config.write_text(
        "settings:\n  output: out\n  per_host_delay: 0\n  deadline: 90\nsources:\n"
        f"  - name: Huge\n    url: {httpserver.url_for('/huge.html')}\n    kind: listing\n"
        "    follow_links: false\n    robots: local test server\n"
        f"  - name: Big\n    url: {httpserver.url_for('/big.html')}\n    kind: listing\n"
        "    follow_links: false\n    robots: local test server\n"
        f"  - name: Healthy\n    url: {httpserver.url_for('/feed.xml')}\n    kind: feed\n"
        "    robots: local test server\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                           str(config)], capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert proc.returncode == 1, proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    by_name = {s["name"]: s for s in report["sources"]}
    assert by_name["Healthy"]["status"] == "ok" and by_name["Healthy"]["items_found"] == 2
    assert by_name["Huge"]["status"] == "failed"
    assert f"{MAX_HEADINGS + 3_000:,} headings" in by_name["Huge"]["error"]
    assert "selectors" in by_name["Huge"]["error"]
    assert by_name["Big"]["status"] == "ok" and by_name["Big"]["items_found"] == MAX_ITEMS
    assert "Healthy story http number 0" in (tmp_path / "out" / "feed.xml").read_text()
