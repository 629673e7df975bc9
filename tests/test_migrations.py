"""Versioned schema: a database made by an older pressflow upgrades in place, keeps its
data, and a failing migration leaves the database as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlite_utils

from pressflow import store as store_module
from pressflow.errors import StoreError
from pressflow.store import MIGRATIONS, Store

FIXTURE = Path(__file__).parent / "data" / "reliability" / "db_0001_core.sql"


def old_database(path: Path) -> Path:
    """The database the first released version wrote (see the fixture's header)."""
    with sqlite3.connect(path) as conn:
        conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    return path


def test_a_database_of_the_first_version_upgrades_in_place(tmp_path: Path) -> None:
    db_path = old_database(tmp_path / "pressflow.db")
    with sqlite3.connect(db_path) as conn:
        before = {r[0]: r[1:] for r in conn.execute("SELECT id, title, content_hash FROM articles")}
        assert [r[0] for r in conn.execute("SELECT name FROM _migrations")] == ["0001_core"]
    assert before, "the fixture holds articles"
    with Store(db_path) as store:
        applied = [r["name"] for r in store.db["_migrations"].rows]
        assert applied == [name for name, _ in MIGRATIONS]
        after = {r["id"]: (r["title"], r["content_hash"]) for r in store.db["articles"].rows}
        assert after == before, "no article lost or changed by the upgrade"
        assert "lang_paragraphs" in store.db["articles"].columns_dict  # a later column
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Store(db_path) as store:  # opening again applies nothing twice
        assert store.migrate() == []
    print(f"\nmigrations: upgraded a 0001_core database through {len(MIGRATIONS)} migrations")


@pytest.mark.slow
def test_a_nightly_run_on_an_old_database_keeps_one_copy_of_each_article(tmp_path: Path) -> None:
    """What an operator does after upgrading pressflow: the next night's run, same folder."""
    from test_crash import make_site

    config = make_site(tmp_path / "site", 4)
    (config.parent / "out").mkdir()
    old_database(config.parent / "out" / "pressflow.db")
    result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config",
                             str(config)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(config.parent / "out" / "pressflow.db") as conn:
        dups = conn.execute("SELECT source, canonical_url, count(*) FROM articles GROUP BY 1, 2 "
                            "HAVING count(*) > 1").fetchall()
        sources = {r[0] for r in conn.execute("SELECT DISTINCT source FROM articles")}
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert dups == [], "the upgrade must not store an old article a second time"
    assert "Growing partner" in sources and "WeGO" in sources


def test_a_failing_migration_leaves_the_database_unchanged(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    db_path = old_database(tmp_path / "pressflow.db")

    def broken(db: sqlite_utils.Database) -> None:
        db["articles"].add_column("half_done", str)
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, ("9999_broken", broken)])
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(db_path)
    with sqlite3.connect(db_path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
        columns = {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert "9999_broken" not in names and "half_done" not in columns
    assert names == {name for name, _ in MIGRATIONS}  # the good ones before it did land


def test_a_second_writer_waits_instead_of_failing(tmp_path: Path) -> None:
    """WAL + busy timeout: a reader never blocks, a writer waits for another writer."""
    path = tmp_path / "pressflow.db"
    Store(path).close()
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM articles").fetchone()  # a datasette-like reader
    blocker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the write lock for a moment
    blocker.execute("INSERT INTO runs (started, status) VALUES ('x', 'running')")
    released = threading.Timer(0.5, lambda: blocker.execute("COMMIT"))
    released.start()
    with Store(path) as store:  # waits for the lock instead of raising "database is locked"
        store.db["runs"].insert({"started": "y", "status": "running"})
        assert store.db["runs"].count == 2
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    released.join()
    reader.rollback()
    reader.close()
    blocker.close()
