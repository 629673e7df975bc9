"""Glossary imports never write outside the glossary folder (issue 16, point 5): a file's
name is built from language codes only, and a code from a document is checked first."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressflow.cli.commands import cli


def _tbx(lang: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
            'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>\n'
            '<conceptEntry id="c1">\n'
            '<langSec xml:lang="en"><termSec><term>United Cities</term></termSec></langSec>\n'
            f'<langSec xml:lang="{lang}"><termSec><term>pwned\tline</term></termSec></langSec>\n'
            '</conceptEntry></body></text></tbx>\n')


@pytest.mark.parametrize("lang", ["../../escaped/pwned", "/tmp/pressflow-absolute-pwned",
                                  "fr/../../x", "..", "fr\\x"])
def test_a_tbx_language_that_is_a_path_is_refused(tmp_path: Path, lang: str) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    tbx = work / "terms.tbx"
    tbx.write_text(_tbx(lang), encoding="utf-8")
    folder = work / "glossary"
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(cli, ["glossary", "import", str(tbx), "--dir", str(folder)])
    assert result.exit_code == 2, result.output
    assert "is not a language code" in result.output and f"{tbx}:5:" in result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(p == folder or folder in p.parents for p in created), created
    assert not Path("/tmp/pressflow-absolute-pwned-en.tsv").exists()


def test_target_and_source_options_are_language_codes(tmp_path: Path) -> None:
    csv_path = tmp_path / "terms.csv"
    csv_path.write_text("source,target\nCGLU,UCLG\n", encoding="utf-8")
    folder = tmp_path / "g"
    for option in (["--from", "../../x"], ["--from", "fr", "--to", "../en"]):
        result = CliRunner().invoke(cli, ["glossary", "import", str(csv_path), "--dir",
                                          str(folder), *option])
        assert result.exit_code == 2 and "is not a language code" in result.output, result.output
    assert not any(tmp_path.parent.glob("*.tsv")) and not any(tmp_path.glob("*.tsv"))
