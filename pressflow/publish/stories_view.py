"""Stories as publishable items: the representative, its English text, who else reported it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from pressflow.entities.officials import merge_officials
from pressflow.store import Store
from pressflow.store.records import StoredArticle
from pressflow.text.urls import is_web_url


@dataclass
class Member:
    article_id: str
    source: str
    lang: str | None
    title: str
    url: str | None  # a web address, or None when the source gave none we can link to
    published: str | None


@dataclass
class StoryItem:
    """One feed item / digest entry."""

    id: int
    status: str
    article_id: str  # the representative article, whose text the item shows
    title: str  # English when translated, else the original
    summary: str
    text: str
    original_title: str
    original_text: str
    lang: str | None
    source: str
    link: str | None  # the original's web address; None when it has none (never javascript:)
    published: datetime | None
    first_seen: datetime | None
    date_missing: bool
    translation_status: str | None
    translation_message: str | None
    engine: str | None
    glossary_violations: int
    glossary_details: str | None = None
    translation_quality: str | None = None  # why the machine translation is likely poor
    edited_by: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    date_only: bool = False  # the source gave a date without a time: show the date alone
    created: datetime | None = None  # when pressflow made the story (``digest --since``)
    note: str | None = None  # why the story is where it is ("changed after approval")
    # an editor's translation kept although the source changed since (issue 15): the source
    # text the editor translated, and the machine translation of the source as it is now
    source_changed: bool = False
    edited_source_title: str | None = None
    edited_source_text: str | None = None
    machine_title: str | None = None
    machine_text: str | None = None
    memory_details: str | None = None  # JSON: segments the translation memory gave
    also_reported_by: list[Member] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)

    @property
    def memory_segments(self) -> list[dict[str, Any]]:
        """The segments of the translation that came from the translation memory (editors'
        corrections), each with the source segment, the editor's text and the match score."""
        try:
            found = json.loads(self.memory_details) if self.memory_details else []
        except ValueError:
            return []
        return [m for m in found if isinstance(m, dict)] if isinstance(found, list) else []

    @property
    def translated(self) -> bool:
        return self.translation_status in ("ok", "same-language")

    @property
    def updated(self) -> datetime | None:
        """The date a feed shows: published, else when pressflow first saw the story."""
        return self.published or self.first_seen

    @property
    def categories(self) -> list[str]:
        """Canonical entity names, each once, in a stable order (feed categories, chips)."""
        seen: dict[str, None] = {}
        for e in self.entities:
            name = (e.get("canonical") or e.get("text") or "").strip()
            if name:
                seen.setdefault(name, None)
        return sorted(seen, key=str.casefold)

    @property
    def sources(self) -> list[str]:
        return [self.source, *dict.fromkeys(m.source for m in self.also_reported_by
                                            if m.source != self.source)]


def parse_date(value: str | None) -> datetime | None:
    """A stored ISO date as an aware datetime (naive values were written as UTC)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def web_link(*candidates: str | None) -> str | None:
    """The first http(s) address: anything else (javascript:, data:, file:) is never linked."""
    return next((u for u in candidates if u and is_web_url(u.strip())), None)


def article_link(article: StoredArticle) -> str | None:
    """The address readers are sent to: where the article was read from (after redirects).
    ``canonical_url`` (https, no ``www.``) is for finding duplicates and is a dead address for
    an http-only partner; it is used only when the article was read from no web address at
    all (a local file, as in the demo), where it is the page's own public address."""
    return web_link(article.fetched_url, article.url, article.canonical_url)


def summarise(text: str, limit: int = 400) -> str:
    first = text.split("\n\n")[0] if text else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def local_date(stored_local: str | None, stored_utc: str | None,
               display_zone: tzinfo | None = None) -> tuple[datetime | None, bool]:
    """An article's date as its source wrote it: (aware datetime, date only?).

    ``published_local`` keeps the source's offset, or a date alone; databases older than it
    have only the UTC value. ``display_zone`` (setting ``publish.timezone``) moves times,
    never dates, into one zone.
    """
    if stored_local and len(stored_local) == 10:
        return parse_date(stored_local), True
    value = parse_date(stored_local) or parse_date(stored_utc)
    if value is not None and display_zone is not None:
        value = value.astimezone(display_zone)
    return value, False


