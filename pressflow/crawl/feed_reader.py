"""Feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0) -> articles, dates in their own offset, links resolved.

feedparser does the reading. What it guarantees and this module relies on (tests pin it):
a DOCTYPE's entity declarations are dropped unless they are plain character references, so
a "billion laughs" feed does not expand and an external entity (``file:///etc/passwd``)
is never read; external DTDs are not fetched; a truncated or malformed document falls
back to its loose parser and yields the entries it could recover. A document with no
entries and no recognisable feed is a :class:`FeedParseError` naming the reason.

Relative links resolve against ``xml:base``, then the feed's own address (sent to
feedparser as Content-Location), then the channel link when the feed is a local file.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from urllib.parse import urljoin

import feedparser

from pressflow.errors import FeedParseError
from pressflow.records import DATE_ONLY, Article
from pressflow.text.html import html_to_text

FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:RDF", b"<rdf", b"<channel")


def looks_like_feed(content: bytes) -> bool:
    """Sniffed from the bytes, whatever the Content-Type said (UTF-16 feeds included)."""
    head = content[:4096]
    if b"\x00" in head[:64]:
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                head = head[: len(head) // 2 * 2].decode(codec).encode("utf-8", "ignore")
                break
            except UnicodeDecodeError:
                continue
    head = head.lstrip().lower()
    if b"<html" in head[:512] and not any(m.lower() in head[:512] for m in FEED_MARKERS):
        return False
    return any(m.lower() in head for m in FEED_MARKERS)


def looks_like_html(content: bytes) -> bool:
    head = content[:2048].lower()
    return b"<html" in head or b"<!doctype html" in head or b"<body" in head


def advertised_feed(content: bytes, url: str) -> str | None:
    """The feed an HTML page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(content[:200_000], "lxml")
    for link in soup.find_all("link", href=True):
        kind = str(link.get("type") or "").lower()
        if "alternate" in [r.lower() for r in link.get("rel") or []] and kind in (
                "application/rss+xml", "application/atom+xml", "application/rdf+xml"):
            return urljoin(url, str(link["href"]))
    return None


# the offset at the end of a feed's date as written: "+0100", "-05:00", "Z", "GMT", "UTC"
_WRITTEN_OFFSET = re.compile(r"(?:([+-])(\d{2}):?(\d{2})|\b(Z|GMT|UTC?))\s*$", re.I)
_WRITTEN_TIME = re.compile(r"\d:\d")


def _written_zone(raw: str) -> tzinfo | None:
    """The zone a date string was written in, when it says so by offset (not by name)."""
    found = _WRITTEN_OFFSET.search(raw)
    if not found:
        return None
    if found[4]:
        return UTC
    minutes = int(found[2]) * 60 + int(found[3])
    if minutes >= 24 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if found[1] == "-" else minutes))


def refuse_html_page(content: bytes, url: str, source: str) -> None:
    """Raise the one message for an HTML page given where a feed was expected (``kind: feed``
    in a run, ``pressflow feed``): it names the feed the page announces, else what reads it."""
    if looks_like_feed(content) or not looks_like_html(content):
        return
    announced = advertised_feed(content, url)
    hint = (f"; the page announces a feed at {announced}: use that address" if announced else
            "; for an article page or a news index use kind: page or kind: listing (try it "
            f"with `pressflow extract {url}`)")
    raise FeedParseError(f"not a feed: {url} serves an HTML page{hint}", source=source, url=url)


def _entry_date(entry: Any) -> datetime | None:
    """The entry's date, at the instant feedparser read, in the offset the feed wrote
    (``+0100`` stays ``+0100``); a date without a time stays a date (DATE_ONLY)."""
    for key in ("published", "updated", "created"):
        value = entry.get(f"{key}_parsed")
        if not value:
            continue
        # feedparser hands back a UTC struct_time; timegm keeps it in UTC
        instant = datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
        raw = str(entry.get(key) or "")
        if raw and not _WRITTEN_TIME.search(raw) and instant.time() == time(0):
            return datetime(instant.year, instant.month, instant.day, tzinfo=DATE_ONLY)
        zone = _written_zone(raw)
        return instant.astimezone(zone) if zone else instant
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
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if url.startswith(("http://", "https://")):
        response_headers.setdefault("content-location", url)
    # Entries become plain text (html_to_text drops script, style and every tag), so
    # feedparser's own passes over each entry's HTML (sanitising, resolving the links inside
    # it) would be work thrown away: a quarter of its time (benchmarks/crawl.py).
    parsed = feedparser.parse(content, response_headers=response_headers,
                              resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", None)
        detail = reason() if callable(reason) else str(parsed.get("bozo_exception") or "no entries")
        raise FeedParseError(f"not a readable feed: {detail}", source=source, url=url)
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    base = url if url.startswith(("http://", "https://")) else (parsed.feed.get("link") or url)
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
        address = link or (guid if guid and guid.startswith(("http://", "https://")) else "")
        if not address:  # no link at all: the feed's address, told apart by the guid or title
            address = f"{url}#{guid or title}"
        articles.append(Article(
            source=source, url=address, title=title or (text[:80] + "…"),
            text=text, summary=summary, guid=guid, canonical_url=link or None,
            published=_entry_date(entry), lang_hint=entry_lang or feed_lang or language,
        ))
    return articles
