"""`pressflow models`: install from a file and from a local package index, list, remove."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from support.argos_factory import build_random_package

from pressflow.cli.commands import cli
from pressflow.translate.models import list_models


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("argos-packages")
    return {"de-en-1.0": build_random_package(work, "de", "en", "1.0"),
            "de-en-1.1": build_random_package(work, "de", "en", "1.1"),
            "es-en-1.0": build_random_package(work, "es", "en", "1.0")}


@pytest.fixture
def models_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    monkeypatch.delenv("ARGOS_PACKAGE_INDEX", raising=False)
    return folder


def test_install_list_remove_from_file(packages: dict[str, Path], models_dir: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["models", "list"])
    assert result.exit_code == 0 and "no translation packages installed" in result.output
    result = runner.invoke(cli, ["models", "install", str(packages["de-en-1.0"])])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("installed de->en 1.0 in ")
    # a newer package for the same pair replaces the old one
    result = runner.invoke(cli, ["models", "install", str(packages["de-en-1.1"])])
    assert result.exit_code == 0, result.output
    installed = list_models(models_dir)
    assert [(m.pair, m.version) for m in installed] == [("de->en", "1.1")]
    assert (installed[0].path / "model" / "model.bin").is_file()
    result = runner.invoke(cli, ["models", "list"])
    assert result.exit_code == 0 and "\n  de->en     1.1" in result.output
    assert " MB " in result.output
    result = runner.invoke(cli, ["models", "remove", "de", "en"])
    assert result.exit_code == 0 and "removed de->en 1.1" in result.output
    assert list_models(models_dir) == []
    result = runner.invoke(cli, ["models", "remove", "de", "en"])
    assert result.exit_code == 1 and "no de->en package is installed" in result.output


def test_install_rejects_a_file_that_is_not_a_package(tmp_path: Path, models_dir: Path) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["models", "install", str(bad)])
    assert result.exit_code == 1 and "not an argos package" in result.output
    assert list_models(models_dir) == []


def test_install_from_a_local_index(packages: dict[str, Path], models_dir: Path,
                                    httpserver: HTTPServer) -> None:
    index = []
    for name, path in packages.items():
        src, tgt, version = name.split("-")
        httpserver.expect_request(f"/{path.name}").respond_with_data(
            path.read_bytes(), content_type="application/zip")
        index.append({"type": "translate", "code": f"translate-{src}_{tgt}", "from_code": src,
                      "to_code": tgt, "package_version": version, "argos_version": "1.9",
                      "links": [httpserver.url_for(f"/{path.name}")]})
    httpserver.expect_request("/index.json").respond_with_data(json.dumps(index),
                                                               content_type="application/json")
    runner = CliRunner()
    result = runner.invoke(cli, ["models", "install", "de", "en"],
                           env={"ARGOS_PACKAGE_INDEX": httpserver.url_for("/")})
    assert result.exit_code == 0, result.output
    assert "installed de->en 1.1" in result.output  # the newest version of the pair
    result = runner.invoke(cli, ["models", "install", "fa", "en", "--index",
                                 httpserver.url_for("/")])
    assert result.exit_code == 1 and "has no fa->en package" in result.output
    assert [(m.pair, m.version) for m in list_models(models_dir)] == [("de->en", "1.1")]


def test_models_commands_read_the_folder_from_sources_yaml(packages: dict[str, Path],
                                                           tmp_path: Path,
                                                           models_dir: Path) -> None:
    config = tmp_path / "site" / "sources.yaml"
    config.parent.mkdir()
    config.write_text("settings:\n  translate:\n    models_dir: argos\nsources: []\n",
                      encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["models", "install", str(packages["es-en-1.0"]), "--config",
                                 str(config)])
    assert result.exit_code == 0, result.output
    assert [m.pair for m in list_models(tmp_path / "site" / "argos")] == ["es->en"]
    assert list_models(models_dir) == []  # not the environment's folder
    result = runner.invoke(cli, ["models", "list", "--config", str(config)])
    assert "\n  es->en     1.0" in result.output
