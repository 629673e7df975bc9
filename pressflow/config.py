"""sources.yaml: load, validate, and explain mistakes with file, line and field.

The file has an optional ``settings:`` mapping and a ``sources:`` list. Every relative
path in it (a local demo page, the glossary folder, the output folder) is relative to the
file itself, so a config works from any working directory.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import tzinfo
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

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
    "recheck_days": (7, "listing sources: story pages first seen in the last N days are asked "
                        "again (conditional GET) when the listing changed, to catch corrections; "
                        "0 turns it off"),
    "max_rechecks": (10, "listing sources: at most this many stored story pages re-checked per "
                         "source per run"),
    "silent_after_days": (30, "flag a source with no new item for this many days"),
    "fail_threshold": (0, "exit 1 only when more than this many sources failed"),
    "workers": (0, "processes for the CPU-bound stages (language, entities, the crawl's "
                   "parsing); 0 = one per CPU core; 1 = everything in the main process"),
    "translate": ({}, "engine: auto|argos|apertium|none (auto: argos package, else Apertium); "
                      "engines: per language, e.g. {fr: apertium, fa: argos}; beam_size (4); "
                      "threads (0 = all cores); batch_size (32 sentences); models_dir (argos "
                      "packages; default $ARGOS_PACKAGES_DIR or argos' folder); package_index "
                      "(URL of the argos index); max_input_tokens (250 per sentence); "
                      "memory_threshold (0.92: near matches of editors' corrections used; 1 = "
                      "exact only)"),
    "allow_private": ([], "addresses inside (loopback, private, link-local) partners' links and "
                          "redirects may reach: host, host:port or a network like 10.0.0.0/8; a "
                          "source's own url is always allowed"),
    "publish": ({}, "feeds and digest: title, link (public http(s) address of the output folder), "
                    "description, require_approval (true: only approved stories; default false: "
                    "all not rejected), days (only stories of the last N days; default all), "
                    "max_items (default 100)"),
}


ENGINES = ("auto", "argos", "apertium", "none")
PUBLISH_KEYS = ("title", "link", "description", "require_approval", "days", "max_items",
                "timezone", "removed_source_grace_days")
DEFAULT_MAX_ITEMS = 100
# a removed partner's items stay a week: long enough for readers who saw them yesterday,
# short enough that a partner removed for a reason is soon gone
DEFAULT_REMOVED_SOURCE_GRACE_DAYS = 7


@dataclass(frozen=True)
class CrawlSettings:
    """How every source is fetched: the top-level fetch settings of sources.yaml."""

    user_agent: str = SETTINGS["user_agent"][0]
    timeout: float = SETTINGS["timeout"][0]
    deadline: float = SETTINGS["deadline"][0]
    max_bytes: int = SETTINGS["max_bytes"][0]
    max_redirects: int = SETTINGS["max_redirects"][0]
    concurrency: int = SETTINGS["concurrency"][0]
    per_host_delay: float = SETTINGS["per_host_delay"][0]
    recheck_days: int = SETTINGS["recheck_days"][0]
    # inside addresses partners' links and redirects may reach (host, host:port, network)
    allow_private: tuple[str, ...] = ()
    max_rechecks: int = SETTINGS["max_rechecks"][0]


@dataclass(frozen=True)
class TranslateSettings:
    """The ``translate:`` mapping of sources.yaml settings, validated."""

    engine: str = "auto"
    engines: dict[str, str] = field(default_factory=dict)
    beam_size: int = 4
    threads: int = 0
    batch_size: int = 32
    models_dir: str | None = None
    package_index: str | None = None
    max_input_tokens: int = 250
    # translation memory: the lowest score of a near match used (1.0: exact matches only)
    memory_threshold: float = 0.92

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None, where: str = "settings.translate",
                     path: str | None = None, line: int | None = None,
                     lines: Mapping[str, int] | None = None) -> TranslateSettings:
        """Build from the config mapping; an unknown key or bad value is a ConfigError that
        names the key's own line (``lines``) or else the section's (``line``)."""
        values = dict(values or {})
        known = tuple(cls.__dataclass_fields__)

        def at(key: str) -> int | None:
            return (lines or {}).get(key, line)

        for key in values:
            if key not in known:
                hint = _suggest(str(key), known)
                raise ConfigError(f"unknown key {key!r} in {where}{hint}", path=path, line=at(key),
                                  field=key)
        s = cls(**values)
        for name in ("beam_size", "threads", "batch_size", "max_input_tokens"):
            v = getattr(s, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < (0 if name == "threads" else 1):
                raise ConfigError(f"{where}.{name} must be a whole number"
                                  f"{'' if name == 'threads' else ' of at least 1'}, got {v!r}",
                                  path=path, line=at(name), field=name)
        for name in ("models_dir", "package_index"):
            if getattr(s, name) is not None and not isinstance(getattr(s, name), str):
                raise ConfigError(f"{where}.{name} must be text, got {getattr(s, name)!r}",
                                  path=path, line=at(name), field=name)
        t = s.memory_threshold
        if isinstance(t, bool) or not isinstance(t, (int, float)) or not 0.5 <= t <= 1.0:
            raise ConfigError(f"{where}.memory_threshold must be a number from 0.5 to 1 (1: exact "
                              f"matches only), got {t!r}", path=path, line=at("memory_threshold"),
                              field="memory_threshold")
        if s.engine not in ENGINES:
            raise ConfigError(f"{where}.engine {s.engine!r} is not one of {', '.join(ENGINES)}",
                              path=path, line=at("engine"), field="engine")
        if not isinstance(s.engines, dict):
            raise ConfigError(f"{where}.engines must map a language to an engine, "
                              "for example {fr: apertium}", path=path, line=at("engines"),
                              field="engines")
        for lang, engine in s.engines.items():
            if engine not in ENGINES:
                raise ConfigError(f"{where}.engines.{lang}: {engine!r} is not one of "
                                  f"{', '.join(ENGINES)}", path=path, line=at("engines"),
                                  field="engines")
        return s

    def engine_for(self, lang: str) -> str:
        return self.engines.get(lang, self.engine)


@dataclass(frozen=True)
class PublishSettings:
    """The ``publish:`` mapping: the feeds' channel and which stories they carry."""

    title: str | None = None
    link: str | None = None  # public http(s) address of the output folder
    description: str | None = None
    require_approval: bool = False
    days: int | None = None
    max_items: int = DEFAULT_MAX_ITEMS
    timezone: str | None = None  # an IANA name: show every time in it (dates stay dates)
    removed_source_grace_days: int = DEFAULT_REMOVED_SOURCE_GRACE_DAYS

    @property
    def display_zone(self) -> tzinfo | None:
        """``timezone`` as a zone, or None: show each time in the offset its source wrote."""
        return ZoneInfo(self.timezone) if self.timezone else None

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None, path: str | None = None,
                     line: int | None = None,
                     lines: Mapping[str, int] | None = None) -> PublishSettings:
        """Build from the config mapping; every mistake is a ConfigError naming its line."""
        values = dict(values or {})

        def where(key: str) -> dict[str, Any]:
            return {"path": path, "line": (lines or {}).get(key, line), "field": key}

        for key, value in values.items():
            if key not in PUBLISH_KEYS:
                raise ConfigError(f"unknown key settings.publish.{key}"
                                  f"{_suggest(str(key), PUBLISH_KEYS)}", **where(str(key)))
            if key in ("days", "max_items") and (isinstance(value, bool)
                                                 or not isinstance(value, int) or value < 1):
                raise ConfigError(f"settings.publish.{key} must be a whole number of 1 or more, "
                                  f"got {value!r}", **where(key))
            if key == "require_approval" and not isinstance(value, bool):
                raise ConfigError(f"settings.publish.require_approval must be true or false, got "
                                  f"{value!r}", **where(key))
            if key == "removed_source_grace_days" and (isinstance(value, bool)
                                                       or not isinstance(value, int) or value < 0):
                raise ConfigError(f"settings.publish.removed_source_grace_days must be a whole number "
                                  f"of 0 or more, got {value!r}", **where(key))
            if key == "timezone":
                _check_time_zone(value, where(key))
            if key in ("title", "link", "description") and not isinstance(value, str):
                raise ConfigError(f"settings.publish.{key} must be text, got {value!r}",
                                  **where(key))
        link = values.get("link")
        if link:
            parsed = urlparse(link)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise ConfigError("settings.publish.link must be the http(s) address where readers "
                                  f"find the output folder (e.g. https://news.example.org/), got "
                                  f"{link!r}", **where("link"))
        return cls(**values)


