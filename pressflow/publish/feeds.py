"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: one item per story, built with feedgen (and json).

Every value that came from a source is treated as untrusted: titles become plain text,
bodies are our own HTML around escaped text, cleaned once more with nh3 (only ``p`` and
``a`` with http(s) links survive), and characters XML cannot carry are dropped.

Identifiers follow the W3C Feed Validator: with ``publish.link`` set, each item's id is a
``tag:`` URI (RFC 4151) ``tag:HOST,DATE:story:ID`` (HOST from the link, DATE the day the
database was made), stable across runs; entity categories use the same authority. Without
``publish.link`` the public address is unknown, so every address (self links, ids) is the
output folder's absolute ``file://`` address: right for a local reader, never relative.

Times keep the source's offset. A date without a time is shown as a date in the digest;
RSS, Atom and JSON Feed need a time, so it is written as 12:00 of that day in UTC (or in
``publish.timezone``): noon keeps the calendar day for readers from UTC-11 to UTC+11,
where midnight would show the day before everywhere west of Greenwich. Atom's ``updated``
must differ between entries (two equal values are how validators spot a generator that
stamps everything with one time), so entries that would share one, such as two
date-only items of the same day, are spread a second apart, in feed order.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any
from urllib.parse import urlsplit

import nh3
from feedgen.feed import FeedGenerator
from lxml import etree

from pressflow.config import PublishSettings
from pressflow.publish.stories_view import StoryItem
from pressflow.text.html import html_to_text

DEFAULT_TITLE = "Partner news (pressflow)"
DEFAULT_DESCRIPTION = ("Partner and municipality news, translated to English and "
                       "deduplicated by pressflow.")
ATOM_NS = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_FILES = {"rss": "feed.xml", "atom": "feed.atom", "json": "feed.json"}

# XML 1.0 cannot carry these; a source that sends them must not break the whole feed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    return _XML_ILLEGAL.sub("", text or "")


def plain(text: str | None) -> str:
    """Text with any markup a source slipped in removed (titles are plain text in readers)."""
    return xml_safe(html_to_text(text or "").replace("\n", " "))


@dataclass(frozen=True)
class FeedInfo:
    """The channel: from settings.publish (title, link, description) and the file addresses."""

    title: str
    link: str
    description: str
    self_urls: dict[str, str]  # format -> the address of that file
    id_prefix: str = ""  # "tag:HOST,DATE:" with publish.link, else the folder's file:// address
    display_zone: tzinfo | None = None  # publish.timezone: where a date-only item's noon is

    @classmethod
    def from_settings(cls, publish: PublishSettings, fallback_base: str,
                      created: str | None = None) -> FeedInfo:
        """``fallback_base`` (a file:// folder address) names the files when no link is set;
        ``created`` (ISO time the database was made) dates the ``tag:`` URIs."""
        link = publish.link or ""
        base = (link.rstrip("/") + "/") if link else fallback_base.rstrip("/") + "/"
        host = urlsplit(link).hostname if link else None
        prefix = f"tag:{host},{(created or '')[:10] or '2024-01-01'}:" if host else base + "#"
        return cls(title=publish.title or DEFAULT_TITLE, link=link or base,
                   description=publish.description or DEFAULT_DESCRIPTION,
                   self_urls={fmt: base + name for fmt, name in FEED_FILES.items()},
                   id_prefix=prefix, display_zone=publish.display_zone)

    def item_id(self, item: StoryItem) -> str:
        return f"{self.id_prefix}story:{item.id}" if self.id_prefix.startswith("tag:") \
            else f"{self.id_prefix}story-{item.id}"

    def category_scheme(self, label: str) -> str:
        return f"{self.id_prefix}entity:{label}" if self.id_prefix.startswith("tag:") \
            else f"{self.id_prefix}entity-{label}"

    def feed_time(self, item: StoryItem) -> datetime | None:
        """The item's date for a feed, which needs a time: a date alone becomes noon."""
        if item.published is None or not item.date_only:
            return item.published
        return datetime.combine(item.published.date(), time(12), self.display_zone or UTC)


