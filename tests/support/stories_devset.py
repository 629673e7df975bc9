"""The stories development set (tests/data/stories/devset.jsonl): loader and its fixed split.

One JSON object per line, two kinds of record (see tests/data/stories/README.md):

* ``{"type": "item", "id", "group", "story", "lang", "source", "published", "title", "text"}``:
  a feed item as pressflow meets it (``text`` is empty for a headline-only item);
* ``{"type": "pair", "id", "a", "b", "label": "same"|"different", "kind"}``: a labelled pair
  of two items of one group.

The set is split once, by :func:`half_of`, into a *tuning* half (look at it, tune on it) and a
*reporting* half (only ever measured). The split hashes the **group** id, not the pair id:
pairs of one group share items, so splitting pairs one by one would show the tuner the very
articles of the reporting pairs. Every user of the set (tests, benchmarks/stories.py, tuning
scripts) calls :func:`half_of` and nothing else.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

DEVSET = Path(__file__).resolve().parents[1] / "data" / "stories" / "devset.jsonl"

Half = Literal["tuning", "reporting"]
HALVES: tuple[Half, Half] = ("tuning", "reporting")
POSITIVE_KINDS = ("rewording", "cross_language", "short")
NEGATIVE_KINDS = ("other_city", "same_city_other_event", "other_year", "look_alike", "board")


@dataclass(frozen=True)
class DevItem:
    id: str
    group: str
    story: str
    lang: str
    source: str
    published: str
    title: str
    text: str

    def as_story_input(self) -> dict[str, str]:
        """The JSON Lines fields of ``pressflow stories`` / :func:`pressflow.group_stories`."""
        return {"id": self.id, "lang": self.lang, "title": self.title, "text": self.text,
                "published": self.published, "source": self.source}


@dataclass(frozen=True)
class DevPair:
    id: str
    group: str
    a: str
    b: str
    same: bool
    kind: str
    cross_language: bool
    a_lang: str
    b_lang: str


@dataclass(frozen=True)
class Devset:
    items: tuple[DevItem, ...]
    pairs: tuple[DevPair, ...]

    def half(self, half: Half) -> Devset:
        """The items and pairs of the groups that :func:`half_of` puts in ``half``."""
        return Devset(tuple(i for i in self.items if half_of(i.group) == half),
                      tuple(p for p in self.pairs if half_of(p.group) == half))

    def item(self, item_id: str) -> DevItem:
        return next(i for i in self.items if i.id == item_id)


def half_of(group: str) -> Half:
    """The half a group belongs to, for ever: sha1 of the group id, even -> tuning, odd -> reporting."""
    return HALVES[hashlib.sha1(group.encode("utf-8")).digest()[-1] % 2]


class DevsetError(ValueError):
    """A malformed line of the development set, with its file and line number."""


def load_devset(path: Path = DEVSET) -> Devset:
    """Read and check the set: unique ids, pairs within one group, labels agreeing with stories."""
    items: dict[str, DevItem] = {}
    raw_pairs: list[tuple[int, dict[str, str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise DevsetError(f"{where}: not JSON ({error.msg})") from error
        kind = record.get("type")
        if kind == "item":
            try:
                item = DevItem(**{k: str(v) for k, v in record.items() if k != "type"})
            except TypeError as error:
                raise DevsetError(f"{where}: item fields: {error}") from error
            if item.id in items:
                raise DevsetError(f"{where}: item id {item.id!r} is used twice")
            items[item.id] = item
        elif kind == "pair":
            raw_pairs.append((number, record))
        else:
            raise DevsetError(f"{where}: type must be 'item' or 'pair', not {kind!r}")
    pairs = [_pair(f"{path}:{number}", record, items) for number, record in raw_pairs]
    ids = [p.id for p in pairs]
    if len(set(ids)) != len(ids):
        raise DevsetError(f"{path}: a pair id is used twice")
    return Devset(tuple(items.values()), tuple(pairs))


def _pair(where: str, record: dict[str, str], items: dict[str, DevItem]) -> DevPair:
    for end in ("a", "b"):
        if record.get(end) not in items:
            raise DevsetError(f"{where}: pair {record.get('id')!r}: no item {record.get(end)!r}")
    a, b = items[record["a"]], items[record["b"]]
    label, kind = record.get("label"), record.get("kind", "")
    if label not in ("same", "different"):
        raise DevsetError(f"{where}: label must be 'same' or 'different', not {label!r}")
    if kind not in (POSITIVE_KINDS if label == "same" else NEGATIVE_KINDS):
        raise DevsetError(f"{where}: kind {kind!r} does not go with label {label!r}")
    if a.group != b.group:
        raise DevsetError(f"{where}: {a.id} and {b.id} are in different groups")
    if (a.story == b.story) != (label == "same"):
        raise DevsetError(f"{where}: label {label!r} contradicts the stories of {a.id} and {b.id}")
    return DevPair(id=str(record["id"]), group=a.group, a=a.id, b=b.id, same=label == "same", kind=kind,
                   cross_language=a.lang != b.lang, a_lang=a.lang, b_lang=b.lang)


def count_by(pairs: Iterable[DevPair]) -> dict[str, int]:
    """Pairs per kind (a quick summary for the README and the benchmark header)."""
    counts: dict[str, int] = {}
    for pair in pairs:
        counts[pair.kind] = counts.get(pair.kind, 0) + 1
    return counts