def _check_time_zone(name: object, where: dict[str, Any]) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"settings.publish.timezone must be a time zone name such as "
                          f"Europe/Paris, got {name!r}", **where)
    try:
        ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"settings.publish.timezone: unknown time zone {name!r} (use an "
                          f"IANA name such as Europe/Paris or UTC)", **where) from exc


@dataclass(frozen=True)
class ReportSettings:
    """What the run report and the exit status count as trouble."""

    silent_after_days: int = SETTINGS["silent_after_days"][0]
    fail_threshold: int = SETTINGS["fail_threshold"][0]


@dataclass(frozen=True)
class Settings:
    """Every setting of a sources.yaml, validated and typed; paths resolved against the file.

    Stages read their own section (``settings.crawl``, ``settings.translate``, ...).
    """

    output: Path
    glossary: Path
    target_language: str = SETTINGS["target_language"][0]
    crawl: CrawlSettings = field(default_factory=CrawlSettings)
    translate: TranslateSettings = field(default_factory=TranslateSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    workers: int = 1
    """Processes for the CPU-bound stages, resolved (``workers: 0`` is the number of cores)."""


@dataclass
class Config:
    """A validated sources.yaml: its sources and its typed settings."""

    path: Path | None
    sources: list[Source]
    settings: Settings
    # where each setting stands, for messages: "timeout", "publish", "publish.link", ...
    lines: dict[str, int] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # the settings as written, validated

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any] | None = None,
                     sources: Sequence[Source] = (), path: Path | None = None) -> Config:
        """A config built in Python (tests, embedding) with the same checks as the file's."""
        base_dir = path.parent if path else Path.cwd()
        values = dict(settings or {})
        typed = build_settings(values, {}, str(path) if path else None, base_dir)
        return cls(path=path, sources=list(sources), settings=typed, values=values)

    @property
    def base_dir(self) -> Path:
        return self.path.parent if self.path else Path.cwd()

    def resolve(self, value: str | os.PathLike[str]) -> Path:
        """A path from the config, relative to the config file."""
        return _resolve(value, self.base_dir)

    def where(self, key: str) -> dict[str, Any]:
        """``path``/``line``/``field`` of a setting, for a ConfigError raised after loading."""
        return {"path": str(self.path) if self.path else None, "line": self.lines.get(key),
                "field": key.rsplit(".", 1)[-1]}

    @property
    def output_dir(self) -> Path:
        return self.settings.output

    @property
    def glossary_dir(self) -> Path:
        return self.settings.glossary

    def with_output(self, folder: str | os.PathLike[str]) -> Config:
        """The same config writing to ``folder`` (``--output``); messages about the output
        folder then no longer point at the file's ``output:`` line."""
        lines = {k: v for k, v in self.lines.items() if k != "output"}
        output = Path(folder).expanduser().resolve()
        return replace(self, settings=replace(self.settings, output=output), lines=lines,
                       values={**self.values, "output": str(output)})


