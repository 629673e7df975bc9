"""Source health across runs (report.json and the terminal summary) and `fail_threshold`.

In process, with the crawl and publish stages only: what is tested here is the
bookkeeping, not the other stages."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer
from rich.console import Console
from support.hostile_server import healthy_feed

from pressflow import publish
from pressflow.cli.summary import print_summary
from pressflow.config import load_config
from pressflow.crawl import stage as crawl
from pressflow.pipeline.runner import run
from pressflow.store import Store

STAGES = [("crawl", crawl.run_stage), ("publish", publish.run_stage)]


def site(tmp_path: Path, threshold: int, server: HTTPServer) -> Path:
    """One healthy local feed and two partners whose addresses answer 404 (a missing local
    file would be a config mistake, exit 2, not a failing source)."""
    server.expect_request("/robots.txt").respond_with_data("", status=404)
    server.expect_request("/gone.xml").respond_with_data("gone", status=404)
    server.expect_request("/moved.xml").respond_with_data("moved", status=404)
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "ok.xml").write_bytes(healthy_feed("ok"))
    config = tmp_path / "sources.yaml"
    config.write_text(f"settings:\n  output: out\n  fail_threshold: {threshold}\n"
                      "  silent_after_days: 30\nsources:\n"
                      "  - name: Fine\n    url: ok.xml\n"
                      f"  - name: Gone\n    url: {server.url_for('/gone.xml')}\n"
                      f"  - name: Moved\n    url: {server.url_for('/moved.xml')}\n",
                      encoding="utf-8")
    return config


def test_fail_threshold_decides_the_exit_status(tmp_path: Path, httpserver: HTTPServer) -> None:
    assert run(load_config(site(tmp_path / "a", 2, httpserver)), stages=STAGES).exit_code == 0
    result = run(load_config(site(tmp_path / "b", 1, httpserver)), stages=STAGES)
    assert result.exit_code == 1
    assert result.report["totals"]["failed"] == 2
    assert result.report["totals"]["fail_threshold"] == 1


def test_health_across_runs_in_report_and_summary(tmp_path: Path, httpserver: HTTPServer) -> None:
    config = load_config(site(tmp_path, 5, httpserver))
    for _ in range(3):
        result = run(config, stages=STAGES)
    gone = next(s for s in result.report["sources"] if s["name"] == "Gone")
    assert gone["consecutive_failures"] == 3 and gone["last_success"] is None
    assert "404" in gone["last_error"] and gone["status"] == "failed"
    # a source that has given nothing new for 45 days is flagged silent
    with Store(config.output_dir / "pressflow.db") as store:
        old = (datetime.now(UTC) - timedelta(days=45)).isoformat(timespec="seconds")
        store.db["sources"].update("Fine", {"last_new_item": old})
    result = run(config, stages=STAGES)
    fine = next(s for s in result.report["sources"] if s["name"] == "Fine")
    assert fine["status"] == "unchanged" and fine["consecutive_failures"] == 0
    assert fine["days_since_new_item"] == 45 and fine["silent"] is True
    assert fine["last_success"] and fine["last_error"] is None
    assert result.report["totals"]["silent"] == 1
    out = io.StringIO()
    # wide enough that no cell folds: the error cell holds tmp_path, longer under pytest-xdist
    # (.../popen-gw1/...), and a folded cell splits "failing 4 runs in a row" over two lines
    print_summary(result.report, config.output_dir, Console(file=out, width=1000))
    text = out.getvalue()
    assert "failing 4 runs in a row" in text and "silent for 45 days" in text
    assert "45d!" in text and "1 source(s) silent" in text
    assert "2 of 3 sources failed" in text
