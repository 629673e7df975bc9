"""The review server under a hostile or broken client, and its publish under a run
(issue 16, point 11). Real sockets against a real server thread."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.publish import Fixture, build_store

from pressflow.editorial.review import ReviewServer
from pressflow.pipeline.runner import run_lock


@pytest.fixture
def fx(tmp_path: Path) -> Fixture:
    return build_store(tmp_path)


@pytest.fixture
def server(fx: Fixture) -> Iterator[ReviewServer]:
    srv = ReviewServer(fx.config, port=0, editor="Test Editor", request_timeout=1.0)
    srv.start_in_thread()
    yield srv
    srv.shutdown()


def _csrf(server: ReviewServer) -> str:
    page = httpx.get(server.url, timeout=10).text
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match
    return match.group(1)


def _raw_post(server: ReviewServer, length: str, body: bytes = b"") -> bytes:
    """A POST with a given Content-Length; the answer, or b"" if the server said nothing."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST /approve HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                     f"Content-Type: application/x-www-form-urlencoded\r\n"
                     f"Content-Length: {length}\r\n\r\n".encode() + body)
        # the client keeps its side open, as the attacker did: only the server can end this
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                pytest.fail("the server held the connection: no answer within 10 s")
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", " 12x"])
def test_a_bad_content_length_is_a_400_at_once(server: ReviewServer, length: str) -> None:
    answer = _raw_post(server, length, b"csrf=x")
    assert answer.startswith(b"HTTP/1.0 400") or answer.startswith(b"HTTP/1.1 400"), answer[:80]
    assert b"Content-Length" in answer


def test_a_client_that_stops_sending_is_dropped(server: ReviewServer) -> None:
    answer = _raw_post(server, "100", b"csrf=")  # promises 100 bytes, sends 5, then waits
    assert answer == b""  # the server closed the connection (after its 1 s timeout)
    assert httpx.get(server.url, timeout=10).status_code == 200  # and still serves others


def test_publish_now_waits_for_no_run(server: ReviewServer, fx: Fixture) -> None:
    token = _csrf(server)
    feed = fx.db.parent / "feed.xml"
    feed.unlink(missing_ok=True)
    with run_lock(fx.db.parent):  # a run is writing the output folder
        answer = httpx.post(server.url + "publish", data={"csrf": token}, timeout=10)
        assert answer.status_code == 400 and "another run holds the lock" in answer.text
        assert not feed.exists()
    done = httpx.post(server.url + "publish", data={"csrf": token}, timeout=10)
    assert done.status_code == 303 and feed.exists()


def test_publish_command_takes_the_run_lock(fx: Fixture, tmp_path: Path) -> None:
    config_path = tmp_path / "sources.yaml"
    config_path.write_text(f"settings:\n  output: {fx.db.parent}\nsources: []\n")
    feed = fx.db.parent / "feed.xml"
    feed.unlink(missing_ok=True)
    with run_lock(fx.db.parent):
        proc = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config",
                               str(config_path)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "another run holds the lock" in proc.stderr, proc.stderr
    assert not feed.exists()
