"""Rebuild pressflow's multilingual NER pipeline (``pressflow/data/ner/xx_pressflow_ner``).

Usage (``make train-ner`` runs it):

    python scripts/train_ner.py [--eval-dir ../shared/eval] [--uner-dir DIR] [--extra-dir DIR] [--steps 6000]

Data, all under licences that allow training and shipping the model (see the model card
written next to the model):

* the ``eval+train`` sentences of ``shared/eval/ner/ner.jsonl`` that no benchmark reports
  (rule in ``benchmarks/ner_sets.py``): Portuguese-Bosque train+dev, RONEC dev, the
  training half of the PUD sets (de, en, pt, ru, sv), and the dev splits of the Danish,
  Swedish, Croatian, Serbian, Slovak and English UNER sets;
* the train splits of UNER Croatian-SET, Serbian-SET, Slovak-SNK, Danish-DDT and
  Swedish-Talbanken (``*-ud-train.iob2`` files in ``--uner-dir``, taken from the
  UniversalNER repositories at the commits named in ``UNER_COMMITS``);
* with ``--extra-dir``, the files of ``EXTRA_SOURCES`` in ``scripts/ner_data.py`` (GermEval
  2014 German, WikiNER Russian, Europeana Newspapers Dutch), sampled per file.

Every sentence that is the same text as a reported benchmark sentence, or shares a passage
with one, is dropped first (``ner_data.ReportedIndex``): WikiNER and WikiANN both come from
Wikipedia.

One ``xx`` (language-independent tokenizer) pipeline is trained on all languages at once:
names look alike across European languages (capitals, suffixes, "di"/"de"/"von" inside
names), so the languages with no training set of their own here (es, it, nl, pl) are read by
what the model learnt from their neighbours. Labels: PERSON, ORG, LOC.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import ner_data  # noqa: E402
import ner_sets  # noqa: E402

MODEL_NAME = "xx_pressflow_ner"
MODEL_DIR = ROOT / "pressflow" / "data" / "ner" / MODEL_NAME
CONFIG = ROOT / "scripts" / "ner" / "xx_ner.cfg"
UNER_COMMITS = {
    "UniversalNER/UNER_Croatian-SET": ("hr_set-ud-train.iob2", "20dcb2ef6b6bf9d5e03605a74c4d87215a1574c1"),
    "UniversalNER/UNER_Serbian-SET": ("sr_set-ud-train.iob2", "0d9685f001c10895572d844ef789c53dade0e265"),
    "UniversalNER/UNER_Slovak-SNK": ("sk_snk-ud-train.iob2", "886e7c6d7e066e23246af5070d115a036a465c6d"),
    "UniversalNER/UNER_Danish-DDT": ("da_ddt-ud-train.iob2", "983c4cdc09f8ece6069d2b692b60dc4b3649ec6e"),
    "UniversalNER/UNER_Swedish-Talbanken": ("sv_talbanken-ud-train.iob2",
                                            "dbb692085267da83a35d1e1d2c111671b3c7c46b"),
}
IOB_FOLD = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
Example = tuple[str, str, list[tuple[int, int, str]]]  # (lang, text, spans)


def read_iob2(path: Path) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of a UNER ``.iob2`` file as (text, character spans), spans aligned on the
    sentence's ``# text =`` line (tokens are searched for in order)."""
    text = ""
    tokens: list[tuple[str, str]] = []

    def flush() -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
        pos = 0
        spans: list[tuple[int, int, str]] = []
        open_span: list[int | str] | None = None
        for word, tag in tokens:
            at = text.find(word, pos)
            if at < 0:
                return  # text and tokens disagree: skip the sentence
            pos = at + len(word)
            kind = IOB_FOLD.get(tag[2:]) if tag[:2] in {"B-", "I-"} else None
            if open_span and (kind is None or tag.startswith("B-") or kind != open_span[2]):
                spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
                open_span = None
            if kind is not None:
                if open_span is None:
                    open_span = [at, pos, kind]
                else:
                    open_span[1] = pos
        if open_span:
            spans.append((int(open_span[0]), int(open_span[1]), str(open_span[2])))
        yield text, spans

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = "):]
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if tokens and text:
                    yield from flush()
                tokens, text = [], ""
            else:
                cols = line.split("\t")
                if len(cols) >= 3:
                    tokens.append((cols[1], cols[2]))
    if tokens and text:
        yield from flush()


def collect(eval_dir: Path | None, uner_dir: Path | None, only: str | None = None) -> list[Example]:
    """Every trainable sentence; Chinese (it needs its own tokenizer) only with ``only="zh"``."""
    out: list[Example] = []
    for r in ner_sets.records(eval_dir):
        if ner_sets.trainable(r) and (r["lang"] == only if only else r["lang"] != "zh"):
            out.append((r["lang"], r["text"], ner_sets.folded_spans(r)))
    if uner_dir and not only:
        for _repo, (name, _commit) in UNER_COMMITS.items():
            path = uner_dir / name
            if not path.exists():
                sys.exit(f"{path}: missing; get it from the UniversalNER repository named in "
                         f"scripts/train_ner.py (UNER_COMMITS), or leave out --uner-dir")
            lang = name.split("_")[0]
            out.extend((lang, text, spans) for text, spans in read_iob2(path))
    return out


