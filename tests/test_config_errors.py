"""Operators' mistakes: every bad sources.yaml, glossary or output folder gives one message
with file:line and what to do, exit status 2, and leaves the previous outputs untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pressflow.config import parse_config
from pressflow.errors import ConfigError

GOOD_SOURCE = "  - name: Partner\n    url: feed.xml\n    kind: feed\n"

# Nested aliases ("billion laughs"): a few hundred bytes that expand ninefold per level.
ALIAS_BOMB = ("settings:\n  publish:\n    title: &a0 [x, x, x, x, x, x, x, x, x]\n"
              + "".join(f"    k{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
              + "sources:\n" + GOOD_SOURCE)

# (case id, sources.yaml text, line the message must name, words the message must hold)
BAD_CONFIGS: list[tuple[str, str, int | None, str]] = [
    ("yaml syntax: unclosed quote", 'sources:\n  - name: "Partner\n    url: a.xml\n', 2,
     "YAML syntax error"),
    ("yaml syntax: bad indentation", "sources:\n  - name: A\n   url: a.xml\n", 3,
     "YAML syntax error"),
    ("yaml syntax: tab", "sources:\n\t- name: A\n", 2, "YAML syntax error"),
    ("empty file", "", None, "empty"),
    ("top level is a list", "- name: A\n", 1, "top level must be a mapping"),
    ("no sources key", "settings:\n  timeout: 3\n", None, "no 'sources:' list"),
    ("unknown top-level key", "source:\n  - name: A\n", 1, "did you mean 'sources'"),
    ("unknown source key", "sources:\n  - name: A\n    ulr: a.xml\n", 3, "did you mean 'url'"),
    ("unknown source key, no near match", "sources:\n  - name: A\n    url: a\n    colour: red\n",
     4, "valid keys"),
    ("unknown setting", "settings:\n  timout: 3\n" + "sources:\n" + GOOD_SOURCE, 2,
     "did you mean 'timeout'"),
    ("missing url", "sources:\n  - name: A\n    kind: feed\n", 2, "missing 'url'"),
    ("missing name", "sources:\n  - url: a.xml\n", 2, "missing 'name'"),
    ("empty name", "sources:\n  - name: ' '\n    url: a.xml\n", 2, "'name' is empty"),
    ("source not a mapping", "sources:\n  - just a string\n", 2, "must be a mapping"),
    ("sources not a list", "sources:\n  name: A\n", 1, "must be a list"),
    ("bad url scheme", "sources:\n  - name: A\n    url: ftp://x.org/feed\n", 3, "scheme 'ftp'"),
    ("javascript url", "sources:\n  - name: A\n    url: 'javascript:alert(1)'\n", 3,
     "not supported"),
    ("url without host", "sources:\n  - name: A\n    url: 'http:///feed.xml'\n", 3, "no host"),
    ("url with a space", "sources:\n  - name: A\n    url: http://exa mple.org/feed\n", 3,
     "contains a space"),
    ("url with a bad port", "sources:\n  - name: A\n    url: http://example.org:99999/\n", 3,
     "invalid port"),
    ("bad kind", "sources:\n  - name: A\n    url: a.xml\n    kind: feeed\n", 4,
     "did you mean 'feed'"),
    ("duplicate names", "sources:\n" + GOOD_SOURCE + "  - name: partner\n    url: b.xml\n", 5,
     "duplicate source name"),
    ("duplicate key in a source", "sources:\n  - name: A\n    url: a.xml\n    url: b.xml\n", 4,
     "appears twice"),
    ("wrong type: tags", "sources:\n  - name: A\n    url: a.xml\n    tags: news\n", 4,
     "'tags' must be a list"),
    ("wrong type: tags items", "sources:\n  - name: A\n    url: a.xml\n    tags: [1, 2]\n", 4,
     "list of text"),
    ("wrong type: timeout text", "sources:\n  - name: A\n    url: a.xml\n    timeout: soon\n",
     4, "'timeout' must be"),
    ("wrong type: timeout bool", "sources:\n  - name: A\n    url: a.xml\n    timeout: yes\n",
     4, "'timeout' must be"),
    ("zero timeout", "sources:\n  - name: A\n    url: a.xml\n    timeout: 0\n", 4,
     "more than 0"),
    ("wrong type: name number", "sources:\n  - name: 42\n    url: a.xml\n", 2,
     "'name' must be text"),
    ("wrong type: follow_links", "sources:\n  - name: A\n    url: a\n    follow_links: 2\n", 4,
     "true or false"),
    ("bad language code", "sources:\n  - name: A\n    url: a.xml\n    language: French\n", 4,
     "ISO 639-1"),
    ("setting wrong type", "settings:\n  deadline: long\nsources:\n" + GOOD_SOURCE, 2,
     "must be a number"),
    ("setting negative", "settings:\n  deadline: -5\nsources:\n" + GOOD_SOURCE, 2,
     "more than 0"),
    ("setting bool for number", "settings:\n  concurrency: true\nsources:\n" + GOOD_SOURCE, 2,
     "must be a number"),
    ("setting zero concurrency", "settings:\n  concurrency: 0\nsources:\n" + GOOD_SOURCE, 2,
     "at least 1"),
    ("setting fractional count", "settings:\n  fail_threshold: 1.5\nsources:\n" + GOOD_SOURCE,
     2, "whole number"),
    ("setting not a mapping", "settings: [1]\nsources:\n" + GOOD_SOURCE, 1, "must be a mapping"),
    ("nested setting wrong type", "settings:\n  publish: yes\nsources:\n" + GOOD_SOURCE, 2,
     "must be a mapping"),
    ("setting text expected", "settings:\n  output: 3\nsources:\n" + GOOD_SOURCE, 2,
     "must be text"),
    ("duplicate setting", "settings:\n  timeout: 3\n  timeout: 4\nsources:\n" + GOOD_SOURCE, 3,
     "appears twice"),
    # every settings section is checked at load, not when its stage runs (issue 14, 15.8)
    ("publish: typo", "settings:\n  publish:\n    title: News\n    require_aproval: true\n"
     "sources:\n" + GOOD_SOURCE, 4, "did you mean 'require_approval'"),
    ("publish: typo, flow style", "settings:\n  publish: {max_itmes: 5}\nsources:\n" + GOOD_SOURCE,
     2, "did you mean 'max_items'"),
    ("publish: max_items text", "settings:\n  publish:\n    max_items: ten\nsources:\n"
     + GOOD_SOURCE, 3, "whole number of 1 or more"),
    ("publish: require_approval not a bool", "settings:\n  publish:\n    require_approval: maybe"
     "\nsources:\n" + GOOD_SOURCE, 3, "true or false"),
    ("publish: javascript link", "settings:\n  publish:\n    link: 'javascript:alert(1)'\n"
     "sources:\n" + GOOD_SOURCE, 3, "must be the http(s) address"),
    ("publish: relative link", "settings:\n  publish:\n    link: news/\nsources:\n" + GOOD_SOURCE,
     3, "must be the http(s) address"),
    ("translate: typo", "settings:\n  translate:\n    engien: argos\nsources:\n" + GOOD_SOURCE, 3,
     "did you mean 'engine'"),
    ("target language not a code", "settings:\n  target_language: English\nsources:\n"
     + GOOD_SOURCE, 2, "ISO 639-1"),
    # YAML that must never reach a constructor or stall the load (issue 16.8)
    ("yaml: python tag", "settings: !!python/object/apply:os.system ['true']\nsources:\n"
     + GOOD_SOURCE, 1, "tag '!!python/object/apply:os.system' is not allowed"),
    ("yaml: python tag in a source", "sources:\n  - name: !!python/name:os.system\n    url: a\n",
     2, "is not allowed"),
    ("yaml: unknown local tag", "sources:\n  - name: !secret partner\n    url: a\n", 2,
     "tag '!secret' is not allowed"),
    ("yaml: alias bomb", ALIAS_BOMB, 7, "expand to more than"),
    ("yaml: recursive alias", "sources: &all\n  - *all\n", 2, "inside the node it names"),
    # syntax errors in plain words, with the offending line shown (issue 15.8)
    ("yaml syntax: colon in a value", "sources:\n  - name: A\n    url: http://a.org/?q: 1\n", 3,
     "put the value in quotes"),
]
FIGURES: dict[str, int] = {}


@pytest.mark.parametrize("case", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_bad_config_names_file_line_and_reason(case: tuple[str, str, int | None, str]) -> None:
    _, text, line, words = case
    with pytest.raises(ConfigError) as info:
        parse_config(text, "/etc/pressflow/sources.yaml")
    message = str(info.value)
    where = f"/etc/pressflow/sources.yaml:{line}: " if line else "/etc/pressflow/sources.yaml: "
    assert message.startswith(where), message
    assert words in message, message
    assert info.value.line == line


def pressflow(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", *args], capture_output=True,
                          text=True, timeout=300)


FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>https://p.example/'
        '</link><description>d</description><item><title>Library opens in Graz</title>'
        "<link>https://p.example/1</link><guid>1</guid><description>The new library of Graz "
        "opened on Monday with a reading room.</description></item></channel></rss>")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A config folder whose output/ already holds last night's files."""
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    for name in ("feed.xml", "digest.html", "report.json"):
        (out / name).write_text(f"last night's {name}", encoding="utf-8")
    return tmp_path


