"""Editors' decisions on stories: approve, reject, fix a translation, split and merge.

Every decision is one transaction that changes the story and writes a row to the
``decisions`` table (story, action, editor, time, JSON detail), so the history of who did
what stays in the database. Articles an editor placed by hand (split out, merged in) get
``story_members.pinned = 1``: the clustering stage never moves a pinned article again.
The publish stage reads ``stories.status``, so the next ``pressflow publish`` or
``pressflow run`` honours approvals and rejections.
"""

from __future__ import annotations

from pressflow.errors import EditorialError
from pressflow.store import Store, utcnow
from pressflow.store.records import Decision, Story
from pressflow.translate.memory import edit_entries

STATUSES = ("new", "approved", "rejected")


def _editor(editor: str) -> str:
    name = (editor or "").strip()
    if not name:
        raise EditorialError("an editor name is required for every decision")
    return name[:100]


def _story(store: Store, story_id: int) -> Story:
    try:
        story = store.story(int(story_id))
    except (ValueError, TypeError) as exc:
        raise EditorialError(f"story {story_id!r} does not exist") from exc
    if story is None:
        raise EditorialError(f"story {story_id!r} does not exist")
    return story


def _members(store: Store, story_id: int) -> list[str]:
    return [a.id for a in store.story_articles(story_id)]


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
        store.update_story(story.id, status=status, decided_by=editor, decided_at=now,
                           note=note, updated=now)
        store.record_decision(story.id, action, editor, now,
                              {"previous": story.status or "new", "note": note})


def approve(store: Store, story_id: int, *, editor: str, note: str | None = None) -> None:
    """Approve a story: with ``publish.require_approval: true`` only these are published."""
    set_status(store, story_id, "approved", editor=editor, note=note)


def reject(store: Store, story_id: int, *, editor: str, note: str | None = None) -> None:
    """Reject a story: it leaves the feeds at the next publish, and stays out."""
    set_status(store, story_id, "rejected", editor=editor, note=note)


def edit_translation(store: Store, article_id: str, *, title: str, text: str, editor: str,
                     target: str = "en") -> int:
    """Replace an article's translation with an editor's text; return the article's story.

    The row keeps ``edited_by`` so later runs and readers can tell a human wrote it. The
    segments the editor corrected go to the translation memory (:mod:`pressflow.translate.memory`),
    so the next run uses them wherever the same (or a near) source segment comes back.
    """
    editor = _editor(editor)
    title, text = (title or "").strip(), (text or "").strip()
    if not text:
        raise EditorialError(f"article {article_id}: the translation text is empty")
    with store.transaction():
        article = store.article(article_id)
        if article is None:
            raise EditorialError(f"article {article_id!r} does not exist")
        story_id = store.story_of(article_id)
        if story_id is None:
            raise EditorialError(f"article {article_id!r} is in no story yet; run "
                                 "`pressflow run` first")
        old = store.translation(article_id, target)
        now = utcnow()
        store.save_edited_translation(article, target, title=title or None, text=text,
                                      editor=editor, at=now)
        before = "\n".join(x for x in (old.text, old.machine_text) if x) if old else None
        before_title = "\n".join(x for x in (old.title, old.machine_title) if x) if old else None
        remembered = edit_entries(
            article_id=article.id, lang=article.lang, target=target,
            fields=[("title", article.title, title, before_title), ("text", article.text, text, before)],
            paragraphs=article.paragraph_spans, editor=editor, at=now)
        saved = store.save_memory_entries(remembered.entries)
        store.update_story(story_id, updated=now)
        store.record_decision(story_id, "edit_translation", editor, now, {
            "article_id": article_id, "target": target, "title": title,
            "previous_title": old.title if old else None,
            "previous_status": old.status if old else None,
            "chars": len(text), "previous_chars": len(old.text or "") if old else 0,
            "memory": {"added": saved.added, "updated": saved.updated,
                       "not_aligned": remembered.unaligned},
        })
    return story_id


def split(store: Store, article_id: str, *, editor: str) -> int:
    """Move one article out of its story into a new story of its own; return the new id."""
    editor = _editor(editor)
    with store.transaction():
        old_id = store.story_of(article_id)
        if old_id is None:
            raise EditorialError(f"article {article_id!r} is in no story")
        members = _members(store, old_id)
        if len(members) < 2:
            raise EditorialError(f"article {article_id} is already the only article of "
                                 f"story {old_id}")
        now = utcnow()
        new_id = store.create_story(article_id, note=f"split from story {old_id} by {editor}",
                                    at=now)
        store.pin_to_story(article_id, new_id, now)
        old = _story(store, old_id)
        if old.representative == article_id:
            store.update_story(old_id, updated=now,
                               representative=next(m for m in members if m != article_id))
        else:
            store.update_story(old_id, updated=now)
        detail = {"article_id": article_id, "from": old_id, "to": new_id}
        store.record_decision(old_id, "split", editor, now, detail)
        store.record_decision(new_id, "split", editor, now, detail)
    return new_id


def merge(store: Store, story_id: int, into: int, *, editor: str) -> int:
    """Move every article of ``story_id`` into story ``into``; the emptied story is closed."""
    editor = _editor(editor)
    if int(story_id) == int(into):
        raise EditorialError(f"cannot merge story {story_id} into itself")
    with store.transaction():
        source, target = _story(store, story_id), _story(store, into)
        moved = _members(store, source.id)
        if not moved:
            raise EditorialError(f"story {story_id} has no articles to merge")
        now = utcnow()
        for article_id in moved:
            store.pin_to_story(article_id, target.id, now)
        store.update_story(source.id, status="merged", updated=now, decided_by=editor,
                           decided_at=now, note=f"merged into story {target.id}")
        store.update_story(target.id, updated=now)
        detail = {"from": source.id, "to": target.id, "articles": moved}
        store.record_decision(source.id, "merge", editor, now, detail)
        store.record_decision(target.id, "merge", editor, now, detail)
    return target.id


def decisions(store: Store, story_id: int | None = None) -> list[Decision]:
    """The decision log, newest first (for one story, or all)."""
    return store.decisions(story_id)
