"""The gold set: a floor under F1 and canonical names so that a change cannot quietly
degrade them (the figures themselves are printed by benchmarks/entities.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from pressflow.entities import stage as ent

ROOT = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("bench_entities", ROOT / "benchmarks/entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_gold_set_covers_the_seeds_and_six_languages() -> None:
    items = _bench().load_gold(ROOT / "tests/data/entities/gold.yaml")
    seeds = [i for i in items if "file" in i]
    shorts = [i for i in items if "file" not in i]
    assert len(seeds) == 5 and len(shorts) >= 40
    assert len({i["lang"] for i in shorts}) >= 6
    for item in items:  # every annotated surface occurs in its text
        for surface, label, _ in item["entities"]:
            assert surface in item["text"], (item["id"], surface)
            assert label in {"PERSON", "ORG", "GPE", "LOC"}


@pytest.mark.skipif(not (ent.model_available("en") and ent.model_available("fr")),
                    reason="spaCy model packages not installed")
def test_gold_set_scores_stay_above_floor() -> None:
    bench = _bench()
    items = bench.load_gold(ROOT / "tests/data/entities/gold.yaml")
    texts = [(i["text"], i["lang"]) for i in items]
    spans = [ent.mixed_paragraphs(t, lang) for t, lang in texts]
    predicted = ent.extract_entities(texts, [i.get("translation") for i in items], paragraphs=spans)
    result = bench.score(items, predicted)
    assert result["rows"]["overall"][2] >= 0.85
    ok, total = result["canonical"]
    assert total > 200 and ok / total >= 0.95
