"""Plain data passed between stages. Stages read and write these through the store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone

# The zone of a date that a source gave without a time ("2026-11-23", "23 novembre 2026"):
# midnight at offset 0, so it sorts and compares like before, but marked, so that the store
# and the feeds can show a date rather than an invented "00:00 +0000".
DATE_ONLY = timezone(timedelta(0), "date only")


def is_date_only(value: datetime | None) -> bool:
    return value is not None and value.tzinfo is DATE_ONLY


def local_date_text(value: datetime) -> str:
    """How the store keeps a date as the source wrote it: ``2026-11-23`` for a date alone,
    else ISO 8601 with the source's own offset (``2026-11-24T09:30:00+01:00``)."""
    return value.date().isoformat() if is_date_only(value) else value.isoformat()


def utc_text(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


@dataclass
class Source:
    """One entry of sources.yaml, validated."""

    name: str
    url: str
    kind: str = "feed"  # feed | page | listing
    language: str | None = None
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    timeout: float | None = None
    selectors: dict[str, str] = field(default_factory=dict)
    max_pages: int = 1
    follow_links: bool = True
    robots: str | None = None  # None obeys robots.txt; a string is the stated reason to ignore it
    line: int | None = None  # where it stands in its sources.yaml, for messages


@dataclass
class Article:
    """An item found in a source: a feed entry, a page, or an item of a listing page."""

    source: str
    url: str
    title: str
    text: str
    summary: str = ""
    guid: str | None = None
    canonical_url: str | None = None
    # timezone-aware in the source's own offset (DATE_ONLY when it gave a date without a
    # time), or None when the source gives none
    published: datetime | None = None
    lang: str | None = None  # declared or detected language (ISO 639-1)
    lang_hint: str | None = None  # what the page or feed declares
    fetched_url: str | None = None  # where the page was read from, after redirects

    @property
    def key(self) -> str:
        """Identity across runs: the guid when the source gives one, else the canonical URL."""
        from pressflow.text.urls import canonical_url

        basis = self.guid or canonical_url(self.canonical_url or self.url)
        return hashlib.sha256(f"{self.source}\x00{basis}".encode()).hexdigest()[:20]

    @property
    def content_hash(self) -> str:
        normalised = " ".join(f"{self.title}\n{self.text}".split()).casefold()
        return hashlib.sha256(normalised.encode()).hexdigest()


@dataclass
class FetchResult:
    """What the fetcher got for one URL."""

    url: str  # final URL after redirects
    status_code: int | None
    content: bytes
    headers: dict[str, str]
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    elapsed: float = 0.0

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")
