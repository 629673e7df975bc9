"""The run report: report.json for machines, a short table for the morning reader."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from pressflow.config import Config
from pressflow.pipeline.context import StageReport
from pressflow.store import Store
from pressflow.store.records import SourceState


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


def source_health(state: SourceState | None, silent_after: int, now: datetime) -> dict[str, Any]:
    """How a source has been doing across runs, from its row in ``sources``.

    ``days_since_new_item`` counts from the last run that found a new item (or, for a source
    that never gave one, from its last success); ``silent`` flags more than
    ``silent_after_days`` of that, the sign of a partner whose feed moved or died quietly.
    """
    last_success = state.last_success if state else None
    last_new_item = state.last_new_item if state else None
    since = _days_since(last_new_item or last_success, now)
    return {
        "consecutive_failures": (state.consecutive_failures if state else None) or 0,
        "last_success": last_success,
        "last_new_item": last_new_item,
        "days_since_new_item": since,
        "silent": since is not None and since > silent_after,
        "last_error": state.last_error if state else None,
    }


def build_report(store: Store, config: Config, run_id: int, stages: list[StageReport],
                 exit_code: int, status: str) -> dict[str, Any]:
    now = datetime.now(UTC)
    silent_after = config.settings.report.silent_after_days
    fetches = store.fetches_of_run(run_id)
    translations = store.translation_status_counts()
    sources = []
    for source in config.sources:
        state = store.source_state(source.name)
        f = fetches.get(source.name)
        status_ = "not run" if not f else ("failed" if f.status == "failed"
                                           else "unchanged" if f.not_modified else "ok")
        sources.append({
            "name": source.name, "url": source.url, "kind": source.kind, "status": status_,
            "http_status": f.http_status if f else None, "bytes": f.bytes if f else None,
            "duration_ms": f.duration_ms if f else None, "error": f.error if f else None,
            "items_found": f.items_found if f else 0, "items_new": f.items_new if f else 0,
            "items_updated": f.items_updated if f else 0,
            "items_unchanged": f.items_unchanged if f else 0,
            **source_health(state, silent_after, now),
            "translation": translations.get(source.name, {}),
        })
    no_model = [asdict(m) for m in store.missing_models()]
    return {
        "run_id": run_id,
        "finished": now.isoformat(timespec="seconds"),
        "status": status,
        "exit_code": exit_code,
        "sources": sources,
        "stages": [{"name": s.name, "processed": s.processed, "seconds": round(s.seconds, 3),
                    "notes": s.notes, "details": s.details} for s in stages],
        "translation_missing_models": no_model,
        "translation_coverage": translation_coverage(store, config),
        "totals": {
            "sources": len(sources),
            "failed": sum(1 for s in sources if s["status"] == "failed"),
            "silent": sum(1 for s in sources if s["silent"]),
            "fail_threshold": config.settings.report.fail_threshold,
            "silent_after_days": silent_after,
            "articles": store.article_count(),
            "stories": store.story_count(),
        },
    }


def translation_coverage(store: Store, config: Config) -> list[dict[str, Any]]:
    """For every language of the sources (declared, or detected in stored articles): the
    engine and route that translate it, or none, why, and the command that installs one;
    the same answer as `pressflow models list`."""
    from pressflow.errors import PressflowError
    from pressflow.translate.core import install_hint
    from pressflow.translate.coverage import coverage, source_languages

    target = config.settings.target_language
    languages = source_languages(config, store)
    try:
        _offered, routes = coverage(config.settings.translate, target, sorted(languages))
    except (PressflowError, OSError) as exc:  # the report is written whatever happens
        return [{"lang": lang, "engine": None, "route": f"unknown: {exc}", "steps": [], "pivot": None,
                 "install": None, "sources": sorted(languages[lang])} for lang in sorted(languages)]
    return [{"lang": r.source, "engine": r.engine, "route": r.describe(), "steps": r.steps,
             "pivot": r.pivot,
             "install": (install_hint(r.source, target) if r.engine is None and r.source != target
                         and "turned off" not in r.reason else None),
             "sources": sorted(languages[r.source])} for r in routes]


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)
