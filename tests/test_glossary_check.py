"""`pressflow init`'s starter glossary and `pressflow glossary check`, through real
subprocess runs of the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pressflow.sources.scaffold import STARTER_CONCEPTS, STARTER_LANGUAGES
from pressflow.translate.glossary import Glossary, load_glossary, read_tsv


def _pressflow(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[1]),
                                                         os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "pressflow", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env=env)


@pytest.fixture()
def network(tmp_path: Path) -> Path:
    result = _pressflow("init", "net", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "net"


def test_init_writes_a_starter_glossary_for_every_language_with_its_source(network: Path) -> None:
    for lang in STARTER_LANGUAGES:
        path = network / "glossary" / f"{lang}-en.tsv"
        header = path.read_text(encoding="utf-8").split("\nsource\t")[0]
        assert "EuroVoc" in header and "CC BY 4.0" in header and "Publications Office" in header
        targets = {e.target for e in read_tsv(path)}
        assert set(STARTER_CONCEPTS) <= targets, (lang, set(STARTER_CONCEPTS) - targets)


def test_starter_terms_replace_the_mistranslations_of_the_issue(network: Path) -> None:
    """Before: "Comune di Milano" -> "The Common of Milano", "Câmara Municipal de Lisboa" ->
    "Municipal camera of Lisbon", "Les conseils municipaux" -> "The City Council"."""
    def written(lang: str, text: str) -> list[str]:
        g = load_glossary(network / "glossary", lang, "en")
        return [e.target for e in g.protect(text).entries]

    assert written("it", "Il Comune di Milano e il sindaco") == ["municipality", "mayor"]
    assert written("it", "un bene comune") == []  # the adjective is no municipality
    assert written("pt", "A Câmara Municipal de Lisboa") == ["city council"]
    assert written("fr", "Les conseils municipaux et les maires adjoints") == ["city councils", "deputy mayors"]
    assert written("pl", "Radni rady miasta i burmistrz") == ["councillors", "city council", "mayor"]
    assert written("ro", "Primarul și viceprimarul") == ["mayor", "deputy mayor"]
    assert isinstance(load_glossary(network / "glossary", "de", "en"), Glossary)


def test_check_of_a_fresh_starter_is_clean(network: Path) -> None:
    result = _pressflow("glossary", "check", cwd=network)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "fr   fr-en.tsv: every concept has a term   [Example Network]" in result.stdout
    assert "pl-en.tsv: 18 term(s)" in result.stdout


def test_check_names_missing_languages_concepts_differing_terms_and_bad_lines(network: Path) -> None:
    glossary = network / "glossary"
    (glossary / "nl-en.tsv").unlink()
    pl = glossary / "pl-en.tsv"
    pl.write_text("".join(line for line in pl.read_text(encoding="utf-8").splitlines(keepends=True)
                          if "\tmayor" not in line), encoding="utf-8")
    de = glossary / "de-en.tsv"
    de.write_text(de.read_text(encoding="utf-8") + "Bürgermeisterin\tLord Mayor\n", encoding="utf-8")
    bad_line = len(de.read_text(encoding="utf-8").splitlines()) + 1
    config = network / "sources.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + "  - {name: Gemeente Zeist, url: https://zeist.example/feed, language: nl}\n"
                      + "  - {name: Miasto, url: https://miasto.example/feed, language: pl}\n",
                      encoding="utf-8")

    result = _pressflow("glossary", "check", cwd=network)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert "nl   no nl-en.tsv: no term is enforced for nl" in out and "[Gemeente Zeist]" in out
    assert "pl   pl-en.tsv lacks 1: mayor   [Miasto]" in out
    lord = next(line for line in out.splitlines() if line.lstrip().startswith("mayor:"))
    assert "'Lord Mayor' (de-en.tsv:" in lord and "Bürgermeisterin" in lord and "'mayor' (" in lord
    assert "fr   fr-en.tsv: every concept has a term" in out

    # two malformed lines: both are named with file:line, and the exit status says unusable
    de.write_text(de.read_text(encoding="utf-8") + "Landrat district administrator\n"
                  + "Kreistag\tdistrict council\tnote\tcase,fuzzy\n", encoding="utf-8")
    result = _pressflow("glossary", "check", cwd=network)
    assert result.returncode == 2
    assert f"{de}:{bad_line}: expected source<TAB>target" in result.stdout
    assert f"{de}:{bad_line + 1}: unknown option 'fuzzy'" in result.stdout


def test_check_with_a_folder_and_lang_options(network: Path, tmp_path: Path) -> None:
    folder = tmp_path / "only-it"
    folder.mkdir()
    (folder / "it-en.tsv").write_text("source\ttarget\nsindaco\tmayor\n", encoding="utf-8")
    alone = _pressflow("glossary", "check", str(folder), cwd=tmp_path)
    assert alone.returncode == 0 and "it-en.tsv: 1 term(s)" in alone.stdout  # no languages asked
    asked = _pressflow("glossary", "check", str(folder), "--lang", "it", "--lang", "ca", cwd=tmp_path)
    assert asked.returncode == 1
    assert "it   it-en.tsv lacks 9: city council, town hall, municipality, deputy mayor" in asked.stdout
    assert "ca   no ca-en.tsv" in asked.stdout
    missing = _pressflow("glossary", "check", str(tmp_path / "nope"), cwd=tmp_path)
    assert missing.returncode == 2 and "no such glossary folder" in missing.stderr


def test_check_help_explains_exit_status_with_examples(tmp_path: Path) -> None:
    result = _pressflow("glossary", "check", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Exit status: 0 nothing lacks; 1" in result.stdout and "pressflow glossary check --lang" not in result.stdout
    assert "pressflow glossary check glossary --lang pl --lang nl" in result.stdout


def test_check_rejects_a_lang_that_is_no_language_code(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    result = _pressflow("glossary", "check", str(tmp_path / "g"), "--lang", "../etc", cwd=tmp_path)
    assert result.returncode == 2 and "'../etc' is not a language code" in result.stderr
