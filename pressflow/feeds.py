"""Feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0) -> articles, with dates in UTC and links resolved."""

from __future__ import annotations

import calendar
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin

import feedparser

from .errors import FeedParseError
from .html_text import html_to_text
from .models import Article

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:RDF", b"<rdf", b"<channel")


def looks_like_feed(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return any(m.lower() in head for m in FEED_MARKERS)


def _entry_date(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            # feedparser hands back a UTC struct_time; timegm keeps it in UTC
            return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    return None


def _entry_text(entry: Any) -> tuple[str, str]:
    """(summary, full text) as plain text with paragraphs kept."""
    summary_html = entry.get("summary", "") or ""
    contents = entry.get("content") or []
    body_html = max((c.get("value", "") for c in contents), key=len, default="")
    summary = html_to_text(summary_html)
    body = html_to_text(body_html) if body_html else summary
    return summary, body


def parse_feed(content: bytes, *, url: str = "", source: str = "feed",
               headers: dict[str, str] | None = None,
               language: str | None = None) -> list[Article]:
    """Parse a feed document; raise :class:`FeedParseError` when it holds no feed at all."""
    parsed = feedparser.parse(content, response_headers=headers or {}, resolve_relative_uris=True,
                              sanitize_html=True)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = reason() if callable(reason) else str(parsed.get("bozo_exception") or "no entries")
        raise FeedParseError(f"not a readable feed: {detail}", source=source, url=url)
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    base = parsed.feed.get("link") or url
    articles = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if link and base:
            link = urljoin(base, link)
        title = html_to_text(entry.get("title", "")).replace("\n", " ").strip()
        summary, text = _entry_text(entry)
        guid = entry.get("id") or None
        if not link and not guid and not title:
            continue  # nothing to identify it by
        entry_lang = None
        detail = entry.get("title_detail") or entry.get("summary_detail") or {}
        if detail.get("language"):
            entry_lang = detail["language"].split("-")[0].lower()
        articles.append(Article(
            source=source, url=link or guid or url, title=title or (text[:80] + "…"),
            text=text, summary=summary, guid=guid, canonical_url=link or None,
            published=_entry_date(entry), lang_hint=entry_lang or feed_lang or language,
        ))
    return articles
