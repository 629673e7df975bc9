"""`pressflow run` end to end, as the nightly job runs it: a real subprocess and real files."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest
from conftest import DemoRun
from pytest_httpserver import HTTPServer

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Partner</title><link>https://partner.example/</link>
<description>d</description>
<item><title>Smart city forum in Cuenca</title><link>https://partner.example/news/cuenca</link>
<guid>c1</guid><pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>
<description>The forum gathered mayors and chief information officers from twelve cities \
to share digital services.</description></item>
</channel></rss>"""


def pressflow(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=600)


def _write_config(tmp_path: Path, extra_source: str = "") -> Path:
    (tmp_path / "feed.xml").write_text(RSS, encoding="utf-8")
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("sources:\n  - name: Partner\n    url: feed.xml\n    kind: feed\n"
                   + extra_source, encoding="utf-8")
    return cfg


@pytest.mark.slow
def test_exit_0_when_every_source_is_fine(tmp_path: Path) -> None:
    cfg = _write_config(tmp_path)
    result = pressflow("run", "--config", str(cfg))
    assert result.returncode == 0, result.stderr
    assert "Partner" in result.stdout and "ok" in result.stdout
    feed = feedparser.parse((tmp_path / "output" / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Smart city forum in Cuenca"]


@pytest.mark.slow
def test_exit_1_when_a_source_fails_and_the_rest_is_published(tmp_path: Path,
                                                               httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/gone.html").respond_with_data("gone", status=404)
    cfg = _write_config(tmp_path, f"  - name: Gone\n    url: {httpserver.url_for('/gone.html')}\n"
                                  "    kind: page\n")
    result = pressflow("run", "--config", str(cfg))
    assert result.returncode == 1, result.stderr
    report = json.loads((tmp_path / "output" / "report.json").read_text())
    gone = next(s for s in report["sources"] if s["name"] == "Gone")
    assert gone["status"] == "failed" and "404" in gone["error"]
    assert "Smart city forum in Cuenca" in (tmp_path / "output" / "feed.xml").read_text()


def test_exit_2_on_bad_config_and_nothing_written(tmp_path: Path) -> None:
    cfg = _write_config(tmp_path, "  - name: Typo\n    ulr: x.html\n")
    result = pressflow("run", "--config", str(cfg))
    assert result.returncode == 2
    assert f"{cfg}:6:" in result.stderr and "did you mean 'url'" in result.stderr
    assert not (tmp_path / "output").exists()


def test_exit_2_on_usage_error(tmp_path: Path) -> None:
    result = pressflow("run", "--no-such-option")
    assert result.returncode == 2
    assert "No such option" in result.stderr


@pytest.mark.slow
def test_quiet_run_prints_nothing(tmp_path: Path) -> None:
    cfg = _write_config(tmp_path)
    result = pressflow("run", "--quiet", "--config", str(cfg))
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.slow
def test_demo_publishes_every_seed_and_rerun_changes_nothing(demo_run: DemoRun, tmp_path: Path) -> None:
    # the first run is the session's demo run (a copy of demo/, never the project's output/);
    # the second runs on a copy of its output
    assert demo_run.returncode == 0, demo_run.stdout + demo_run.stderr
    out = demo_run.copy_output(tmp_path / "out")
    second = pressflow("run", "--config", str(demo_run.config), "--output", str(out))
    assert second.returncode == 0, second.stdout + second.stderr
    for name in ("feed.xml", "digest.html", "report.json", "pressflow.db"):
        assert (out / name).exists(), name
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    # every demo source is published: as an item of its own, or as "also reported by"
    published_text = " ".join(
        " ".join(t.term for t in e.get("tags", [])) + " " + e.get("summary", "")
        for e in feed.entries)
    for source in ("WeGO", "WeGO English", "Shiraz Municipality", "Comune di Milano", "ALDA",
                   "UCLG Digital Cities"):
        assert source in published_text, source
    report = json.loads((out / "report.json").read_text())
    assert all(s["status"] == "unchanged" for s in report["sources"]), report["sources"]
    assert sum(s["items_new"] for s in report["sources"]) == 0
    first_items = feedparser.parse((out / "feed.xml").read_bytes()).entries
    with sqlite3.connect(out / "pressflow.db") as db:
        dup = db.execute("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0]
        members = db.execute("SELECT count(*) FROM story_members").fetchone()[0]
        articles = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    assert dup == 0 and members == articles and integrity == "ok"
    assert len({e.id for e in first_items}) == len(first_items)  # one guid per story
