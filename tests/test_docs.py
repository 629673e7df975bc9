"""README.md stays true: every setting and every command is documented there."""

from __future__ import annotations

import re

from conftest import ROOT

from pressflow.cli.commands import cli
from pressflow.config import SETTINGS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    documented = set(re.findall(r"^\| `(\w+)` \|", README, flags=re.M))
    missing = [name for name in SETTINGS if name not in documented]
    assert not missing, f"settings missing from README.md: {missing}"


def test_every_command_is_named_in_the_readme() -> None:
    missing = [name for name in cli.commands if f"pressflow {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
