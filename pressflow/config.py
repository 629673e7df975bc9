"""sources.yaml: load, validate, and explain mistakes with file, line and field.

The file has an optional ``settings:`` mapping and a ``sources:`` list. Every relative
path in it (a local demo page, the glossary folder, the output folder) is relative to the
file itself, so a config works from any working directory.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from pressflow.errors import ConfigError
from pressflow.records import Source

SOURCE_KINDS = ("feed", "page", "listing")
# CSS selectors a listing source may give when the automatic item guess is wrong
SELECTOR_KEYS = ("item", "title", "link", "date", "text", "next")

SOURCE_KEYS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "url": str,
    "kind": str,
    "language": str,
    "title": str,
    "tags": list,
    "timeout": (int, float),
    "selectors": dict,
    "max_pages": int,
    "follow_links": bool,
    "robots": str,
}

# name -> (default, help). Every setting is documented in README.md (a test checks it).
SETTINGS: dict[str, tuple[Any, str]] = {
    "output": ("output", "folder for feeds, digest, report and pressflow.db"),
    "glossary": ("glossary", "terminology folder: SRC-TGT.tsv files and keep.txt"),
    "target_language": ("en", "language everything is translated into"),
    "user_agent": ("pressflow/{version} (+https://github.com/pressflow/pressflow)",
                   "User-Agent sent with every request"),
    "timeout": (20.0, "seconds to connect or to wait for data, per request"),
    "deadline": (120.0, "seconds one source may take in all (retries, pages) before it fails"),
    "max_bytes": (10_000_000, "largest body accepted, in bytes; larger is a failure"),
    "max_redirects": (5, "redirects followed per request"),
    "concurrency": (8, "requests in flight at once, all hosts together"),
    "per_host_delay": (1.0, "seconds between two requests to the same host"),
    "silent_after_days": (30, "flag a source with no new item for this many days"),
    "fail_threshold": (0, "exit 1 only when more than this many sources failed"),
    "translate": ({}, "engine: auto|argos|apertium|none (auto: argos package, else Apertium); "
                      "engines: per language, e.g. {fr: apertium, fa: argos}; beam_size (4); "
                      "threads (0 = all cores); batch_size (32 sentences); models_dir (argos "
                      "packages; default $ARGOS_PACKAGES_DIR or argos' folder); package_index "
                      "(URL of the argos index); max_input_tokens (250 per sentence)"),
    "allow_private": ([], "addresses inside (loopback, private, link-local) partners' links and "
                          "redirects may reach: host, host:port or a network like 10.0.0.0/8; a "
                          "source's own url is always allowed"),
    "publish": ({}, "feeds and digest: title, link (public address of the output folder), "
                    "description, require_approval (true: only approved stories; default false: "
                    "all not rejected), days (only stories of the last N days; default all), "
                    "max_items (default 100)"),
}


@dataclass
class Config:
    """A validated sources.yaml."""

    path: Path | None
    sources: list[Source]
    settings: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # setting -> its line, for messages

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def resolve(self, value: str | os.PathLike[str]) -> Path:
        """A path from the config, relative to the config file."""
        p = Path(value).expanduser()
        # resolved, so messages and reports show /srv/news/output, not demo/../output
        return (p if p.is_absolute() else (self.base_dir / p)).resolve()

    def setting(self, name: str) -> Any:
        return self.settings.get(name, SETTINGS[name][0])

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.setting("output"))

    @property
    def glossary_dir(self) -> Path:
        return self.resolve(self.setting("glossary"))


def _suggest(key: str, valid: list[str] | tuple[str, ...]) -> str:
    close = difflib.get_close_matches(key, list(valid), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(valid)}"


def _plain(node: yaml.Node) -> Any:
    return yaml.safe_load(yaml.serialize(node)) if node is not None else None


def _type_name(t: type | tuple[type, ...]) -> str:
    names = {str: "text", list: "a list", dict: "a mapping", int: "a whole number",
             float: "a number", bool: "true or false"}
    ts = t if isinstance(t, tuple) else (t,)
    return " or ".join(names.get(x, x.__name__) for x in ts)


def _check_url(url: str, where: dict[str, Any], base_dir: Path) -> str:
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https"):
        if not parsed.hostname:
            raise ConfigError(f"url {url!r} has no host", **where)
        if any(c.isspace() for c in url):
            raise ConfigError(f"url {url!r} contains a space; write it as %20", **where)
        try:
            parsed.port  # noqa: B018 (raises on a port that is not a number in range)
        except ValueError as exc:
            raise ConfigError(f"url {url!r} has an invalid port ({exc})", **where) from exc
        return url
    if parsed.scheme == "file" or parsed.scheme == "" or len(parsed.scheme) == 1:
        return url  # a local path; checked when fetched, so a missing demo page fails one source
    raise ConfigError(f"url {url!r}: scheme {parsed.scheme!r} is not supported "
                      "(use http://, https://, file:// or a local path)", **where)


# Lower bounds of numeric settings: (minimum, inclusive?)
SETTING_MINIMUMS: dict[str, tuple[float, bool]] = {
    "timeout": (0, False), "deadline": (0, False), "max_bytes": (1, True),
    "max_redirects": (0, True), "concurrency": (1, True), "per_host_delay": (0, True),
    "silent_after_days": (1, True), "fail_threshold": (0, True),
}
WHOLE_NUMBER_SETTINGS = ("max_bytes", "max_redirects", "concurrency", "silent_after_days",
                         "fail_threshold")


def _check_range(key: str, value: Any, path: str, line: int) -> None:
    if key in WHOLE_NUMBER_SETTINGS and isinstance(value, float) and not value.is_integer():
        raise ConfigError(f"setting {key!r} must be a whole number, got {value!r}",
                          path=path, line=line, field=key)
    if key not in SETTING_MINIMUMS:
        return
    low, inclusive = SETTING_MINIMUMS[key]
    if value < low or (value == low and not inclusive):
        bound = f"at least {low:g}" if inclusive else f"more than {low:g}"
        raise ConfigError(f"setting {key!r} must be {bound}, got {value!r}", path=path,
                          line=line, field=key)


def _reject_duplicate_keys(node: yaml.Node, path: str) -> None:
    """YAML keeps the last of two equal keys without a word; a config must not."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 1
            if key in seen:
                raise ConfigError(f"key {key!r} appears twice in the same mapping (first at "
                                  f"line {seen[key]}); keep one", path=path, line=line, field=key)
            seen[key] = line
            _reject_duplicate_keys(value_node, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(item, path)


def _source_from_node(node: yaml.Node, path: str, base_dir: Path) -> Source:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError("each source must be a mapping with name, url and kind",
                          path=path, line=line)
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        kline = key_node.start_mark.line + 1
        if key not in SOURCE_KEYS:
            raise ConfigError(f"unknown key {key!r} in source{_suggest(key, tuple(SOURCE_KEYS))}",
                              path=path, line=kline, field=key)
        value = _plain(value_node)
        expected = SOURCE_KEYS[key]
        ok = isinstance(value, expected) and not (isinstance(value, bool) and expected in (int, (int, float)))
        if not ok:
            raise ConfigError(f"{key!r} must be {_type_name(expected)}, got {value!r}",
                              path=path, line=kline, field=key)
        if key == "tags" and not all(isinstance(t, str) for t in value):
            raise ConfigError("'tags' must be a list of text", path=path, line=kline, field=key)
        values[key] = (value, kline)
    for required in ("name", "url"):
        if required not in values:
            raise ConfigError(f"source is missing {required!r}", path=path, line=line, field=required)
        if not values[required][0].strip():
            raise ConfigError(f"{required!r} is empty", path=path, line=values[required][1],
                              field=required)
    kind, kline = values.get("kind", ("feed", line))
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}"
                          f"{_suggest(kind, SOURCE_KINDS) if _suggest(kind, SOURCE_KINDS).startswith('; did') else ''}",
                          path=path, line=kline, field="kind")
    url, uline = values["url"]
    url = _check_url(url.strip(), {"path": path, "line": uline, "field": "url"}, base_dir)
    if "selectors" in values:
        selectors, sline = values["selectors"]
        for key, value in selectors.items():
            if key not in SELECTOR_KEYS:
                raise ConfigError(f"unknown selector {key!r}{_suggest(str(key), SELECTOR_KEYS)}",
                                  path=path, line=sline, field="selectors")
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"selector {key!r} must be a CSS selector (text)", path=path,
                                  line=sline, field="selectors")
    if "timeout" in values and values["timeout"][0] <= 0:
        raise ConfigError("'timeout' must be more than 0 seconds", path=path,
                          line=values["timeout"][1], field="timeout")
    if "robots" in values and len(values["robots"][0].split()) < 2:
        raise ConfigError("'robots' overrides robots.txt only with a stated reason, e.g. "
                          "robots: \"the partner asked us to crawl the members area\"",
                          path=path, line=values["robots"][1], field="robots")
    lang = values.get("language", (None, 0))[0]
    if lang is not None and not (2 <= len(lang) <= 3 and lang.isalpha()):
        raise ConfigError(f"language {lang!r} must be an ISO 639-1 code such as 'fr'",
                          path=path, line=values["language"][1], field="language")
    return Source(
        name=values["name"][0].strip(),
        url=url,
        kind=kind,
        language=lang.lower() if lang else None,
        title=values.get("title", (None, 0))[0],
        tags=values.get("tags", ([], 0))[0],
        timeout=values.get("timeout", (None, 0))[0],
        selectors=values.get("selectors", ({}, 0))[0],
        max_pages=values.get("max_pages", (1, 0))[0],
        follow_links=values.get("follow_links", (True, 0))[0],
        robots=values.get("robots", (None, 0))[0],
        line=line,
    )


