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