def load_stories(store: Store, *, target: str = "en", include_rejected: bool = False,
                 only_approved: bool = False, max_items: int | None = None,
                 days: int | None = None, hidden_sources: frozenset[str] = frozenset(),
                 display_zone: tzinfo | None = None, since: datetime | None = None,
                 only_pending: bool = False) -> list[StoryItem]:
    """Stories newest first, each with its representative's best English text.

    ``hidden_sources``: sources whose articles are left out (removed from sources.yaml
    longer ago than the grace time); a story of theirs alone disappears. ``since``: only
    stories pressflow made at or after that time. ``only_pending``: the approval queue
    (stories neither approved nor rejected).
    """
    items: list[StoryItem] = []
    for story in store.stories(include_rejected=include_rejected, only_approved=only_approved,
                               only_pending=only_pending):
        if since is not None and (parse_date(story.created) or since) < since:
            continue
        members = [m for m in store.story_articles(story.id) if m.source not in hidden_sources]
        if not members:
            continue
        # the representative, or the first article when it left the story
        article = next((m for m in members if m.id == story.representative), members[0])
        rep_id = article.id
        tr = store.translation(rep_id, target)
        t_status = tr.status if tr else None
        translated = tr is not None and t_status in ("ok", "same-language") and bool(tr.text)
        original_title, original_text = article.title or "", article.text or ""
        text = (tr.text if tr and translated else None) or original_text
        title = (tr.title if tr and translated else None) or original_title
        t_summary = tr.summary if tr and translated else None
        published, date_only = local_date(article.published_local, article.published, display_zone)
        source_changed = bool(tr and tr.edited_by and tr.content_hash
                              and tr.content_hash != article.content_hash)
        edited_source = (store.article_version(rep_id, str(tr.content_hash))
                         if tr and source_changed else None)
        items.append(StoryItem(
            id=story.id, status=story.status or "new", article_id=rep_id, title=title,
            summary=summarise(t_summary or text), text=text,
            original_title=original_title, original_text=original_text,
            lang=article.lang, source=article.source,
            link=article_link(article),
            published=published,
            first_seen=parse_date(article.first_seen),
            date_missing=bool(article.date_missing), translation_status=t_status,
            translation_message=tr.message if tr else None, engine=tr.engine if tr else None,
            glossary_violations=(tr.glossary_violations if tr else None) or 0,
            glossary_details=tr.glossary_details if tr else None,
            translation_quality=tr.quality if tr and translated and not tr.edited_by else None,
            edited_by=tr.edited_by if tr else None, decided_by=story.decided_by,
            decided_at=story.decided_at, date_only=date_only,
            created=parse_date(story.created), note=story.note,
            source_changed=source_changed,
            edited_source_title=edited_source.title if edited_source else None,
            edited_source_text=edited_source.text if edited_source else None,
            machine_title=tr.machine_title if tr and source_changed else None,
            machine_text=tr.machine_text if tr and source_changed else None,
            memory_details=tr.memory_details if tr and translated and not tr.edited_by else None,
            also_reported_by=[Member(m.id, m.source, m.lang, m.title or "",
                                     article_link(m), m.published)
                              for m in members if m.id != rep_id],
            entities=[asdict(e) for e in store.story_entities(story.id)],
            officials=merge_officials([asdict(o) for o in store.story_officials(story.id)]),
        ))
    # newest first; undated stories last (their date is unknown, not "now")
    items.sort(key=lambda i: i.published.timestamp() if i.published else float("-inf"), reverse=True)
    if days is not None:
        cutoff = datetime.now(UTC) - timedelta(days=days)
        items = [i for i in items if i.published is None or i.published >= cutoff]
    if max_items is not None:
        items = items[:max_items]
    return items

