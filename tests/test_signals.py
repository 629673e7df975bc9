"""SIGINT / SIGTERM stop a run at the next safe point with a message; nothing is corrupt,
the lock is released, and the next run finishes the work."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.hostile_server import HOSTILE, HostileServers, make_canary
from test_hostile import SETTINGS, write_config
from test_lock import start, wait_for_request

pytestmark = pytest.mark.slow  # a whole `pressflow run` (or several) in a subprocess


@pytest.fixture
def servers(tmp_path: Path):
    with HostileServers(make_canary(tmp_path)) as hs:
        yield hs


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_signal_stops_cleanly_and_the_next_run_finishes(tmp_path: Path, servers: HostileServers,
                                                        sig: signal.Signals) -> None:
    config = write_config(tmp_path / "site", servers, [HOSTILE["drip"]])
    out = config.parent / "out"
    proc = start(config)
    wait_for_request(servers, "drip")  # mid-crawl: the drip source takes its whole deadline
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err
    assert f"{sig.name} received: stopping at the next safe point" in err
    assert "Traceback" not in err
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "interrupted"
    with sqlite3.connect(out / "pressflow.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
    assert (out / ".pressflow.lock").read_text() == ""
    if sig is signal.SIGINT:
        return  # the next run after a stop is the same whatever the signal: tested once
    again = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                            str(config)], capture_output=True, text=True, timeout=120)
    assert again.returncode == 1, again.stderr  # only the drip source fails
    report = json.loads((out / "report.json").read_text())
    assert report["status"] == "partial"
    assert "Healthy story local number 1" in (out / "feed.xml").read_text()


def test_a_second_signal_stops_at_once(tmp_path: Path, servers: HostileServers) -> None:
    config = tmp_path / "sources.yaml"  # the drip source alone: no other source ends the
    config.write_text(SETTINGS + "sources:\n  - name: drip\n"  # crawl before its deadline
                      f"    url: {servers.url('drip')}\n", encoding="utf-8")
    proc = start(config)
    wait_for_request(servers, "drip")
    proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)  # two signals at the same instant reach Python's handler as one
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "stopped at once" in err
    with sqlite3.connect(config.parent / "out" / "pressflow.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
