"""OPML 2.0 import and export of sources, as FreshRSS, Miniflux and most readers use it.

Export writes one outline per source, nested in a category outline named after the
source's first tag (readers turn those into folders). A feed is ``type="rss"`` with its
``xmlUrl``; a page or listing source is ``type="link"`` with its ``htmlUrl`` (it has no feed
a reader could subscribe to). pressflow's own fields (kind, language, tags, selectors,
max_pages, follow_links, robots, timeout) travel as JSON in the namespaced attribute
``pressflow:source``, which readers ignore and pressflow reads back, so ``export`` then
``import`` loses nothing.

Import treats the file as coming from someone else: it is parsed by defusedxml with DTDs
refused (no entity tricks, whatever the encoding or padding), only http(s) addresses are
accepted, ``language`` must be a language code, every source is validated alone and
written through the YAML emitter (a value can never add keys), and each outline left out
is reported with its reason. Addresses are matched without tracking parameters
(``utm_*``, ``fbclid``...), so a reader's export does not come back as duplicates.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.sax.saxutils import quoteattr

import defusedxml.ElementTree as SafeET
import yaml
from defusedxml import DefusedXmlException

from pressflow.config import SOURCE_KINDS, Config, parse_config
from pressflow.errors import ConfigError
from pressflow.records import Source
from pressflow.text.urls import TRACKING_PARAMS, canonical_url

PF_NS = "https://pressflow.org/ns/opml/1"
PF_SOURCE = f"{{{PF_NS}}}source"  # JSON of pressflow's own fields
PF_KIND = "pressflowKind"  # read from exports of earlier versions
PF_TAGS = "pressflowTags"
PF_LANG = "language"
LANGUAGE_CODE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
# the fields of a source that ride in pressflow:source, with the type each must have
CARRIED: dict[str, type | tuple[type, ...]] = {
    "kind": str, "language": str, "tags": list, "selectors": dict, "max_pages": int,
    "follow_links": bool, "robots": str, "timeout": (int, float)}


@dataclass
class Skipped:
    """An outline left out of an import, and why."""

    name: str
    url: str
    reason: str


def export_opml(config: Config, title: str = "pressflow sources") -> str:
    """The sources of ``config`` as an OPML 2.0 document."""
    groups: dict[str, list[Source]] = {}
    for source in config.sources:
        groups.setdefault(source.tags[0] if source.tags else "", []).append(source)
    now = format_datetime(datetime.now(UTC), usegmt=True)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<opml version="2.0" xmlns:pressflow={quoteattr(PF_NS)}>', "  <head>",
             f"    <title>{_esc(title)}</title>", f"    <dateCreated>{now}</dateCreated>",
             "  </head>", "  <body>"]
    for category, sources in groups.items():
        indent = "    "
        if category:
            lines.append(f"    <outline text={quoteattr(category)} title={quoteattr(category)}>")
            indent = "      "
        for s in sources:
            url = _absolute(s.url, config)
            attrs = {"text": s.name, "title": s.title or s.name}
            if s.kind == "feed":
                attrs.update(type="rss", xmlUrl=url)
            else:  # a page or listing has no feed: a reader gets a link, pressflow its kind
                attrs.update(type="link", url=url, htmlUrl=url)
            if s.language:
                attrs[PF_LANG] = s.language
            attrs["pressflow:source"] = json.dumps(_carried(s), ensure_ascii=False,
                                                   sort_keys=True)
            rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
            lines.append(f"{indent}<outline {rendered}/>")
        if category:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _carried(source: Source) -> dict[str, Any]:
    """pressflow's fields of a source that differ from the defaults."""
    default = Source(name="", url="")
    fields = {key: getattr(source, key) for key in CARRIED}
    return {k: v for k, v in fields.items() if v != getattr(default, k) or k == "kind"}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _absolute(url: str, config: Config) -> str:
    """A local demo path becomes a file:// address, so the export works from anywhere."""
    from pressflow.crawl.fetch import is_local, local_path

    if is_local(url):
        return local_path(url, config.base_dir).resolve().as_uri()
    return url


