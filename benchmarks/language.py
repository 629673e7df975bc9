"""Accuracy of language detection on the labelled set, per detector and combined.

Usage:  .venv/bin/python benchmarks/language.py [--set tests/data/language/labelled.tsv] [--errors]

Mixed items (paragraphs separated by " ¶ ") are scored with pressflow's per-paragraph
article detection (majority by characters) for the "pressflow" rows; the single detectors
see the whole text at once. "und" counts as wrong. The prior rows show that priors help on
near-ties and do not override evidence: "wrong prior" gives every item the prior of its
close neighbour (es<->pt, ca->es, gl->pt, it<->ro, nl<->de, ...).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from pressflow import language

ROOT = Path(__file__).resolve().parent.parent
NEIGHBOUR = {"es": "pt", "pt": "es", "ca": "es", "gl": "pt", "it": "ro", "ro": "it", "nl": "de",
             "de": "nl", "fr": "it", "en": "fr", "pl": "cs", "sv": "da", "tr": "az"}


def load(path: Path) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, kind, text = line.split("\t", 2)
            rows.append((lang, kind, text.replace(" ¶ ", "\n\n")))
    return rows


def top(scores: dict[str, float]) -> str:
    return max(scores, key=lambda k: scores[k]) if scores else language.UNDETERMINED


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "tests/data/language/labelled.tsv")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    rows = load(args.set)
    kinds = Counter(k for _, k, _ in rows)
    langs = sorted({lang for lang, _, _ in rows})
    print(f"labelled set: {len(rows)} items, {len(langs)} languages ({' '.join(langs)}), "
          f"kinds: {dict(kinds)}")
    detectors = {
        "langdetect (seeded)": lambda t, g: top(language.langdetect_scores(t)),
        "py3langid": lambda t, g: top(language.py3langid_scores(t)),
        "combined, no prior": lambda t, g: language.detect(t).lang,
        "pressflow (per paragraph), no prior":
            lambda t, g: language.detect_article(None, t).lang,
        "pressflow, right prior": lambda t, g: language.detect_article(None, t, source_lang=g).lang,
        "pressflow, wrong prior":
            lambda t, g: language.detect_article(None, t, source_lang=NEIGHBOUR.get(g)).lang,
    }
    language.detect("warm up both models")
    print(f"{'detector':40} {'accuracy':>9} {'headline':>9} {'mixed':>7} {'ms/item':>8}")
    for name, fn in detectors.items():
        ok = 0
        by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        misses = Counter()
        started = time.perf_counter()
        for gold, kind, text in rows:
            got = fn(text, gold)
            hit = got == gold
            ok += hit
            by_kind[kind][0] += hit
            by_kind[kind][1] += 1
            if not hit:
                misses[(gold, got)] += 1
        ms = (time.perf_counter() - started) * 1000 / len(rows)
        acc = ok / len(rows)
        head = by_kind["headline"][0] / max(1, by_kind["headline"][1])
        mixed = by_kind["mixed"][0] / max(1, by_kind["mixed"][1])
        print(f"{name:40} {acc:9.3f} {head:9.3f} {mixed:7.3f} {ms:8.2f}")
        if args.errors and misses:
            print("    misses (gold, got):", dict(misses.most_common()))


if __name__ == "__main__":
    main()
