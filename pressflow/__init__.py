"""pressflow: partner news in any language -> one deduplicated English feed and a digest.

The Python API, for people who embed pressflow (a notebook, an Airflow or Dagster task).
The ``pressflow`` command calls these same functions::

    import pressflow

    config = pressflow.load_config("sources.yaml")       # every mistake: ConfigError, file:line
    result = pressflow.run(config, output="/tmp/news")  # the nightly run; result.exit_code
    pressflow.detect_languages(["Il Comune di Milano ha incontrato la delegazione"])[0].lang  # it

One function per stage over plain texts, as the JSON Lines commands do (same order out as
in): :func:`detect_languages`, :func:`translate_texts`, :func:`find_entities`,
:func:`group_stories`, :func:`extract_articles`, :func:`read_feed`. Every error is a
:class:`PressflowError`; :func:`exit_code_for` says which exit status the command line
gives it. See docs/api.md.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressflow.config import Config, Settings
from pressflow.errors import (
    ConfigError,
    EditorialError,
    EngineError,
    ExtractionError,
    FeedParseError,
    FetchError,
    GlossaryError,
    ModelError,
    PressflowError,
    RunLocked,
    SourceError,
    StoreError,
    exit_code_for,
)

if TYPE_CHECKING:
    from pressflow.config import TranslateSettings
    from pressflow.entities.stage import Entity
    from pressflow.language import Detection
    from pressflow.pipeline.context import Progress
    from pressflow.pipeline.runner import RunResult
    from pressflow.records import Article
    from pressflow.stories.stage import StoryInput
    from pressflow.translate import TranslationResult

__all__ = [
    "Config", "ConfigError", "EditorialError", "EngineError", "ExtractionError", "FeedParseError",
    "FetchError", "GlossaryError", "ModelError", "PressflowError", "RunLocked", "Settings",
    "SourceError", "StoreError", "__version__", "detect_languages", "exit_code_for",
    "extract_articles", "find_entities", "group_stories", "load_config", "read_feed", "run",
    "translate_texts",
]

__version__ = "0.1.0"

PathLike = str | os.PathLike[str]


def load_config(path: PathLike) -> Config:
    """Read and validate a sources.yaml: every setting typed, every mistake a ConfigError
    naming the file and line, before anything is fetched or written."""
    from pressflow.config import load_config as _load

    return _load(path)


def run(config: Config | PathLike, output: PathLike | None = None, *,
        progress: Progress | None = None) -> RunResult:
    """The nightly run: crawl, language, translate, entities, stories, publish.

    ``config``: a loaded :class:`Config` or the path of a sources.yaml. ``output``: the
    folder for feeds, digest, report and pressflow.db (default: the config's ``output:``).
    Returns the exit code (0 fine, 1 some sources failed) and the report; raises
    ConfigError / RunLocked (exit 2) before anything is written.
    """
    from pressflow.pipeline.runner import run as run_pipeline

    loaded = config if isinstance(config, Config) else load_config(config)
    if output is not None:
        loaded = loaded.with_output(output)
    return run_pipeline(loaded, progress=progress)


def _each(values: Sequence[str | None] | None, n: int, what: str) -> list[str | None]:
    if values is None:
        return [None] * n
    if len(values) != n:
        raise ValueError(f"{what}: {len(values)} given for {n} texts")
    return list(values)


def detect_languages(texts: Sequence[str],
                     hints: Sequence[str | None] | None = None) -> list[Detection]:
    """Language of each text (``pressflow detect``): ISO 639-1 and a confidence, ``und`` when
    unsure. A hint (a declared language) wins near-ties only."""
    from pressflow.language import detect as detect_one

    return [detect_one(text, hint=hint)
            for text, hint in zip(texts, _each(hints, len(texts), "hints"), strict=True)]


def translate_texts(texts: Sequence[str], *, to: str = "en",
                    langs: Sequence[str | None] | None = None,
                          glossary: PathLike | None = None, engine: str | None = None,
                    settings: TranslateSettings | None = None,
                    memory: PathLike | None = None) -> list[TranslationResult]:
    """Translate each text into ``to`` (``pressflow translate``), glossary enforced.

    ``langs``: each text's language, detected where missing. ``glossary``: a folder of
    SRC-TGT.tsv files and keep.txt (a folder that does not exist is a ConfigError).
    ``engine``: auto, argos, apertium or none. Each result has ``status`` ok, no-model,
    same-language or error. ``memory``: a TMX file or a pressflow database whose translation
    memory (editors' corrections) is used before any engine.
    """
    from pressflow.translate import TranslationRequest
    from pressflow.translate import translate_texts as translate_batch

    folder = Path(glossary) if glossary is not None else None
    if folder is not None and not folder.is_dir():
        raise GlossaryError("no such glossary folder; give a folder of SRC-TGT.tsv files and "
                            "keep.txt (`pressflow init DIR` writes a starter one)",
                            path=str(folder))
    given = _each(langs, len(texts), "langs")
    requests = [TranslationRequest(str(i), text, lang or detect_languages([text])[0].lang)
                for i, (text, lang) in enumerate(zip(texts, given, strict=True))]
    return translate_batch(requests, to, glossary=folder, engine=engine, settings=settings,
                           memory=Path(memory) if memory is not None else None)


def find_entities(texts: Sequence[str],
                  langs: Sequence[str | None] | None = None) -> list[list[Entity]]:
    """People, organisations and places in each text (``pressflow entities``), each with
    the canonical name that is the same in every language."""
    from pressflow.entities.stage import annotate

    return annotate(list(zip(texts, _each(langs, len(texts), "langs"), strict=True)))


def group_stories(articles: Sequence[StoryInput | Mapping[str, Any]],
                  traces: dict[str, list[dict[str, Any]]] | None = None) -> list[str]:
    """A story key per article (``pressflow stories``): equal keys are the same story.

    Each article is a :class:`~pressflow.stories.stage.StoryInput` or a mapping with the
    JSON Lines fields: id, lang, title, text, and optionally url, published, source.
    ``traces`` (``pressflow stories --explain``), when given, receives per article id the
    pair decisions that placed it, with their signals.
    """
    from pressflow.stories.stage import StoryInput, story_input_from_json
    from pressflow.stories.stage import group_stories as group

    items = [a if isinstance(a, StoryInput) else story_input_from_json(dict(a)) for a in articles]
    return group(items, traces)


def extract_articles(path_or_url: str, *, language: str | None = None,
                     base_dir: PathLike | None = None, selectors: dict[str, str] | None = None,
                     kind: str = "page", max_pages: int = 1,
                     follow_links: bool = True) -> list[Article]:
    """The article of an HTML page (``pressflow extract``); a listing page gives one
    article per item. A relative path is relative to ``base_dir`` (default: the current
    folder). ``selectors``, ``kind``, ``max_pages`` and ``follow_links`` are a source's
    settings in sources.yaml, to try them before editing it. Raises SourceError when
    nothing can be read."""
    from pressflow.crawl.stage import extract_location

    return extract_location(path_or_url, language=language,
                            base_dir=Path(base_dir) if base_dir is not None else Path.cwd(),
                            selectors=selectors, kind=kind, max_pages=max_pages,
                            follow_links=follow_links)


def read_feed(path_or_url: str, *, base_dir: PathLike | None = None) -> list[Article]:
    """The entries of an RSS, Atom or RDF feed (``pressflow feed``). Raises SourceError
    (FetchError, FeedParseError) when it cannot be read."""
    from pressflow.crawl.feed_reader import parse_feed, refuse_html_page
    from pressflow.crawl.fetch import fetch

    result = fetch(path_or_url, source=path_or_url,
                   base_dir=Path(base_dir) if base_dir is not None else Path.cwd())
    refuse_html_page(result.content, result.url, path_or_url)
    return parse_feed(result.content, url=result.url, source=path_or_url, headers=result.headers)
