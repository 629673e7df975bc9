"""Asking lingua among candidate languages only: accuracy against asking it among all 75.

pressflow asks lingua only among the languages in each small detector's ``k`` best answers
(py3langid, fastText lite, langdetect) plus the priors (``LINGUA_CANDIDATES_TOP`` in
``pressflow/language.py``), so that a run loads the models of the languages it meets. This
script computes every detector's scores once per line (lingua: its confidence for every one of
its languages), then replays pressflow's vote with lingua restricted to the candidates of each
``k`` (lingua's values for the candidates, renormalised: restricting lingua keeps their ratios,
checked below against real restricted detectors) and with lingua over all languages (the
former default). Printed per ``k``: accuracy per kind, the number of languages more than a
point below the best single detector for that language (all kinds), and the size of the
candidate sets. ``--check N`` runs the shipped code (:func:`pressflow.language.detect`, real
restricted detectors) on N lines and counts where it differs from the replay, where lingua's
restricted answer differs from its all-language answer although the truth (or that answer) is
a candidate, and the largest difference between real and replayed confidence values.

    .venv/bin/python benchmarks/lingua_candidates.py --half tuning            # choose k
    .venv/bin/python benchmarks/lingua_candidates.py --half reporting --k 3 --check 300
    .venv/bin/python benchmarks/lingua_candidates.py --half tuning --k 4 --wordfreq 0 0.05 0.1 0.15

The replay includes the word-frequency vote of short lines (:func:`pressflow.language.wordfreq_scores`,
among the shipped candidates) as ``detect()`` does; ``--wordfreq`` adds rows without it and
with other exponents of its prior (``WORDFREQ_SHARE_EXPONENT``; 0: no prior of how much a
language is written beyond the rarity factor).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from language import KINDS, load_public  # noqa: E402

from pressflow import language  # noqa: E402

Scores = dict[str, dict[str, float]]


def _argmax(scores: dict[str, float]) -> str:
    return max(scores, key=lambda k: (scores[k], k)) if scores else language.UNDETERMINED


def _lingua_all_values(text: str) -> dict[str, float]:
    values = language._lingua_detector().compute_language_confidence_values(text[:language.LINGUA_MAX_CHARS])
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values if v.value > 0}


def _restricted(full: dict[str, float], among: frozenset[str] | None, top: int = 10) -> dict[str, float]:
    kept = full if among is None else {k: v for k, v in full.items() if k in among}
    total = sum(kept.values())
    if not total:
        return {}
    ranked = sorted(kept, key=lambda k: -kept[k])[:top]
    return {k: kept[k] / total for k in ranked}


class Line:
    """One public line with every detector's scores computed once."""

    def __init__(self, lang: str, kind: str, text: str) -> None:
        self.lang, self.kind = lang, kind
        self.sample = language._clean(text)[:language.MAX_DETECT_CHARS]
        self.fixed: str | None = language.script_language(self.sample)
        if self.fixed is None and len(language._LETTER.findall(self.sample)) < language.MIN_LETTERS:
            self.fixed = language.UNDETERMINED
        self.small: Scores = {}
        self.lingua: dict[str, float] = {}
        if self.fixed is None:
            self.small = {"langdetect": language.langdetect_scores(self.sample),
                          "py3langid": language.py3langid_scores(self.sample),
                          "fasttext": language.fasttext_scores(self.sample)}
            self.lingua = _lingua_all_values(self.sample)
        self.single = {"py3langid": str(language._identifier().classify(text)[0]),
                       "langdetect": _argmax(language.langdetect_scores(text)),
                       "lingua": _argmax(self.lingua if self.sample == text and self.lingua
                                         else _lingua_all_values(text)),
                       "fastText": _argmax(language.fasttext_scores(text, top=1))}

    def candidates(self, k: int, floor: float = language.LINGUA_CANDIDATE_FLOOR) -> frozenset[str]:
        return language.lingua_candidates(self.small, top=k, floor=floor)

    def vote(self, k: int | None, floor: float = language.LINGUA_CANDIDATE_FLOOR, wordfreq: bool = True) -> str:
        """pressflow's answer with lingua among the candidates of ``k`` (None: all languages),
        with the word-frequency vote on short lines (``wordfreq``) or without it."""
        if self.fixed is not None:
            return self.fixed
        among = None if k is None else self.candidates(k, floor)
        scores = {**self.small, "lingua": _restricted(self.lingua, among)}
        # word frequencies vote among the shipped candidates, whatever lingua is asked among
        frequencies = (language.wordfreq_scores(self.sample, self.candidates(language.LINGUA_CANDIDATES_TOP))
                       if wordfreq else {})
        if frequencies:
            scores["wordfreq"] = frequencies
        return language.combine(scores).lang


