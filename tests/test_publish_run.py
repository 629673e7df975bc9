"""`pressflow run` after a review: the nightly run keeps editors' decisions."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import DemoRun
from support.publish import story_of

from pressflow.editorial import decisions as editorial
from pressflow.store import Store

pytestmark = pytest.mark.slow  # a whole `pressflow run` of the demo in a subprocess


def _run(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", "run", "--config",
                           str(config), "--output", str(out), "-q"],
                          capture_output=True, text=True, timeout=600)


def test_run_after_review_keeps_rejected_story_out(demo_run: DemoRun, tmp_path: Path) -> None:
    assert demo_run.returncode in (0, 1), demo_run.stderr  # the first run: the session's demo
    out = demo_run.copy_output(tmp_path / "out")
    ids = [story_of(e.id) for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]
    assert len(ids) >= 10
    with sqlite3.connect(out / "pressflow.db") as conn:
        story = conn.execute("SELECT m.story_id FROM story_members m JOIN articles a "
                             "ON a.id = m.article_id WHERE a.source = 'Shiraz Municipality'"
                             ).fetchone()[0]
    assert story in ids
    with Store(out / "pressflow.db") as store:
        editorial.reject(store, story, editor="Ana")
    second = _run(demo_run.config, out)
    assert second.returncode in (0, 1), second.stderr
    for name in ("feed.xml", "feed.atom"):
        after = [story_of(e.id) for e in feedparser.parse((out / name).read_bytes()).entries]
        assert story not in after
        assert sorted(after) == sorted(i for i in ids if i != story)
    assert f"story-{story}\"" not in (out / "digest.html").read_text()
