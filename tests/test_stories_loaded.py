"""The stories stage parses each candidate's stored fingerprint once a run, and groups the
same as when it parses it at every look-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from pressflow.config import Config
from pressflow.pipeline.context import RunContext
from pressflow.store import Store
from pressflow.stories import stage

DATA = Path(__file__).parent / "data" / "stories" / "articles.yaml"
ARTICLES = yaml.safe_load(DATA.read_text(encoding="utf-8"))["articles"]


def _row(a: dict[str, Any]) -> dict[str, Any]:
    return {"id": a["id"], "source": a["source"], "url": f"https://example.org/{a['id']}",
            "canonical_url": f"https://example.org/{a['id']}", "title": a["title"],
            "text": a["text"], "published": f"{a['published']}T09:00:00+00:00", "lang": a["lang"],
            "content_hash": f"hash-{a['id']}", "date_missing": 0}


def _group(folder: Path, monkeypatch: pytest.MonkeyPatch, kept: int) -> tuple[dict[str, int], int]:
    """Stories of the labelled articles, and how many fingerprints the store was asked for."""
    monkeypatch.setattr(stage, "LOADED_KEPT", kept)
    asked = 0
    with Store(folder / "pressflow.db") as store:
        real = store.fingerprints

        def counted(ids: Any) -> Any:  # the store's own method, its requests counted
            nonlocal asked
            ids = list(ids)
            asked += len(ids)
            return real(ids)

        monkeypatch.setattr(store, "fingerprints", counted)
        store.db.table("articles").insert_all(_row(a) for a in ARTICLES)
        stage.run_stage(RunContext(store=store, config=Config.from_mapping(), run_id=1))
        groups = dict(store.db.execute("SELECT article_id, story_id FROM story_members").fetchall())
    return groups, asked


def test_parsed_once_and_grouped_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kept").mkdir()
    (tmp_path / "none").mkdir()
    kept, asked_kept = _group(tmp_path / "kept", monkeypatch, 4096)
    parsed_every_time, asked_every_time = _group(tmp_path / "none", monkeypatch, 0)
    assert len(kept) == len(ARTICLES) >= 40
    assert kept == parsed_every_time
    assert asked_kept < asked_every_time / 2, (asked_kept, asked_every_time)