def _report(name: str, lines: Sequence[Line], answers: Sequence[str], langs: list[str]) -> str:
    per_kind = []
    for kind in KINDS:
        picked = [(line, a) for line, a in zip(lines, answers, strict=True) if line.kind == kind]
        per_kind.append(sum(a == line.lang for line, a in picked) / max(1, len(picked)))
    below = []
    for lang in langs:
        picked = [(line, a) for line, a in zip(lines, answers, strict=True) if line.lang == lang]
        ours = sum(a == lang for _, a in picked) / len(picked)
        best = max(sum(line.single[d] == lang for line, _ in picked) / len(picked) for d in picked[0][0].single)
        if ours < best - 0.01:
            below.append(lang)
    return (f"{name:<24}" + "".join(f"{a:>12.3f}" for a in per_kind)
            + f"{len(below):>8}  {' '.join(below)}")


def _check(lines: Sequence[Line], k: int) -> None:  # k: the shipped LINGUA_CANDIDATES_TOP
    """The shipped code against the replay, and real restricted lingua against lingua over all."""
    differs = lingua_differs = truth_candidate = 0
    worst = 0.0
    for line in lines:
        if line.fixed is not None:
            continue
        among = line.candidates(k)
        if language.detect(line.sample).lang != line.vote(k):
            differs += 1
        real = language.lingua_scores(line.sample, top=100, among=among)
        replay = _restricted(line.lingua, among, top=100)
        worst = max([worst, *(abs(real.get(c, 0.0) - replay.get(c, 0.0)) for c in among)])
        all_answer = _argmax(line.lingua)
        if line.lang in among or all_answer in among:
            truth_candidate += 1
            lingua_differs += _argmax(real) != all_answer and all_answer in among
    checked = sum(line.fixed is None for line in lines)
    print(f"check on {checked} lines (k={k}): shipped detect() differs from the replay on {differs}; "
          f"lingua restricted vs all languages, where its all-language answer is a candidate: "
          f"{lingua_differs} different answers (of {truth_candidate} lines whose truth or answer is a candidate); "
          f"largest confidence difference real vs replay {worst:.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("reporting", "tuning"), default="tuning")
    parser.add_argument("--per", type=int, default=None, help="at most N lines per language and kind")
    parser.add_argument("--k", type=int, nargs="*", default=[1, 2, 3, 4, 5], help="candidates per detector")
    parser.add_argument("--floor", type=float, nargs="*", default=[], help="also: shipped k, these floors")
    parser.add_argument("--check", type=int, default=0, help="run the shipped code on N lines spread over the set")
    parser.add_argument("--wordfreq", type=float, nargs="*", default=[],
                        help="also: shipped k, no word-frequency vote, then the vote with these share exponents")
    args = parser.parse_args()
    os.environ.pop(language.LINGUA_SWITCH, None)
    public = load_public(args.half, args.per)
    lines = [Line(lang, kind, text) for lang, kind, text in public]
    langs = sorted({line.lang for line in lines})
    print(f"public lines, {args.half} half: {len(lines)}, {len(langs)} languages")
    print(f"{'pressflow, lingua among':<24}" + "".join(f"{k:>12}" for k in KINDS)
          + f"{'below':>8}  languages >1 pt below the best single detector (all kinds)")
    print(_report("all 75 languages", lines, [line.vote(None) for line in lines], langs))
    judged = [line for line in lines if line.fixed is None]
    for k in args.k:
        sizes = [len(line.candidates(k)) for line in judged]
        truth_in = sum(line.lang in line.candidates(k) for line in judged) / max(1, len(judged))
        print(_report(f"candidates, k={k}", lines, [line.vote(k) for line in lines], langs)
              + f"   [set size mean {sum(sizes) / max(1, len(sizes)):.1f}, max {max(sizes, default=0)}; "
              f"truth among them {truth_in:.3f}]")
    k = language.LINGUA_CANDIDATES_TOP
    for floor in args.floor:
        sizes = [len(line.candidates(k, floor)) for line in judged]
        union = len(frozenset().union(*(line.candidates(k, floor) for line in judged)))
        print(_report(f"k={k}, floor {floor:g}", lines, [line.vote(k, floor) for line in lines], langs)
              + f"   [set size mean {sum(sizes) / max(1, len(sizes)):.1f}; union {union}]")
    if args.wordfreq:
        print(_report(f"k={k}, no word freq.", lines, [line.vote(k, wordfreq=False) for line in lines], langs))
        shipped = language.WORDFREQ_SHARE_EXPONENT
        for exponent in args.wordfreq:
            language.WORDFREQ_SHARE_EXPONENT = exponent
            print(_report(f"k={k}, word freq. ^{exponent:g}", lines, [line.vote(k) for line in lines], langs))
        language.WORDFREQ_SHARE_EXPONENT = shipped
    if args.check:
        _check(lines[::max(1, len(lines) // args.check)], language.LINGUA_CANDIDATES_TOP)
    by_kind = {kind: [line for line in lines if line.kind == kind] for kind in KINDS}
    print("single detectors (sentence/word-pair/single-word):", ", ".join(
        f"{d} " + "/".join(f"{sum(x.single[d] == x.lang for x in by_kind[k]) / max(1, len(by_kind[k])):.3f}"
                           for k in KINDS)
        for d in lines[0].single))
    print(f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; kinds: {dict(Counter(line.kind for line in lines))}")


if __name__ == "__main__":
    main()
