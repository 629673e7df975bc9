"""Translation to the target language, with the terminology glossary enforced.

Public surface (stable; the pipeline and the CLI use only these):

- :func:`translate_texts` translates a batch of texts (the ``pressflow translate`` filter).
- :func:`run_stage` translates every article of the store that needs it.

The parts: :mod:`.sentences` (offline sentence splitting), :mod:`.glossary` (terms,
placeholders, verification, TBX/CSV import), :mod:`.cache`, :mod:`.argos` and
:mod:`.apertium` (engines), :mod:`.models` (argos packages), :mod:`.core` (batching across
documents), :mod:`.stage` (the pipeline stage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pressflow.pipeline.context import RunContext, StageReport
from pressflow.translate.base import TranslateSettings
from pressflow.translate.core import Document, Engines, install_hint, translate_documents

STATUSES = ("ok", "no-model", "same-language", "error")

__all__ = ["STATUSES", "TranslationRequest", "TranslationResult", "install_hint", "run_stage",
           "translate_texts"]


@dataclass
class TranslationRequest:
    id: str
    text: str
    lang: str | None = None


@dataclass
class TranslationResult:
    id: str
    lang: str | None
    translation: str
    engine: str
    status: str  # one of STATUSES
    message: str = ""
    glossary_violations: int = 0
    memory_segments: int = 0  # segments taken from the translation memory


def translate_texts(requests: Sequence[TranslationRequest], target: str = "en", *,
                    glossary: Path | None = None, engine: str | None = None,
                    settings: TranslateSettings | None = None,
                    memory: Path | None = None) -> list[TranslationResult]:
    """Translate a batch of texts, all in one pass per language (paragraphs kept).

    ``glossary`` is the glossary folder; ``engine`` forces an engine (argos, apertium, none)
    instead of ``settings.engine``. Texts already in ``target`` come back as
    ``same-language``; a language with no model as ``no-model`` with the install command.
    ``memory``: a TMX file or a pressflow database whose translation memory is used first.
    """
    from pressflow.translate.tmx import open_memory

    settings = settings or TranslateSettings()
    if engine:
        settings = TranslateSettings.from_mapping({**settings.__dict__, "engine": engine,
                                                   "engines": {}}, where="--engine")
    docs = [Document(r.id, r.lang, {"text": r.text}) for r in requests]
    with open_memory(memory, target, settings.memory_threshold) as remembered:
        results = translate_documents(docs, target, settings=settings, glossary_dir=glossary,
                                      engines=Engines(settings), memory=remembered)
    out = []
    for r, res in zip(requests, results, strict=True):
        assert res is not None
        out.append(TranslationResult(r.id, res.lang, res.fields.get("text") or "", res.engine,
                                     res.status, res.message, res.glossary_violations,
                                     len(res.memory)))
    return out


def run_stage(ctx: RunContext) -> StageReport:
    """Translate the articles of the store that need it (see :mod:`.stage`)."""
    from pressflow.translate.stage import run_translate_stage

    return run_translate_stage(ctx)
