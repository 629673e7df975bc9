"""Plain data passed between stages. Stages read and write these through the store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


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
    published: datetime | None = None  # timezone-aware UTC, or None when the source gives none
    lang: str | None = None  # declared or detected language (ISO 639-1)
    lang_hint: str | None = None  # what the page or feed declares

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
