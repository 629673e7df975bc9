"""The run report: report.json for machines, a short table for the morning reader."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from pressflow.config import Config
from pressflow.pipeline.context import StageReport
from pressflow.store import Store


def _days_since(stamp: str | None, now: datetime) -> int | None:
    if not stamp:
        return None
    try:
        then = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return max(0, (now - then).days)


def source_health(state: dict[str, Any], silent_after: int, now: datetime) -> dict[str, Any]:
    """How a source has been doing across runs, from its row in ``sources``.

    ``days_since_new_item`` counts from the last run that found a new item (or, for a source
    that never gave one, from its last success); ``silent`` flags more than
    ``silent_after_days`` of that, the sign of a partner whose feed moved or died quietly.
    """
    since = _days_since(state.get("last_new_item") or state.get("last_success"), now)
    return {
        "consecutive_failures": state.get("consecutive_failures") or 0,
        "last_success": state.get("last_success"),
        "last_new_item": state.get("last_new_item"),
        "days_since_new_item": since,
        "silent": since is not None and since > silent_after,
        "last_error": state.get("last_error"),
    }


def build_report(store: Store, config: Config, run_id: int, stages: list[StageReport],
                 exit_code: int, status: str) -> dict[str, Any]:
    now = datetime.now(UTC)
    silent_after = config.settings.report.silent_after_days
    fetches = {r["source"]: r for r in store.db["fetches"].rows_where("run_id = ?", [run_id])}
    translations: dict[str, dict[str, int]] = {}
    for source_name, t_status, count in store.db.execute(
            "SELECT a.source, coalesce(t.status, 'pending'), count(*) FROM articles a "
            "LEFT JOIN translations t ON t.article_id = a.id GROUP BY 1, 2").fetchall():
        translations.setdefault(source_name, {})[t_status] = count
    sources = []
    for source in config.sources:
        state = store.source_state(source.name)
        f = fetches.get(source.name, {})
        status_ = "not run" if not f else ("failed" if f["status"] == "failed"
                                           else "unchanged" if f["not_modified"] else "ok")
        sources.append({
            "name": source.name, "url": source.url, "kind": source.kind, "status": status_,
            "http_status": f.get("http_status"), "bytes": f.get("bytes"),
            "duration_ms": f.get("duration_ms"), "error": f.get("error"),
            "items_found": f.get("items_found", 0), "items_new": f.get("items_new", 0),
            "items_updated": f.get("items_updated", 0),
            "items_unchanged": f.get("items_unchanged", 0),
            **source_health(state, silent_after, now),
            "translation": translations.get(source.name, {}),
        })
    no_model = [dict(zip(("lang", "articles", "message"), r)) for r in store.db.execute(
        "SELECT t.source_lang, count(*), max(t.message) FROM translations t "
        "WHERE t.status = 'no-model' GROUP BY t.source_lang ORDER BY t.source_lang").fetchall()]
    return {
        "run_id": run_id,
        "finished": now.isoformat(timespec="seconds"),
        "status": status,
        "exit_code": exit_code,
        "sources": sources,
        "stages": [{"name": s.name, "processed": s.processed, "seconds": round(s.seconds, 3),
                    "notes": s.notes, "details": s.details} for s in stages],
        "translation_missing_models": no_model,
        "totals": {
            "sources": len(sources),
            "failed": sum(1 for s in sources if s["status"] == "failed"),
            "silent": sum(1 for s in sources if s["silent"]),
            "fail_threshold": config.settings.report.fail_threshold,
            "silent_after_days": silent_after,
            "articles": store.db["articles"].count,
            "stories": store.db["stories"].count,
        },
    }


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