def without_tracking(url: str) -> str:
    """``url`` without tracking parameters (``utm_*``, ``fbclid``...) and fragment."""
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not TRACKING_PARAMS.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _same_address_key(url: str) -> str:
    return canonical_url(url) if urlsplit(url).scheme in ("http", "https") else url.strip()


def _parse(path: Path) -> ET.Element:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from exc
    try:  # DTDs refused outright: OPML never needs one, and entity tricks live there
        root: ET.Element = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                             forbid_external=True)
    except DefusedXmlException as exc:
        raise ConfigError(f"OPML with a DOCTYPE or ENTITY declaration is refused ({exc})",
                          path=str(path)) from exc
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ConfigError(f"not valid OPML/XML: {exc}", path=str(path), line=line) from exc
    return root


def read_opml_report(path: str | Path) -> tuple[list[Source], list[Skipped]]:
    """Sources an OPML file describes, and the outlines left out with their reasons."""
    p = Path(path)
    root = _parse(p)
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError("not an OPML document (no <opml><body>)", path=str(p))
    found: list[Source] = []
    skipped: list[Skipped] = []
    _walk(body, [], found, skipped)
    return found, skipped


def read_opml(path: str | Path) -> list[Source]:
    """Sources described by an OPML file; raise :class:`ConfigError` naming the file."""
    return read_opml_report(path)[0]


def _pressflow_fields(outline: ET.Element) -> dict[str, Any]:
    """pressflow:source of an outline (or the attributes of earlier exports), checked."""
    raw = outline.get(PF_SOURCE)
    fields: dict[str, Any] = {}
    if raw:
        try:
            loaded = json.loads(raw)
        except ValueError as exc:
            raise ValueError(f"pressflow:source is not JSON ({exc})") from exc
        if not isinstance(loaded, dict):
            raise ValueError("pressflow:source is not a JSON object")
        for key, value in loaded.items():
            expected = CARRIED.get(key)
            if expected is None:
                raise ValueError(f"pressflow:source has an unknown field {key!r}")
            if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
                raise ValueError(f"pressflow:source field {key!r} has the wrong type")
            fields[key] = value
    else:
        if outline.get(PF_KIND):
            fields["kind"] = outline.get(PF_KIND)
        if outline.get(PF_TAGS):
            fields["tags"] = [t for t in (outline.get(PF_TAGS) or "").split(",") if t]
    return fields


def _walk(node: ET.Element, categories: list[str], found: list[Source],
          skipped: list[Skipped]) -> None:
    for outline in node.findall("outline"):
        name = (outline.get("text") or outline.get("title") or "").strip()
        try:
            fields = _pressflow_fields(outline)
        except ValueError as exc:
            skipped.append(Skipped(name, "", str(exc)))
            continue
        kind = fields.get("kind", "feed")
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if not url and kind in ("page", "listing"):
            url = outline.get("htmlUrl") or outline.get("url")
        if url:
            source = _source_of(outline, name, url.strip(), fields, categories, skipped)
            if source is not None:
                found.append(source)
        _walk(outline, categories + ([name] if name and not url else []), found, skipped)