def _resolve(value: str | os.PathLike[str], base_dir: Path) -> Path:
    p = Path(value).expanduser()
    # resolved, so messages and reports show /srv/news/output, not demo/../output
    return (p if p.is_absolute() else (base_dir / p)).resolve()


def build_settings(values: Mapping[str, Any], lines: Mapping[str, int], path: str | None,
                   base_dir: Path) -> Settings:
    """Check every setting (unknown names, types, ranges, each section's keys) and build the
    typed :class:`Settings`; the first mistake is a ConfigError naming its line."""
    for key, value in values.items():
        line = lines.get(key)
        if key not in SETTINGS:
            raise ConfigError(f"unknown setting {key!r}{_suggest(key, tuple(SETTINGS))}",
                              path=path, line=line, field=key)
        default = SETTINGS[key][0]
        if isinstance(default, (int, float)) and not isinstance(default, bool):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"setting {key!r} must be a number, got {value!r}",
                                  path=path, line=line, field=key)
        elif isinstance(default, dict) and not isinstance(value, dict):
            raise ConfigError(f"setting {key!r} must be a mapping", path=path, line=line, field=key)
        elif isinstance(default, list) and not (
                isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"setting {key!r} must be a list of text", path=path, line=line, field=key)
        elif isinstance(default, str) and not isinstance(value, str):
            raise ConfigError(f"setting {key!r} must be text", path=path, line=line, field=key)
        _check_range(key, value, path, line)
    target = values.get("target_language", SETTINGS["target_language"][0])
    if not (2 <= len(target) <= 3 and target.isalpha()):
        raise ConfigError(f"target_language {target!r} must be an ISO 639-1 code such as 'en'",
                          path=path, line=lines.get("target_language"), field="target_language")

    def get(name: str) -> Any:
        return values.get(name, SETTINGS[name][0])

    def section_lines(name: str) -> dict[str, int]:
        prefix = f"{name}."
        return {k[len(prefix):]: v for k, v in lines.items() if k.startswith(prefix)}

    translate = TranslateSettings.from_mapping(get("translate"), path=path,
                                               line=lines.get("translate"),
                                               lines=section_lines("translate"))
    if translate.models_dir:
        translate = replace(translate, models_dir=str(_resolve(translate.models_dir, base_dir)))
    return Settings(
        output=_resolve(get("output"), base_dir),
        glossary=_resolve(get("glossary"), base_dir),
        target_language=target.lower(),
        crawl=CrawlSettings(user_agent=get("user_agent"), timeout=float(get("timeout")),
                            deadline=float(get("deadline")), max_bytes=int(get("max_bytes")),
                            max_redirects=int(get("max_redirects")),
                            concurrency=int(get("concurrency")),
                            per_host_delay=float(get("per_host_delay")),
                            recheck_days=int(get("recheck_days")),
                            max_rechecks=int(get("max_rechecks")),
                            allow_private=tuple(get("allow_private"))),
        translate=translate,
        publish=PublishSettings.from_mapping(get("publish"), path=path, line=lines.get("publish"),
                                             lines=section_lines("publish")),
        report=ReportSettings(silent_after_days=int(get("silent_after_days")),
                              fail_threshold=int(get("fail_threshold"))),
        workers=int(get("workers")) or usable_cores(),
    )


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask, which containers and taskset
    narrow), the default number of workers."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # no affinity on this platform (macOS)
        return os.cpu_count() or 1


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
        return url  # a local path; load_config checks that it exists
    raise ConfigError(f"url {url!r}: scheme {parsed.scheme!r} is not supported "
                      "(use http://, https://, file:// or a local path)", **where)


