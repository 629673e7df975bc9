"""The names test set of issue 20 (tests/data/translate/names.tsv): 119 press sentences in
es, ca, gl (direct or through Spanish), fr, it, pt and ro (through the Spanish pivot), with
people, organisations and places whose names are also common words. Every sentence goes
through the real Apertium engine twice: the library (one batched call) and the
``pressflow translate --to en`` filter (one subprocess, its JSON Lines contract). Each name
must come out as written (or as the English exonym for a place the gazetteer knows), and no
form of the names read as words, or of the Spanish pivot, may appear."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.name_cases import name_problems, translate_with_cli, translate_with_library

ROOT = Path(__file__).resolve().parent.parent
SET = ROOT / "tests" / "data" / "translate" / "names.tsv"


def _cases() -> list[tuple[str, str, list[str], list[str]]]:
    rows = [line.rstrip("\n").split("\t") for line in SET.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert rows[0] == ["lang", "sentence", "names", "forbidden"]
    return [(r[0], r[1], [n for n in r[2].split("|") if n],
             [f for f in (r[3] if len(r) > 3 else "").split("|") if f]) for r in rows[1:]]


CASES = _cases()
LANGS = {lang for lang, *_ in CASES}


def _apertium_langs() -> set[str]:
    from pressflow.translate.apertium import ApertiumEngine

    engine = ApertiumEngine()
    return {lang for lang in LANGS if engine.route(lang, "en")}


pytestmark = pytest.mark.skipif(
    shutil.which("apertium") is None or _apertium_langs() != LANGS,
    reason="Apertium with es-en and ca, gl, fr, it, pt, ro -> es is not installed "
           "(scripts/setup.d/20-apertium.sh)")


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES) >= 100
    assert LANGS == {"es", "ca", "gl", "fr", "it", "pt", "ro"}
    assert len({n for *_, names, _ in CASES for n in names}) >= 200


@pytest.fixture(scope="module")
def library_results() -> list[str]:
    return translate_with_library(CASES)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    rows = translate_with_cli(CASES, tmp_path_factory.mktemp("cli"), timeout=900)
    assert all(r["status"] == "ok" and r["engine"] == "apertium" for r in rows)
    return [str(r["translation"]) for r in rows]


IDS = [f"{lang}-{n}" for n, (lang, *_) in enumerate(CASES)]


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_names_kept_through_the_library(library_results: list[str], index: int) -> None:
    _, text, names, forbidden = CASES[index]
    assert not name_problems(library_results[index], names, forbidden), (text, library_results[index])


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_names_kept_through_the_cli(cli_results: list[str], index: int) -> None:
    _, text, names, forbidden = CASES[index]
    assert not name_problems(cli_results[index], names, forbidden), (text, cli_results[index])
