"""sources.yaml validation: every mistake names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressflow.config import load_config, parse_config
from pressflow.errors import ConfigError

GOOD = """\
settings:
  timeout: 5
sources:
  - name: WeGO
    url: https://we-gov.org/feed/
    kind: feed
    language: fr
    tags: [network]
  - name: Local demo page
    url: pages/a.html
    kind: page
"""


def test_valid_config_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "sources.yaml"
    path.write_text(GOOD)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text("<p>a</p>")
    config = load_config(path)
    assert [s.name for s in config.sources] == ["WeGO", "Local demo page"]
    assert config.sources[0].language == "fr" and config.sources[0].tags == ["network"]
    assert config.sources[1].kind == "page"
    assert config.settings.crawl.timeout == 5
    assert config.settings.target_language == "en"
    # relative paths are relative to the config file, not the working directory
    assert config.output_dir == tmp_path / "output"


@pytest.mark.parametrize("text, line, field, words", [
    (GOOD.replace("    kind: feed", "    knd: feed"), 6, "knd", "did you mean 'kind'"),
    (GOOD.replace("kind: page", "kind: pages"), 11, "kind", "did you mean 'page'"),
    (GOOD.replace("tags: [network]", "tags: network"), 8, "tags", "must be a list"),
    (GOOD.replace("  timeout: 5", "  timeout: soon"), 2, "timeout", "must be a number"),
    (GOOD.replace("  timeout: 5", "  timout: 5"), 2, "timout", "did you mean 'timeout'"),
    (GOOD.replace("https://we-gov.org/feed/", "ftp://we-gov.org/feed"), 5, "url", "not supported"),
    (GOOD.replace("Local demo page", "wego"), 9, "name", "duplicate source name"),
    (GOOD.replace("    url: pages/a.html\n", ""), 9, "url", "missing 'url'"),
    (GOOD.replace("language: fr", "language: French"), 7, "language", "ISO 639-1"),
])
def test_mistakes_name_line_and_field(text: str, line: int, field: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(text, "sources.yaml")
    err = info.value
    assert err.line == line, str(err)
    assert err.field == field
    assert words in str(err)
    assert str(err).startswith(f"sources.yaml:{line}: ")


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(ConfigError) as info:
        parse_config("sources:\n  - name: [unclosed\n    url: x\n", "s.yaml")
    assert info.value.line is not None and "YAML syntax error" in str(info.value)


def test_missing_file_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="pressflow init"):
        load_config(tmp_path / "nope.yaml")


def test_unknown_selector_key_is_named_with_a_suggestion() -> None:
    text = GOOD.replace("    kind: page\n", "    kind: listing\n    selectors: {item: 'div.news', titel: h2}\n")
    with pytest.raises(ConfigError) as info:
        parse_config(text, "sources.yaml")
    assert info.value.line == 12 and "did you mean 'title'" in str(info.value)