# Lower bounds of numeric settings: (minimum, inclusive?)
SETTING_MINIMUMS: dict[str, tuple[float, bool]] = {
    "timeout": (0, False), "deadline": (0, False), "max_bytes": (1, True),
    "max_redirects": (0, True), "concurrency": (1, True), "per_host_delay": (0, True),
    "silent_after_days": (1, True), "fail_threshold": (0, True),
    "recheck_days": (0, True), "max_rechecks": (0, True), "workers": (0, True),
}
WHOLE_NUMBER_SETTINGS = ("max_bytes", "max_redirects", "concurrency", "silent_after_days",
                         "fail_threshold", "recheck_days", "max_rechecks", "workers")
MAX_WORKERS = 256
"""More worker processes than this is a typo (each one loads its own models)."""


def _check_range(key: str, value: Any, path: str | None, line: int | None) -> None:
    if key in WHOLE_NUMBER_SETTINGS and isinstance(value, float) and not value.is_integer():
        raise ConfigError(f"setting {key!r} must be a whole number, got {value!r}",
                          path=path, line=line, field=key)
    if key == "workers" and value > MAX_WORKERS:
        raise ConfigError(f"setting 'workers' must be at most {MAX_WORKERS} (each worker "
                          f"process loads its own models; this machine has {usable_cores()} "
                          f"core(s): 0 uses them all), got {value!r}", path=path, line=line,
                          field=key)
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


