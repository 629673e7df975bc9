"""Tiny but real argos-translate packages, built at test time in well under a second each.

An argos package is a zip (``.argosmodel``) holding one folder with ``metadata.json``,
``sentencepiece.model`` and ``model/`` (a CTranslate2 model). Two kinds are built here:

- :func:`build_random_package`: a small Transformer with random weights. It loads, batches
  and decodes like a real model; its output is noise (placeholders are lost), which is what
  a test of violations or of batching needs.
- :func:`build_copy_package`: a Transformer whose weights are *set by hand* so that it copies
  its input token by token. Learned position encodings live in their own dimensions; the
  cross-attention query and key read only those, so decoder step ``t`` attends to source
  position ``t``; the value reads the token dimensions and the output projection turns them
  back into the same token. ``add_source_eos`` puts ``</s>`` at the end of the source, so the
  copy ends there. With SentencePiece byte fallback every character survives the round trip,
  which makes placeholder protection and glossary restoration testable end to end.
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

CORPUS = [
    "La CGLU se réunit à Séoul avec WeGO et l'Organisation mondiale des villes intelligentes.",
    "Le maire de Paris a visité trois villes. Il a rencontré les représentants d'ASAS.",
    "Il Comune di Milano ha incontrato la delegazione del Governo Metropolitano di Seoul.",
    "El alcalde de Madrid visitó Barcelona. Las ciudades inteligentes y sostenibles.",
    "Primăria a organizat evenimentul internațional ALDA în cadrul proiectului AVATAR.",
    "Cités et Gouvernements Locaux Unis, Zx0q Zx1q Zx2q Zx3q Zx4q 0123456789 ?!.,;:«»“”'’-",
    "The quick brown fox jumps over the lazy dog. United Cities and Local Governments.",
]


def train_sentencepiece(prefix: Path, texts: Sequence[str] = CORPUS, vocab_size: int = 400) -> Path:
    """A small unigram SentencePiece model with byte fallback; returns the .model path."""
    import sentencepiece as spm

    prefix.parent.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(list(texts) * 4), model_prefix=str(prefix),
        vocab_size=vocab_size, model_type="unigram", hard_vocab_limit=False,
        character_coverage=1.0, byte_fallback=True, bos_id=-1, eos_id=-1, unk_id=0,
        minloglevel=3, num_threads=1)
    return prefix.with_suffix(".model")


def _vocabulary(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    return SPECIALS + [p for p in pieces if p not in SPECIALS]


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


def _shape(name: str, d: int, vocab: int, ffn: int) -> tuple[int, ...]:
    leaf = name.rsplit("/", 1)[-1]
    if leaf in ("gamma", "beta"):
        return (d,)
    if "embeddings" in name or name.endswith("projection/weight"):
        return (vocab, d)
    if "ffn/linear_0" in name:
        return (ffn,) if leaf == "bias" else (ffn, d)
    if "ffn/linear_1" in name:
        return (d,) if leaf == "bias" else (d, ffn)
    if name.endswith("self_attention/linear_0/weight"):
        return (3 * d, d)
    if name.endswith("self_attention/linear_0/bias"):
        return (3 * d,)
    if "/attention/linear_1/" in name:  # the cross-attention's fused key+value projection
        return (2 * d,) if leaf == "bias" else (2 * d, d)
    return (d,) if leaf == "bias" else (d, d)


def _spec(layers: tuple[int, int], d: int, vocab: list[str], ffn: int, fill: Any,
          positions: int | None = None) -> Any:
    from ctranslate2.specs import transformer_spec

    spec = transformer_spec.TransformerSpec.from_config(layers, 1 if positions else 2)
    if positions:
        spec.encoder.position_encodings.encodings = np.zeros((positions, d), np.float32)
        spec.decoder.position_encodings.encodings = np.zeros((positions, d), np.float32)
    for name, value in spec.variables().items():
        if value is None:
            _set(spec, name, fill(name, _shape(name, d, len(vocab), ffn)))
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    return spec


def build_random_model(out_dir: Path, sp_model: Path, *, d_model: int = 32, ffn: int = 64,
                       layers: tuple[int, int] = (1, 1), eos_bias: float = 6.0,
                       seed: int = 0) -> Path:
    """A CTranslate2 Transformer with random weights; the ``</s>`` bias keeps outputs short."""
    vocab = _vocabulary(sp_model)
    rng = np.random.default_rng(seed)

    def fill(name: str, shape: tuple[int, ...]) -> np.ndarray:
        leaf = name.rsplit("/", 1)[-1]
        if leaf == "gamma":
            return np.ones(shape, np.float32)
        if leaf in ("beta", "bias"):
            return np.zeros(shape, np.float32)
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    spec = _spec(layers, d_model, vocab, ffn, fill)
    bias = np.zeros(len(vocab), np.float32)
    bias[SPECIALS.index("</s>")] = eos_bias
    spec.decoder.projection.bias = bias
    spec.validate()
    spec.optimize(quantization="int8")
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def build_copy_model(out_dir: Path, sp_model: Path, *, positions: int = 300) -> Path:
    """A CTranslate2 Transformer (1+1 layers) whose hand-set weights copy the source."""
    vocab = _vocabulary(sp_model)
    v = len(vocab)
    d = v + positions  # token one-hots in [0, v), position one-hots in [v, v + positions)
    big = 40.0

    def fill(name: str, shape: tuple[int, ...]) -> np.ndarray:
        leaf = name.rsplit("/", 1)[-1]
        if leaf == "gamma":
            return np.ones(shape, np.float32)
        return np.zeros(shape, np.float32)  # residual paths stay identities

    spec = _spec((1, 1), d, vocab, 4, fill, positions=positions)
    emb = np.zeros((v, d), np.float32)
    emb[np.arange(v), np.arange(v)] = 1.0
    spec.encoder.embeddings[0].weight = emb
    spec.decoder.embeddings.weight = emb.copy()
    spec.encoder.embeddings[0].multiply_by_sqrt_depth = False
    spec.decoder.embeddings.multiply_by_sqrt_depth = False
    pos = np.zeros((positions, d), np.float32)
    pos[np.arange(positions), v + np.arange(positions)] = 1.0
    spec.encoder.position_encodings.encodings = pos
    spec.decoder.position_encodings.encodings = pos.copy()
    cross = spec.decoder.layer[0].attention
    q = np.zeros((d, d), np.float32)
    q[v:, v:] = np.eye(positions) * big
    cross.linear[0].weight = q
    kv = np.zeros((2 * d, d), np.float32)
    kv[v:d, v:] = np.eye(positions) * big  # keys: source positions
    kv[d:d + v, :v] = np.eye(v)  # values: source tokens
    cross.linear[1].weight = kv
    cross.linear[2].weight = np.eye(d, dtype=np.float32) * big
    proj = np.zeros((v, d), np.float32)
    proj[np.arange(v), np.arange(v)] = 1.0
    spec.decoder.projection.weight = proj
    spec.config.add_source_eos = True
    spec.validate()
    spec.optimize(quantization="float32")
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))
    return out_dir


def write_package(path: Path, model_dir: Path, sp_model: Path, source: str, target: str,
                  version: str = "1.0", extra: dict[str, Any] | None = None) -> Path:
    """Zip a model as ``translate-SRC_TGT-VERSION.argosmodel``-style package at ``path``."""
    name = f"translate-{source}_{target}"
    meta = {"package_version": version, "argos_version": "1.9", "from_code": source,
            "to_code": target, "from_name": source, "to_name": target, "type": "translate",
            "code": name, **(extra or {})}
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}/metadata.json", json.dumps(meta))
        zf.write(sp_model, f"{name}/sentencepiece.model")
        for f in sorted(model_dir.iterdir()):
            zf.write(f, f"{name}/model/{f.name}")
    return path


def build_random_package(workdir: Path, source: str, target: str, version: str = "1.0") -> Path:
    """A ``.argosmodel`` with random weights for ``source -> target``."""
    sp = train_sentencepiece(workdir / f"sp-{source}{target}-{version}" / "sp")
    model = build_random_model(workdir / f"rand-{source}{target}-{version}", sp)
    return write_package(workdir / f"translate-{source}_{target}-{version}.argosmodel", model, sp,
                         source, target, version)


def build_copy_package(workdir: Path, source: str, target: str, version: str = "1.0") -> Path:
    """A ``.argosmodel`` whose model copies its input (placeholders survive)."""
    sp = train_sentencepiece(workdir / f"sp-{source}{target}-{version}" / "sp")
    model = build_copy_model(workdir / f"copy-{source}{target}-{version}", sp)
    return write_package(workdir / f"translate-{source}_{target}-{version}.argosmodel", model, sp,
                         source, target, version)
