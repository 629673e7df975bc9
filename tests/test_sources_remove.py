"""`pressflow sources remove` and sources that leave sources.yaml (issue 15, point 16).

Real CLI subprocesses on a real sources.yaml (with comments) and a real run's database:
the entry goes, everything else in the file stays byte for byte; the source's articles
and history stay in the database; its items leave the feeds after
``publish.removed_source_grace_days``, also when the source was deleted from the file by hand.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest

HEAD = """# Partners of the newsroom (kept by the communications office)
settings:
  output: out
  translate: {engine: none}   # English partners only
  publish: {link: "https://news.example.org/"%s}

sources:
  # Lyon: weekly news
  - name: Lyon
    url: lyon.xml
    language: en
"""
PORTO = """  # Porto: the city's own feed
  # (asked for by the mayor's office)
  - name: Porto
    url: porto.xml   # moved in 2025
    language: en
    tags: [portugal,
           cities]
"""
TAIL = """
  # Gdansk, since 2024
  - name: Gdansk
    url: gdansk.xml
    language: en
# end of file
"""
TOPICS = {"lyon": "tram line to the airport", "porto": "river festival with sailing ships",
          "gdansk": "shipyard museum opening"}


def _feed(name: str) -> str:
    day = (datetime.now(UTC) - timedelta(days=1)).strftime("%a, %d %b %Y 10:00:00 +0000")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title><link>http://{name}.test/'
            f"</link><description>d</description><item><title>{name.title()} {TOPICS[name]}</title>"
            f"<link>http://{name}.test/news/1</link><guid isPermaLink='false'>{name}-1</guid>"
            f"<pubDate>{day}</pubDate><description>The city of {name.title()} announced a "
            f"{TOPICS[name]} on Friday.</description></item></channel></rss>")


def _cli(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "pressflow", *args], capture_output=True, text=True,
                          timeout=600)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _feed_sources(out: Path) -> set[str]:
    return {e.author for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}


@pytest.fixture
def newsroom(tmp_path: Path) -> Path:
    for name in TOPICS:
        (tmp_path / f"{name}.xml").write_text(_feed(name), encoding="utf-8")
    config = tmp_path / "sources.yaml"
    config.write_text(HEAD % "" + PORTO + TAIL, encoding="utf-8")
    _cli("run", "--config", str(config), "-q")
    assert _feed_sources(tmp_path / "out") == {"Lyon", "Porto", "Gdansk"}
    return config


def _pretend_removed_days_ago(db: Path, name: str, days: int) -> None:
    """Time passing (a week) cannot be waited for in a test: move the removal date back."""
    with sqlite3.connect(db) as conn:
        when = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
        conn.execute("UPDATE sources SET removed_at = ? WHERE name = ?", [when, name])


def test_remove_edits_only_that_entry_and_keeps_history(newsroom: Path) -> None:
    done = _cli("sources", "remove", "porto", "--config", str(newsroom))
    assert "removed Porto" in done.stdout and "7 day(s)" in done.stdout
    # the entry and the comment lines right above it go; every other line stays as written
    assert newsroom.read_text(encoding="utf-8") == HEAD % "" + TAIL
    db = newsroom.parent / "out" / "pressflow.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles WHERE source = 'Porto'").fetchone()[0] == 1
        removed_at = conn.execute("SELECT removed_at FROM sources WHERE name = 'Porto'").fetchone()[0]
    assert removed_at is not None
    out = newsroom.parent / "out"
    _cli("publish", "--config", str(newsroom))
    assert _feed_sources(out) == {"Lyon", "Porto", "Gdansk"}  # within the grace time (7 days)
    _pretend_removed_days_ago(db, "Porto", 8)
    _cli("run", "--config", str(newsroom), "-q")
    assert _feed_sources(out) == {"Lyon", "Gdansk"}
    assert "Porto" not in (out / "digest.html").read_text()
    with sqlite3.connect(db) as conn:  # history kept
        assert conn.execute("SELECT count(*) FROM articles WHERE source = 'Porto'").fetchone()[0] == 1


def test_a_source_deleted_by_hand_leaves_after_the_configured_grace(newsroom: Path) -> None:
    newsroom.write_text(HEAD % ", removed_source_grace_days: 0" + TAIL, encoding="utf-8")
    _cli("publish", "--config", str(newsroom))
    assert _feed_sources(newsroom.parent / "out") == {"Lyon", "Gdansk"}
    newsroom.write_text(HEAD % ", removed_source_grace_days: 0" + PORTO + TAIL, encoding="utf-8")
    _cli("publish", "--config", str(newsroom))  # back in the file: back in the feeds
    assert _feed_sources(newsroom.parent / "out") == {"Lyon", "Porto", "Gdansk"}


def test_remove_unknown_source_names_the_file_and_the_sources(newsroom: Path) -> None:
    before = newsroom.read_text(encoding="utf-8")
    done = _cli("sources", "remove", "Oporto", "--config", str(newsroom), ok=False)
    assert done.returncode == 2
    assert str(newsroom) in done.stderr and "Oporto" in done.stderr and "Porto" in done.stderr
    assert newsroom.read_text(encoding="utf-8") == before
