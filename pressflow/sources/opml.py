"""OPML 2.0 import and export of sources, as FreshRSS, Miniflux and most readers use it.

Export writes one ``<outline type="rss">`` per source, nested in a category outline named
after the source's first tag (readers turn those into folders). pressflow's own fields
(kind, language, tags) travel as extra attributes, which readers ignore and pressflow reads
back, so ``export`` then ``import`` loses nothing a reader can carry.

Import reads every outline with an ``xmlUrl`` (or an ``htmlUrl`` marked as a pressflow page)
at any depth; the names of enclosing outlines become tags. A document with a DOCTYPE is
refused: OPML never needs one, and entity tricks live there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from pressflow.config import SOURCE_KINDS, Config, parse_config
from pressflow.errors import ConfigError
from pressflow.records import Source

PF_KIND = "pressflowKind"
PF_LANG = "language"
PF_TAGS = "pressflowTags"


def export_opml(config: Config, title: str = "pressflow sources") -> str:
    """The sources of ``config`` as an OPML 2.0 document."""
    groups: dict[str, list[Source]] = {}
    for source in config.sources:
        groups.setdefault(source.tags[0] if source.tags else "", []).append(source)
    now = format_datetime(datetime.now(UTC), usegmt=True)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<opml version="2.0">', "  <head>",
             f"    <title>{_esc(title)}</title>", f"    <dateCreated>{now}</dateCreated>",
             "  </head>", "  <body>"]
    for category, sources in groups.items():
        indent = "    "
        if category:
            lines.append(f"    <outline text={quoteattr(category)} title={quoteattr(category)}>")
            indent = "      "
        for s in sources:
            url = _absolute(s.url, config)
            attrs = {"type": "rss", "text": s.name, "title": s.title or s.name, "xmlUrl": url,
                     PF_KIND: s.kind}
            if s.kind != "feed":
                attrs["htmlUrl"] = url
            if s.language:
                attrs[PF_LANG] = s.language
            if s.tags:
                attrs[PF_TAGS] = ",".join(s.tags)
            rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
            lines.append(f"{indent}<outline {rendered}/>")
        if category:
            lines.append("    </outline>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _absolute(url: str, config: Config) -> str:
    """A local demo path becomes a file:// address, so the export works from anywhere."""
    from pressflow.crawl.fetch import is_local, local_path

    if is_local(url):
        return local_path(url, config.base_dir).resolve().as_uri()
    return url


def read_opml(path: str | Path) -> list[Source]:
    """Sources described by an OPML file; raise :class:`ConfigError` naming the file."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(p)) from exc
    if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096], re.I):
        raise ConfigError("OPML with a DOCTYPE or ENTITY declaration is refused", path=str(p))
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise ConfigError(f"not valid OPML/XML: {exc}", path=str(p), line=line) from exc
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise ConfigError("not an OPML document (no <opml><body>)", path=str(p))
    found: list[Source] = []
    _walk(body, [], found)
    return found


def _walk(node: ET.Element, categories: list[str], found: list[Source]) -> None:
    for outline in node.findall("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        name = (outline.get("text") or outline.get("title") or "").strip()
        if url:
            kind = outline.get(PF_KIND, "feed")
            tags = [t for t in (outline.get(PF_TAGS) or "").split(",") if t] or list(categories)
            lang = outline.get(PF_LANG) or None
            found.append(Source(name=name or url, url=url.strip(),
                                kind=kind if kind in SOURCE_KINDS else "feed",
                                language=lang.split("-")[0].lower() if lang else None,
                                title=outline.get("title") if outline.get("title") != name else None,
                                tags=tags))
        _walk(outline, categories + ([name] if name and not url else []), found)


def _yaml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def import_opml(opml_path: str | Path, config_path: str | Path) -> tuple[list[Source], list[Source]]:
    """Append the OPML's sources to a sources.yaml; return (added, skipped as present).

    The file is appended to, not rewritten, so its comments and layout stay as they are;
    the result is validated before it is written.
    """
    from pressflow.config import load_config

    config = load_config(config_path)
    known_urls = {_absolute(s.url, config) for s in config.sources}
    known_names = {s.name.casefold() for s in config.sources}
    added, skipped = [], []
    for source in read_opml(opml_path):
        if source.url in known_urls or _absolute(source.url, config) in known_urls:
            skipped.append(source)
            continue
        name, n = source.name, 2
        while name.casefold() in known_names:
            name, n = f"{source.name} ({n})", n + 1
        source.name = name
        known_names.add(name.casefold())
        known_urls.add(source.url)
        added.append(source)
    if not added:
        return added, skipped
    path = Path(config_path)
    text = path.read_text(encoding="utf-8")
    block = ["", "  # imported from " + Path(opml_path).name]
    for s in added:
        block += [f"  - name: {_yaml_str(s.name)}", f"    url: {_yaml_str(s.url)}",
                  f"    kind: {s.kind}"]
        if s.language:
            block.append(f"    language: {s.language}")
        if s.title:
            block.append(f"    title: {_yaml_str(s.title)}")
        if s.tags:
            block.append(f"    tags: [{', '.join(_yaml_str(t) for t in s.tags)}]")
    new_text = text.rstrip("\n") + "\n" + "\n".join(block) + "\n"
    if re.search(r"^sources:\s*(\[\s*\]|~|null)?\s*$", text, re.M) and not config.sources:
        new_text = re.sub(r"^sources:\s*(\[\s*\]|~|null)?\s*$", "sources:", text, count=1,
                          flags=re.M).rstrip("\n") + "\n" + "\n".join(block) + "\n"
    check = parse_config(new_text, str(path))
    if len(check.sources) != len(config.sources) + len(added):
        raise ConfigError("cannot append: 'sources:' is not the last section of the file; "
                          "move it to the end and import again", path=str(path))
    path.write_text(new_text, encoding="utf-8")
    return added, skipped
