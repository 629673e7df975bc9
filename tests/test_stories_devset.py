"""The stories development set loads, is checked, and splits into two fixed halves."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from support.stories_devset import (
    NEGATIVE_KINDS,
    POSITIVE_KINDS,
    Devset,
    DevsetError,
    count_by,
    half_of,
    load_devset,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_set_is_large_varied_and_consistent() -> None:
    devset = load_devset()
    assert len(devset.pairs) >= 300
    assert len({item.lang for item in devset.items}) >= 12
    assert set(count_by(devset.pairs)) == set(POSITIVE_KINDS) | set(NEGATIVE_KINDS)
    assert any(p.same and p.cross_language for p in devset.pairs)
    story_sizes: dict[str, set[str]] = {}
    for item in devset.items:
        story_sizes.setdefault(item.story, set()).add(item.lang)
    assert any(len(langs) >= 3 for langs in story_sizes.values()), "a story told in 3+ languages"


def test_the_split_is_by_group_and_both_halves_hold_every_kind() -> None:
    devset = load_devset()
    tuning, reporting = devset.half("tuning"), devset.half("reporting")
    assert len(tuning.pairs) + len(reporting.pairs) == len(devset.pairs)
    assert not {i.id for i in tuning.items} & {i.id for i in reporting.items}
    for half in (tuning, reporting):
        ids = {i.id for i in half.items}
        assert all(p.a in ids and p.b in ids for p in half.pairs)
        assert set(count_by(half.pairs)) == set(POSITIVE_KINDS) | set(NEGATIVE_KINDS)


def test_half_of_is_the_documented_sha1_rule() -> None:
    # sha1("a") ends in 0xb8 (even), sha1("e") in 0x7f (odd): fixed for ever, not random
    assert half_of("a") == "tuning"
    assert half_of("e") == "reporting"


def test_a_label_that_contradicts_the_stories_names_the_line(tmp_path: Path) -> None:
    item = {"type": "item", "group": "g", "lang": "en", "source": "s", "published": "2026-01-01",
            "title": "t", "text": ""}
    lines = [dict(item, id="x", story="g/A"), dict(item, id="y", story="g/B"),
             {"type": "pair", "id": "g/p1", "a": "x", "b": "y", "label": "same", "kind": "short"}]
    path = tmp_path / "devset.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    with pytest.raises(DevsetError, match=r"devset.jsonl:3: label 'same' contradicts"):
        load_devset(path)


def _bench() -> ModuleType:
    """benchmarks/stories_pairs.py, the harness that measures the set (not a package)."""
    spec = importlib.util.spec_from_file_location("stories_pairs", ROOT / "benchmarks" / "stories_pairs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_scores_count_each_kind_and_the_board_check() -> None:
    bench = _bench()
    devset = load_devset()
    half = devset.half("tuning")
    everything_apart = {i.id: i.id for i in half.items}
    scores = bench.score("apart", half.pairs, bench.by_keys(everything_apart), 0.0)
    assert scores.recall == 0.0 and scores.precision == 1.0
    assert not scores.false_joins["board"] and scores.negatives["board"] > 0
    one_story = {i.id: "all" for i in half.items}
    scores = bench.score("together", half.pairs, bench.by_keys(one_story), 0.0)
    assert scores.recall == 1.0
    assert scores.false_joins["board"] == scores.negatives["board"]
    assert scores.by_language["cross-language"][0] == sum(p.same and p.cross_language for p in half.pairs)
    whole, stories = bench.whole_stories(half.items, {i.id: i.story for i in half.items})
    assert whole == stories > 0
    assert bench.whole_stories(half.items, one_story)[0] == 0


@pytest.mark.slow  # one real pressflow run (crawl to stories) over a local feed server
def test_the_harness_reads_every_item_back_from_a_real_run(tmp_path: Path) -> None:
    bench = _bench()
    devset = load_devset()
    groups = {"lisbon-free-transport", "board-barcelona-ca"}
    small = Devset(tuple(i for i in devset.items if i.group in groups),
                   tuple(p for p in devset.pairs if p.group in groups))
    keys, note = bench.run_keys(small, tmp_path)
    assert set(keys) == {i.id for i in small.items}
    assert not any(key.startswith("missing-") for key in keys.values()), note
    assert note.startswith("exit 0")