def item_link(item: StoryItem, info: FeedInfo) -> str:
    """The original's address; a story whose source gave none links to its digest entry."""
    return item.link or f"{info.link.rstrip('/')}/digest.html#story-{item.id}"


def _sanitise(body: str) -> str:
    return nh3.clean(body, tags={"p", "a"}, attributes={"a": {"href", "hreflang"}},
                     url_schemes={"http", "https"}, link_rel="noopener noreferrer nofollow")


def item_html(item: StoryItem) -> str:
    """The item body: English summary, then original language, source and who else reported it."""
    parts = [f"<p>{html.escape(item.summary)}</p>"] if item.summary else []
    if not item.translated:
        parts.append(f"<p>[Not translated yet: original {html.escape(item.lang or 'und')} "
                     "text.]</p>")
    parts.append(f"<p>Original language: {html.escape(item.lang or 'und')}. "
                 f"Source: {html.escape(item.source)}.</p>")
    if item.also_reported_by:
        others = []
        for m in item.also_reported_by:
            label = f"{html.escape(m.source)} ({html.escape(m.lang or 'und')})"
            others.append(f'<a href="{html.escape(m.url)}">{label}</a>' if m.url else label)
        parts.append(f"<p>Also reported by: {', '.join(others)}.</p>")
    return xml_safe(_sanitise("".join(parts)))


def item_text(item: StoryItem) -> str:
    """The same as :func:`item_html`, as plain text (JSON Feed ``content_text``)."""
    lines = [item.summary] if item.summary else []
    lines.append(f"Original language: {item.lang or 'und'}. Source: {item.source}.")
    if item.also_reported_by:
        lines.append("Also reported by: " + ", ".join(
            f"{m.source} ({m.lang or 'und'})" for m in item.also_reported_by) + ".")
    return "\n\n".join(lines)


def _feed_updated(items: list[StoryItem]) -> datetime:
    dates = [i.updated for i in items if i.updated]
    return max(dates) if dates else datetime.now(UTC)


def distinct_updated(items: list[StoryItem], info: FeedInfo, fallback: datetime) -> dict[int, datetime]:
    """Story id -> the entry's ``updated`` time: its date, with equal ones a second apart."""
    times: dict[int, datetime] = {}
    taken: set[datetime] = set()
    for item in sorted(items, key=lambda i: ((info.feed_time(i) or i.updated or fallback), i.id)):
        value = info.feed_time(item) or item.updated or fallback
        while value in taken:
            value += timedelta(seconds=1)
        taken.add(value)
        times[item.id] = value
    return times


def build_feed(items: list[StoryItem], info: FeedInfo, fmt: str) -> FeedGenerator:
    """A feedgen feed for ``fmt`` ("rss" or "atom"): the self link differs per format."""
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.id(info.self_urls["atom"])
    fg.title(xml_safe(info.title))
    # feedgen's RSS <link> is the last one given: the site, not the feed itself
    fg.link(href=info.self_urls[fmt], rel="self",
            type="application/rss+xml" if fmt == "rss" else "application/atom+xml")
    fg.link(href=info.link, rel="alternate")
    fg.description(xml_safe(info.description))
    fg.subtitle(xml_safe(info.description))
    fg.language("en")
    fg.generator("pressflow")
    fg.author(name=xml_safe(info.title))  # Atom: a feed-level author covers every entry
    entry_updated = distinct_updated(items, info, _feed_updated(items))
    updated = max([_feed_updated(items), *entry_updated.values()])
    fg.updated(updated)
    fg.lastBuildDate(updated)
    for item in reversed(items):  # feedgen prepends; keep newest first in the file
        entry = fg.add_entry()
        entry.guid(info.item_id(item), permalink=False)
        entry.title(plain(item.title) or f"Story {item.id}")
        entry.link(href=item_link(item, info), rel="alternate")  # Atom: see _fix_atom_links
        body = item_html(item)
        entry.summary(body, type="html")  # Atom <summary type="html">, RSS <description>
        entry.author(name=plain(item.source))
        entry.dc.dc_creator(plain(item.source))
        if item.lang:
            entry.dc.dc_language(item.lang)
        published = info.feed_time(item)
        if published:
            entry.published(published)
        entry.updated(entry_updated[item.id])
        for label, name in sorted({(e.get("label") or "MISC", plain(n)) for e in item.entities
                                   for n in [(e.get("canonical") or e.get("text") or "").strip()]
                                   if plain(n)}, key=lambda t: (t[1].casefold(), t[0])):
            entry.category(term=name, scheme=info.category_scheme(label), label=name)
    return fg