def parse_config(text: str, path: str = "<string>") -> Config:
    """Validate a sources.yaml text; raise :class:`ConfigError` naming line and field."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        if context and start is not None:
            problem += f" ({context} that starts at line {start.line + 1}"
            if "end of stream" in problem:  # an unclosed quote or bracket: point at its start
                line = start.line + 1
                problem += "; is a quote or bracket left open?"
            problem += ")"
        if "\t" in text and "found character '\\t'" in problem:
            problem += "; indent with spaces, not tabs"
        raise ConfigError(f"YAML syntax error: {problem}", path=path, line=line) from exc
    if root is None:
        raise ConfigError("the file is empty; it needs a 'sources:' list", path=path)
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError("the top level must be a mapping with 'sources:' (and optional "
                          "'settings:')", path=path, line=root.start_mark.line + 1)
    base_dir = Path(path).parent if path != "<string>" else Path.cwd()
    sources: list[Source] = []
    settings: dict[str, Any] = {}
    lines: dict[str, int] = {}
    seen_sources = False
    _reject_duplicate_keys(root, path)
    for key_node, value_node in root.value:
        key, kline = str(key_node.value), key_node.start_mark.line + 1
        if key == "sources":
            seen_sources = True
            if isinstance(value_node, yaml.ScalarNode) and value_node.value in ("", "~", "null"):
                continue
            if not isinstance(value_node, yaml.SequenceNode):
                raise ConfigError("'sources' must be a list", path=path, line=kline, field="sources")
            names: dict[str, int] = {}
            for item in value_node.value:
                source = _source_from_node(item, path, base_dir)
                folded = source.name.casefold()
                if folded in names:
                    raise ConfigError(f"duplicate source name {source.name!r} (first at line "
                                      f"{names[folded]})", path=path, line=source.line, field="name")
                names[folded] = source.line or 0
                sources.append(source)
        elif key == "settings":
            if not isinstance(value_node, yaml.MappingNode):
                raise ConfigError("'settings' must be a mapping", path=path, line=kline, field="settings")
            for skey_node, svalue_node in value_node.value:
                skey, sline = str(skey_node.value), skey_node.start_mark.line + 1
                if skey not in SETTINGS:
                    raise ConfigError(f"unknown setting {skey!r}{_suggest(skey, tuple(SETTINGS))}",
                                      path=path, line=sline, field=skey)
                value = _plain(svalue_node)
                default = SETTINGS[skey][0]
                if isinstance(default, (int, float)) and not isinstance(default, bool):
                    if isinstance(value, bool) or not isinstance(value, (int, float)):
                        raise ConfigError(f"setting {skey!r} must be a number, got {value!r}",
                                          path=path, line=sline, field=skey)
                elif isinstance(default, dict) and not isinstance(value, dict):
                    raise ConfigError(f"setting {skey!r} must be a mapping", path=path,
                                      line=sline, field=skey)
                elif isinstance(default, list) and not (
                        isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    raise ConfigError(f"setting {skey!r} must be a list of text", path=path,
                                      line=sline, field=skey)
                elif isinstance(default, str) and not isinstance(value, str):
                    raise ConfigError(f"setting {skey!r} must be text", path=path, line=sline,
                                      field=skey)
                _check_range(skey, value, path, sline)
                settings[skey] = value
                if skey == "translate":  # checked here so a bad key stops the run with exit 2
                    from pressflow.translate.base import TranslateSettings

                    TranslateSettings.from_mapping(value, path=path, line=sline)
                lines[skey] = sline
        else:
            raise ConfigError(f"unknown top-level key {key!r}"
                              f"{_suggest(key, ('sources', 'settings'))}",
                              path=path, line=kline, field=key)
    if not seen_sources:
        raise ConfigError("no 'sources:' list found", path=path)
    return Config(path=Path(path) if path != "<string>" else None, sources=sources,
                  settings=settings, lines=lines)


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a sources.yaml file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("file not found; create one with `pressflow init DIR`",
                          path=str(p)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason})", path=str(p)) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(p)) from exc
    config = parse_config(text, str(p))
    config.path = p.resolve()
    return config
