"""`pressflow models list` names every engine and pair a run will use, and for each language
of the configured sources which engine translates it, or why none does: a real CLI
subprocess, a real (tiny) argos package, a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.argos_factory import build_random_package

from pressflow.records import Article
from pressflow.store import Store

# A stand-in for Debian's `apertium` command (only its `apertium -l` listing is read by
# `models list`), so the test says the same on a machine without Apertium: the modes that
# make the Apertium route fr->es->en and it->es->en, and none for Korean.
FAKE_APERTIUM = "#!/bin/sh\nif [ \"$1\" = -l ]; then printf 'fr-es\\nita-spa\\nspa-eng\\n'; fi\n"


@pytest.fixture(scope="module")
def de_en_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_random_package(tmp_path_factory.mktemp("argos"), "de", "en", "1.0")


def _models_list(tmp_path: Path, config: Path, apertium: bool) -> subprocess.CompletedProcess[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    if apertium:
        (bin_dir / "apertium").write_text(FAKE_APERTIUM)
        (bin_dir / "apertium").chmod(0o755)
    # without the stand-in, PATH holds nothing but an empty folder: no apertium anywhere
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
           "PATH": f"{bin_dir}:{os.environ['PATH']}" if apertium else str(bin_dir)}
    return subprocess.run([sys.executable, "-m", "pressflow", "models", "list", "--config", str(config)],
                          capture_output=True, text=True, timeout=600, env=env)


def _setup(tmp_path: Path, de_en_package: Path) -> Path:
    install = subprocess.run([sys.executable, "-m", "pressflow", "models", "install", str(de_en_package)],
                             capture_output=True, text=True, timeout=600,
                             env={**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages")})
    assert install.returncode == 0, install.stderr
    config = tmp_path / "sources.yaml"
    for name in ("a", "b", "c", "d", "e"):  # the sources' files: a config names existing ones
        (config.parent / f"{name}.xml").write_text("<rss version='2.0'><channel/></rss>", encoding="utf-8")
    config.write_text("settings:\n  translate: {engines: {it: none}}\nsources:\n"
                      "  - {name: Ville, url: a.xml, language: fr}\n"
                      "  - {name: Stadt, url: b.xml, language: de}\n"
                      "  - {name: Seoul, url: c.xml, language: ko}\n"
                      "  - {name: Comune, url: d.xml, language: it}\n"
                      "  - {name: Undeclared, url: e.xml}\n")
    # the undeclared source's stored articles were detected as Korean and French
    with Store(tmp_path / "output" / "pressflow.db") as store:
        store.upsert_articles([Article(source="Undeclared", url=f"https://e.example/{n}", title=f"t{n}",
                                       text="x") for n in range(2)], None)
        store.db.execute("UPDATE articles SET lang = CASE WHEN url LIKE '%0' THEN 'ko' ELSE 'fr' END")
    return config


def test_models_list_names_every_engine_pair_and_language(tmp_path: Path, de_en_package: Path) -> None:
    config = _setup(tmp_path, de_en_package)
    result = _models_list(tmp_path, config, apertium=True)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "no translation packages installed" not in out
    assert "de->en     1.0" in out  # the argos package
    assert "Apertium modes: fr-es, ita-spa, spa-eng" in out
    routes = out[out.index("Translated into en:"):out.index("Languages of the sources")]
    assert "de   argos de->en 1.0" in routes
    assert "es   apertium spa-eng" in routes
    assert "fr   apertium fr-es + spa-eng (through es)" in routes
    sources = out[out.index("Languages of the sources"):]
    assert "fr   apertium fr-es + spa-eng (through es)   [Undeclared, Ville]" in sources
    assert "de   argos de->en 1.0   [Stadt]" in sources
    assert "it   none: translation from it is turned off (settings.translate)   [Comune]" in sources
    korean = next(line for line in sources.splitlines() if line.lstrip().startswith("ko"))
    assert "none: no argos package and no Apertium mode for ko->en" in korean
    assert "`pressflow models install ko en`" in korean and "[Seoul, Undeclared]" in korean


def test_models_list_without_apertium_says_how_to_get_it(tmp_path: Path, de_en_package: Path) -> None:
    config = _setup(tmp_path, de_en_package)
    result = _models_list(tmp_path, config, apertium=False)
    assert result.returncode == 0, result.stderr
    assert "Apertium: not installed" in result.stdout
    french = next(line for line in result.stdout.splitlines() if line.lstrip().startswith("fr "))
    assert "none: no argos package and no Apertium mode for fr->en" in french
    assert "apt-get install apertium" in french


# The same stand-in, passing text through unchanged when asked to translate (the run sends the
# stored French article through fr-es and spa-eng; what comes out does not matter here).
PASSTHROUGH_APERTIUM = ("#!/bin/sh\nif [ \"$1\" = -l ]; then printf 'fr-es\\nita-spa\\nspa-eng\\n'; "
                        "else cat; fi\n")


def test_run_report_says_which_engine_translates_each_language_and_how_to_install_one(
        tmp_path: Path, de_en_package: Path) -> None:
    import json

    config = _setup(tmp_path, de_en_package)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "apertium").write_text(PASSTHROUGH_APERTIUM)
    (bin_dir / "apertium").chmod(0o755)
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
           "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config", str(config)],
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads((tmp_path / "output" / "report.json").read_text(encoding="utf-8"))
    routes = {r["lang"]: r for r in report["translation_coverage"]}
    assert set(routes) >= {"de", "fr", "it", "ko"}, routes
    assert routes["fr"]["engine"] == "apertium" and routes["fr"]["pivot"] == "es"
    assert "Ville" in routes["fr"]["sources"]
    assert routes["de"]["engine"] == "argos" and routes["de"]["install"] is None
    assert routes["ko"]["engine"] is None and routes["ko"]["install"] == "pressflow models install ko en"
    assert "Seoul" in routes["ko"]["sources"]
    assert routes["it"]["engine"] is None and routes["it"]["install"] is None  # turned off on purpose
    assert "turned off" in routes["it"]["route"]
    summary = " ".join((result.stdout + result.stderr).split())  # the terminal wraps long lines
    korean = summary[summary.index("no engine ko"):]
    assert korean.index("`pressflow models install ko en`") < korean.index("Seoul") < 400
    assert "translation fr apertium fr-es + spa-eng (through es)" in summary
