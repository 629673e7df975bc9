"""Versioned schema: a database made by an older pressflow upgrades in place, keeps its
data, and a failing migration leaves the database as it was."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from conftest import DEMO

from pressflow import store as store_module
from pressflow.errors import StoreError
from pressflow.store import MIGRATIONS, Store
from pressflow.store.schema import COLUMN_OWNERS, TABLE_OWNERS

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


PREVIOUS = Path(__file__).parent / "data" / "reliability" / "db_0008_previous.sql"
PREVIOUS_FEED = Path(__file__).parent / "data" / "reliability" / "feed_0008_previous.json"
SLICE_CONFIG = """settings:
  output: out
  publish:
    title: "Partner news (pressflow demo)"
    link: "https://example.org/pressflow-demo/"
sources:
  - {name: WeGO, url: feeds/wego.xml, kind: feed, language: fr}
  - {name: WeGO English, url: pages/wego-asas-en.html, kind: page, language: en}
  - {name: Shiraz Municipality, url: pages/shiraz-mayor-wego.html, kind: page, language: en}
"""


def test_a_database_of_the_previous_version_publishes_the_same_items(tmp_path: Path) -> None:
    """The store's typed readers against the tables the version before them wrote: every
    row reads back, and `pressflow publish` writes the items that version published."""
    (tmp_path / "out").mkdir()
    with sqlite3.connect(tmp_path / "out" / "pressflow.db") as conn:
        conn.executescript(PREVIOUS.read_text(encoding="utf-8"))
    with Store(tmp_path / "out" / "pressflow.db") as store:
        assert store.migrate() == []  # opening applied what was new
        stories = store.stories(include_rejected=True)
        assert [s.id for s in stories] == [1, 2]
        assert sum(len(store.story_articles(s.id)) for s in stories) == 3
        assert [(d.action, d.editor) for d in store.decisions()] == [
            ("edit_translation", "Ana"), ("approve", "Ana")]
        assert {store.source_state(n).consecutive_failures for n in  # type: ignore[union-attr]
                ("WeGO", "WeGO English", "Shiraz Municipality")} == {0}
        assert set(store.fetches_of_run(1)) == {"WeGO", "WeGO English", "Shiraz Municipality"}
        edited = [a for a in store.story_articles(1) if a.lang == "fr"][0]
        translation = store.translation(edited.id, "en")
        assert translation is not None and translation.edited_by == "Ana"
        assert edited.paragraph_spans, "the language stage's paragraphs decode"
        assert list(store.pending("entities")) == []  # the stages had done every article
        # 0012 emptied the stories index (new place ids): the next run fingerprints every
        # article again, none of which is placed anew
        assert {(c.story_id is not None, c.indexed_hash) for c in store.story_candidates()} == {(True, None)}
    for folder in ("feeds", "pages"):  # the slice's sources are the demo's local files
        shutil.copytree(DEMO / folder, tmp_path / folder)
    (tmp_path / "sources.yaml").write_text(SLICE_CONFIG, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config",
                             str(tmp_path / "sources.yaml")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    items = json.loads((tmp_path / "out" / "feed.json").read_text(encoding="utf-8"))["items"]
    # what issue 15 changed on purpose: ids are tag: URIs, items say whether their date is a
    # date alone, and links are the addresses articles were read from (not canonical forms)
    assert [i["id"].rsplit(":", 2)[-2:] for i in items] == [["story", "1"], ["story", "2"]]
    assert all(i["id"].startswith("tag:example.org,") for i in items)
    assert all(i["_pressflow"].pop("date_only") is False for i in items)
    hrefs = re.compile(r' href="[^"]*"')

    def without_links(item: dict[str, Any]) -> dict[str, Any]:
        extra = dict(item["_pressflow"], also_reported_by=[
            {k: v for k, v in m.items() if k != "url"} for m in item["_pressflow"]["also_reported_by"]])
        return {**{k: v for k, v in item.items() if k not in ("date_modified", "date_published", "id")},
                "content_html": hrefs.sub("", item["content_html"]), "_pressflow": extra}

    published = [without_links(i) for i in items]
    previous = [without_links(i) for i in json.loads(PREVIOUS_FEED.read_text(encoding="utf-8"))]
    assert published == previous


def _schema(db: sqlite_utils.Database) -> dict[str, set[str]]:
    return {name: set(db[name].columns_dict) for name in db.table_names() if name != "_migrations"}


def test_each_migration_changes_only_the_tables_of_the_owner_it_is_named_after() -> None:
    """0001_core made every first table at once; each later step names one owner (the
    stage whose tables it changes), so a schema change lands beside that stage."""
    db = sqlite_utils.Database(memory=True)
    before: dict[str, set[str]] = {}
    for name, step in MIGRATIONS:
        step(db)
        after = _schema(db)
        if name != "0001_core":
            owner = name.split("_")[1]
            new_tables = set(after) - set(before)
            assert {TABLE_OWNERS.get(t) for t in new_tables} <= {owner}, name
            for table in set(after) & set(before):
                for column in after[table] - before[table]:
                    assert COLUMN_OWNERS.get((table, column), TABLE_OWNERS[table]) == owner, \
                        f"{name} adds {table}.{column}"
        before = after
    assert set(before) == set(TABLE_OWNERS), "every table has an owner"
