"""Every command explains itself: `--help` works and shows an example (sqlite-utils' test_docs)."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from pressflow.cli.commands import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        path = (*prefix, name)
        found.append(path)
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=lambda p: " ".join(p))
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output or isinstance(
        cli.commands.get(path[0]), click.Group) and len(path) == 1, result.output


def test_top_level_help_lists_the_nightly_command() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0 and "pressflow run" in result.output


def test_init_writes_a_starter_that_validates(tmp_path) -> None:
    from pressflow.config import load_config

    result = CliRunner().invoke(cli, ["init", str(tmp_path / "net")])
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "net" / "sources.yaml")
    assert config.sources and (tmp_path / "net" / "glossary" / "fr-en.tsv").exists()
    again = CliRunner().invoke(cli, ["init", str(tmp_path / "net")])
    assert again.exit_code == 2 and "never overwrites" in again.output


def test_translate_with_a_missing_glossary_folder_is_exit_2(tmp_path) -> None:
    """Before, a mistyped --glossary folder was accepted silently (no terms enforced)."""
    result = CliRunner().invoke(cli, ["translate", "--glossary", str(tmp_path / "glosary")],
                                input='{"id": "1", "text": "Bonjour à tous", "lang": "fr"}\n')
    assert result.exit_code == 2, result.output
    assert "no such glossary folder" in result.output


def test_config_commands_share_the_exit_status_of_a_bad_config(tmp_path) -> None:
    """Every command that reads sources.yaml gives exit 2 with file:line for the same mistake."""
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  publish: {max_itmes: 5}\nsources: []\n", encoding="utf-8")
    for args in (["sources", "check"], ["sources", "export"], ["publish"], ["digest"]):
        result = CliRunner().invoke(cli, [*args, "--config", str(config)])
        assert result.exit_code == 2, (args, result.output)
        assert f"{config}:2:" in result.output and "did you mean 'max_items'" in result.output
