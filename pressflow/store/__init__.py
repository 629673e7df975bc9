"""The SQLite store: every stage reads its input here and writes its result back.

One file (``output/pressflow.db``), WAL mode and a busy timeout so a reader (datasette,
the review server) never blocks the nightly run. Schema changes are numbered migrations,
recorded in ``_migrations``; an older database upgrades in place when opened.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from pressflow.errors import StoreError
from pressflow.records import Article, Source
from pressflow.text.urls import canonical_url

Migration = Callable[[sqlite_utils.Database], None]


@dataclass
class StoryPage:
    """A listing source's story page as last fetched: its validators for a conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None

MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    """Register a schema step. Never edit a released one: add a new one after it."""

    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


def _insert_sql(table: str, columns: Iterable[str]) -> str:
    """``INSERT`` with named parameters, for the write paths that skip sqlite-utils (its
    schema lookup on every call costs more than the write); columns are our own names."""
    columns = list(columns)
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})")


def _update_sql(table: str, columns: Iterable[str], where: str) -> str:
    """``UPDATE ... SET c = :c`` for each column (see :func:`_insert_sql`)."""
    return f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE {where}"


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@migration("0001_core")
def _core(db: sqlite_utils.Database) -> None:
    db["sources"].create({
        "name": str, "url": str, "kind": str, "language": str, "title": str, "tags": str,
        "etag": str, "last_modified": str, "last_fetched": str, "last_success": str,
        "last_new_item": str, "consecutive_failures": int, "last_error": str,
    }, pk="name")
    db["runs"].create({
        "id": int, "started": str, "finished": str, "status": str, "exit_code": int,
        "pid": int, "config": str, "summary": str,
    }, pk="id")
    db["fetches"].create({
        "id": int, "run_id": int, "source": str, "url": str, "status": str, "http_status": int,
        "bytes": int, "duration_ms": int, "error": str, "not_modified": int,
        "items_found": int, "items_new": int, "items_updated": int, "items_unchanged": int,
        "fetched_at": str,
    }, pk="id", foreign_keys=[("run_id", "runs", "id")])
    db["fetches"].create_index(["run_id", "source"], unique=True)
    db["articles"].create({
        "id": str, "source": str, "url": str, "canonical_url": str, "guid": str,
        "title": str, "summary": str, "text": str, "published": str, "date_missing": int,
        "lang": str, "lang_hint": str, "lang_confidence": float, "content_hash": str,
        "first_seen": str, "updated_at": str, "run_id": int,
    }, pk="id")
    db["articles"].create_index(["source"])
    db["articles"].create_index(["content_hash"])
    db["articles"].create_index(["canonical_url"])
    # translation of an article, one row per (article, target language)
    db["translations"].create({
        "article_id": str, "target": str, "source_lang": str, "title": str, "summary": str,
        "text": str, "engine": str, "status": str, "message": str,
        "glossary_violations": int, "glossary_details": str, "glossary_version": str,
        "model_version": str, "content_hash": str, "updated_at": str, "edited_by": str,
    }, pk=("article_id", "target"))
    db["translation_cache"].create({
        "key": str, "source_lang": str, "target": str, "engine": str, "text": str,
        "translation": str, "created": str,
    }, pk="key")
    db["entities"].create({
        "id": int, "article_id": str, "field": str, "text": str, "label": str, "start": int,
        "end": int, "canonical": str, "entity_id": str, "method": str,
    }, pk="id")
    db["entities"].create_index(["article_id"])
    db["entities"].create_index(["canonical"])
    db["officials"].create({
        "id": int, "article_id": str, "person": str, "role": str, "place": str, "org": str,
        "evidence": str,
    }, pk="id")
    db["officials"].create_index(["article_id"])
    db["stories"].create({
        "id": int, "representative": str, "title": str, "created": str, "updated": str,
        "status": str, "decided_by": str, "decided_at": str, "note": str,
    }, pk="id")
    db["story_members"].create({
        "article_id": str, "story_id": int, "method": str, "score": float, "added": str,
        "pinned": int,
    }, pk="article_id", foreign_keys=[("story_id", "stories", "id")])
    db["story_members"].create_index(["story_id"])
    db["decisions"].create({
        "id": int, "story_id": int, "action": str, "editor": str, "at": str, "detail": str,
    }, pk="id")
    db["stage_state"].create({"article_id": str, "stage": str, "done_hash": str, "at": str},
                             pk=("article_id", "stage"))


