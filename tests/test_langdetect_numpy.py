"""pressflow's numpy langdetect gives langdetect's own answer, bit for bit."""

from __future__ import annotations

from pathlib import Path

import pytest
from langdetect import DetectorFactory, LangDetectException
from langdetect import detect_langs as library_detect_langs

from pressflow import language
from pressflow.text.langdetect_numpy import NumpyDetector, detect_langs, profiles

LABELLED = Path(__file__).parent / "data" / "language" / "labelled.tsv"


def _labelled_texts() -> list[str]:
    texts = []
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            texts.append(line.split("\t", 2)[2].replace(" ¶ ", "\n\n"))
    return texts


def _answers(detect: object, texts: list[str]) -> list[object]:
    out: list[object] = []
    for text in texts:
        try:
            out.append([(found.lang, found.prob) for found in detect(text)])  # type: ignore[operator]
        except LangDetectException as exc:
            out.append(f"error: {exc}")
    return out


def test_same_probabilities_as_langdetect_on_the_labelled_texts() -> None:
    """208 texts in 26 languages and scripts (headlines, paragraphs, mixed texts): every
    probability equal as a float, not approximately."""
    assert DetectorFactory.seed == 0  # pressflow.language seeds langdetect
    texts = _labelled_texts()
    assert len(texts) >= 200
    ours = _answers(detect_langs, texts)
    assert ours == _answers(library_detect_langs, texts)
    assert sum(isinstance(a, list) and len(a) > 0 for a in ours) >= 200


@pytest.mark.parametrize("text", ["", "1234 5678 !!", "https://example.org/x", "OK", "ABC DEF GHI",
                                  "Ünïcödé ñ", "東京都の知事が発表した", "Ελληνικά κείμενα εδώ",
                                  "Xin chào thế giới Việt Nam", "UCLG UN-Habitat C40 WeGO"])
def test_same_answer_or_same_error_on_edge_cases(text: str) -> None:
    """No letters, capitals only (langdetect skips capital words), other scripts, Vietnamese
    marks: the same probabilities, or the same "no features" error."""
    assert _answers(detect_langs, [text]) == _answers(library_detect_langs, [text])


def test_the_language_stage_uses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """langdetect's vote in pressflow's detection comes from this detector (counted, not
    replaced: the real method runs) and is the library's answer."""
    calls = []
    real = NumpyDetector._detect_block

    def counted(self: NumpyDetector) -> None:
        calls.append(self)
        real(self)

    monkeypatch.setattr(NumpyDetector, "_detect_block", counted)
    text = "Le conseil municipal a approuvé le budget pour les transports publics de la ville."
    expected: dict[str, float] = {}
    for found in library_detect_langs(text):
        expected[found.lang] = expected.get(found.lang, 0.0) + found.prob
    assert language.langdetect_scores(text) == expected
    assert len(calls) == 1


def test_compact_profiles_hold_langdetects_values() -> None:
    """The one-table profiles hold, for every n-gram and language, the float langdetect's
    factory computes, languages in its order."""
    from langdetect import detector_factory

    detector_factory.init_factory()
    factory = detector_factory._factory
    compact = profiles()
    assert compact.langlist == factory.langlist
    assert len(compact.rows) == len(factory.word_lang_prob_map) > 80_000
    for word in list(factory.word_lang_prob_map)[::97]:
        assert compact.table[compact.rows[word]].tolist() == factory.word_lang_prob_map[word], word