def untouched(site: Path) -> bool:
    out = site / "output"
    return all((out / n).read_text(encoding="utf-8") == f"last night's {n}"
               for n in ("feed.xml", "digest.html", "report.json")) and \
        not (out / "pressflow.db").exists()


SUBPROCESS_CASES = ["unknown source key", "yaml syntax: unclosed quote", "duplicate names",
                    "bad url scheme", "setting wrong type",
                    # checked at load now, so nothing is crawled or written (issues 14-16)
                    "publish: typo", "publish: typo, flow style", "publish: max_items text",
                    "publish: require_approval not a bool", "publish: javascript link",
                    "publish: relative link", "translate: typo", "target language not a code",
                    "yaml: python tag", "yaml: python tag in a source", "yaml: unknown local tag",
                    "yaml: alias bomb", "yaml: recursive alias", "yaml syntax: colon in a value"]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_bad_config_exits_2_and_overwrites_nothing(site: Path, name: str) -> None:
    _, text, line, words = next(c for c in BAD_CONFIGS if c[0] == name)
    config = site / "sources.yaml"
    config.write_text(text, encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert f"{config}:{line}:" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr
    assert untouched(site)


def test_yaml_syntax_error_shows_the_offending_line(site: Path) -> None:
    """Plain words and the line itself with a caret, not the parser's own wording."""
    config = site / "sources.yaml"
    config.write_text("sources:\n  - name: A\n    url: http://a.org/?q: 1\n", encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert f"{config}:3: YAML syntax error:" in result.stderr
    assert "  3 |     url: http://a.org/?q: 1\n" in result.stderr
    assert "mapping values are not allowed here" not in result.stderr
    assert untouched(site)


@pytest.mark.parametrize("url, words", [
    ("gone.xml", "neither an http(s) address nor an existing file"),
    ("feeds/gone.xml", "neither an http(s) address nor an existing file"),
    ("www.partner.example/feed", "did you mean 'https://www.partner.example/feed'"),
])
def test_local_source_that_does_not_exist_exits_2(site: Path, url: str, words: str) -> None:
    """A source that is no http(s) address must be a file that exists: a typo in a name or a
    forgotten https:// is the operator's mistake, found before anything is written."""
    config = site / "sources.yaml"
    config.write_text("sources:\n" + GOOD_SOURCE + f"  - name: Other\n    url: {url}\n",
                      encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{config}:6:" in result.stderr and words in result.stderr
    assert untouched(site)


def test_named_glossary_folder_that_does_not_exist_exits_2(site: Path) -> None:
    config = site / "sources.yaml"
    config.write_text("settings:\n  glossary: terms\nsources:\n" + GOOD_SOURCE, encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{config}:2:" in result.stderr and "glossary folder" in result.stderr
    assert untouched(site)


def test_translate_with_a_missing_glossary_folder_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pressflow", "translate", "--glossary",
                           str(tmp_path / "no-such-glossary")],
                          input='{"id": "1", "text": "Bonjour", "lang": "fr"}\n',
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"{tmp_path / 'no-such-glossary'}: no such glossary folder" in done.stderr
    assert done.stdout == ""


def test_missing_config_file_says_how_to_make_one(tmp_path: Path) -> None:
    result = pressflow("run", "--config", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "pressflow init" in result.stderr


def test_bad_glossary_line_exits_2_with_file_and_line(site: Path) -> None:
    (site / "glossary").mkdir()
    (site / "glossary" / "fr-en.tsv").write_text("source\ttarget\tnote\nville intelligente\tsmart "
                                                 "city\t\nCGLU\n", encoding="utf-8")
    config = site / "sources.yaml"
    config.write_text("sources:\n" + GOOD_SOURCE, encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{site / 'glossary' / 'fr-en.tsv'}:3:" in result.stderr
    assert untouched(site)


def test_unusable_output_folder_exits_2_naming_the_setting(site: Path) -> None:
    (site / "a-file").write_text("not a folder", encoding="utf-8")
    config = site / "sources.yaml"
    config.write_text("settings:\n  timeout: 5\n  output: a-file/out\nsources:\n" + GOOD_SOURCE,
                      encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{config}:3:" in result.stderr and "output folder" in result.stderr
    assert "--output" in result.stderr  # what to do
    assert untouched(site)


def test_unknown_translation_engine_exits_2_before_writing(site: Path) -> None:
    config = site / "sources.yaml"
    config.write_text("settings:\n  translate:\n    engine: deepl\nsources:\n" + GOOD_SOURCE,
                      encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{config}:3:" in result.stderr and "'deepl' is not one of" in result.stderr
    assert untouched(site)


def test_language_pinned_to_an_engine_without_its_model_exits_2(site: Path,
                                                                 tmp_path: Path) -> None:
    """`engines: {fr: argos}` with no fr->en argos package installed is the operator's
    mistake: exit 2 naming the line and the install command. (Left on `auto`, the same
    missing pair is a per-article `no-model` status, tested in test_translate.py.)"""
    config = site / "sources.yaml"
    config.write_text(f"settings:\n  translate:\n    models_dir: {tmp_path / 'no-models'}\n"
                      "    engines: {fr: argos}\nsources:\n" + GOOD_SOURCE, encoding="utf-8")
    result = pressflow("run", "--config", str(config))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{config}:4:" in result.stderr  # the engines: line
    assert "engines.fr is argos, but argos has no fr->en model" in result.stderr
    assert "pressflow models install fr en" in result.stderr
    assert untouched(site)


def test_bad_config_case_count() -> None:
    """The figure counts cases that exist: distinct parametrized ones, plus the tests below
    (a renamed or removed one is a NameError here, not a silently wrong count)."""
    names = [c[0] for c in BAD_CONFIGS]
    assert len(set(names)) == len(names), "a case listed twice would be counted twice"
    assert set(SUBPROCESS_CASES) <= set(names), "a subprocess case not in BAD_CONFIGS"
    others = [test_bad_glossary_line_exits_2_with_file_and_line,
              test_unusable_output_folder_exits_2_naming_the_setting,
              test_missing_config_file_says_how_to_make_one,
              test_unknown_translation_engine_exits_2_before_writing,
              test_language_pinned_to_an_engine_without_its_model_exits_2,
              test_yaml_syntax_error_shows_the_offending_line,
              test_named_glossary_folder_that_does_not_exist_exits_2,
              test_translate_with_a_missing_glossary_folder_exits_2]
    assert len({f.__name__ for f in others}) == 8
    # the missing-local-source test runs 3 cases
    local_cases = next(m.args[1] for m in test_local_source_that_does_not_exist_exits_2.pytestmark
                       if m.name == "parametrize")
    FIGURES["bad-config cases"] = len(names) + len(others) + len(local_cases)
    print(f"\nbad-config cases: {FIGURES['bad-config cases']} "
          f"({len(SUBPROCESS_CASES)} also through `pressflow run`, exit 2)")