class Store:
    """The pressflow database. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self.db = sqlite_utils.Database(conn)
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the database ({exc.strerror})") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: a crash inside leaves the database as it was before."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def migrate(self) -> list[str]:
        """Apply the migrations this database has not seen yet; return their names."""
        db = self.db
        if "_migrations" not in db.table_names():
            db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
        done = {row["name"] for row in db["_migrations"].rows}
        applied = []
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with self.transaction():
                fn(db)
                db["_migrations"].insert({"name": name, "applied_at": utcnow()})
            applied.append(name)
        return applied

    # -- runs -----------------------------------------------------------------------
    def start_run(self, config_path: str | None) -> int:
        row = {"started": utcnow(), "status": "running", "pid": os.getpid(),
               "config": config_path}
        return int(self.db["runs"].insert(row).last_pk)

    def close_abandoned_runs(self) -> list[int]:
        """Mark runs still 'running' as 'killed'. Call only while holding the run lock:
        then no other process can be running them, so they died (SIGKILL, power loss)."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM runs WHERE status = 'running'")]
        if ids:
            self.db.execute("UPDATE runs SET status = 'killed', finished = ? WHERE status = "
                            "'running'", [utcnow()])
        return ids

    def finish_run(self, run_id: int, status: str, exit_code: int, summary: dict[str, Any]) -> None:
        self.db["runs"].update(run_id, {"finished": utcnow(), "status": status,
                                        "exit_code": exit_code, "summary": json.dumps(summary)})

    # -- sources --------------------------------------------------------------------
    def sync_sources(self, sources: Iterable[Source]) -> None:
        with self.transaction():
            for s in sources:
                self.db["sources"].upsert({
                    "name": s.name, "url": s.url, "kind": s.kind, "language": s.language,
                    "title": s.title, "tags": json.dumps(s.tags),
                }, pk="name")

    def source_state(self, name: str) -> dict[str, Any]:
        cursor = self.db.execute("SELECT * FROM sources WHERE name = ?", [name])
        row = cursor.fetchone()
        return dict(zip([c[0] for c in cursor.description], row)) if row else {}

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
                self.db.execute(_update_sql("fetches", row, f"id = {int(existing[0])}"), row)
            else:
                self.db.execute(_insert_sql("fetches", row), row)
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
            self.db.execute(_update_sql("sources", update, "name = :_name"),
                            {**update, "_name": source})

    def set_validators(self, source: str, etag: str | None, last_modified: str | None) -> None:
        self.db["sources"].update(source, {"etag": etag, "last_modified": last_modified})

    def stored_languages(self) -> dict[str, dict[str, int]]:
        """Source -> detected language -> articles, over everything stored (what a source
        really publishes in, whatever it declares)."""
        found: dict[str, dict[str, int]] = {}
        for source, lang, count in self.db.execute(
                "SELECT source, lang, count(*) FROM articles WHERE lang IS NOT NULL AND lang != 'und' "
                "GROUP BY source, lang ORDER BY source, count(*) DESC"):
            found.setdefault(source, {})[lang] = count
        return found

    # -- story pages of listing sources (corrections) -------------------------------
    def recent_story_pages(self, source: str, since: str, limit: int) -> dict[str, StoryPage]:
        """The story pages of a listing source first seen at or after ``since`` (ISO time),
        newest first, at most ``limit``, with the validators of their last fetch."""
        rows = self.db.execute(
            "SELECT a.url, p.etag, p.last_modified FROM articles a LEFT JOIN story_pages p "
            "ON p.url = a.url WHERE a.source = ? AND a.first_seen >= ? "
            "ORDER BY a.first_seen DESC, a.id LIMIT ?", [source, since, int(limit)]).fetchall()
        return {url: StoryPage(url, etag, last_modified) for url, etag, last_modified in rows}

    def record_story_pages(self, source: str, pages: Iterable[StoryPage]) -> None:
        """The validators (ETag, Last-Modified) of story pages just fetched, for the next
        conditional re-check."""
        now = utcnow()
        self.db.conn.executemany(
            "INSERT INTO story_pages (url, source, etag, last_modified, checked_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET source = excluded.source, "
            "etag = excluded.etag, last_modified = excluded.last_modified, "
            "checked_at = excluded.checked_at",
            [(p.url, source, p.etag, p.last_modified, now) for p in pages])

    # -- articles -------------------------------------------------------------------
    def upsert_articles(self, articles: Iterable[Article], run_id: int | None) -> dict[str, int]:
        """Store articles; return counts of new, updated and unchanged ones.

        Identity is the article key (guid, else canonical URL); an article whose content
        hash is unchanged is left alone, so re-running a source never duplicates anything.
        """
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        now = utcnow()
        rows: dict[str, dict[str, Any]] = {}
        repeated = 0
        for a in articles:  # a key twice in one batch: the last copy wins, counted once
            repeated += a.key in rows
            rows[a.key] = {
                "id": a.key, "source": a.source, "url": a.url,
                "canonical_url": canonical_url(a.canonical_url or a.url), "guid": a.guid,
                "title": a.title, "summary": a.summary, "text": a.text,
                "published": a.published.isoformat() if a.published else None,
                "date_missing": 0 if a.published else 1,
                "lang_hint": a.lang_hint, "content_hash": a.content_hash,
                "updated_at": now, "run_id": run_id,
            }
        if not rows:
            return counts
        # one lookup and two executemany per source, not a query per article: SQL by hand
        # because sqlite-utils' insert/update re-read the table's schema on every call
        keys = list(rows)
        old_hash: dict[str, str] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            old_hash.update(self.db.execute(
                f"SELECT id, content_hash FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                chunk).fetchall())
        new_rows, changed = [], []
        for key, row in rows.items():
            if key not in old_hash:
                new_rows.append({**row, "first_seen": now})
            elif old_hash[key] != row["content_hash"]:
                changed.append({**row, "lang": None})  # downstream stages must redo it
            else:
                counts["unchanged"] += 1
        counts["unchanged"] += repeated
        with self.transaction():
            if new_rows:
                columns = list(new_rows[0])
                self.db.conn.executemany(_insert_sql("articles", columns), new_rows)
            if changed:
                columns = [c for c in changed[0] if c != "id"]
                self.db.conn.executemany(_update_sql("articles", columns, "id = :id"), changed)
                self.db.conn.executemany("DELETE FROM stage_state WHERE article_id = ?",
                                         [(row["id"],) for row in changed])
        counts["new"], counts["updated"] = len(new_rows), len(changed)
        return counts

    def articles(self, where: str | None = None, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        yield from self.db["articles"].rows_where(where, list(params), order_by="published desc, id")

    def pending(self, stage: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Articles the stage has not done for their current content."""
        sql = ("SELECT a.* FROM articles a LEFT JOIN stage_state s ON s.article_id = a.id "
               "AND s.stage = ? WHERE s.done_hash IS NULL OR s.done_hash != a.content_hash "
               "ORDER BY a.id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        cursor = self.db.execute(sql, [stage])
        columns = [c[0] for c in cursor.description]
        for row in cursor.fetchall():
            yield dict(zip(columns, row))

    def mark_done(self, stage: str, rows: Iterable[dict[str, Any]]) -> None:
        now = utcnow()
        self.db["stage_state"].upsert_all(
            ({"article_id": r["id"], "stage": stage, "done_hash": r["content_hash"], "at": now}
             for r in rows), pk=("article_id", "stage"))

    def forget_stage(self, stage: str, article_ids: Iterable[str] | None = None) -> None:
        """Make a stage redo some or all articles (a glossary edit, a new model)."""
        if article_ids is None:
            self.db.execute("DELETE FROM stage_state WHERE stage = ?", [stage])
        else:
            ids = list(article_ids)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                self.db.execute(f"DELETE FROM stage_state WHERE stage = ? AND article_id IN "
                                f"({','.join('?' * len(chunk))})", [stage, *chunk])


@migration("0006_language_paragraphs")
def _language_paragraphs(db: sqlite_utils.Database) -> None:
    # per-paragraph languages of an article's text: JSON [{"start","end","lang","confidence"}]
    db["articles"].add_column("lang_paragraphs", str)


@migration("0007_stories_index")
def _stories_index(db: sqlite_utils.Database) -> None:
    # what the stories stage keeps between runs so a run compares new articles only with
    # the candidates an index returns (pressflow/stories.py): one fingerprint per article
    # (day = proleptic ordinal of its date; signature = MinHash values; data = anchors JSON),
    # its LSH band keys, its anchors by day, and each anchor's document frequency
    db.execute("CREATE TABLE story_fingerprints (article_id TEXT PRIMARY KEY, content_hash TEXT, "
               "day INTEGER, signature BLOB, data TEXT)")
    db.execute("CREATE TABLE story_bands (band INTEGER, article_id TEXT)")
    db.execute("CREATE INDEX story_bands_band ON story_bands (band)")
    db.execute("CREATE INDEX story_bands_article ON story_bands (article_id)")
    db.execute("CREATE TABLE story_anchors (anchor TEXT, day INTEGER, article_id TEXT)")
    db.execute("CREATE INDEX story_anchors_anchor_day ON story_anchors (anchor, day)")
    db.execute("CREATE INDEX story_anchors_article ON story_anchors (article_id)")
    db.execute("CREATE TABLE story_terms (anchor TEXT PRIMARY KEY, df INTEGER NOT NULL)")


@migration("0008_translate_glossary_state")
def _translate_glossary_state(db: sqlite_utils.Database) -> None:
    # the glossary terms each language pair was last translated with, so that an edit
    # re-translates exactly the articles containing a changed term
    db["translate_glossary_state"].create({
        "pair": str, "version": str, "entries": str, "updated_at": str,
    }, pk="pair")


@migration("0009_story_pages")
def _story_pages(db: sqlite_utils.Database) -> None:
    # listing sources' story pages: the validators of their last fetch, so that a re-check
    # for corrections costs a 304 when nothing changed
    db.execute("CREATE TABLE story_pages (url TEXT PRIMARY KEY, source TEXT, etag TEXT, "
               "last_modified TEXT, checked_at TEXT)")
    db.execute("CREATE INDEX story_pages_source ON story_pages (source)")