# Nodes that aliases may add to a file when expanded. A hand-written config uses a few
# anchors at most; a "billion laughs" file adds millions and would stall every walk.
MAX_ALIAS_NODES = 10_000
# Tags a config may carry: the ones safe_load itself builds (text, numbers, lists, ...).
SAFE_TAGS = frozenset(tag for tag in yaml.SafeLoader.yaml_constructors if tag is not None)


class _Refused(Exception):
    """A YAML construct a config must not use; caught by parse_config, which adds the file."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _ConfigComposer(yaml.SafeLoader):
    """Composes the node tree only (nothing is constructed), refusing tags other than the
    safe ones, recursive aliases, and aliases that expand beyond :data:`MAX_ALIAS_NODES`."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._alias_nodes = 0
        self._sizes: dict[int, int] = {}
        self._open_anchors: set[str] = set()

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]  # (untyped in types-PyYAML)
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            name = str(event.anchor)
            if name in self._open_anchors:
                raise _Refused(line, f"alias *{name} is inside the node it names; a config "
                                     "cannot refer to itself")
            target = self.anchors.get(name)
            if target is not None:
                self._alias_nodes += self._size(target)
                if self._alias_nodes > MAX_ALIAS_NODES:
                    raise _Refused(line, f"aliases (*{name}) expand to more than "
                                         f"{MAX_ALIAS_NODES} values; write the values out, or "
                                         "use fewer nested aliases")
            return super().compose_node(parent, index)
        anchor: str | None = getattr(event, "anchor", None)
        if anchor:
            self._open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            if anchor:
                self._open_anchors.discard(anchor)
        if node is not None and node.tag not in SAFE_TAGS:
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"the YAML tag {tag!r} is not allowed: a config holds only "
                                 "text, numbers, true/false, dates, lists and mappings")
        return node

    def _size(self, node: yaml.Node) -> int:
        """How many nodes ``node`` stands for once its aliases are expanded (memoised)."""
        known = self._sizes.get(id(node))
        if known is not None:
            return known
        size = 1
        if isinstance(node, yaml.SequenceNode):
            size += sum(self._size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            size += sum(self._size(k) + self._size(v) for k, v in node.value)
        self._sizes[id(node)] = size
        return size


# Parser problems, said in an operator's words: (words in PyYAML's problem, explanation).
YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("found character '\\t'", "a tab character; indent with spaces, not tabs"),
    ("mapping values are not allowed here",
     "a ':' where YAML expects none; check this line's indentation, or put the value in "
     "quotes if it contains ': '"),
    ("expected <block end>",
     "this line's indentation does not match the lines above it"),
    ("could not find expected ':'", "a line without 'key: value'; is a quote or bracket left open?"),
    ("did not find expected key", "this line's indentation does not match the lines above it"),
    ("did not find expected '-' indicator",
     "this line's indentation does not match the list above it"),
    ("expected ',' or ']'", "a '[' list is not closed with ']'"),
    ("expected ',' or '}'", "a '{' mapping is not closed with '}'"),
    ("found unexpected end of stream", "a quote is never closed"),
)


# What the parser was reading, in the same words: (words in its context, plain name).
YAML_CONTEXTS = (("block collection", "list or mapping"), ("block mapping", "mapping"),
                 ("flow sequence", "[...] list"), ("flow mapping", "{...} mapping"))


def _excerpt(text: str, line: int | None, column: int | None) -> str:
    """The offending line of the file, with a caret under the column."""
    lines = text.splitlines()
    if not line or line > len(lines):
        return ""
    shown = lines[line - 1].replace("\t", "→")
    caret = f"\n  {' ' * len(str(line))} | {' ' * (column or 0)}^" if column is not None else ""
    return f"\n  {line} | {shown}{caret}"


def _yaml_syntax_error(exc: yaml.YAMLError, text: str, path: str) -> ConfigError:
    """file:line, the problem in plain words, and the offending line."""
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or exc)
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    column = mark.column if mark else None
    plain = next((words for key, words in YAML_PROBLEMS if key in problem), problem)
    if context and start is not None:
        if "end of stream" in problem or "<stream end>" in problem:
            line, column = start.line + 1, start.column  # unclosed: point at where it opens
            plain += f" (it opens at line {line})"
        else:
            what = next((words for key, words in YAML_CONTEXTS if key in context), "block")
            plain += f" (the {what} that starts at line {start.line + 1})"
    return ConfigError(f"YAML syntax error: {plain}{_excerpt(text, line, column)}", path=path,
                       line=line)