def to_docbins(examples: list[Example], work: Path, lang: str = "xx") -> tuple[Path, Path, Counter[str]]:
    """train.spacy and dev.spacy (one sentence in 20, by hash, for spaCy's own scoring)."""
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank(lang)
    train, dev = DocBin(), DocBin()
    counts: Counter[str] = Counter()
    for lang, text, spans in examples:
        doc = nlp.make_doc(text)
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
                ents.append(span)
        doc.ents = ents
        counts[lang] += 1
        is_dev = hashlib.sha1(text.encode()).digest()[0] % 20 == 0
        (dev if is_dev else train).add(doc)
    train_path, dev_path = work / "train.spacy", work / "dev.spacy"
    train.to_disk(train_path)
    dev.to_disk(dev_path)
    return train_path, dev_path, counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=None,
                        help="shared/eval folder (default: $PRESSFLOW_EVAL_DIR or ../shared/eval)")
    parser.add_argument("--uner-dir", type=Path, default=None,
                        help="folder with the UNER *-ud-train.iob2 files of UNER_COMMITS")
    parser.add_argument("--extra-dir", type=Path, default=None,
                        help="folder with the files of EXTRA_SOURCES in scripts/ner_data.py")
    parser.add_argument("--skip-extra", action="append", default=[],
                        help="leave out this file of EXTRA_SOURCES (repeatable)")
    parser.add_argument("--work-dir", type=Path, default=None,
                        help="keep spaCy's training folder here (default: a temporary folder)")
    parser.add_argument("--steps", type=int, default=6000, help="training steps (default 6000)")
    parser.add_argument("--out", type=Path, default=None,
                        help=f"model folder (default pressflow/data/ner/{MODEL_NAME}, or zh_pressflow_ner)")
    parser.add_argument("--zh", action="store_true",
                        help="train the Chinese pipeline (UNER Chinese-GSD train/dev, PUD half) instead")
    args = parser.parse_args()
    only = "zh" if args.zh else None
    config = CONFIG.with_name("zh_ner.cfg") if only else CONFIG
    args.out = args.out or (MODEL_DIR.with_name("zh_pressflow_ner") if only else MODEL_DIR)
    examples = collect(args.eval_dir, args.uner_dir, only)
    index = ner_data.ReportedIndex(args.eval_dir)
    examples, dropped = ner_data.filter_overlapping(examples, index)
    print(f"dropped {dropped} sentences of shared/eval and UNER train that overlap a reported one", flush=True)
    extra_sources: list[str] = []
    if args.extra_dir and not only:
        report: dict[str, Counter[str]] = {}
        examples += ner_data.collect_extra(args.extra_dir, index, report, frozenset(args.skip_extra))
        for name, counts in report.items():
            print(f"{name}: {dict(counts)}", flush=True)
        extra_sources = sorted({f"{s.corpus} ({s.licence})" for s in ner_data.EXTRA_SOURCES
                                if s.file not in args.skip_extra})
    with tempfile.TemporaryDirectory(prefix="pressflow-ner-") as tmp:
        work = args.work_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        train_path, dev_path, counts = to_docbins(examples, work, only or "xx")
        print(f"training sentences per language: {dict(sorted(counts.items()))}", flush=True)
        cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(work / "out"),
               "--paths.train", str(train_path), "--paths.dev", str(dev_path),
               "--training.max_steps", str(args.steps)]
        subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        best = work / "out" / "model-best"
        meta = json.loads((best / "meta.json").read_text(encoding="utf-8"))
        sources = ["UniversalNER (CC BY-SA 3.0/4.0)"] + ([] if only else ["RONEC v2 (MIT)"]) + extra_sources
        meta.update({"name": "pressflow_ner_zh" if only else "pressflow_ner",
                     "version": "1.1.0" if extra_sources else "1.0.0",
                     "description": "pressflow's NER (PERSON, ORG, LOC); see README.md",
                     "license": "CC BY-SA 4.0", "sources": sources,
                     "training_sentences": dict(sorted(counts.items()))})
        (best / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                        encoding="utf-8")
        card = args.out / "README.md"
        saved_card = card.read_text(encoding="utf-8") if card.exists() else None
        if args.out.exists():
            shutil.rmtree(args.out)
        shutil.copytree(best, args.out)
        if saved_card is not None:
            card.write_text(saved_card, encoding="utf-8")
    print(f"model written to {args.out}")


if __name__ == "__main__":
    main()
