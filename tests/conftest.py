"""Shared fixtures. Area-specific helpers live in tests/support/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEMO = ROOT / "demo"

# Tests must never reach the network or download a model.
os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture
def pressflow_cmd() -> list[str]:
    """The installed console script, run as a real subprocess."""
    return [sys.executable, "-m", "pressflow"]


# -- reliability figures (issue 9): counts and measurements printed after the test run ----
_RELIABILITY_MODULES = ("test_hostile", "test_crash", "test_config_errors", "test_lock")


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Print what the reliability tests ran and measured (hostile cases, kill points,
    bad-config cases, time and memory), so CI logs carry the figures."""
    figures = {}
    for name, module in list(sys.modules.items()):
        if name.rsplit(".", 1)[-1] in _RELIABILITY_MODULES and getattr(module, "FIGURES", None):
            figures.update(module.FIGURES)
    if not figures:
        return
    terminalreporter.section("reliability figures")
    counts = [f"{k}: {figures[k]}" for k in ("hostile cases", "kill points", "bad-config cases")
              if k in figures]
    if counts:
        terminalreporter.write_line(", ".join(counts))
    for key, value in figures.items():
        if key in ("hostile cases", "kill points", "bad-config cases", "crawl seconds", "alone"):
            continue
        terminalreporter.write_line(f"{key}: {value}")
    if "crawl seconds" in figures:
        slowest = max(figures["crawl seconds"].items(), key=lambda kv: kv[1])
        terminalreporter.write_line(f"hostile cases alone in crawl: {len(figures['crawl seconds'])}"
                                    f", slowest {slowest[1]:.1f} s ({slowest[0]})")
    for name, (seconds, rss) in figures.get("alone", {}).items():
        terminalreporter.write_line(f"alone in a run: {name}: {seconds:.1f} s, peak RSS {rss:.0f} MB")
