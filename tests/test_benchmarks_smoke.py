"""The benchmark harness runs end to end at a tiny size (figures are not checked: no timing
assertions; the harness only has to keep working as the pipeline's stages change)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pressflow.pipeline.runner import STAGES

pytestmark = pytest.mark.slow  # the benchmark harness runs every stage in subprocesses

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_harness_prints_every_stage(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    json_out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sources", "3", "--items", "2",
         "--translate-sources", "1", "--model", "tiny", "--no-series", "--json", str(json_out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    lines = out.splitlines()
    for name, _stage in STAGES:
        assert any(line.split() and line.split()[0] == name for line in lines), (name, out[-4000:])
    for baseline in ("raw httpx fetch", "raw feedparser", "raw CTranslate2", "raw spaCy nlp.pipe"):
        assert any(line.startswith(baseline) for line in lines), (baseline, out[-4000:])
    assert "second run, nothing changed" in out
    assert "peak memory" in out
    assert json_out.exists()


def test_crawl_benchmark_repeats_and_prints_the_median(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "crawl.py"), "--sources", "3", "--items", "2",
         "--repeat", "2"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert [r[0] for r in rows] == ["1", "2"], out
    assert all(int(r[1]) >= 3 for r in rows)  # every source's documents were requested
    assert "median ratio raw / pressflow:" in out


def test_stage_scaling_prints_each_stage_with_one_and_two_workers(tmp_path: Path) -> None:
    """``--stage-scaling 1,2``: every stage's seconds with workers 1 and 2, the speed-up and
    the ratio to its raw engine (lingua among the raw detectors, as the stage uses it)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    json_out = tmp_path / "figures.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--no-main", "--stage-scaling", "1,2",
         "--compare-items", "20", "--json", str(json_out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "speed-up w1/w2" in out and "raw/w2" in out, out[-4000:]
    rows: dict[str, str] = {}
    for line in out.splitlines():  # the table's row of each stage (the first line it starts)
        if line.split() and not line.startswith(" "):
            rows.setdefault(line.split()[0], line)
    for name, _stage in STAGES:
        assert name in rows, (name, out[-4000:])
    assert "lingua" in rows["language"], rows["language"]
    assert "TOTAL" in rows
    import json

    figures = json.loads(json_out.read_text())["stage_scaling"]
    assert figures["items"] == 20
    assert set(figures["stages"]) == {name for name, _stage in STAGES}
