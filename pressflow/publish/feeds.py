"""RSS 2.0 (and, later, Atom and JSON Feed) built with feedgen: one item per story."""

from __future__ import annotations

import html
from datetime import datetime, timezone
from typing import Any

import nh3
from feedgen.feed import FeedGenerator

from ..html_text import html_to_text
from .stories_view import StoryItem

DEFAULT_TITLE = "Partner news (pressflow)"
DEFAULT_LINK = "https://example.org/pressflow/"


def plain(text: str) -> str:
    """Text with any markup a source slipped in removed (titles are plain text in readers)."""
    return html_to_text(text).replace("\n", " ")


def item_description(item: StoryItem) -> str:
    """HTML for the item body: the source's text escaped, then sanitised once more."""
    parts = [item.summary]
    if not item.translated:
        parts.append(f"[Not translated: original {item.lang or 'unknown'} text.]")
    if item.also_reported_by:
        others = ", ".join(f"{m.source} ({m.lang or 'und'})" for m in item.also_reported_by)
        parts.append(f"Also reported by: {others}.")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in parts if p)
    return nh3.clean(body, tags={"p"}, attributes={})


def build_feed(items: list[StoryItem], *, publish: dict[str, Any], self_url: str) -> FeedGenerator:
    fg = FeedGenerator()
    link = publish.get("link") or DEFAULT_LINK
    fg.id(link)
    fg.title(publish.get("title") or DEFAULT_TITLE)
    fg.link(href=link, rel="alternate")
    fg.link(href=self_url, rel="self")
    fg.description(publish.get("description") or "Partner and municipality news, translated to English and deduplicated by pressflow.")
    fg.language("en")
    fg.generator("pressflow")
    fg.lastBuildDate(datetime.now(timezone.utc))
    for item in reversed(items):  # feedgen prepends; keep newest first in the file
        entry = fg.add_entry()
        entry.id(item.guid)
        entry.guid(item.guid, permalink=False)
        entry.title(plain(item.title))
        entry.link(href=item.link)
        entry.description(item_description(item))
        if item.published:
            entry.published(item.published)
            entry.updated(item.published)
        entry.category(term=f"lang:{item.lang or 'und'}")
        entry.category(term=f"source:{item.source}")
    return fg


def rss_bytes(items: list[StoryItem], *, publish: dict[str, Any], self_url: str) -> bytes:
    return build_feed(items, publish=publish, self_url=self_url).rss_str(pretty=True)