def rss_bytes(items: list[StoryItem], info: FeedInfo) -> bytes:
    rss: bytes = build_feed(items, info, "rss").rss_str(pretty=True)
    return rss


def atom_bytes(items: list[StoryItem], info: FeedInfo) -> bytes:
    return _fix_atom_links(build_feed(items, info, "atom").atom_str(pretty=True), items, info)


def _fix_atom_links(data: bytes, items: list[StoryItem], info: FeedInfo) -> bytes:
    """Write each entry's links again with rel/hreflang/title.

    feedgen 1.0 drops every attribute but href on entry links (a shadowed variable), which
    would turn "related" links into extra "alternate" ones, which RFC 4287 forbids.
    """
    root = etree.fromstring(data)
    by_guid = {info.item_id(item): item for item in items}
    for entry in root.iterfind(f"{{{ATOM_NS}}}entry"):
        item = by_guid.get(entry.findtext(f"{{{ATOM_NS}}}id") or "")
        if item is None:
            continue
        old = entry.findall(f"{{{ATOM_NS}}}link")
        anchor = entry.index(old[0]) if old else len(entry)
        for link in old:
            entry.remove(link)
        for offset, attrs in enumerate(_entry_links(item, info)):
            link = etree.Element(f"{{{ATOM_NS}}}link", {k: v for k, v in attrs.items() if v})
            link.tail = old[0].tail if old else None
            entry.insert(anchor + offset, link)
    atom: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return atom


def _entry_links(item: StoryItem, info: FeedInfo) -> list[dict[str, str | None]]:
    def lang(code: str | None) -> str | None:
        return code if code and code != "und" else None

    links: list[dict[str, str | None]] = [
        {"href": item_link(item, info), "rel": "alternate", "type": "text/html",
         "hreflang": lang(item.lang)}]
    links += [{"href": m.url, "rel": "related", "type": "text/html", "hreflang": lang(m.lang),
               "title": plain(m.source)} for m in item.also_reported_by if m.url]
    return links


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def jsonfeed_dict(items: list[StoryItem], info: FeedInfo) -> dict[str, Any]:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1); pressflow's extras under ``_pressflow``."""
    out_items = []
    entry_updated = distinct_updated(items, info, _feed_updated(items))
    for item in items:
        entry: dict[str, Any] = {
            "id": info.item_id(item),
            "url": item_link(item, info),
            "title": plain(item.title) or f"Story {item.id}",
            "content_html": item_html(item),
            "content_text": item_text(item),
            "summary": plain(item.summary),
            "date_modified": _iso(entry_updated[item.id]),
            "authors": [{"name": plain(item.source)}],
            "tags": [t for t in (plain(c) for c in item.categories) if t],
            "language": "en" if item.translated else (item.lang or "und"),
            "_pressflow": {
                "story_id": item.id,
                "original_language": item.lang or "und",
                "source": item.source,
                "translated": item.translated,
                "date_only": item.date_only,
                "also_reported_by": [{"source": m.source, "language": m.lang or "und",
                                      "url": m.url, "title": plain(m.title)}
                                     for m in item.also_reported_by],
            },
        }
        if item.published:
            entry["date_published"] = _iso(info.feed_time(item))
        out_items.append({k: v for k, v in entry.items() if v not in (None, [], "")})
    return {
        "version": JSONFEED_VERSION,
        "title": info.title,
        "home_page_url": info.link,
        "feed_url": info.self_urls["json"],
        "description": info.description,
        "language": "en",
        "authors": [{"name": info.title}],
        "items": out_items,
    }


def jsonfeed_bytes(items: list[StoryItem], info: FeedInfo) -> bytes:
    return (json.dumps(jsonfeed_dict(items, info), ensure_ascii=False, indent=2) + "\n").encode()
