"""Entity recognition against the gold set: precision, recall, F1, canonical names, throughput.

Usage:  .venv/bin/python benchmarks/entities.py [--gold tests/data/entities/gold.yaml]
                                                [--no-translations] [--errors] [--repeat N]

A predicted entity counts when its span and label equal a gold mention's. Canonical-name
accuracy is measured on the matched mentions whose gold canonical name is one the gazetteer
knows (a city, a country, an entities.yaml entry). Throughput compares pressflow's
``extract_entities`` (gazetteer + NER-only pipelines + canonical names) with raw
``nlp.pipe`` of the same installed spaCy packages on the same texts in the same run, both
with their full default pipeline and with the NER component only. Only texts in languages
with a spaCy model take part in the throughput figures (raw spaCy cannot read the others).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from pressflow.entities import gazetteer as gz  # noqa: E402
from pressflow.entities import stage as ent  # noqa: E402
from pressflow.entities.officials import find_officials  # noqa: E402

LABELS = ("PERSON", "ORG", "GPE", "LOC")


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold items with their text and the character spans of every gold mention."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for item in data["items"]:
        text = item.get("text") or (path.parent / item["file"]).read_text(encoding="utf-8")
        mentions = []
        for surface, label, canonical in item["entities"]:
            # Korean attaches particles to a name (서울에서): a mention may run on
            after = "" if "\uac00" <= surface[-1] <= "\ud7a3" else r"(?!\w)"
            for m in re.finditer(rf"(?<!\w){re.escape(surface)}{after}", text):
                mentions.append((m.start(), m.end(), label, canonical))
        mentions.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        outer: list[tuple[int, int, str, str]] = []
        for mnt in mentions:
            if not any(o[0] <= mnt[0] and mnt[1] <= o[1] for o in outer):
                outer.append(mnt)
        items.append({**item, "text": text, "gold": outer})
    return items


def score(items: list[dict[str, Any]], predicted: list[list[ent.Entity]],
          show_errors: bool = False) -> dict[str, Any]:
    gaz, _ = gz.cached()
    known_canonicals = {e.canonical for e in gaz.aliases.values()}
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    canon_ok = canon_all = 0
    for item, pred in zip(items, predicted, strict=True):
        gold = {(s, e, lab): can for s, e, lab, can in item["gold"]}
        got = {(p.start, p.end, p.label): p.canonical for p in pred}
        for key, can in got.items():
            if key in gold:
                tp[key[2]] += 1
                if gold[key] in known_canonicals:
                    canon_all += 1
                    canon_ok += can == gold[key]
                    if show_errors and can != gold[key]:
                        print(f"  canonical {item['id']}: {item['text'][key[0]:key[1]]!r} -> "
                              f"{can!r}, gold {gold[key]!r}")
            else:
                fp[key[2]] += 1
                if show_errors:
                    print(f"  FP {item['id']}: {item['text'][key[0]:key[1]]!r} {key[2]}")
        for key in gold:
            if key not in got:
                fn[key[2]] += 1
                if show_errors:
                    print(f"  FN {item['id']}: {item['text'][key[0]:key[1]]!r} {key[2]}")
    rows = {}
    for label in (*LABELS, "overall"):
        t = sum(tp.values()) if label == "overall" else tp[label]
        f_p = sum(fp.values()) if label == "overall" else fp[label]
        f_n = sum(fn.values()) if label == "overall" else fn[label]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows[label] = (p, r, f1, t + f_n)
    return {"rows": rows, "canonical": (canon_ok, canon_all)}


def print_scores(title: str, result: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"{'label':8} {'precision':>9} {'recall':>7} {'F1':>6} {'gold':>5}")
    for label, (p, r, f1, n) in result["rows"].items():
        print(f"{label:8} {p:9.3f} {r:7.3f} {f1:6.3f} {n:5d}")
    ok, total = result["canonical"]
    print(f"canonical-name accuracy on gazetteer entities: {ok}/{total} = "
          f"{ok / max(1, total):.3f}")


def throughput(items: list[dict[str, Any]], repeat: int) -> None:

    texts = [(i["text"], i["lang"]) for i in items if ent.model_available(i["lang"])]
    spans = [ent.mixed_paragraphs(t, lang) for t, lang in texts]
    chars = sum(len(t) for t, _ in texts) * repeat
    ent.extract_entities(texts, paragraphs=spans)  # warm: models and gazetteer loaded once
    started = time.process_time()
    for _ in range(repeat):
        found = ent.extract_entities(texts, paragraphs=spans)
        for (t, _), f in zip(texts, found, strict=True):
            find_officials(t, f)
    ours = time.process_time() - started
    by_lang: dict[str, list[str]] = {}
    for t, lang in texts:
        by_lang.setdefault(lang, []).append(t)
    raw_times = {}
    for variant in ("full", "ner-only"):
        pipes = {lang: (_raw_pipeline(lang) if variant == "full" else ent.load_model(lang))
                 for lang in by_lang}
        for lang, nlp in pipes.items():
            list(nlp.pipe(by_lang[lang][:2]))  # warm
        started = time.process_time()
        for _ in range(repeat):
            for lang, nlp in pipes.items():
                for _doc in nlp.pipe(by_lang[lang], batch_size=ent.BATCH_SIZE):
                    pass
        raw_times[variant] = time.process_time() - started
    print(f"\nthroughput (CPU time of this process: steadier than wall time on a shared machine) "
          f"on {len(texts)} texts in {sorted(by_lang)} x{repeat} "
          f"({chars} characters)")
    print(f"  {'pressflow entities + officials:':34} {chars / ours:10.0f} chars/s")
    for variant, secs in raw_times.items():
        name = f"raw nlp.pipe ({variant} pipeline):"
        print(f"  {name:34} {chars / secs:10.0f} chars/s   "
              f"ratio pressflow/raw = {secs / ours:.2f}")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _raw_pipeline(lang: str) -> Any:
    """The pipeline pressflow calls for ``lang``, as plain spaCy loads it (all components)."""
    import spacy

    name = ent.model_name(lang)
    own = name in (ent.TRAINED_MODEL, ent.TRAINED_ZH)
    return spacy.load(ent.trained_model_path(str(name)) if own else str(name))


def public_sets(limit: int, langs: list[str] | None, show_errors: bool) -> None:
    """PERSON/ORG/LOC on the reported sentences of the public NER sets (benchmarks/ner_sets.py:
    never trained on), pressflow beside the raw pipeline it calls, per language and label.

    Labels are folded to PERSON, ORG, LOC (GPE -> LOC); a prediction counts when span and
    label match exactly. ``limit`` sentences per set, taken in file order.
    """
    import ner_sets

    by_set: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in ner_sets.records():
        if ner_sets.reported(r) and (not langs or r["lang"] in langs):
            key = (r["lang"], ner_sets.source_name(r))
            if len(by_set.setdefault(key, [])) < limit:
                by_set[key].append(r)
    print(f"\npublic NER sets, reported sentences only (first {limit} per set); "
          "F1 on PERSON+ORG+LOC, GPE folded into LOC")
    print(f"{'lang':4} {'set':22} {'n':>5} {'method':26} {'P':>6} {'R':>6} {'F1':>6}  "
          f"{'PER F1':>6} {'ORG F1':>6} {'LOC F1':>6} {'chars/s':>8}")
    for (lang, source), recs in sorted(by_set.items()):
        texts = [(r["text"], lang) for r in recs]
        gold = [{(s, e, lab) for s, e, lab in ner_sets.folded_spans(r)} for r in recs]
        runs: list[tuple[str, list[set[tuple[int, int, str]]], float]] = []
        ent.extract_entities(texts[:2])  # warm: gazetteer and model loaded before timing
        started = time.perf_counter()
        found = ent.extract_entities(texts)
        ours_s = time.perf_counter() - started
        fold = {"GPE": "LOC"}
        runs.append(("pressflow", [{(e.start, e.end, fold.get(e.label, e.label)) for e in f}
                                   for f in found], ours_s))
        if ent.model_available(lang):
            nlp = _raw_pipeline(lang)
            list(nlp.pipe(t for t, _ in texts[:2]))
            started = time.perf_counter()
            docs = list(nlp.pipe((t for t, _ in texts), batch_size=ent.BATCH_SIZE))
            raw_s = time.perf_counter() - started
            labels = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
            runs.append((f"raw {ent.model_name(lang)}", [
                {(x.start_char, x.end_char, labels[x.label_]) for x in d.ents if x.label_ in labels}
                for d in docs], raw_s))
        chars = sum(len(t) for t, _ in texts)
        for name, pred, secs in runs:
            counts = {lab: [0, 0, 0] for lab in ("PERSON", "ORG", "LOC")}
            for g, p in zip(gold, pred, strict=True):
                for lab in counts:
                    gl = {x for x in g if x[2] == lab}
                    pl = {x for x in p if x[2] == lab}
                    counts[lab][0] += len(gl & pl)
                    counts[lab][1] += len(pl - gl)
                    counts[lab][2] += len(gl - pl)
            total = [sum(c[k] for c in counts.values()) for k in range(3)]
            p_, r_, f_ = _prf(*total)
            per = [_prf(*counts[lab])[2] for lab in ("PERSON", "ORG", "LOC")]
            print(f"{lang:4} {source:22} {len(recs):5d} {name:26} {p_:6.3f} {r_:6.3f} {f_:6.3f}  "
                  f"{per[0]:6.3f} {per[1]:6.3f} {per[2]:6.3f} {chars / max(secs, 1e-9):8.0f}")
        if show_errors:
            for r, g, p in list(zip(recs, gold, runs[0][1], strict=True))[:20]:
                for s, e, lab in sorted(p - g):
                    print(f"  FP {r['id']}: {r['text'][s:e]!r} {lab}")
                for s, e, lab in sorted(g - p):
                    print(f"  FN {r['id']}: {r['text'][s:e]!r} {lab}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/data/entities/gold.yaml")
    parser.add_argument("--no-translations", action="store_true",
                        help="do not give English translations to languages without a model")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--public", action="store_true",
                        help="score the public NER sets' reported sentences instead of the gold set")
    parser.add_argument("--limit", type=int, default=500, help="sentences per public set (default 500)")
    parser.add_argument("--lang", action="append", help="only this language (repeatable; --public)")
    args = parser.parse_args()
    if args.public:
        public_sets(args.limit, args.lang, args.errors)
        return
    items = load_gold(args.gold)
    langs = Counter(i["lang"] for i in items)
    print(f"gold set: {len(items)} items ({dict(langs)}), "
          f"{sum(len(i['gold']) for i in items)} mentions; models installed for: "
          f"{sorted({str(ent.model_name(i['lang'])) for i in items if ent.model_available(i['lang'])})}")
    texts = [(i["text"], i["lang"]) for i in items]
    started = time.perf_counter()
    gz.cached()
    print(f"gazetteer: {len(gz.cached()[0])} names, ready in {time.perf_counter() - started:.1f} s "
          f"(built, or loaded from {gz.cache_dir()})")
    translations = None if args.no_translations else [i.get("translation") for i in items]
    spans = [ent.mixed_paragraphs(t, lang) for t, lang in texts]  # as the language stage stores
    predicted = ent.extract_entities(texts, translations, paragraphs=spans)
    label = "without translations" if args.no_translations else "with translations"
    print_scores(f"all items ({label})", score(items, predicted, args.errors))
    print(f"\nper language ({label})\n{'lang':5} {'method':24} {'P':>6} {'R':>6} {'F1':>6} {'gold':>5}")
    for lang in sorted({i["lang"] for i in items}):
        idx = [k for k, i in enumerate(items) if i["lang"] == lang]
        p, r, f1, n = score([items[k] for k in idx], [predicted[k] for k in idx])["rows"]["overall"]
        how = ent.model_name(lang) if ent.model_available(lang) else "gazetteer+translation"
        print(f"{lang:5} {how:24} {p:6.3f} {r:6.3f} {f1:6.3f} {n:5d}")
    seeds = [k for k, i in enumerate(items) if "file" in i]
    shorts = [k for k, i in enumerate(items) if "file" not in i]
    for name, idx in (("seed pages", seeds), ("short texts", shorts)):
        print_scores(name, score([items[k] for k in idx], [predicted[k] for k in idx]))
    officials = [(i["id"], o) for i, p in zip(items, predicted, strict=True)
                 for o in find_officials(i["text"], p)]
    print(f"\nofficials found: {len(officials)}")
    for item_id, o in officials:
        print(f"  {item_id}: {o.person} | {o.role} | place={o.place} | org={o.org}")
    throughput(items, args.repeat)


if __name__ == "__main__":
    main()
