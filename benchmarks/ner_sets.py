"""Which public NER sentences may be trained on and which are kept for reporting.

One rule, shared by ``scripts/train_ner.py`` and ``benchmarks/entities.py`` so that no
reported sentence is ever trained on:

* a record whose ``use`` is not ``eval+train`` (WikiANN/WikiNEuRal, Tagalog-Ugnayan) is for
  reporting only;
* a ``test`` split is for reporting only;
* the PUD sets (de, en, pt, ru, sv, zh) are translations of the same 1,000 sentences and come
  only as a test split: they are cut in two halves by a hash of the sentence number (the same
  number in every language, so a sentence's translation never sits on the other side); one
  half may be trained on, the other is reported;
* ``train`` and ``dev`` splits with ``use == eval+train`` may be trained on.

Labels are folded to PERSON, ORG, LOC (GPE -> LOC, as every source but RONEC does); RONEC's
PERSON spans with no capital letter are common nouns ("jurnalist") and are dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LABEL_FOLD = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC"}
_ROOT = Path(__file__).resolve().parent.parent


def default_eval_dir() -> Path:
    """``$PRESSFLOW_EVAL_DIR``, else the ``shared/eval`` folder beside the checkout (or beside
    the folder holding it, as for a worktree)."""
    env = os.environ.get("PRESSFLOW_EVAL_DIR")
    if env:
        return Path(env)
    for base in (_ROOT.parent, _ROOT.parent.parent):
        if (base / "shared" / "eval" / "ner").is_dir():
            return base / "shared" / "eval"
    return _ROOT.parent / "shared" / "eval"


def _is_pud(record: dict[str, Any]) -> bool:
    return "_pud:" in record["id"]


def pud_half(record_id: str) -> str:
    """``train`` or ``report`` for a PUD sentence, by a hash of its number (n01001-0001)."""
    number = record_id.rsplit(":", 1)[-1]
    return "train" if hashlib.sha1(number.encode()).digest()[0] % 2 == 0 else "report"


def trainable(record: dict[str, Any]) -> bool:
    """True when the record's licence allows training and it is in no reported split."""
    if record.get("use") != "eval+train":
        return False
    if _is_pud(record):
        return pud_half(record["id"]) == "train"
    return record["split"] in {"train", "dev"}


def reported(record: dict[str, Any]) -> bool:
    """True for the sentences the benchmark reports: never trained on."""
    if _is_pud(record):
        return pud_half(record["id"]) == "report"
    return record["split"] == "test" or record.get("use") != "eval+train"


def source_name(record: dict[str, Any]) -> str:
    """A short name of the set a record comes from: ``uner:pt_bosque``, ``ronec``, ``wikineural``."""
    parts = record["id"].split(":")
    return ":".join(parts[:2]) if parts[0] == "uner" else parts[0]


def folded_spans(record: dict[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, label) with labels folded to PERSON/ORG/LOC, RONEC's common nouns dropped."""
    out = []
    for e in record["entities"]:
        label = LABEL_FOLD.get(e["label"])
        if label is None:
            continue
        if label == "PERSON" and not any(c.isupper() for c in e["text"]):
            continue
        out.append((e["start"], e["end"], label))
    return out


def records(eval_dir: Path | None = None) -> Iterator[dict[str, Any]]:
    """Every sentence of ``<eval_dir>/ner/ner.jsonl``."""
    with open((eval_dir or default_eval_dir()) / "ner" / "ner.jsonl", encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)
