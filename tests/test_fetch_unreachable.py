"""A site that cannot be reached at all is reported as such, with the reason, never as a
robots.txt problem (setting `robots:` would change nothing)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressflow.config import Config
from pressflow.crawl.stage import crawl_source
from pressflow.records import Source


def _crawl(url: str, tmp_path: Path) -> str:
    config = Config.from_mapping({"timeout": 1.0, "deadline": 20}, path=tmp_path / "sources.yaml")
    outcome = crawl_source(Source(name="Partner", url=url, kind="page"), config)
    assert outcome.status == "failed"
    return outcome.error or ""


@pytest.fixture
def full_backlog_port() -> Iterator[int]:
    """A port whose listen queue is full: the kernel drops new connections, so a connect
    never completes (the way a firewalled host behaves), on a real socket."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    waiting = []
    for _ in range(4):
        client = socket.socket()
        client.setblocking(False)
        try:
            client.connect(("127.0.0.1", port))
        except BlockingIOError:
            pass
        waiting.append(client)
    time.sleep(0.2)
    yield port
    for client in waiting:
        client.close()
    server.close()


def test_a_name_that_does_not_resolve(tmp_path: Path) -> None:
    error = _crawl("http://partner-news.invalid/actualites", tmp_path)
    assert error.startswith("site partner-news.invalid unreachable: its name does not resolve (DNS")
    assert "robots" not in error


def test_a_refused_connection(tmp_path: Path, httpserver) -> None:  # type: ignore[no-untyped-def]
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    error = _crawl(f"http://127.0.0.1:{port}/news", tmp_path)
    assert error.startswith("site 127.0.0.1 unreachable: connection refused")
    assert "robots" not in error
    # the robots.txt message is kept for what it is about: a site that answers, but not
    # with its robots.txt (a 503 for robots.txt)
    httpserver.expect_request("/robots.txt").respond_with_data("busy", status=503)
    httpserver.expect_request("/news").respond_with_data("<html><body><p>x</p></body></html>",
                                                         content_type="text/html")
    error = _crawl(httpserver.url_for("/news"), tmp_path)
    assert "robots.txt answered HTTP 503" in error and "unreachable" not in error


def test_a_connection_that_times_out(tmp_path: Path, full_backlog_port: int) -> None:
    error = _crawl(f"http://127.0.0.1:{full_backlog_port}/news", tmp_path)
    assert error.startswith("site 127.0.0.1 unreachable: no answer to the connection within 1 s (timed out)")
    assert "robots" not in error


def test_the_run_command_says_unreachable(tmp_path: Path) -> None:
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("sources:\n  - name: Partner\n    url: http://partner-news.invalid/feed\n",
                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config", str(cfg)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1
    assert "source 'Partner' failed: site partner-news.invalid unreachable: its name does not resolve" \
        in result.stderr
