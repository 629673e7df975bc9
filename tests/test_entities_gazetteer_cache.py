"""The gazetteer's disk cache (issue 20: a process's first translation loads it): the compact
format gives the same names as a gazetteer built afresh, and a cache file of another format
(an older pressflow's, or a broken one) is built again, never misread."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from pressflow.entities import gazetteer as gz

TEXTS = [
    ("La délégation de Séoul a rencontré la CGLU à Barcelone, puis le maire de Lyon.", "fr"),
    ("Il sindaco di Torino ha incontrato il Comune di Milano e una delegazione di Monaco di Baviera.", "it"),
    ("The mayors of New York, São Paulo and Ciudad de México met in Rio de Janeiro.", "en"),
    ("서울시는 부산에서 회의를 열었다. 北京和上海的代表也参加了。", None),
    ("Para saber más sobre Madrid y Bogotá, escriba a la alcaldía.", "es"),
    ("Primăria Bucureşti şi Timișoara au semnat acordul cu Chișinău.", "ro"),
    ("وفد من طهران زار إسطنبول و ISTANBUL", None),
]
LOOKUPS = ["Séoul", "seoul", "SEOUL", "Seul", "torino", "Köln", "koln", "CGLU", "uclg", "Monaco di Baviera",
           "bucuresti", "Nowhere Special", "", "  Paris  ", "新加坡", "Corée, République de"]


def _matches(g: gz.Gazetteer) -> list[list[tuple[int, int, str, gz.Entry]]]:
    return [[(m.start, m.end, m.text, m.entry) for m in g.find(text, lang)] for text, lang in TEXTS]


@pytest.fixture
def small_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """:func:`gz.build` with cities of a million people and more (a few seconds less), counted."""
    monkeypatch.setenv("PRESSFLOW_CACHE_DIR", str(tmp_path / "cache"))
    real_build = gz.build
    builds: list[int] = []

    def build(glossary_dir: Path | None = None, entities_file: Path | None = None,
              min_population: int = gz.CITY_MIN_POPULATION) -> tuple[gz.Gazetteer, dict[str, str]]:
        builds.append(1)
        return real_build(glossary_dir, entities_file, min_population=1_000_000)

    monkeypatch.setattr(gz, "build", build)
    return builds


def test_a_cached_gazetteer_finds_what_a_fresh_one_finds(small_build: list[int]) -> None:
    built, canon = gz.cached.__wrapped__(None, None)
    loaded, loaded_canon = gz.cached.__wrapped__(None, None)
    assert len(small_build) == 1  # the second came from the disk
    assert loaded is not built and loaded_canon == canon
    assert _matches(loaded) == _matches(built)
    assert any(m for m in _matches(loaded))  # the texts do hold known names
    assert [loaded.lookup(n) for n in LOOKUPS] == [built.lookup(n) for n in LOOKUPS]
    assert loaded.lookup("seoul") is not None and loaded.lookup("Nowhere Special") is None
    assert len(loaded) == len(built) and loaded.aliases == built.aliases
    assert loaded.ignore == built.ignore and loaded.allowed_neighbours == built.allowed_neighbours


def test_the_compact_form_keeps_every_alias_and_the_strongest_folded_entry() -> None:
    city = gz.Entry("Lyon", "GPE", "geonames:1", "geonames", 500_000)
    partner = gz.Entry("LYON Network", "ORG", "lyon-net", "entities.yaml")
    g = gz.Gazetteer({"Lyon": city, "LYON": partner, "Lyons": city, "Old Name": city},
                     ignore=["Old Name"])
    again = pickle.loads(pickle.dumps(g))
    for one in (g, again):
        assert one.lookup("Lyon") == city and one.lookup("LYON") == partner
        # "lyon" folds like both: the curated entry, the stronger source, answers
        assert one.lookup("lyon") == partner
        assert one.lookup("Old Name") is None and len(one) == 3
        assert [(m.text, m.entry) for m in one.find("Lyon et LYON, pas Lyonnais.")] == [
            ("Lyon", city), ("LYON", partner)]


def test_a_cache_file_of_another_format_is_built_again(small_build: list[int]) -> None:
    path = gz.cache_dir() / f"gazetteer-{gz._cache_key(None, None)}.pickle"
    path.parent.mkdir(parents=True)
    # what an older pressflow pickled: a Gazetteer whose state is its attributes' dict
    old = pickle.dumps((_OldFormat(), {}), protocol=pickle.HIGHEST_PROTOCOL)
    for stale in (old, pickle.dumps(("something", "else")), b"not a pickle", old[:1000]):
        path.write_bytes(stale)
        gaz, _ = gz.cached.__wrapped__(None, None)
        seoul = gaz.lookup("Séoul")
        assert seoul is not None and seoul.canonical == "Seoul"
        assert path.read_bytes() != stale  # replaced by the new format
    assert len(small_build) == 4


class _OldFormat:
    """Pickles as pressflow 0.1's gazetteer did: ``Gazetteer`` with a dict of attributes."""

    def __reduce__(self) -> tuple[object, ...]:
        entry = gz.Entry("Seoul", "GPE", "geonames:1835848", "geonames", 10_000_000)
        return (gz.Gazetteer.__new__, (gz.Gazetteer,),
                {"ignore": set(), "allowed_neighbours": frozenset(), "aliases": {"Séoul": entry},
                 "_folded": {"seoul": entry}, "_automaton": None})
