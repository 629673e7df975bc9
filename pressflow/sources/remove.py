"""`pressflow sources remove NAME`: take one source out of sources.yaml, keep the rest as it is.

The file is edited, not re-dumped: PyYAML's node positions give the lines the source's entry
spans, and only those (with the comment lines right above it, which describe it) are
deleted, so every other comment and the layout stay. The result is validated before it is
written. The database keeps the source's articles and history; the feeds drop its items
``publish.removed_source_grace_days`` later (see :func:`pressflow.publish.hidden_sources`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from pressflow.config import Config, load_config, parse_config
from pressflow.errors import ConfigError
from pressflow.records import Source


def _entry_lines(text: str, path: str, name: str) -> tuple[int, int]:
    """(first, last) 0-based line numbers of the ``sources:`` entry named ``name``."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)  # parse_config accepted this text already
    for key_node, value_node in root.value:
        if key_node.value != "sources" or not isinstance(value_node, yaml.SequenceNode):
            continue
        if value_node.flow_style:
            raise ConfigError("'sources' is written as a [flow, list]; write one source per "
                              "entry (- name: ...) to remove one, or edit it by hand",
                              path=path, line=value_node.start_mark.line + 1, field="sources")
        for item in value_node.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            names = [v.value for k, v in item.value if k.value == "name"]
            if names and str(names[0]).casefold() == name.casefold():
                last = max(_last_line(v) for _, v in item.value)
                return item.start_mark.line, last
    raise ConfigError(f"no source named {name!r}", path=path)


def _last_line(node: yaml.Node) -> int:
    """The last line holding part of ``node`` (a block's end mark sits on the next token)."""
    if isinstance(node, yaml.ScalarNode):
        mark = node.end_mark
        return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line
    if isinstance(node, yaml.SequenceNode) and node.value:
        return max(node.end_mark.line if node.flow_style else 0,
                   *(_last_line(child) for child in node.value))
    if isinstance(node, yaml.MappingNode) and node.value:
        return max(node.end_mark.line if node.flow_style else 0,
                   *(_last_line(v) for _, v in node.value))
    return node.end_mark.line


def remove_source(config_path: str | Path, name: str) -> tuple[Source, Config]:
    """Delete the source ``name`` from the sources.yaml at ``config_path``; return it and
    the config as it is now."""
    path = Path(config_path)
    config = load_config(path)
    source = next((s for s in config.sources if s.name.casefold() == name.casefold()), None)
    text = path.read_text(encoding="utf-8")
    if source is None:
        known = ", ".join(s.name for s in config.sources) or "none"
        raise ConfigError(f"no source named {name!r} (sources: {known})", path=str(path))
    first, last = _entry_lines(text, str(path), source.name)
    lines = text.splitlines(keepends=True)
    while first > 0 and lines[first - 1].lstrip().startswith("#"):  # its own comment
        first -= 1
    new_text = "".join(lines[:first] + lines[last + 1:])
    check = parse_config(new_text, str(path))
    if sorted(s.name for s in check.sources) != sorted(s.name for s in config.sources
                                                       if s is not source):
        raise ConfigError(f"cannot remove {name!r} safely (its entry shares lines with "
                          "another); edit the file by hand", path=str(path))
    path.write_text(new_text, encoding="utf-8")
    check.path = config.path
    return source, check
