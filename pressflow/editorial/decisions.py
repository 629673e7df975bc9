"""Editors' decisions on stories: approve, reject, fix a translation, split and merge.

Every decision is one transaction that changes the story and writes a row to the
``decisions`` table (story, action, editor, time, JSON detail), so the history of who did
what stays in the database. Articles an editor placed by hand (split out, merged in) get
``story_members.pinned = 1``: the clustering stage never moves a pinned article again.
The publish stage reads ``stories.status``, so the next ``pressflow publish`` or
``pressflow run`` honours approvals and rejections.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from pressflow.errors import EditorialError
from pressflow.store import Store, utcnow

STATUSES = ("new", "approved", "rejected")
ACTIONS = ("approve", "reject", "reopen", "edit_translation", "split", "merge")


def _editor(editor: str) -> str:
    name = (editor or "").strip()
    if not name:
        raise EditorialError("an editor name is required for every decision")
    return name[:100]


def _story(store: Store, story_id: int) -> dict[str, Any]:
    try:
        return dict(store.db.table("stories").get(int(story_id)))
    except (sqlite_utils.db.NotFoundError, ValueError, TypeError) as exc:
        raise EditorialError(f"story {story_id!r} does not exist") from exc


def _members(store: Store, story_id: int) -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT m.article_id FROM story_members m JOIN articles a ON a.id = m.article_id "
        "WHERE m.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
        [story_id]).fetchall()]


def _record(store: Store, story_id: int, action: str, editor: str, at: str,
            detail: dict[str, Any]) -> None:
    store.db.table("decisions").insert({"story_id": story_id, "action": action, "editor": editor,
                                  "at": at, "detail": json.dumps(detail, ensure_ascii=False)})


def set_status(store: Store, story_id: int, status: str, *, editor: str,
               note: str | None = None) -> None:
    """Mark a story approved, rejected or new again (``reopen``), with who and when."""
    if status not in STATUSES:
        raise EditorialError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    editor = _editor(editor)
    action = {"approved": "approve", "rejected": "reject", "new": "reopen"}[status]
    with store.transaction():
        story = _story(store, story_id)
        now = utcnow()
        store.db.table("stories").update(story["id"], {"status": status, "decided_by": editor,
                                                 "decided_at": now, "note": note,
                                                 "updated": now})
        _record(store, story["id"], action, editor, now,
                {"previous": story.get("status") or "new", "note": note})


def approve(store: Store, story_id: int, *, editor: str, note: str | None = None) -> None:
    """Approve a story: with ``publish.require_approval: true`` only these are published."""
    set_status(store, story_id, "approved", editor=editor, note=note)


def reject(store: Store, story_id: int, *, editor: str, note: str | None = None) -> None:
    """Reject a story: it leaves the feeds at the next publish, and stays out."""
    set_status(store, story_id, "rejected", editor=editor, note=note)


def edit_translation(store: Store, article_id: str, *, title: str, text: str, editor: str,
                     target: str = "en") -> int:
    """Replace an article's translation with an editor's text; return the article's story.

    The row keeps ``edited_by`` so later runs and readers can tell a human wrote it.
    """
    editor = _editor(editor)
    title, text = (title or "").strip(), (text or "").strip()
    if not text:
        raise EditorialError(f"article {article_id}: the translation text is empty")
    with store.transaction():
        try:
            article = store.db.table("articles").get(article_id)
        except sqlite_utils.db.NotFoundError as exc:
            raise EditorialError(f"article {article_id!r} does not exist") from exc
        row = store.db.execute("SELECT story_id FROM story_members WHERE article_id = ?",
                               [article_id]).fetchone()
        if row is None:
            raise EditorialError(f"article {article_id!r} is in no story yet; run "
                                 "`pressflow run` first")
        old = store.db.execute("SELECT title, text, status FROM translations "
                               "WHERE article_id = ? AND target = ?",
                               [article_id, target]).fetchone()
        now = utcnow()
        store.db.table("translations").upsert({
            "article_id": article_id, "target": target, "source_lang": article["lang"],
            "title": title or None, "summary": None, "text": text, "engine": "editor",
            "status": "ok", "message": None, "glossary_violations": 0,
            "glossary_details": None, "content_hash": article["content_hash"],
            "updated_at": now, "edited_by": editor,
        }, pk=("article_id", "target"))
        store.db.table("stories").update(row[0], {"updated": now})
        _record(store, row[0], "edit_translation", editor, now, {
            "article_id": article_id, "target": target, "title": title,
            "previous_title": old[0] if old else None,
            "previous_status": old[2] if old else None,
            "chars": len(text), "previous_chars": len(old[1] or "") if old else 0,
        })
    return int(row[0])


def split(store: Store, article_id: str, *, editor: str) -> int:
    """Move one article out of its story into a new story of its own; return the new id."""
    editor = _editor(editor)
    with store.transaction():
        row = store.db.execute("SELECT story_id FROM story_members WHERE article_id = ?",
                               [article_id]).fetchone()
        if row is None:
            raise EditorialError(f"article {article_id!r} is in no story")
        old_id = int(row[0])
        members = _members(store, old_id)
        if len(members) < 2:
            raise EditorialError(f"article {article_id} is already the only article of "
                                 f"story {old_id}")
        now = utcnow()
        new_pk = store.db.table("stories").insert({
            "representative": article_id, "created": now, "updated": now, "status": "new",
            "note": f"split from story {old_id} by {editor}"}).last_pk
        assert new_pk is not None  # insert() sets it
        new_id = int(new_pk)
        store.db.table("story_members").update(article_id, {"story_id": new_id, "method": "editor",
                                                      "score": 1.0, "added": now, "pinned": 1})
        old = _story(store, old_id)
        update: dict[str, Any] = {"updated": now}
        if old.get("representative") == article_id:
            update["representative"] = next(m for m in members if m != article_id)
        store.db.table("stories").update(old_id, update)
        detail = {"article_id": article_id, "from": old_id, "to": new_id}
        _record(store, old_id, "split", editor, now, detail)
        _record(store, new_id, "split", editor, now, detail)
    return new_id


def merge(store: Store, story_id: int, into: int, *, editor: str) -> int:
    """Move every article of ``story_id`` into story ``into``; the emptied story is closed."""
    editor = _editor(editor)
    if int(story_id) == int(into):
        raise EditorialError(f"cannot merge story {story_id} into itself")
    with store.transaction():
        source, target = _story(store, story_id), _story(store, into)
        moved = _members(store, source["id"])
        if not moved:
            raise EditorialError(f"story {story_id} has no articles to merge")
        now = utcnow()
        for article_id in moved:
            store.db.table("story_members").update(article_id, {
                "story_id": target["id"], "method": "editor", "score": 1.0, "added": now,
                "pinned": 1})
        store.db.table("stories").update(source["id"], {
            "status": "merged", "updated": now, "decided_by": editor, "decided_at": now,
            "note": f"merged into story {target['id']}"})
        store.db.table("stories").update(target["id"], {"updated": now})
        detail = {"from": source["id"], "to": target["id"], "articles": moved}
        _record(store, source["id"], "merge", editor, now, detail)
        _record(store, target["id"], "merge", editor, now, detail)
    return int(target["id"])


def decisions(store: Store, story_id: int | None = None) -> list[dict[str, Any]]:
    """The decision log, newest first (for one story, or all)."""
    where, params = ("story_id = ?", [story_id]) if story_id is not None else (None, [])
    return [dict(r) for r in store.db.table("decisions").rows_where(where, params,
                                                              order_by="id desc")]
