"""Helpers for the language and entities tests: a real SQLite store with articles in it."""

from __future__ import annotations

from pathlib import Path

from pressflow.config import Config
from pressflow.pipeline.context import RunContext
from pressflow.records import Article, Source
from pressflow.store import Store

DATA = Path(__file__).resolve().parent.parent / "data"


def make_context(tmp_path: Path, articles: list[Article], sources: list[Source],
                 glossary: Path | None = None) -> RunContext:
    """A run context over a fresh database holding ``articles``."""
    config = Config.from_mapping({"glossary": str(glossary or tmp_path / "glossary")},
                                 sources=sources, path=tmp_path / "sources.yaml")
    store = Store(tmp_path / "pressflow.db")
    store.sync_sources(sources)
    run_id = store.start_run(str(config.path))
    store.upsert_articles(articles, run_id)
    return RunContext(store=store, config=config, run_id=run_id)
