"""Fit the stories' calibrated combination on the development set's TUNING half only.

    .venv/bin/python benchmarks/stories_fit.py                 # fit, print coefficients + figures
    .venv/bin/python benchmarks/stories_fit.py --devset PATH   # another copy of the set

Every pair of the tuning half's items (and of tests/data/stories/articles.yaml, the older
labelled set that the anchor thresholds were set on) that no veto keeps apart (and that is not a
near-duplicate) is a training example: label 1 when the two items are one story. The
signals are :class:`pressflow.stories.similarity.Signals` (embedding cosine, anchor share,
shared anchors, keyword share, text Jaccard, English cosine, same language); a logistic
regression (L2, Newton steps) gives the coefficients to paste into similarity.py
(``COEFFICIENTS``, ``INTERCEPT``), and the join probability is chosen as the lowest
one whose pairwise precision on these training pairs is >= 0.99. The reporting half is
never read here.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.stories_devset import DEVSET, load_devset  # noqa: E402

from pressflow.stories import similarity as sim  # noqa: E402
from pressflow.stories.stage import StoryInput, fingerprints, without_boilerplate  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "stories" / "articles.yaml"


def examples(path: Path, verbose: bool = False) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    tuning = load_devset(path).half("tuning")
    items = [StoryInput(id=i.id, lang=i.lang, title=i.title, text=i.text, published=i.published,
                        source=i.source) for i in tuning.items]
    story = {i.id: i.story for i in tuning.items}
    x, y, names = pair_examples(items, story, verbose)
    labelled = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["articles"]
    items = [StoryInput(id=a["id"], lang=a["lang"], title=a["title"], text=a["text"],
                        published=str(a["published"]), source=a["source"]) for a in labelled]
    x2, y2, names2 = pair_examples(items, {a["id"]: a["story"] for a in labelled}, verbose)
    print(f"pairs past the vetoes: {len(y)} of the tuning half, {len(y2)} of {LABELLED.name}")
    return np.vstack([x, x2]), np.concatenate([y, y2]), names + names2


def pair_examples(items: list[StoryInput], story: dict[str, str],
                  verbose: bool) -> tuple[np.ndarray, np.ndarray, list[tuple[str, str]]]:
    fps = fingerprints(without_boilerplate(items))
    df = Counter(a for fp in fps for a in fp.postings)
    weight = sim.idf_weight(lambda a: df.get(a, 0), len(fps))
    rows, labels, names = [], [], []
    vetoed: Counter[tuple[str, bool]] = Counter()
    for a, b in itertools.combinations(fps, 2):
        if sim.jaccard(a.signature, b.signature) >= sim.NEAR_DUP_JACCARD:
            continue
        reason = sim.veto(a, b, window=sim.DATE_WINDOW_DAYS)
        if reason is not None:
            vetoed[(re.sub(r"\d+", "N", reason), story[a.id] == story[b.id])] += 1
            if story[a.id] == story[b.id] and verbose:
                print(f"  vetoed true pair {a.id} ~ {b.id}: {reason}")
            continue
        rows.append(sim.signals(a, b, weight).features())
        labels.append(float(story[a.id] == story[b.id]))
        names.append((a.id, b.id))
    for (reason, same), n in sorted(vetoed.items()):
        print(f"vetoed {'same-story' if same else 'different'} pairs: {n:5d}  {reason}")
    return np.array(rows), np.array(labels), names


def clustered(path: Path) -> None:
    """Pairwise precision and recall of group_stories on the tuning half, same-language and
    cross-language apart, with the pairs it gets wrong."""
    from pressflow.stories.stage import group_stories

    tuning = load_devset(path).half("tuning")
    items = [StoryInput(id=i.id, lang=i.lang, title=i.title, text=i.text, published=i.published,
                        source=i.source) for i in tuning.items]
    keys = dict(zip((i.id for i in items), group_stories(items), strict=True))
    counts: Counter[tuple[bool, str]] = Counter()
    for a, b in itertools.combinations(tuning.items, 2):
        same, joined, cross = a.story == b.story, keys[a.id] == keys[b.id], a.lang != b.lang
        kind = "cross" if cross else "same"
        counts[(same and joined, kind + "_tp")] += 1
        if same and not joined:
            counts[(True, kind + "_fn")] += 1
            print(f"  MISSED {a.id} ~ {b.id}")
        if joined and not same:
            counts[(True, kind + "_fp")] += 1
            print(f"  FALSE  {a.id} ~ {b.id}")
    for kind in ("same", "cross"):
        tp, fp, fn = (counts[(True, f"{kind}_{x}")] for x in ("tp", "fp", "fn"))
        print(f"{kind}-language: precision {tp / max(1, tp + fp):.3f} recall {tp / max(1, tp + fn):.3f} "
              f"(found {tp}, false {fp}, missed {fn})")


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method; returns [intercept, *coefficients]."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = l2 * np.eye(len(w))
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -50, 50)))
        gradient = design.T @ (p - y) + penalty @ w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--verbose", action="store_true", help="list the vetoed true pairs")
    parser.add_argument("--cluster", action="store_true", help="only cluster the tuning half and count")
    args = parser.parse_args()
    if args.cluster:
        clustered(args.devset)
        return
    x, y, _ = examples(args.devset, args.verbose)
    print(f"tuning half: {len(y)} pairs past the vetoes, {int(y.sum())} of one story")
    w = fit(x, y, args.l2)
    conflict = 1 + sim.FEATURES.index("lead_conflict")
    if w[conflict] > 0:  # a conflict never speaks for a match: fit again without it
        w = fit(np.delete(x, conflict - 1, axis=1), y, args.l2)
        w = np.insert(w, conflict, 0.0)
    print("INTERCEPT =", round(float(w[0]), 2))
    print("COEFFICIENTS = (" + ", ".join(f"{v:.2f}" for v in w[1:]) + ")  # " + ", ".join(sim.FEATURES))
    p = 1 / (1 + np.exp(-np.clip(np.hstack([np.ones((len(x), 1)), x]) @ w, -50, 50)))
    print(" p >=  precision  recall")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        joined = p >= threshold
        tp = float((joined & (y == 1)).sum())
        print(f" {threshold:.1f}   {tp / max(1, joined.sum()):.3f}      {tp / max(1, y.sum()):.3f}")


if __name__ == "__main__":
    main()
