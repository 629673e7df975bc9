"""The editor's digest: one self-contained HTML page that opens from disk."""

from __future__ import annotations

from datetime import datetime, timezone
from itertools import groupby

from jinja2 import Environment, PackageLoader, select_autoescape

from .stories_view import StoryItem

_env = Environment(loader=PackageLoader("pressflow.publish", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))


def render_digest(items: list[StoryItem], *, title: str) -> str:
    """HTML with every value from a source escaped by the template engine."""
    ordered = sorted(items, key=lambda i: i.source.casefold())
    groups = [(source, list(group)) for source, group in groupby(ordered, key=lambda i: i.source)]
    return _env.get_template("digest.html.j2").render(
        title=title, groups=groups, stories=items,
        generated=datetime.now(timezone.utc).isoformat(timespec="minutes"))
