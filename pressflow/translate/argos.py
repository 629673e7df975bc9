"""The argos-translate engine: installed argos packages, run with CTranslate2 directly.

Why not ``argostranslate.translate``: it splits sentences with stanza (a download on first
use) and translates one text at a time. pressflow splits sentences itself and hands
CTranslate2 every pending sentence of a run for a pair in one ``translate_batch`` call, which
re-batches by length (``batch_size`` sentences at a time): batching across articles is what
makes a nightly run fast. Each model is loaded once per engine object (once per run).

A pair with no package of its own is translated through a pivot language when two installed
packages chain (fa->en->fr); the translation records both packages as its model version.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pressflow.errors import EngineError
from pressflow.translate.base import TranslateSettings
from pressflow.translate.models import InstalledModel, list_models, models_dir


class _Loaded:
    def __init__(self, model: InstalledModel, settings: TranslateSettings) -> None:
        import ctranslate2
        import sentencepiece

        self.model = model
        self.translator = ctranslate2.Translator(
            str(model.path / "model"), device="cpu", inter_threads=1,
            intra_threads=settings.threads, compute_type="auto")
        self.sp = sentencepiece.SentencePieceProcessor(
            model_file=str(model.path / "sentencepiece.model"))
        prefix = model.metadata.get("target_prefix")
        self.target_prefix = [str(prefix)] if prefix else None


class ArgosEngine:
    """Translate with installed argos packages (see the module docstring)."""

    name = "argos"

    def __init__(self, settings: TranslateSettings | None = None,
                 folder: Path | None = None) -> None:
        self.settings = settings or TranslateSettings()
        self.folder = folder or models_dir(self.settings.models_dir)
        self._models = {(m.source, m.target): m for m in list_models(self.folder)}
        self._loaded: dict[Path, _Loaded] = {}

    def route(self, source: str, target: str) -> list[InstalledModel] | None:
        """The packages that take ``source`` to ``target``: direct, else through one pivot."""
        if (source, target) in self._models:
            return [self._models[(source, target)]]
        for (s, mid), first in sorted(self._models.items()):
            if s == source and (mid, target) in self._models:
                return [first, self._models[(mid, target)]]
        return None

    def version(self, source: str, target: str) -> str | None:
        route = self.route(source, target)
        return "+".join(m.version_id for m in route) if route else None

    def _load(self, model: InstalledModel) -> _Loaded:
        if model.path not in self._loaded:
            self._loaded[model.path] = _Loaded(model, self.settings)
        return self._loaded[model.path]

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        route = self.route(source, target)
        if route is None:
            raise EngineError(f"no argos package for {source}->{target}")
        texts = list(sentences)
        for model in route:
            texts = self._translate_one(self._load(model), texts)
        return texts

    def _translate_one(self, loaded: _Loaded, texts: list[str]) -> list[str]:
        s = self.settings
        tokens = [loaded.sp.encode(t, out_type=str)[: s.max_input_tokens] for t in texts]
        todo = [i for i, t in enumerate(tokens) if t]
        out = [""] * len(texts)
        if not todo:
            return out
        options: dict[str, Any] = {"beam_size": s.beam_size, "max_batch_size": s.batch_size,
                                   "max_decoding_length": 256, "num_hypotheses": 1}
        if loaded.target_prefix:
            options["target_prefix"] = [loaded.target_prefix] * len(todo)
        results = loaded.translator.translate_batch([tokens[i] for i in todo], **options)
        for i, r in zip(todo, results, strict=True):
            hyp = r.hypotheses[0]
            if loaded.target_prefix and hyp[:1] == loaded.target_prefix:
                hyp = hyp[1:]
            out[i] = loaded.sp.decode(hyp)
        return out
