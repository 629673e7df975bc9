"""Translation memory: what near matching costs, and what it takes and refuses.

Sentences: the Spanish (and French) sentences of the public language-ID set
(``/work/shared/eval/langid``, lingua's test data, evaluate only: measured here, never
shipped). Half of them (fixed by hash) are the memory; the queries are the stored sentences
changed the ways a partner's next text changes them:

- the same sentence (exact, after case and white space) and with a typo in one long word;
- with one word replaced by a word of another sentence (what it says changes);
- with a number changed (only sentences that hold one);
- sentences of the other half (not in the memory at all).

Printed: lookups per second with near matching against exact matching only (the baseline,
``memory_threshold: 1``, measured in the same run on the same queries), and the share of
each kind of query the memory answers at the default threshold.

    python benchmarks/translation_memory.py [--lang es] [--limit 2000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import timed
from pressflow.store.records import MemoryEntry
from pressflow.translate.memory import DEFAULT_THRESHOLD, PairMemory, segment_key

EVAL = Path("/work/shared/eval/langid/langid.jsonl")


def _sentences(lang: str, limit: int) -> list[str]:
    found = []
    with EVAL.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["lang"] == lang and row["kind"] == "sentence" and len(row["text"].split()) >= 6:
                found.append(row["text"].strip())
    return found[:limit]


def _in_memory(sentence: str) -> bool:
    return hashlib.sha256(sentence.encode()).digest()[0] % 2 == 0


def _typo(sentence: str, rng: random.Random) -> str | None:
    words = [w for w in re.findall(r"\w{7,}", sentence) if not w.isdigit()]
    if not words:
        return None
    word = rng.choice(words)
    i = rng.randrange(1, len(word) - 2)
    return sentence.replace(word, word[:i] + word[i + 1] + word[i] + word[i + 2:], 1)


def _other_word(sentence: str, vocabulary: list[str], rng: random.Random) -> str | None:
    words = re.findall(r"\b[^\W\d]{4,}\b", sentence)
    if not words:
        return None
    word = rng.choice(words)
    other = rng.choice([v for v in vocabulary if v.lower() != word.lower()])
    return re.sub(rf"\b{re.escape(word)}\b", other, sentence, count=1)


def _number(sentence: str) -> str | None:
    found = re.search(r"\d+", sentence)
    if not found:
        return None
    return sentence[:found.start()] + str(int(found.group()) + 1) + sentence[found.end():]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="es")
    parser.add_argument("--limit", type=int, default=2000, help="sentences read from the set")
    args = parser.parse_args()
    sentences = _sentences(args.lang, args.limit)
    stored = [s for s in sentences if _in_memory(s)]
    unseen = [s for s in sentences if not _in_memory(s)]
    entries = [MemoryEntry(args.lang, "en", s, f"<{i}>", segment_key(s), "editor")
               for i, s in enumerate(stored)]
    rng = random.Random(20)
    vocabulary = sorted({w for s in unseen for w in re.findall(r"\b[^\W\d]{4,}\b", s)})
    queries: dict[str, list[tuple[str, str]]] = {  # kind -> (query, the stored sentence)
        "same sentence, other case": [(s.upper(), s) for s in stored],
        "a typo in one word": [(q, s) for s in stored if (q := _typo(s, rng))],
        "one word replaced": [(q, s) for s in stored if (q := _other_word(s, vocabulary, rng))],
        "a number changed": [(q, s) for s in stored if (q := _number(s))],
        "not in the memory": [(s, "") for s in unseen],
    }
    every = [q for pairs in queries.values() for q, _ in pairs]
    print(f"translation memory ({args.lang}): {len(entries)} stored sentences, {len(every)} queries "
          f"(evaluate-only sentences of {EVAL.parent.name})")
    rates = {}
    for name, threshold in (("exact only (baseline)", 1.0), (f"near >= {DEFAULT_THRESHOLD}", DEFAULT_THRESHOLD)):
        memory = PairMemory(entries, threshold)
        with timed() as t:
            for q in every:
                memory.lookup(q)
        rates[name] = len(every) / t.seconds
        print(f"  {name:<24} {rates[name]:>10,.0f} lookups/s")
    base, near = rates.values()
    print(f"  near matching runs at {near / base:.3f}x the speed of exact lookups")
    memory = PairMemory(entries)
    print(f"answered by the memory at the default threshold {DEFAULT_THRESHOLD}:")
    for kind, pairs in queries.items():
        hits = [memory.lookup(q) for q, _ in pairs]
        right = sum(1 for h, (_, s) in zip(hits, pairs, strict=True) if h and h.entry.source == s)
        print(f"  {kind:<28} {len(pairs):>5} queries  {sum(h is not None for h in hits) / len(pairs):6.1%} "
              f"answered  ({right} with the sentence it came from)")


if __name__ == "__main__":
    main()
