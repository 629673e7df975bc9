"""A realistic-size CTranslate2 translation model with random weights, built in seconds.

Why random weights: no pretrained model can be downloaded here, and translation *speed*
depends on the architecture (layers, width, vocabulary, output length), not on what the
weights say. The model has the shape of an argos-translate package (6+6 layers, d_model 512,
8 heads, FFN 2048, int8), so a benchmark of it measures what a real package would cost.

Output length: random weights never choose the end-of-sentence token by themselves, so every
sentence would decode to ``max_decoding_length``. The output projection gets a bias on
``</s>`` calibrated so that outputs are about as long as their inputs, like real translations.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

SPECIALS = ["<blank>", "<unk>", "<s>", "</s>"]


def train_sentencepiece(texts: Sequence[str], prefix: Path, vocab_size: int = 8000) -> Path:
    """A unigram sentencepiece model trained on ``texts``; returns the .model path."""
    import sentencepiece as spm

    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", hard_vocab_limit=False, character_coverage=1.0,
        bos_id=-1, eos_id=-1, unk_id=0, minloglevel=2, num_threads=2)
    return prefix.with_suffix(".model")


def _set(spec: Any, name: str, value: np.ndarray) -> None:
    obj = spec
    parts = name.split("/")
    for part in parts[:-1]:
        m = re.fullmatch(r"(.+)_(\d+)", part)
        if m and isinstance(getattr(obj, m.group(1), None), list):
            obj = getattr(obj, m.group(1))[int(m.group(2))]
        else:
            obj = getattr(obj, part)
    setattr(obj, parts[-1], value)


def build_model(out_dir: Path, sp_model: Path, *, layers: tuple[int, int] = (6, 6),
                d_model: int = 512, heads: int = 8, ffn: int = 2048, vocab_size: int = 32000,
                eos_bias: float = 0.0, quantization: str = "int8", seed: int = 0) -> Path:
    """Write a CTranslate2 model with random weights to ``out_dir``; return it."""
    import sentencepiece as spm
    from ctranslate2.specs import transformer_spec

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = SPECIALS + [p for p in pieces if p not in SPECIALS]
    vocab += [f"<extra_{i}>" for i in range(max(0, vocab_size - len(vocab)))]
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(layers, heads)
    for name, value in spec.variables().items():
        if value is not None:
            continue
        leaf = name.rsplit("/", 1)[-1]
        if leaf == "gamma":
            arr = np.ones(d_model, dtype=np.float32)
        elif leaf == "beta" or leaf == "bias":
            arr = np.zeros(d_model, dtype=np.float32)
        elif "embeddings" in name or name.endswith("projection/weight"):
            arr = rng.standard_normal((len(vocab), d_model), dtype=np.float32) * 0.05
        elif "linear_0" in name and "ffn" in name:
            arr = rng.standard_normal((ffn, d_model), dtype=np.float32) * 0.05
        elif "linear_1" in name and "ffn" in name:
            arr = rng.standard_normal((d_model, ffn), dtype=np.float32) * 0.05
        elif name.endswith("self_attention/linear_0/weight"):
            arr = rng.standard_normal((3 * d_model, d_model), dtype=np.float32) * 0.05
        elif name.endswith("attention/linear_1/weight") and "/attention/" in name:
            arr = rng.standard_normal((2 * d_model, d_model), dtype=np.float32) * 0.05
        else:
            arr = rng.standard_normal((d_model, d_model), dtype=np.float32) * 0.05
        _set(spec, name, arr)
    bias = np.zeros(len(vocab), dtype=np.float32)
    bias[SPECIALS.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def mean_output_ratio(model_dir: Path, batches: Sequence[Sequence[str]], **options: Any) -> float:
    """Mean output length / input length, in tokens, of ``batches`` (token lists)."""
    import ctranslate2

    tr = ctranslate2.Translator(str(model_dir), device="cpu", inter_threads=1, intra_threads=2)
    results = tr.translate_batch([list(b) for b in batches], **options)
    out = sum(len(r.hypotheses[0]) for r in results)
    return out / max(1, sum(len(b) for b in batches))


def calibrated_model(out_dir: Path, sp_model: Path, sample: Sequence[Sequence[str]],
                     dims: dict[str, Any] | None = None, **options: Any) -> tuple[Path, float, float]:
    """Build the model with an end-of-sentence bias giving outputs about as long as inputs.

    Returns (model dir, bias, measured output/input length ratio). Random logits make
    ``</s>`` win a step with a probability that grows with its bias, so output length falls
    smoothly as the bias rises: a bisection finds it in a few builds (a few seconds each).
    """
    options = {**options, "max_decoding_length": 4 * max(len(s) for s in sample)}
    lo, hi = 0.0, 5.0
    best: tuple[float, float, float] = (0.0, 0.0, float("inf"))  # bias, ratio, error
    for _ in range(9):
        mid = (lo + hi) / 2
        build_model(out_dir, sp_model, eos_bias=mid, **(dims or {}))
        ratio = mean_output_ratio(out_dir, sample, **options)
        if abs(ratio - 1.0) < best[2]:
            best = (mid, ratio, abs(ratio - 1.0))
        if 0.85 <= ratio <= 1.2:
            break
        if ratio > 1.0:
            lo = mid  # too long: make </s> likelier
        else:
            hi = mid
    if best[0] != mid:
        build_model(out_dir, sp_model, eos_bias=best[0], **(dims or {}))
    return out_dir, best[0], best[1]


def write_argos_package(path: Path, model_dir: Path, sp_model: Path, source: str,
                        target: str) -> Path:
    """Zip the model as an argos-translate ``.argosmodel`` package."""
    name = f"translate-{source}_{target}"
    meta = {"package_version": "0.0-bench", "argos_version": "1.9", "from_code": source,
            "to_code": target, "from_name": source, "to_name": target,
            "type": "translate", "code": name,
            "package_version_note": "random weights: for speed measurements only"}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr(f"{name}/metadata.json", json.dumps(meta))
        zf.write(sp_model, f"{name}/sentencepiece.model")
        for f in sorted(model_dir.iterdir()):
            zf.write(f, f"{name}/model/{f.name}")
    return path
