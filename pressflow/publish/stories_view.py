"""Stories as publishable items: the representative, its English text, who else reported it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from pressflow.entities.officials import merge_officials
from pressflow.store import Store
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
    edited_by: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    also_reported_by: list[Member] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    officials: list[dict[str, Any]] = field(default_factory=list)

    @property
    def translated(self) -> bool:
        return self.translation_status in ("ok", "same-language")

    @property
    def guid(self) -> str:
        return f"pressflow:story:{self.id}"

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


def summarise(text: str, limit: int = 400) -> str:
    first = text.split("\n\n")[0] if text else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def load_stories(store: Store, *, target: str = "en", include_rejected: bool = False,
                 only_approved: bool = False, max_items: int | None = None,
                 days: int | None = None) -> list[StoryItem]:
    """Stories newest first, each with its representative's best English text."""
    db = store.db
    where = []
    if only_approved:
        where.append("s.status = 'approved'")
    elif not include_rejected:
        where.append("s.status != 'rejected'")
    sql = ("SELECT s.id, s.status, s.representative FROM stories s "
           + (f"WHERE {' AND '.join(where)} " if where else "") + "ORDER BY s.id")
    items: list[StoryItem] = []
    for story_id, status, rep in db.execute(sql).fetchall():
        members = [dict(zip(("id", "source", "lang", "title", "url", "canonical_url", "published"), r))
                   for r in db.execute(
                       "SELECT a.id, a.source, a.lang, a.title, a.url, a.canonical_url, a.published "
                       "FROM story_members m JOIN articles a ON a.id = m.article_id "
                       "WHERE m.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
                       [story_id]).fetchall()]
        if not members:
            continue
        rep_id = rep if any(m["id"] == rep for m in members) else members[0]["id"]
        article = db["articles"].get(rep_id)
        tr = db.execute("SELECT title, summary, text, status, message, engine, glossary_violations, "
                        "glossary_details, edited_by FROM translations "
                        "WHERE article_id = ? AND target = ?", [rep_id, target]).fetchone()
        (t_title, t_summary, t_text, t_status, t_message, t_engine, t_viol, t_details,
         t_edited) = tr or (None,) * 9
        translated = t_status in ("ok", "same-language") and t_text
        text = t_text if translated else article["text"]
        title = (t_title if translated and t_title else article["title"])
        published = parse_date(article["published"])
        link = web_link(article["canonical_url"], article["url"])
        decided_by, decided_at = db.execute("SELECT decided_by, decided_at FROM stories "
                                            "WHERE id = ?", [story_id]).fetchone()
        ents = [dict(zip(("text", "label", "canonical", "entity_id"), r)) for r in db.execute(
            "SELECT DISTINCT text, label, canonical, entity_id FROM entities e "
            "JOIN story_members m ON m.article_id = e.article_id WHERE m.story_id = ? "
            "ORDER BY label, canonical", [story_id]).fetchall()]
        officials = merge_officials([dict(zip(("person", "role", "place", "org", "lang"), r, strict=True))
                                     for r in db.execute(
            "SELECT DISTINCT o.person, o.role, o.place, o.org, a.lang FROM officials o "
            "JOIN story_members m ON m.article_id = o.article_id "
            "JOIN articles a ON a.id = o.article_id WHERE m.story_id = ?",
            [story_id]).fetchall()])
        items.append(StoryItem(
            id=story_id, status=status or "new", article_id=rep_id, title=title,
            summary=summarise((t_summary if translated and t_summary else None) or text),
            text=text, original_title=article["title"], original_text=article["text"],
            lang=article["lang"], source=article["source"], link=link, published=published,
            first_seen=parse_date(article["first_seen"]),
            date_missing=bool(article["date_missing"]), translation_status=t_status,
            translation_message=t_message, engine=t_engine, glossary_violations=t_viol or 0,
            glossary_details=t_details, edited_by=t_edited, decided_by=decided_by,
            decided_at=decided_at,
            also_reported_by=[Member(m["id"], m["source"], m["lang"], m["title"],
                                     web_link(m["canonical_url"], m["url"]), m["published"])
                              for m in members if m["id"] != rep_id],
            entities=ents, officials=officials,
        ))
    # newest first; undated stories last (their date is unknown, not "now")
    items.sort(key=lambda i: i.published.timestamp() if i.published else float("-inf"), reverse=True)
    if days is not None:
        cutoff = datetime.now(UTC) - timedelta(days=days)
        items = [i for i in items if i.published is None or i.published >= cutoff]
    if max_items is not None:
        items = items[:max_items]
    return items

