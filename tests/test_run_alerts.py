"""The nightly job's messages, as cron, systemd and a terminal see them: real subprocesses."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from pytest_httpserver import HTTPServer

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Partner</title><link>https://partner.example/</link>
<description>d</description>
<item><title>Smart city forum in Cuenca</title><link>https://partner.example/news/cuenca</link>
<guid>c1</guid><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>The forum gathered mayors and chief information officers from twelve cities.</description></item>
</channel></rss>"""


def pressflow(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=600)


def _config(tmp_path: Path, httpserver: HTTPServer) -> Path:
    """One good source and two that fail (a page gone: 404, a refused connection)."""
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone.html").respond_with_data("gone", status=404)
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("settings:\n  timeout: 5\n  deadline: 20\n"
                   "sources:\n  - name: Partner\n    url: feed.xml\n"
                   f"  - name: Gone\n    url: {httpserver.url_for('/gone.html')}\n    kind: page\n"
                   "  - name: Down\n    url: http://127.0.0.1:9/news\n    kind: page\n",
                   encoding="utf-8")
    return cfg


def test_quiet_run_prints_one_line_per_failed_source_on_stderr(tmp_path: Path, httpserver: HTTPServer) -> None:
    cfg = _config(tmp_path, httpserver)
    result = pressflow("run", "--quiet", "--config", str(cfg))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("pressflow: source 'Gone' failed: ") and "404" in lines[0]
    assert lines[1].startswith("pressflow: source 'Down' failed: ") and "unreachable: connection refused" in lines[1]
    # the next night the streak is said
    again = pressflow("run", "--quiet", "--config", str(cfg))
    assert "source 'Gone' failed (2 runs in a row): " in again.stderr


def test_fail_after_alerts_only_when_a_source_failed_n_runs_in_a_row(tmp_path: Path, httpserver: HTTPServer) -> None:
    cfg = _config(tmp_path, httpserver)
    first = pressflow("run", "--quiet", "--fail-after", "2", "--config", str(cfg))
    assert (first.returncode, first.stdout, first.stderr) == (0, "", "")
    second = pressflow("run", "--quiet", "--fail-after", "2", "--config", str(cfg))
    assert second.returncode == 1
    assert sorted(re.findall(r"source '(\w+)' failed \(2 runs in a row\)", second.stderr)) == ["Down", "Gone"]
    report = json.loads((tmp_path / "output" / "report.json").read_text())
    assert {s["name"]: s["consecutive_failures"] for s in report["sources"]} == {
        "Partner": 0, "Gone": 2, "Down": 2}


def _readme_block(lang: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return "\n".join(re.findall(rf"```{lang}\n(.*?)```", readme, re.S))


def test_readme_cron_line_lets_cron_mail_a_failed_source(tmp_path: Path, httpserver: HTTPServer) -> None:
    """The README's cron line, run by sh as cron would: what it prints is what cron mails."""
    cfg = _config(tmp_path, httpserver)
    line = next(x for x in _readme_block("cron").splitlines() if x.strip() and not x.startswith("#"))
    command = line.split(None, 5)[5]  # after the five time fields
    assert "test $? -eq 1" not in command
    command = (command.replace("/srv/partner-news", str(tmp_path))
               .replace(".venv/bin/pressflow", f"{sys.executable} -m pressflow")
               .replace("sources.yaml", str(cfg))
               .replace("--fail-after 3", "--fail-after 1"))  # one night here, not three
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    mailed = subprocess.run(["sh", "-c", command], text=True, capture_output=True, timeout=600, env=env)
    assert "source 'Gone' failed" in mailed.stdout + mailed.stderr
    assert "source 'Gone' failed" in (tmp_path / "cron.log").read_text()


def test_readme_systemd_unit_fails_on_a_failed_source_and_says_how_to_be_told() -> None:
    unit = _readme_block("ini")
    assert "SuccessExitStatus=1" not in unit  # exit 1 must fail the unit, so OnFailure= fires
    assert "OnFailure=" in unit and "--fail-after" in unit


def test_log_lines_show_the_code_place_only_with_debug(tmp_path: Path, httpserver: HTTPServer) -> None:
    """On a terminal (a real pseudo-terminal) a failed source is logged without "file.py:NN";
    with -v/--debug the place is there."""
    cfg = _config(tmp_path, httpserver)

    def on_terminal(*args: str) -> str:
        main, secondary = pty.openpty()
        env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(ROOT), "TERM": "xterm"}
        proc = subprocess.Popen([sys.executable, "-m", "pressflow", "run", *args, "--config", str(cfg)],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=secondary,
                                env=env)
        os.close(secondary)
        chunks = []
        while True:
            ready, _, _ = select.select([main], [], [], 600)
            if not ready:
                break
            try:
                data = os.read(main, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        proc.wait(timeout=600)
        os.close(main)
        text = b"".join(chunks).decode("utf-8", "replace")
        text = re.sub(r"\x1b\]8;[^\x1b]*\x1b\\", "", text)  # hyperlinks around the place
        return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)

    plain = [x for x in on_terminal().splitlines() if "Gone: failed" in x]
    debug = [x for x in on_terminal("--debug").splitlines() if "Gone: failed" in x]
    assert plain and debug
    assert not re.search(r"\w+\.py:\d+", plain[0])
    assert re.search(r"stage\.py:\d+", debug[0])  # where the message comes from
