"""Partner text is never read as terminal markup or escape sequences (issue 16, point 7).

A real local server redirects to addresses holding rich markup; a real `pressflow run`
prints its summary: no traceback, the text shown as it is, no hidden hyperlink."""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from rich.console import Console

from pressflow.cli.commands import RichProgress
from pressflow.text.terminal import safe

CLOSE = "ftp://x/[/bold]"
LINK = "ftp://y/[link=https://evil.example/]click here[/link]"


class _RawRedirects(BaseHTTPRequestHandler):
    """Sends the Location header byte for byte (werkzeug would percent-encode it)."""

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(302)
        self.send_header("Location", CLOSE if self.path == "/close" else LINK)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def raw_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _RawRedirects)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_markup_in_errors_is_printed_as_text_by_a_run(raw_server: str, tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(
        "settings:\n  output: out\n  per_host_delay: 0\nsources:\n"
        f"  - name: Closer [/bold]\n    url: {raw_server}/close\n"
        "    robots: local test server\n"
        f"  - name: Linker\n    url: {raw_server}/link\n    robots: local test server\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config", str(config)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "MarkupError" not in proc.stderr
    # the table folds long cells over lines: compare without spaces and cell borders
    flat = "".join(proc.stdout.replace("│", " ").split())
    assert "Closer[/bold]" in flat
    assert "".join(CLOSE.split()) in flat and "".join(LINK.split()) in flat


def test_progress_log_shows_markup_and_escapes_as_text() -> None:
    progress = RichProgress()
    out = io.StringIO()
    progress.console = Console(file=out, force_terminal=True, width=300, emoji=False)
    progress.log(f"S: failed: redirect to a non-http address refused: {CLOSE}")
    progress.log(f"T: failed: {LINK} \x1b]8;;https://evil.example/\x07x\x1b]8;;\x07 \x1b[2J")
    text = out.getvalue()
    assert CLOSE in text and "[link=https://evil.example/]click here[/link]" in text
    assert "\x1b]8;;https://evil" not in text and "\x1b[2J" not in text
    assert "\\x1b]8;;https://evil.example/\\x07" in text


def test_safe_makes_controls_and_bidi_overrides_visible() -> None:
    assert safe("a\x1b[31mb\u202ec\td\ne") == "a\\x1b[31mb\\u202ec\td\ne"
