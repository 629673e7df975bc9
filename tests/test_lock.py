"""Two runs at once: the second is refused with the holder's pid and start time (exit 2);
a lock left by a SIGKILLed run is recovered by the next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.hostile_server import HOSTILE, HostileServers, make_canary
from test_hostile import write_config

from pressflow.pipeline.runner import run_lock

pytestmark = pytest.mark.slow  # a whole `pressflow run` (or several) in a subprocess

FIGURES: dict[str, str] = {}


def start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                             str(config)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for_request(servers: HostileServers, case: str, guard: float = 60) -> None:
    """Until the run has reached the crawl stage and asked the slow server."""
    server = servers.servers[case]
    end = time.monotonic() + guard
    while "/doc" not in server.hits:
        assert time.monotonic() < end, "the run never reached the crawl stage"
        time.sleep(0.05)


@pytest.fixture
def servers(tmp_path: Path):
    with HostileServers(make_canary(tmp_path)) as hs:
        yield hs


def test_second_run_is_refused_with_pid_and_start_time(tmp_path: Path,
                                                       servers: HostileServers) -> None:
    config = write_config(tmp_path / "site", servers, [])
    out = config.parent / "out"
    with run_lock(out):
        result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config",
                                 str(config)], capture_output=True, text=True, timeout=120)
        holder = json.loads((out / ".pressflow.lock").read_text())
    assert result.returncode == 2, result.stderr
    assert "another run holds the lock" in result.stderr
    assert f"pid {os.getpid()}" in result.stderr and holder["started"] in result.stderr
    assert not (out / "pressflow.db").exists() and not (out / "report.json").exists()
    FIGURES["lock refusal"] = result.stderr.strip()


def test_two_runs_started_together_one_wins(tmp_path: Path, servers: HostileServers) -> None:
    config = write_config(tmp_path / "site", servers, [HOSTILE["never_answers"]])
    first, second = start(config), start(config)
    codes = sorted(p.wait(timeout=120) for p in (first, second))
    errors = first.stderr.read() + second.stderr.read()  # type: ignore[union-attr]
    assert codes == [1, 2], errors  # one ran (its hanging source failed), one was refused
    assert "another run holds the lock" in errors


def test_lock_of_a_killed_run_is_recovered(tmp_path: Path, servers: HostileServers) -> None:
    config = write_config(tmp_path / "site", servers, [HOSTILE["never_answers"]])
    victim = start(config)
    wait_for_request(servers, "never_answers")
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    lock = config.parent / "out" / ".pressflow.lock"
    assert json.loads(lock.read_text())["pid"] == victim.pid  # left behind by the dead run
    again = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                            str(config)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 1, again.stderr  # the hanging source fails, the rest is fine
    assert f"recovered the lock left by an interrupted run (pid {victim.pid}" in again.stderr
    assert "did not finish" in again.stderr
    report = json.loads((config.parent / "out" / "report.json").read_text())
    # the killed run may have stored it already: then it is unchanged, never lost
    assert {s["name"]: s["status"] for s in report["sources"]}["healthy-local"] in ("ok",
                                                                                  "unchanged")
    assert lock.read_text() == ""  # released
    FIGURES["stale lock"] = again.stderr.strip().splitlines()[0]