def _source_of(outline: ET.Element, name: str, url: str, fields: dict[str, Any],
               categories: list[str], skipped: list[Skipped]) -> Source | None:
    """One outline as a source, or None (with the reason in ``skipped``)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        skipped.append(Skipped(name or url, url, "not an http(s) address"))
        return None
    kind = fields.get("kind", "feed")
    if kind not in SOURCE_KINDS:
        skipped.append(Skipped(name or url, url, f"kind {kind!r} is not one of "
                                                 f"{', '.join(SOURCE_KINDS)}"))
        return None
    lang = fields.get("language") or outline.get(PF_LANG) or None
    if lang is not None and not LANGUAGE_CODE.fullmatch(lang.strip()):
        skipped.append(Skipped(name or url, url, f"language {lang!r} is not a language code"))
        return None
    title = outline.get("title")
    return Source(name=name or url, url=without_tracking(url), kind=kind,
                  language=lang.strip().split("-")[0].lower() if lang else None,
                  title=title if title and title != name else None,
                  tags=list(fields.get("tags") or categories),
                  timeout=fields.get("timeout"), selectors=dict(fields.get("selectors") or {}),
                  max_pages=int(fields.get("max_pages", 1)),
                  follow_links=bool(fields.get("follow_links", True)),
                  robots=fields.get("robots"))


def _yaml_entry(source: Source) -> dict[str, Any]:
    """A source as the mapping sources.yaml holds (defaults left out)."""
    entry: dict[str, Any] = {"name": source.name, "url": source.url, "kind": source.kind}
    if source.language:
        entry["language"] = source.language
    if source.title:
        entry["title"] = source.title
    for key, value in _carried(source).items():
        if key not in ("kind", "language"):
            entry[key] = value
    return entry


def _yaml_block(entries: list[dict[str, Any]]) -> str:
    """Entries as a YAML list indented under ``sources:``, written by the YAML emitter."""
    dumped = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False,
                            default_flow_style=False, width=1000)
    return "".join(f"  {line}\n" if line else "\n" for line in dumped.splitlines())


def _validated(source: Source, config_path: Path) -> str | None:
    """Why ``source`` cannot go into sources.yaml, or None when it can."""
    try:
        parse_config("sources:\n" + _yaml_block([_yaml_entry(source)]), str(config_path))
    except ConfigError as exc:
        return exc.reason
    return None


def import_opml(opml_path: str | Path, config_path: str | Path,
                ) -> tuple[list[Source], list[Source], list[Skipped]]:
    """Append the OPML's sources to a sources.yaml.

    Returns (added, already present, skipped with a reason). The file is appended to, not
    rewritten, so its comments and layout stay as they are; the result is validated
    before it is written.
    """
    from pressflow.config import load_config

    config = load_config(config_path)
    path = Path(config_path)
    known_urls = {_same_address_key(_absolute(s.url, config)) for s in config.sources}
    known_names = {s.name.casefold() for s in config.sources}
    added: list[Source] = []
    present: list[Source] = []
    found, skipped = read_opml_report(opml_path)
    for source in found:
        key = _same_address_key(source.url)
        if key in known_urls:
            present.append(source)
            continue
        name, n = source.name, 2
        while name.casefold() in known_names:
            name, n = f"{source.name} ({n})", n + 1
        source.name = name
        reason = _validated(source, path)
        if reason is not None:
            skipped.append(Skipped(source.name, source.url, reason))
            continue
        known_names.add(name.casefold())
        known_urls.add(key)
        added.append(source)
    if not added:
        return added, present, skipped
    text = path.read_text(encoding="utf-8")
    block = f"\n  # imported from {_comment_safe(Path(opml_path).name)}\n" + _yaml_block(
        [_yaml_entry(s) for s in added])
    new_text = text.rstrip("\n") + "\n" + block
    if re.search(r"^sources:\s*(\[\s*\]|~|null)?\s*$", text, re.M) and not config.sources:
        new_text = re.sub(r"^sources:\s*(\[\s*\]|~|null)?\s*$", "sources:", text, count=1,
                          flags=re.M).rstrip("\n") + "\n" + block
    check = parse_config(new_text, str(path))
    if len(check.sources) != len(config.sources) + len(added) or check.settings != config.settings:
        raise ConfigError("cannot append: 'sources:' is not the last section of the file; "
                          "move it to the end and import again", path=str(path))
    path.write_text(new_text, encoding="utf-8")
    return added, present, skipped


def _comment_safe(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f]", "?", text)
