"""The story encoder encodes a text met twice in one call once (syndicated copies)."""

from __future__ import annotations

import numpy as np
import pytest

from pressflow.stories import embeddings


def test_a_repeated_text_is_encoded_once_and_gets_the_same_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    model = embeddings.encoder()
    encoded: list[str] = []
    real = model.encode

    def counted(texts: list[str]) -> np.ndarray:  # the real encoder, its inputs counted
        encoded.extend(texts)
        return real(texts)

    monkeypatch.setattr(model, "encode", counted)
    same = "Le maire de Lyon présente le plan pour les transports publics."
    texts = [same, "Seoul hosts the UCLG congress on local democracy.", same, "  ", same]
    vectors = embeddings.embed(texts)
    assert sorted(encoded) == sorted({same, texts[1]})
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[0], vectors[4])
    assert not vectors[3].any()  # an empty text: zeros, as before
    alone = embeddings.embed([same])[0]
    assert np.allclose(vectors[0], alone, atol=1e-5)
    assert abs(float(np.linalg.norm(vectors[0])) - 1.0) < 1e-4
    assert float(vectors[0] @ vectors[1]) < 0.9
