"""The Python API (issue 14): what docs/api.md shows runs, each stage works over plain texts,
the CLI gives the same answers, and errors map to exit statuses in one place."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEMO, ROOT

import pressflow
from pressflow import errors
from pressflow.cli.commands import cli


def _api_example() -> str:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks, "docs/api.md has no python example"
    return blocks[0]


def test_the_example_in_docs_api_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The page's own code, run as written from the repository root, into tmp_path."""
    code = _api_example()
    assert '"/tmp/pressflow-demo"' in code
    monkeypatch.chdir(ROOT)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code.replace('"/tmp/pressflow-demo"', repr(str(tmp_path / "out"))),
                     "docs/api.md", "exec"), {})
    printed = out.getvalue()
    assert "exit code 0" in printed, printed
    assert "['it', 'fr']" in printed
    assert "('CGLU', 'ORG', 'UCLG')" in printed
    assert "ConfigError 2 no-such-file.yaml: file not found" in printed
    feed = json.loads((tmp_path / "out" / "feed.json").read_text(encoding="utf-8"))
    assert feed["items"], "the run published nothing"


def test_run_takes_a_path_and_an_output_folder(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_bytes((DEMO / "feeds" / "wego.xml").read_bytes())
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  output: never-used\nsources:\n  - name: WeGO\n"
                      "    url: feed.xml\n", encoding="utf-8")
    result = pressflow.run(config, output=tmp_path / "elsewhere")
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "feed.xml").exists()
    assert not (tmp_path / "never-used").exists()


def test_settings_are_typed_and_frozen(tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  timeout: 7\n  translate:\n    engine: apertium\n"
                      "    models_dir: models\n  publish:\n    max_items: 5\n"
                      "    link: https://news.example.org/\nsources: []\n", encoding="utf-8")
    settings = pressflow.load_config(config).settings
    assert settings.crawl.timeout == 7.0 and settings.crawl.concurrency == 8
    assert settings.translate.engine == "apertium"
    assert settings.translate.models_dir == str(tmp_path / "models")  # relative to the file
    assert settings.publish.max_items == 5 and settings.publish.require_approval is False
    assert settings.report.fail_threshold == 0
    assert settings.output == tmp_path / "output"
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.publish.max_items = 6  # type: ignore[misc]


def test_config_from_mapping_checks_like_the_file() -> None:
    with pytest.raises(pressflow.ConfigError, match="did you mean 'require_approval'"):
        pressflow.Config.from_mapping({"publish": {"require_aproval": True}})
    with pytest.raises(pressflow.ConfigError, match="http"):
        pressflow.Config.from_mapping({"publish": {"link": "javascript:alert(1)"}})


def test_each_stage_over_plain_texts() -> None:
    texts = ["Il Comune di Milano ha incontrato una delegazione di Seoul.",
             "La CGLU se réunit à Séoul."]
    assert [d.lang for d in pressflow.detect_languages(texts)] == ["it", "fr"]
    found = pressflow.find_entities(texts, langs=["it", "fr"])
    assert ("UCLG", "ORG") in {(e.canonical, e.label) for e in found[1]}
    translated = pressflow.translate_texts(
        ["The city council met on Monday to discuss the new public library.", texts[1]],
        to="en", engine="none")
    assert [t.status for t in translated] == ["same-language", "no-model"]
    assert translated[1].lang == "fr"  # detected, as the command does for a line without "lang"
    keys = pressflow.group_stories([
        {"id": "a", "lang": "en", "title": "Milan meets Seoul", "text": "Milan met Seoul today."},
        {"id": "b", "lang": "en", "title": "Milan meets Seoul", "text": "Milan met Seoul today."},
        {"id": "c", "lang": "en", "title": "Budget vote in Lyon", "text": "Lyon voted its budget."},
    ])
    assert keys[0] == keys[1] != keys[2]
    entries = pressflow.read_feed(str(DEMO / "feeds" / "wego.xml"))
    assert entries and entries[0].url.startswith("https://we-gov.org/")
    page = pressflow.extract_articles("shiraz-mayor-wego.html", base_dir=DEMO / "pages")
    assert page[0].title == "Shiraz Mayor meets WeGO secretary General"


def test_stage_errors_are_pressflow_errors(tmp_path: Path) -> None:
    with pytest.raises(pressflow.GlossaryError, match="no such glossary folder"):
        pressflow.translate_texts(["Bonjour"], langs=["fr"], glossary=tmp_path / "nope")
    with pytest.raises(pressflow.SourceError):
        pressflow.read_feed(str(tmp_path / "missing.xml"))
    with pytest.raises(pressflow.SourceError):
        pressflow.extract_articles(str(tmp_path / "missing.html"))


@pytest.mark.parametrize("exc, status", [
    (errors.ConfigError("x", path="s.yaml", line=3), 2),
    (errors.GlossaryError("x"), 2),
    (errors.RunLocked("x"), 2),
    (errors.FetchError("x"), 1),
    (errors.FeedParseError("x"), 1),
    (errors.StoreError("x"), 1),
    (errors.EditorialError("x"), 1),
    (errors.ModelError("x"), 1),
    (errors.EngineError("x"), 1),
])
def test_one_place_maps_errors_to_exit_statuses(exc: Exception, status: int) -> None:
    assert isinstance(exc, pressflow.PressflowError)
    assert pressflow.exit_code_for(exc) == status


def test_model_errors_are_in_the_one_hierarchy() -> None:
    from pressflow.translate.models import ModelError

    assert ModelError is errors.ModelError


def _cli_lines(args: list[str], stdin: str = "") -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, args, input=stdin)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_cli_filters_give_what_the_api_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands are the library plus JSON Lines: same answers, line for line."""
    monkeypatch.chdir(ROOT)
    texts = ["Il Comune di Milano ha incontrato una delegazione di Seoul.",
             "La CGLU se réunit à Séoul."]
    stdin = "".join(json.dumps({"id": str(i), "text": t}) + "\n" for i, t in enumerate(texts))
    detected = pressflow.detect_languages(texts)
    assert _cli_lines(["detect"], stdin) == [
        {"id": str(i), "lang": d.lang, "confidence": d.confidence} for i, d in enumerate(detected)]
    found = pressflow.find_entities(texts)
    assert _cli_lines(["entities"], stdin) == [
        {"id": str(i), "entities": [e.contract() for e in ents]} for i, ents in enumerate(found)]
    feed = pressflow.read_feed("demo/feeds/wego.xml")
    assert [line["link"] for line in _cli_lines(["feed", "demo/feeds/wego.xml"])] == \
        [a.url for a in feed]


def test_the_cli_keeps_no_stage_logic_of_its_own() -> None:
    """Thin commands: the stage filters import the library's functions, not the stages."""
    source = (ROOT / "pressflow" / "cli" / "commands.py").read_text(encoding="utf-8")
    for internal in ("translate_texts(requests", "annotate(", "group_stories([",
                     "extract_location(", "parse_feed(", "detect_lang("):
        assert internal not in source, internal
