"""langdetect's answer, computed with numpy: the same probabilities, a fraction of the time.

Why: langdetect (seeded, one of the language stage's voters) spends its time in
``Detector._update_lang_prob``, a Python loop over its 55 languages run about 400 times per
text (seven random trials of n-gram sampling until one language passes 0.99999): about two
thirds of the language stage's time on the benchmark corpus (cProfile, docs/scaling.md).
:class:`NumpyDetector` keeps everything of langdetect's ``Detector`` (text clean-up, n-gram
extraction, the seeded random sequence, the convergence test every five steps) and does only
the per-step update as one vector product over the languages. Every floating-point
operation is the one langdetect makes, in the same order (element-wise products and
quotients; the sum for normalising is Python's ``sum`` over the same list), so the answers
are identical, bit for bit: ``tests/test_langdetect_numpy.py`` compares them on real texts.
"""

from __future__ import annotations

import json
import os
from functools import cache

import numpy as np
from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.language import Language
from langdetect.utils.ngram import NGram

CHECK_EVERY = 5
"""langdetect tests convergence at steps 0, 5, 10, ... (``i % 5 == 0``)."""


class CompactProfiles:
    """langdetect's n-gram profiles as one float64 table (87,598 n-grams x 55 languages:
    38 MB) and a dict of row numbers, instead of its factory's Python list of 55 Python
    floats per n-gram (about 160 MB in every process that detects). Built from the same
    profile files, in the same order, with the same division, so every value is the one
    langdetect's ``DetectorFactory.add_profile`` computes."""

    def __init__(self, directory: str = PROFILES_DIRECTORY) -> None:
        names: list[str] = []
        freqs: list[tuple[dict[str, int], list[int]]] = []
        for filename in os.listdir(directory):  # the order langdetect's factory reads them
            if filename.startswith("."):
                continue
            full = os.path.join(directory, filename)
            if not os.path.isfile(full):
                continue
            with open(full, encoding="utf-8") as f:
                data = json.load(f)
            names.append(data["name"])
            freqs.append((data["freq"], data["n_words"]))
        self.langlist = names
        self.rows: dict[str, int] = {}
        for freq, _ in freqs:
            for word in freq:
                self.rows.setdefault(word, len(self.rows))
        self.table = np.zeros((len(self.rows), len(names)), dtype=np.float64)
        for index, (freq, n_words) in enumerate(freqs):
            for word, count in freq.items():
                length = len(word)
                if 1 <= length <= 3:
                    self.table[self.rows[word], index] = 1.0 * count / n_words[length - 1]
        self.word_lang_prob_map = self.rows  # what Detector reads: membership of an n-gram
        self.seed = DetectorFactory.seed

    def get_lang_list(self) -> list[str]:
        return list(self.langlist)


@cache
def profiles() -> CompactProfiles:
    """The profiles, loaded once per process."""
    return CompactProfiles()


@cache
def _normalized(ch: str) -> str:
    """langdetect's ``NGram.normalize`` of one character (a pure function of it)."""
    out: str = NGram.normalize(ch)
    return out


class NumpyDetector(Detector):  # type: ignore[misc]
    """langdetect's ``Detector`` with its sampling loop on numpy vectors."""

    def __init__(self, compact: CompactProfiles) -> None:
        super().__init__(compact)  # reads word_lang_prob_map, langlist and seed, as from a factory
        self.compact = compact

    def _extract_ngrams(self) -> list[str]:
        """``Detector._extract_ngrams`` with ``NGram.add_char`` inlined, same n-grams."""
        profile = self.word_lang_prob_map
        result: list[str] = []
        grams = " "
        capital = False
        for raw in self.text:
            ch = _normalized(raw)
            last = grams[-1]
            if last == " ":
                grams = " "
                capital = False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in range(1, min(len(grams), NGram.N_GRAM) + 1):
                w = grams[-n:]
                if w != " " and w in profile:
                    result.append(w)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        # the n-grams of this text only: a few hundred rows of the profile table
        rows_of: dict[str, int] = {}
        picks_from = [rows_of.setdefault(w, len(rows_of)) for w in ngrams]
        table = self.compact.table[[self.compact.rows[w] for w in rows_of]]
        langprob = np.zeros(len(self.langlist), dtype=np.float64)
        rng = self.random
        rng.seed(self.seed)
        # random.choice(ngrams) is ngrams[_randbelow(n)]: the same draws, without two calls
        n = len(picks_from)
        bits = n.bit_length()
        getrandbits = rng.getrandbits
        for _ in range(self.n_trial):
            prob = np.array(self._init_probability(), dtype=np.float64)
            alpha = self.alpha + rng.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            factors = (alpha / self.BASE_FREQ) + table  # langdetect: weight + lang_prob_map[i]
            # langdetect tests convergence after step 0, then after every fifth step: the
            # steps between two tests are one block, multiplied in order in one reduction
            i, block = 0, 1
            while True:
                picks = []
                for _step in range(block):
                    r = getrandbits(bits)
                    while r >= n:
                        r = getrandbits(bits)
                    picks.append(picks_from[r])
                stacked = np.empty((block + 1, len(prob)), dtype=np.float64)
                stacked[0] = prob
                stacked[1:] = factors[picks]
                prob = np.multiply.reduce(stacked, axis=0)  # ((prob * f1) * f2) ... row by row
                i += block - 1
                prob = prob / sum(prob.tolist())  # langdetect normalises with sum()
                if float(prob.max()) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                i += 1
                block = CHECK_EVERY
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()


def detect_langs(text: str) -> list[Language]:
    """``langdetect.detect_langs`` (same profiles, same seed, same answer) on numpy."""
    compact = profiles()
    compact.seed = DetectorFactory.seed
    detector = NumpyDetector(compact)
    detector.append(text)
    found: list[Language] = detector.get_probabilities()
    return found


def release() -> None:
    """Drop the profiles (and langdetect's own factory, if anything loaded it); the next
    detection loads them again."""
    profiles.cache_clear()
    _normalized.cache_clear()
    detector_factory._factory = None