def _compose(text: str, path: str) -> yaml.Node | None:
    loader = _ConfigComposer(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    except _Refused as exc:
        raise ConfigError(exc.message, path=path, line=exc.line) from None
    except yaml.YAMLError as exc:
        raise _yaml_syntax_error(exc, text, path) from exc
    finally:
        loader.dispose()


def _settings_values(node: yaml.MappingNode, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The settings mapping as plain values, and the line of every key (one level into
    the section mappings: ``publish.link``)."""
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        values[key] = _plain(value_node)
        if isinstance(value_node, yaml.MappingNode):
            for sub_key, _ in value_node.value:
                lines[f"{key}.{sub_key.value}"] = sub_key.start_mark.line + 1
    return values, lines


def parse_config(text: str, path: str = "<string>", *, check_files: bool = False) -> Config:
    """Validate a sources.yaml text; raise :class:`ConfigError` naming line and field.

    ``check_files``: also check that local sources and a named glossary folder exist
    (:func:`load_config` does; a text given here may describe files made later).
    """
    root = _compose(text, path)
    if root is None:
        raise ConfigError("the file is empty; it needs a 'sources:' list", path=path)
    if not isinstance(root, yaml.MappingNode):
        raise ConfigError("the top level must be a mapping with 'sources:' (and optional "
                          "'settings:')", path=path, line=root.start_mark.line + 1)
    base_dir = Path(path).parent if path != "<string>" else Path.cwd()
    sources: list[Source] = []
    values: dict[str, Any] = {}
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
                if check_files:
                    _check_local_source(source, _key_line(item, "url"), path, base_dir)
                sources.append(source)
        elif key == "settings":
            if not isinstance(value_node, yaml.MappingNode):
                raise ConfigError("'settings' must be a mapping", path=path, line=kline, field="settings")
            values, lines = _settings_values(value_node, path)
        else:
            raise ConfigError(f"unknown top-level key {key!r}"
                              f"{_suggest(key, ('sources', 'settings'))}",
                              path=path, line=kline, field=key)
    settings = build_settings(values, lines, path, base_dir)
    if not seen_sources:
        raise ConfigError("no 'sources:' list found", path=path)
    if check_files and "glossary" in values and not settings.glossary.is_dir():
        raise ConfigError(f"the glossary folder {settings.glossary} does not exist; create it "
                          "(`pressflow init DIR` writes a starter one) or remove the setting",
                          path=path, line=lines.get("glossary"), field="glossary")
    return Config(path=Path(path) if path != "<string>" else None, sources=sources,
                  settings=settings, lines=lines, values=values)


FILE_SUFFIXES = ("xml", "html", "htm", "rss", "atom", "rdf", "json", "txt", "yaml", "yml")


def _check_local_source(source: Source, line: int | None, path: str, base_dir: Path) -> None:
    """A source that is not an http(s) address must be a file that exists: a mistyped name,
    or an address written without http://, is the operator's mistake (exit 2), not a
    source that failed tonight."""
    parsed = urlparse(source.url)
    if parsed.scheme in ("http", "https"):
        return
    local = url2pathname(parsed.path) if parsed.scheme == "file" else source.url
    found = _resolve(local, base_dir)
    if found.exists():
        return
    labels = source.url.split("/", 1)[0].split(".")
    looks_like_host = (parsed.scheme == "" and len(labels) >= 2 and all(labels)
                       and labels[-1].isalpha() and labels[-1].lower() not in FILE_SUFFIXES)
    hint = (f"; did you mean 'https://{source.url}'?" if looks_like_host else
            "; give an http(s) address or the path of a file that exists")
    raise ConfigError(f"url {source.url!r} is neither an http(s) address nor an existing file "
                      f"(looked for {found}){hint}", path=path, line=line, field="url")


def _key_line(node: yaml.Node, key: str) -> int | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return int(key_node.start_mark.line) + 1
    return None


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate a sources.yaml file, including the local files it names."""
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
    config = parse_config(text, str(p), check_files=True)
    config.path = p.resolve()
    return config
