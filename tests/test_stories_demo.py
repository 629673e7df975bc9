"""The demo: WeGO's French item and its English version become one feed item."""

from __future__ import annotations

import sqlite3
from xml.etree import ElementTree

import pytest
from conftest import DemoRun

pytestmark = pytest.mark.slow  # reads the session's demo run (a whole `pressflow run`)


def test_demo_pair_is_one_story_with_also_reported_by(demo_run: DemoRun) -> None:
    out = demo_run.output  # shared by the session: read only
    assert demo_run.returncode in (0, 1), demo_run.stderr  # 1: a demo source may fail on purpose
    db = sqlite3.connect(out / "pressflow.db")
    rows = db.execute("SELECT a.source, m.story_id, m.method FROM story_members m "
                      "JOIN articles a ON a.id = m.article_id WHERE a.source LIKE 'WeGO%'").fetchall()
    by_source = {source: (story, method) for source, story, method in rows}
    assert by_source["WeGO"][0] == by_source["WeGO English"][0], rows
    story = by_source["WeGO"][0]
    assert db.execute("SELECT count(*) FROM story_members WHERE story_id = ?", [story]).fetchone() == (2,)
    # the representative is the English original
    rep_source = db.execute("SELECT a.source FROM stories s JOIN articles a ON a.id = s.representative "
                            "WHERE s.id = ?", [story]).fetchone()[0]
    assert rep_source == "WeGO English"

    items = ElementTree.parse(out / "feed.xml").getroot().findall("./channel/item")
    wego = [i for i in items if "ASAS" in (i.findtext("description") or "")
            or "Ambassadors" in (i.findtext("title") or "")]
    assert len(wego) == 1
    assert "Also reported by" in wego[0].findtext("description")
    assert len(items) == db.execute("SELECT count(*) FROM stories").fetchone()[0]
