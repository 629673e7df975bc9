"""Runs, sources and fetches: what the run and the crawl stage keep across nights."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from typing import Any

from pressflow.records import Source
from pressflow.store.base import StoreBase, insert_sql, update_sql, utcnow
from pressflow.store.records import FETCH_COLUMNS, SOURCE_COLUMNS, FetchRecord, SourceState


class RunQueries(StoreBase):
    # -- runs -----------------------------------------------------------------------
    def start_run(self, config_path: str | None) -> int:
        row = {"started": utcnow(), "status": "running", "pid": os.getpid(),
               "config": config_path}
        return int(self.db.table("runs").insert(row).last_pk or 0)

    def close_abandoned_runs(self) -> list[int]:
        """Mark runs still 'running' as 'killed'. Call only while holding the run lock:
        then no other process can be running them, so they died (SIGKILL, power loss)."""
        ids = [int(r[0]) for r in self.db.execute("SELECT id FROM runs WHERE status = 'running'")]
        if ids:
            self.db.execute("UPDATE runs SET status = 'killed', finished = ? WHERE status = "
                            "'running'", [utcnow()])
        return ids

    def finish_run(self, run_id: int, status: str, exit_code: int, summary: dict[str, Any]) -> None:
        self.db.table("runs").update(run_id, {"finished": utcnow(), "status": status,
                                        "exit_code": exit_code, "summary": json.dumps(summary)})

    # -- sources --------------------------------------------------------------------
    def sync_sources(self, sources: Iterable[Source]) -> None:
        with self.transaction():
            for s in sources:
                self.db.table("sources").upsert({
                    "name": s.name, "url": s.url, "kind": s.kind, "language": s.language,
                    "title": s.title, "tags": json.dumps(s.tags),
                }, pk="name")

    def note_removed_sources(self, present: Iterable[str]) -> list[str]:
        """Mark sources no longer in sources.yaml as removed (now, once), and clear the mark of
        those back in it; return the names newly marked. Their history stays in the database."""
        names = set(present)
        now = utcnow()
        newly: list[str] = []
        with self.transaction():
            for name, removed_at in self.db.execute("SELECT name, removed_at FROM sources").fetchall():
                if name in names and removed_at:
                    self.db.execute("UPDATE sources SET removed_at = NULL WHERE name = ?", [name])
                elif name not in names and not removed_at:
                    self.db.execute("UPDATE sources SET removed_at = ? WHERE name = ?", [now, name])
                    newly.append(name)
        return newly

    def sources_removed_before(self, cutoff: str) -> set[str]:
        """Sources removed from sources.yaml at or before ``cutoff`` (ISO time, UTC)."""
        return {r[0] for r in self.db.execute("SELECT name FROM sources WHERE removed_at IS NOT NULL "
                                              "AND removed_at <= ?", [cutoff]).fetchall()}

    def database_created(self) -> str:
        """When this database was created (its first migration), ISO time: the date of the
        ``tag:`` URIs the feeds mint, which must never change."""
        row = self.db.execute("SELECT MIN(applied_at) FROM _migrations").fetchone()
        return str(row[0] if row and row[0] else utcnow())

    def source_state(self, name: str) -> SourceState | None:
        """What earlier runs stored about a source; None for a source never synced."""
        row = self.db.execute(f"SELECT {', '.join(SOURCE_COLUMNS)} FROM sources WHERE name = ?",
                              [name]).fetchone()
        return SourceState(*row) if row else None

    # -- fetches --------------------------------------------------------------------
    def record_fetch(self, run_id: int, source: str, **values: Any) -> None:
        """Record the outcome of one source in one run (replacing an earlier try in that run).

        Plain SQL: this runs once per source on the crawl's event loop, where sqlite-utils'
        schema lookups on every call cost more than the writes (benchmarks/crawl.py).
        """
        validators = {k: values.pop(k) for k in ("etag", "last_modified") if k in values}
        row = {"run_id": run_id, "source": source, "fetched_at": utcnow(), **values}
        with self.transaction():
            existing = self.db.execute("SELECT id FROM fetches WHERE run_id = ? AND source = ? "
                                       "LIMIT 1", [run_id, source]).fetchone()
            if existing:
                self.db.execute(update_sql("fetches", row, f"id = {int(existing[0])}"), row)
            else:
                self.db.execute(insert_sql("fetches", row), row)
            update: dict[str, Any] = {"last_fetched": row["fetched_at"]}
            if values.get("status") == "ok":
                update.update(last_success=row["fetched_at"], consecutive_failures=0,
                              last_error=None)
                if values.get("items_new"):
                    update["last_new_item"] = row["fetched_at"]
            else:
                failures = self.db.execute("SELECT consecutive_failures FROM sources WHERE "
                                           "name = ?", [source]).fetchone()
                update.update(consecutive_failures=((failures[0] if failures else 0) or 0) + 1,
                              last_error=values.get("error"))
            update.update(validators)
            self.db.execute(update_sql("sources", update, "name = :_name"),
                            {**update, "_name": source})

    def fetches_of_run(self, run_id: int) -> dict[str, FetchRecord]:
        """Each source's fetch record of one run, by source name."""
        return {row[0]: FetchRecord(*row) for row in self.db.execute(
            f"SELECT {', '.join(FETCH_COLUMNS)} FROM fetches WHERE run_id = ? ORDER BY id",
            [run_id]).fetchall()}

    def failed_fetch_count(self, run_id: int) -> int:
        """How many sources failed in a run (the run's exit status counts them)."""
        return int(self.db.execute("SELECT count(*) FROM fetches WHERE run_id = ? AND status = "
                                   "'failed'", [run_id]).fetchone()[0])
