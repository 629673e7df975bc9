"""The terminal summary printed after a run: one row per source, then what needs attention."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pressflow.text.terminal import outside

STATUS_STYLE = {"ok": "green", "unchanged": "cyan", "failed": "bold red", "not run": "yellow"}


def print_summary(report: dict[str, Any], output_dir: Path, console: Console | None = None) -> None:
    # every source name, error, note and message below is outside text: printed as Text
    console = console or Console(stderr=False, width=120 if not Console().is_terminal else None,
                                 emoji=False)
    table = Table(title=outside(f"pressflow run {report['run_id']}: {report['status']}"),
                  title_justify="left")
    numeric = ("http", "new", "upd", "same", "fails", "quiet")
    for column in ("source", "status", "http", "new", "upd", "same", "fails", "last ok", "quiet",
                   "error"):
        table.add_column(column, justify="right" if column in numeric else "left",
                         overflow="fold")
    for s in report["sources"]:
        style = STATUS_STYLE.get(s["status"], "")
        error = s["error"] or ""
        if s.get("consecutive_failures", 0) > 1:
            error += f" (failing {s['consecutive_failures']} runs in a row)"
        if s.get("silent"):
            error += f" silent for {s['days_since_new_item']} days"
        quiet = s.get("days_since_new_item")
        table.add_row(outside(s["name"]), outside(s["status"], style), str(s["http_status"] or "-"),
                      str(s["items_new"]), str(s["items_updated"]), str(s["items_unchanged"]),
                      str(s.get("consecutive_failures", 0)),
                      (s.get("last_success") or "never")[:10],
                      "-" if quiet is None else (Text(f"{quiet}d!", "yellow") if s.get("silent")
                                                 else f"{quiet}d"),
                      outside(error.strip()))
    console.print(table)
    for stage in report["stages"]:
        details = ", ".join(f"{k}: {v}" for k, v in stage["details"].items()
                            if not isinstance(v, (list, dict)))
        notes = "; ".join(stage["notes"])
        console.print(outside(f"  {stage['name']:<10} {stage['processed']:>5} in "
                              f"{stage['seconds']:.1f}s" + (f"  {details}" if details else "")
                              + (f"  ({notes})" if notes else "")))
    for missing in report.get("translation_missing_models", []):
        console.print(Text.assemble(("no model", "yellow"), outside(
            f" for {missing['lang']}: {missing['articles']} article(s) left untranslated: "
            f"{missing['message']}")))
    for route in report.get("translation_coverage", []):
        line = outside(f" {route['lang']:<4} {route['route']}   [{', '.join(route['sources'])}]")
        if route["engine"] is None and route["install"]:
            console.print(Text.assemble(("no engine", "yellow"), line))
        else:
            console.print(Text.assemble(("translation", "dim"), line))
    totals = report["totals"]
    for stage in report.get("stage_errors", []):
        console.print(Text.assemble((f"the {stage} stage failed", "bold red"),
                                    ": see the traceback above and report.json; the other "
                                    "stages ran on what is stored"))
    if totals.get("silent"):
        console.print(f"[yellow]{totals['silent']} source(s) silent[/] for more than "
                      f"{totals.get('silent_after_days')} days (setting `silent_after_days`)")
    threshold = totals.get("fail_threshold", 0)
    over = (f" (exit 1 only above {threshold}: setting `fail_threshold`)"
            if threshold and totals["failed"] else "")
    console.print(outside(f"{totals['articles']} articles, {totals['stories']} stories; "
                          f"{totals['failed']} of {totals['sources']} sources failed{over}. "
                          f"Output: {output_dir}"))


def _alerting(report: dict[str, Any], fail_after: int) -> list[dict[str, Any]]:
    """The sources that failed this run and have now failed ``fail_after`` runs in a row."""
    return [s for s in report["sources"] if s["status"] == "failed"
            and max(1, s.get("consecutive_failures") or 0) >= fail_after]


def failed_source_lines(report: dict[str, Any], fail_after: int = 1) -> list[str]:
    """One line per failed source (name, reason), what ``run --quiet`` writes to stderr so
    that cron mails it and a journal shows it."""
    lines = []
    for s in _alerting(report, fail_after):
        runs = s.get("consecutive_failures") or 1
        streak = f" ({runs} runs in a row)" if runs > 1 else ""
        lines.append(f"pressflow: source {s['name']!r} failed{streak}: {s['error'] or 'no reason given'}")
    for stage in report.get("stage_errors", []):
        lines.append(f"pressflow: the {stage} stage failed (see report.json)")
    return lines


def alerted_exit_code(report: dict[str, Any], exit_code: int, fail_after: int) -> int:
    """The run's exit status once ``--fail-after N`` has its say: failed sources that have not
    yet failed N runs in a row do not make it 1 (a stopped run or a failed stage still does)."""
    if exit_code != 1 or fail_after <= 1 or report.get("status") not in ("partial", "ok"):
        return exit_code
    return 1 if _alerting(report, fail_after) else 0
