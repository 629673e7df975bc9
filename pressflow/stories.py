"""Stories: one item for the same news told by several sources.

For now only exact duplicates join: the same canonical URL or the same content. Story ids
are stable across runs: a new article joins an existing story, nothing is renumbered.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from .context import RunContext, StageReport
from .store import utcnow
from .urls import canonical_url

@dataclass
class StoryInput:
    id: str
    lang: str | None
    title: str
    text: str
    url: str | None = None
    content_hash: str | None = None


def group_stories(items: Sequence[StoryInput]) -> list[str]:
    """Story key for each item: equal keys are the same story (exact duplicates only)."""
    key_of: dict[str, str] = {}
    keys = []
    for item in items:
        candidates = [f"url:{canonical_url(item.url)}"] if item.url else []
        if item.content_hash:
            candidates.append(f"hash:{item.content_hash}")
        story = next((key_of[c] for c in candidates if c in key_of), item.id)
        for c in candidates:
            key_of.setdefault(c, story)
        keys.append(story)
    return keys


def run_stage(ctx: RunContext) -> StageReport:
    """Put every article not yet in a story into one, joining an existing story when it can."""
    report = StageReport("stories")
    started = time.monotonic()
    db = ctx.store.db
    with ctx.store.transaction():
        new_rows = db.execute(
            "SELECT a.id, a.canonical_url, a.url, a.content_hash FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id WHERE m.article_id IS NULL "
            "ORDER BY a.published IS NULL, a.published, a.id").fetchall()
        joined = 0
        for article_id, canon, url, content_hash in new_rows:
            match = db.execute(
                "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
                "WHERE a.content_hash = ? OR a.canonical_url = ? LIMIT 1",
                [content_hash, canon or url]).fetchone()
            if match:
                story_id, method = match[0], "exact"
                joined += 1
            else:
                story_id = int(db["stories"].insert({"representative": article_id,
                                                     "created": utcnow(), "updated": utcnow(),
                                                     "status": "new"}).last_pk)
                method = "new"
            db["story_members"].insert({"article_id": article_id, "story_id": story_id,
                                        "method": method, "score": 1.0, "added": utcnow(),
                                        "pinned": 0})
            db["stories"].update(story_id, {"updated": utcnow()})
    report.processed = len(new_rows)
    report.details = {"new_articles": len(new_rows), "joined_existing": joined}
    report.notes.append("only exact duplicates are grouped yet (same URL or same content)")
    report.seconds = time.monotonic() - started
    return report
