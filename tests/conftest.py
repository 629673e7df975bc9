"""Shared fixtures. Area-specific helpers live in tests/support/."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# -- one run of the bundled demo for the whole session -------------------------------------
@dataclass(frozen=True)
class DemoRun:
    """``pressflow run`` of the demo (a copy of demo/ and glossary/): its config, its output
    folder and how the run ended. The output is shared: read it, or work on ``copy_output``."""

    config: Path
    output: Path
    returncode: int
    stdout: str
    stderr: str

    def copy_output(self, dest: Path) -> Path:
        """A private copy of the output folder, for a test that changes the store or files."""
        shutil.copytree(self.output, dest)
        return dest


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """The demo, run once per test session: under pytest-xdist the first worker to ask runs
    it, in the folder all workers share, and the others wait for it (a file lock)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = shared / "demo-run"
    with open(shared / "demo-run.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = root / "run.json"
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)
            shutil.copytree(DEMO, root / "demo")
            shutil.copytree(ROOT / "glossary", root / "glossary")
            result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config",
                                     str(root / "demo" / "sources.yaml"), "--output", str(root / "out")],
                                    capture_output=True, text=True, timeout=600)
            done.write_text(json.dumps({"returncode": result.returncode, "stdout": result.stdout,
                                        "stderr": result.stderr}), encoding="utf-8")
        ended: dict[str, Any] = json.loads(done.read_text(encoding="utf-8"))
    return DemoRun(root / "demo" / "sources.yaml", root / "out", ended["returncode"],
                   ended["stdout"], ended["stderr"])


# -- reliability figures (issue 9): counts and measurements printed after the test run ----
_RELIABILITY_MODULES = ("test_hostile", "test_crash", "test_config_errors", "test_lock")
_FROM_WORKERS: dict[str, Any] = {}  # figures measured in pytest-xdist workers


def _merge(into: dict[str, Any], figures: dict[str, Any]) -> None:
    """Add figures; per-case tables (crawl seconds, alone) from several workers are joined."""
    for key, value in figures.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            into[key] = {**into[key], **value}
        else:
            into[key] = value


def _figures_here() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if name.rsplit(".", 1)[-1] in _RELIABILITY_MODULES and getattr(module, "FIGURES", None):
            _merge(figures, module.FIGURES)
    return figures


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In a pytest-xdist worker: hand the figures to the controller, which prints them."""
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["reliability_figures"] = json.dumps(_figures_here())


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _merge(_FROM_WORKERS, json.loads(getattr(node, "workeroutput", {}).get("reliability_figures", "{}")))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Print what the reliability tests ran and measured (hostile cases, kill points,
    bad-config cases, time and memory), so CI logs carry the figures."""
    figures = dict(_FROM_WORKERS)
    _merge(figures, _figures_here())
    if "crawl seconds" in figures:  # each worker counted the cases it ran
        figures["hostile cases"] = len(figures["crawl seconds"])
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
