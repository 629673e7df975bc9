"""The stories' fingerprints and embeddings in worker processes are the ones computed in the
run's own process, and ``workers: 1`` starts no process (issue 21)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from pressflow.stories import stage

DATA = Path(__file__).parent / "data" / "stories" / "articles.yaml"
ARTICLES = yaml.safe_load(DATA.read_text(encoding="utf-8"))["articles"]


def _inputs() -> list[stage.StoryInput]:
    return [stage.StoryInput(id=a["id"], lang=a["lang"], title=a["title"], text=a["text"],
                             published=a["published"], source=a["source"]) for a in ARTICLES]


def test_two_processes_give_what_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    items = _inputs()
    monkeypatch.setattr(stage, "PARALLEL_FROM", 4)  # the labelled set is small: through the pool
    monkeypatch.setattr(stage, "FINGERPRINT_CHUNK", 8)
    alone = stage.fingerprints(items, workers=1)
    parallel = stage.fingerprints(items, workers=2)
    assert [f.id for f in parallel] == [f.id for f in alone] == [i.id for i in items]
    for a, b in zip(alone, parallel, strict=True):
        assert np.array_equal(a.signature, b.signature)
        assert a.postings == b.postings and a.to_json() == b.to_json()
        assert a.embedding is not None and b.embedding is not None
        assert np.allclose(a.embedding, b.embedding, atol=1e-5)


def test_one_worker_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "PARALLEL_FROM", 4)

    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("workers: 1 must not start processes")

    for method in multiprocessing.get_all_start_methods():
        monkeypatch.setattr(type(multiprocessing.get_context(method)), "Pool", no_pool)
    fps = stage.fingerprints(_inputs()[:12], workers=1)
    assert len(fps) == 12 and all(f.embedding is not None for f in fps)
    with pytest.raises(AssertionError, match="must not start"):
        stage.fingerprints(_inputs()[:12], workers=2)
