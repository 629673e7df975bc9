"""Stories: the stories stage's candidate index, stories and their members, editors'
decisions, and stories as the publish stage reads them."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pressflow.store.articles import ARTICLE_SELECT
from pressflow.store.base import StoreBase, chunks, marks, utcnow
from pressflow.store.records import (
    STORY_COLUMNS,
    Decision,
    RepresentativeCandidate,
    StoredArticle,
    StoredFingerprint,
    Story,
    StoryCandidate,
    StoryEntity,
    StoryOfficial,
)

StoryValue = str | int | float | None


class StoryQueries(StoreBase):
    # -- the candidate index (tables of migration 0007) -----------------------------
    def story_index_size(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM story_fingerprints").fetchone()[0])

    def anchor_frequencies(self, anchors: Sequence[str]) -> dict[str, int]:
        """Document frequency of each anchor that has one."""
        found: dict[str, int] = {}
        for chunk in chunks(anchors):
            found.update(self.db.execute(
                f"SELECT anchor, df FROM story_terms WHERE anchor IN ({marks(chunk)})",
                chunk).fetchall())
        return found

    def add_anchor_counts(self, counts: Mapping[str, int]) -> None:
        self.db.conn.executemany(
            "INSERT INTO story_terms (anchor, df) VALUES (?, ?) "
            "ON CONFLICT(anchor) DO UPDATE SET df = df + excluded.df", list(counts.items()))

    def subtract_anchor_counts(self, counts: Mapping[str, int]) -> None:
        self.db.conn.executemany("UPDATE story_terms SET df = max(0, df - ?) WHERE anchor = ?",
                                 [(n, a) for a, n in counts.items()])

    # Counting happens in SQLite (GROUP BY ... LIMIT): an article shares common bands and
    # anchors with hundreds of others in a busy week, and only the best few are scored.
    def _ranked(self, sql: str, params: list[Any], day: int | None, day_column: str,
                window: int, key: str, min_count: int = 1, top: int | None = None,
                rank: bool = True) -> Counter[str]:
        """``sql`` (postings of the wanted keys) within ``window`` days of ``day``, counted
        per article; when ``rank``, only the ``top`` articles with ``min_count`` or more."""
        if day is not None:
            sql += f" AND ({day_column} BETWEEN ? AND ? OR {day_column} IS NULL)"
            params = [*params, day - window, day + window]
        sql += f" GROUP BY {key}"
        if rank:
            sql += f" HAVING n >= {int(min_count)} ORDER BY n DESC, {key}"
            if top is not None:
                sql += f" LIMIT {int(top)}"
        return Counter(dict(self.db.execute(sql, params).fetchall()))

    def band_hits(self, keys: Sequence[int], day: int | None, window: int,
                  top: int | None = None) -> Counter[str]:
        """Indexed articles sharing LSH bands (dated within ``window`` days), with the count."""
        sql = ("SELECT b.article_id, count(*) AS n FROM story_bands b JOIN story_fingerprints f "
               f"ON f.article_id = b.article_id WHERE b.band IN ({marks(keys)})")
        return self._ranked(sql, list(keys), day, "f.day", window, "b.article_id", top=top)

    def anchor_hits(self, anchors: Sequence[str], day: int | None, window: int,
                    top: int | None = None, min_count: int = 1) -> Counter[str]:
        """Indexed articles sharing anchors (dated within ``window`` days), with the count."""
        hits: Counter[str] = Counter()
        parts = [list(anchors[i:i + 400]) for i in range(0, len(anchors), 400)]
        for chunk in parts:
            sql = f"SELECT article_id, count(*) AS n FROM story_anchors WHERE anchor IN ({marks(chunk)})"
            # with one chunk the counts are final, so SQLite may rank and cut them
            hits.update(self._ranked(sql, list(chunk), day, "day", window, "article_id",
                                     min_count, top, rank=len(parts) == 1))
        return hits

    def fingerprints(self, article_ids: Iterable[str]) -> list[StoredFingerprint]:
        out: list[StoredFingerprint] = []
        for chunk in chunks(list(article_ids)):
            out.extend(StoredFingerprint(*row) for row in self.db.execute(
                "SELECT article_id, day, signature, data FROM story_fingerprints "
                f"WHERE article_id IN ({marks(chunk)})", chunk))
        return out

    def fingerprint_data(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT data FROM story_fingerprints WHERE article_id = ?",
                              [article_id]).fetchone()
        return str(row[0]) if row and row[0] is not None else None

    def remove_fingerprint(self, article_id: str) -> None:
        for table in ("story_fingerprints", "story_bands", "story_anchors"):
            self.db.execute(f"DELETE FROM {table} WHERE article_id = ?", [article_id])

    def add_fingerprint(self, fingerprint: StoredFingerprint, content_hash: str | None,
                        bands: Iterable[int], anchors: Iterable[str]) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO story_fingerprints (article_id, content_hash, day, signature, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [fingerprint.article_id, content_hash, fingerprint.day, fingerprint.signature,
             fingerprint.data])
        self.db.conn.executemany("INSERT INTO story_bands (band, article_id) VALUES (?, ?)",
                                 [(k, fingerprint.article_id) for k in bands])
        self.db.conn.executemany("INSERT INTO story_anchors (anchor, day, article_id) VALUES (?, ?, ?)",
                                 [(a, fingerprint.day, fingerprint.article_id) for a in anchors])

    def story_embeddings(self, article_ids: Iterable[str], model: str) -> dict[str, tuple[str | None, bytes]]:
        """Article id -> (content hash, vector bytes) of the cached embeddings made by ``model``."""
        found: dict[str, tuple[str | None, bytes]] = {}
        for chunk in chunks(list(article_ids)):
            for aid, content_hash, vector in self.db.execute(
                    "SELECT article_id, content_hash, vector FROM story_embeddings WHERE model = ? "
                    f"AND article_id IN ({marks(chunk)})", [model, *chunk]):
                found[str(aid)] = (content_hash, bytes(vector))
        return found

    def save_story_embeddings(self, rows: Iterable[tuple[str, str | None, bytes]], model: str) -> None:
        """Cache (article id, content hash, vector bytes) embeddings, replacing older ones."""
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO story_embeddings (article_id, content_hash, model, vector) "
            "VALUES (?, ?, ?, ?)", [(aid, content_hash, model, vector) for aid, content_hash, vector in rows])

    # -- what the stories stage reads -----------------------------------------------
    def story_candidates(self) -> list[StoryCandidate]:
        """Articles in no story yet, or whose fingerprint is missing or out of date; dated
        ones oldest first, then undated ones."""
        rows = self.db.execute(
            f"SELECT {ARTICLE_SELECT}, m.story_id, f.content_hash FROM articles a "
            "LEFT JOIN story_members m ON m.article_id = a.id "
            "LEFT JOIN story_fingerprints f ON f.article_id = a.id "
            "WHERE m.article_id IS NULL OR f.article_id IS NULL OR f.content_hash IS NOT a.content_hash "
            "ORDER BY a.published IS NULL, a.published, a.id").fetchall()
        return [StoryCandidate(StoredArticle(*row[:-2]), row[-2], row[-1]) for row in rows]

    def latest_texts_of_source(self, source: str, limit: int) -> list[tuple[str, str]]:
        """(article id, text) of a source's latest articles: the stories stage recognises the
        lines a site repeats on every page from them."""
        return [(str(aid), str(text or "")) for aid, text in self.db.execute(
            "SELECT id, text FROM articles WHERE source = ? ORDER BY published IS NULL, "
            "published DESC, id DESC LIMIT ?", [source, limit]).fetchall()]

    def english_texts(self, article_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Article id -> (title, text) of its good English translation."""
        english: dict[str, tuple[str, str]] = {}
        for chunk in chunks(article_ids):
            for aid, title, text in self.db.execute(
                    f"SELECT article_id, title, text FROM translations WHERE target = 'en' "
                    f"AND status = 'ok' AND text IS NOT NULL AND article_id IN ({marks(chunk)})",
                    chunk):
                english[aid] = (title or "", text)
        return english

    def canonical_names(self, article_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """Article id -> (label, canonical name) of its entities, then ("PERSON", name) of
        its officials."""
        names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for chunk in chunks(article_ids):
            for aid, label, canonical in self.db.execute(
                    f"SELECT article_id, label, canonical FROM entities WHERE article_id IN "
                    f"({marks(chunk)}) AND canonical IS NOT NULL", chunk):
                names[aid].append((label, canonical))
            for aid, person in self.db.execute(
                    f"SELECT article_id, person FROM officials WHERE article_id IN ({marks(chunk)}) "
                    "AND person IS NOT NULL", chunk):
                names[aid].append(("PERSON", person))
        return names

    def story_with_same_article(self, article: StoredArticle) -> int | None:
        """The story of another article with the same content or the same canonical URL."""
        for column, value in (("content_hash", article.content_hash),
                              ("canonical_url", article.canonical_url or article.url)):
            if not value:
                continue
            match = self.db.execute(
                f"SELECT m.story_id FROM articles a JOIN story_members m ON m.article_id = a.id "
                f"WHERE a.{column} = ? AND a.id != ? LIMIT 1", [value, article.id]).fetchone()
            if match:
                return int(match[0])
        return None

    def representative_candidates(self, story_id: int) -> list[RepresentativeCandidate]:
        return [RepresentativeCandidate(*row) for row in self.db.execute(
            "SELECT a.id, a.lang, a.title, length(coalesce(a.text, '')), a.published, t.title "
            "FROM story_members m JOIN articles a ON a.id = m.article_id "
            "LEFT JOIN translations t ON t.article_id = a.id AND t.target = 'en' AND t.status = 'ok' "
            "WHERE m.story_id = ?", [story_id]).fetchall()]

    # -- stories and members --------------------------------------------------------
    def story(self, story_id: int) -> Story | None:
        row = self.db.execute(f"SELECT {', '.join(STORY_COLUMNS)} FROM stories WHERE id = ?",
                              [story_id]).fetchone()
        return Story(*row) if row else None

    def stories(self, *, include_rejected: bool = False, only_approved: bool = False,
                only_pending: bool = False) -> list[Story]:
        """Stories by id: all but rejected ones, or (``only_approved``) approved ones, or
        (``only_pending``) the approval queue: neither approved, rejected nor merged."""
        where = []
        if only_approved:
            where.append("status = 'approved'")
        elif only_pending:
            where.append("status NOT IN ('approved', 'rejected', 'merged')")
        elif not include_rejected:
            where.append("status != 'rejected'")
        return [Story(*row) for row in self.db.execute(
            f"SELECT {', '.join(STORY_COLUMNS)} FROM stories "
            + (f"WHERE {' AND '.join(where)} " if where else "") + "ORDER BY id").fetchall()]

    def story_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM stories").fetchone()[0])

    def story_of(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT story_id FROM story_members WHERE article_id = ?",
                              [article_id]).fetchone()
        return int(row[0]) if row else None

    def story_member_ids(self, story_id: int, limit: int) -> list[str]:
        """Up to ``limit`` of a story's article ids: its representative first, then the
        latest added."""
        return [str(r[0]) for r in self.db.execute(
            "SELECT m.article_id FROM story_members m JOIN stories s ON s.id = m.story_id "
            "WHERE m.story_id = ? ORDER BY m.article_id = s.representative DESC, m.rowid DESC "
            "LIMIT ?", [story_id, limit]).fetchall()]

    def story_articles(self, story_id: int) -> list[StoredArticle]:
        """A story's articles, dated ones oldest first, then undated ones."""
        return [StoredArticle(*row) for row in self.db.execute(
            f"SELECT {ARTICLE_SELECT} FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            [story_id]).fetchall()]

    def create_story(self, representative: str, *, title: str | None = None,
                     note: str | None = None, at: str | None = None) -> int:
        """A new story with status new; returns its id."""
        row: dict[str, StoryValue] = {"representative": representative}
        if title is not None:
            row["title"] = title
        row.update(created=at or utcnow(), updated=at or utcnow(), status="new")
        if note is not None:
            row["note"] = note
        return int(self.db.table("stories").insert(row).last_pk or 0)

    def update_story(self, story_id: int, **values: StoryValue) -> None:
        """Set some columns of a story (status, representative, updated, decided_by...)."""
        self.db.table("stories").update(story_id, values)

    def add_story_member(self, article_id: str, story_id: int, method: str,
                         score: float) -> None:
        self.db.table("story_members").insert({"article_id": article_id, "story_id": story_id,
                                         "method": method, "score": score,
                                         "added": utcnow(), "pinned": 0})

    def pin_to_story(self, article_id: str, story_id: int, at: str) -> None:
        """An editor placed the article in this story: the stories stage never moves it."""
        self.db.table("story_members").update(article_id, {"story_id": story_id, "method": "editor",
                                                     "score": 1.0, "added": at, "pinned": 1})

    def story_entities(self, story_id: int) -> list[StoryEntity]:
        return [StoryEntity(*row) for row in self.db.execute(
            "SELECT DISTINCT text, label, canonical, entity_id FROM entities e "
            "JOIN story_members m ON m.article_id = e.article_id WHERE m.story_id = ? "
            "ORDER BY label, canonical", [story_id]).fetchall()]

    def story_officials(self, story_id: int) -> list[StoryOfficial]:
        return [StoryOfficial(*row) for row in self.db.execute(
            "SELECT DISTINCT o.person, o.role, o.place, o.org, a.lang FROM officials o "
            "JOIN story_members m ON m.article_id = o.article_id "
            "JOIN articles a ON a.id = o.article_id WHERE m.story_id = ?",
            [story_id]).fetchall()]

    # -- editors' decisions ---------------------------------------------------------
    def record_decision(self, story_id: int, action: str, editor: str, at: str,
                        detail: dict[str, Any]) -> None:
        self.db.table("decisions").insert({"story_id": story_id, "action": action, "editor": editor,
                                     "at": at, "detail": json.dumps(detail, ensure_ascii=False)})

    def reopen_changed_approved_stories(self, editor: str = "pressflow") -> list[int]:
        """Send approved stories back to review when an article they held at approval has
        changed since (with ``publish.require_approval``, nothing changes behind an editor)."""
        rows = self.db.execute(
            "SELECT s.id, s.decided_by, a.source, a.title FROM stories s "
            "JOIN story_members m ON m.story_id = s.id JOIN articles a ON a.id = m.article_id "
            "WHERE s.status = 'approved' AND s.decided_at IS NOT NULL "
            "AND a.first_seen <= s.decided_at AND a.updated_at > s.decided_at ORDER BY s.id").fetchall()
        changed: dict[int, tuple[str, str, str]] = {}
        for story_id, decided_by, source, title in rows:
            changed.setdefault(int(story_id), (decided_by or "", source, title))
        now = utcnow()
        with self.transaction():
            for story_id, (decided_by, source, title) in changed.items():
                note = f"{source} changed “{title}” after {decided_by or 'an editor'} approved it"
                self.db.execute("UPDATE stories SET status = 'new', decided_by = ?, decided_at = ?, "
                                "note = ?, updated = ? WHERE id = ?", [editor, now, note, now, story_id])
                self.record_decision(story_id, "reopen", editor, now, {"previous": "approved", "note": note})
        return list(changed)

    def decisions(self, story_id: int | None = None) -> list[Decision]:
        """The decision log, newest first (for one story, or all)."""
        where, params = ("WHERE story_id = ? ", [story_id]) if story_id is not None else ("", [])
        return [Decision(*row) for row in self.db.execute(
            f"SELECT id, story_id, action, editor, at, detail FROM decisions {where}"
            "ORDER BY id DESC", params).fetchall()]
