"""The SQLite store: every stage reads its input here and writes its result back.

One file (``output/pressflow.db``), WAL mode and a busy timeout so a reader (datasette,
the review server) never blocks the nightly run. Schema changes are numbered migrations
(:mod:`pressflow.store.schema`), recorded in ``_migrations``; an older database upgrades
in place when opened.

This package is the only code that speaks SQL. Stages call named methods, grouped by the
tables they touch (runs, articles, translations, translation memory, entities, stories), and get frozen
records (:mod:`pressflow.store.records`) back.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from pressflow.errors import StoreError
from pressflow.store.articles import ArticleQueries
from pressflow.store.base import utcnow
from pressflow.store.entities import EntityQueries
from pressflow.store.memory import MemoryQueries
from pressflow.store.runs import RunQueries
from pressflow.store.schema import MIGRATIONS, Migration, migration
from pressflow.store.stories import StoryQueries
from pressflow.store.translations import TranslationQueries

__all__ = ["MIGRATIONS", "Migration", "Store", "migration", "utcnow"]


class Store(RunQueries, ArticleQueries, TranslationQueries, EntityQueries, StoryQueries,
            MemoryQueries):
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

    def migrate(self) -> list[str]:
        """Apply the migrations this database has not seen yet; return their names."""
        db = self.db
        if "_migrations" not in db.table_names():
            db.table("_migrations").create({"name": str, "applied_at": str}, pk="name")
        done = {row["name"] for row in db.table("_migrations").rows}
        applied = []
        for name, fn in MIGRATIONS:  # this module's name, so a test may swap the list
            if name in done:
                continue
            with self.transaction():
                fn(db)
                db.table("_migrations").insert({"name": name, "applied_at": utcnow()})
            applied.append(name)
        return applied
