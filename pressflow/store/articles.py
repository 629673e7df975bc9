"""Articles and each stage's bookkeeping of which articles it has done."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pressflow.records import Article, local_date_text, utc_text
from pressflow.store.base import StoreBase, chunks, insert_sql, marks, update_sql, utcnow
from pressflow.store.records import ARTICLE_COLUMNS, ArticleVersion, StoredArticle, StoryPage
from pressflow.text.urls import canonical_url

ARTICLE_SELECT = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)


class ArticleQueries(StoreBase):
    def upsert_articles(self, articles: Iterable[Article], run_id: int | None) -> dict[str, int]:
        """Store articles; return counts of new, updated and unchanged ones.

        Identity is the article key (guid, else canonical URL); an article whose content
        hash is unchanged is left alone, so re-running a source never duplicates anything.
        """
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        now = utcnow()
        rows: dict[str, dict[str, Any]] = {}
        repeated = 0
        for a in articles:  # a key twice in one batch: the last copy wins, counted once
            repeated += a.key in rows
            rows[a.key] = {
                "id": a.key, "source": a.source, "url": a.url,
                "canonical_url": canonical_url(a.canonical_url or a.url), "guid": a.guid,
                "title": a.title, "summary": a.summary, "text": a.text,
                "published": utc_text(a.published) if a.published else None,
                "published_local": local_date_text(a.published) if a.published else None,
                "fetched_url": a.fetched_url,
                "date_missing": 0 if a.published else 1,
                "lang_hint": a.lang_hint, "content_hash": a.content_hash,
                "updated_at": now, "run_id": run_id,
            }
        if not rows:
            return counts
        # one lookup and two executemany per source, not a query per article: SQL by hand
        # because sqlite-utils' insert/update re-read the table's schema on every call
        keys = list(rows)
        old_hash: dict[str, str] = {}
        for chunk in chunks(keys):
            old_hash.update(self.db.execute(
                f"SELECT id, content_hash FROM articles WHERE id IN ({marks(chunk)})",
                chunk).fetchall())
        new_rows, changed = [], []
        for key, row in rows.items():
            if key not in old_hash:
                new_rows.append({**row, "first_seen": now})
            elif old_hash[key] != row["content_hash"]:
                changed.append({**row, "lang": None})  # downstream stages must redo it
            else:
                counts["unchanged"] += 1
        counts["unchanged"] += repeated
        with self.transaction():
            if new_rows:
                columns = list(new_rows[0])
                self.db.conn.executemany(insert_sql("articles", columns), new_rows)
            if changed:
                self.keep_replaced_versions([row["id"] for row in changed], now)
                columns = [c for c in changed[0] if c != "id"]
                self.db.conn.executemany(update_sql("articles", columns, "id = :id"), changed)
                self.db.conn.executemany("DELETE FROM stage_state WHERE article_id = ?",
                                         [(row["id"],) for row in changed])
        counts["new"], counts["updated"] = len(new_rows), len(changed)
        return counts

    def keep_replaced_versions(self, article_ids: list[str], at: str) -> None:
        """Copy the stored text of articles about to be replaced into ``article_versions``."""
        for chunk in chunks(article_ids):
            self.db.execute(
                "INSERT OR IGNORE INTO article_versions (article_id, content_hash, title, summary, text, "
                f"replaced_at) SELECT id, content_hash, title, summary, text, ? FROM articles WHERE id IN "
                f"({marks(chunk)})", [at, *chunk])

    def article_version(self, article_id: str, content_hash: str) -> ArticleVersion | None:
        """An earlier text of an article, by the hash it had."""
        row = self.db.execute("SELECT title, summary, text, replaced_at FROM article_versions "
                              "WHERE article_id = ? AND content_hash = ?", [article_id, content_hash]).fetchone()
        return ArticleVersion(*row) if row else None

    def stored_languages(self) -> dict[str, dict[str, int]]:
        """Source -> detected language -> articles, over everything stored (what a source
        really publishes in, whatever it declares)."""
        found: dict[str, dict[str, int]] = {}
        for source, lang, count in self.db.execute(
                "SELECT source, lang, count(*) FROM articles WHERE lang IS NOT NULL AND lang != 'und' "
                "GROUP BY source, lang ORDER BY source, count(*) DESC"):
            found.setdefault(source, {})[lang] = count
        return found

    # -- story pages of listing sources (corrections) -------------------------------
    def recent_story_pages(self, source: str, since: str, limit: int) -> dict[str, StoryPage]:
        """The story pages of a listing source first seen at or after ``since`` (ISO time),
        newest first, at most ``limit``, with the validators of their last fetch."""
        rows = self.db.execute(
            "SELECT a.url, p.etag, p.last_modified FROM articles a LEFT JOIN story_pages p "
            "ON p.url = a.url WHERE a.source = ? AND a.first_seen >= ? "
            "ORDER BY a.first_seen DESC, a.id LIMIT ?", [source, since, int(limit)]).fetchall()
        return {url: StoryPage(url, etag, last_modified) for url, etag, last_modified in rows}

    def record_story_pages(self, source: str, pages: Iterable[StoryPage]) -> None:
        """The validators (ETag, Last-Modified) of story pages just fetched, for the next
        conditional re-check."""
        now = utcnow()
        self.db.conn.executemany(
            "INSERT INTO story_pages (url, source, etag, last_modified, checked_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET source = excluded.source, "
            "etag = excluded.etag, last_modified = excluded.last_modified, "
            "checked_at = excluded.checked_at",
            [(p.url, source, p.etag, p.last_modified, now) for p in pages])

    def article(self, article_id: str) -> StoredArticle | None:
        row = self.db.execute(f"SELECT {ARTICLE_SELECT} FROM articles a WHERE a.id = ?",
                              [article_id]).fetchone()
        return StoredArticle(*row) if row else None

    def article_urls(self, source: str) -> set[str]:
        """The addresses of a source's stored articles (a listing skips what it has)."""
        return {row[0] for row in self.db.execute("SELECT url FROM articles WHERE source = ?",
                                                  [source])}

    def article_count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def set_article_language(self, article_id: str, lang: str, confidence: float,
                             paragraphs_json: str) -> None:
        """The language stage's result for one article."""
        self.db.execute("UPDATE articles SET lang = ?, lang_confidence = ?, lang_paragraphs = ? "
                        "WHERE id = ?", [lang, confidence, paragraphs_json, article_id])

    # -- stage bookkeeping ----------------------------------------------------------
    def pending(self, stage: str, limit: int | None = None) -> Iterator[StoredArticle]:
        """Articles the stage has not done for their current content."""
        sql = (f"SELECT {ARTICLE_SELECT} FROM articles a LEFT JOIN stage_state s "
               "ON s.article_id = a.id AND s.stage = ? "
               "WHERE s.done_hash IS NULL OR s.done_hash != a.content_hash ORDER BY a.id")
        if limit:
            sql += f" LIMIT {int(limit)}"
        for row in self.db.execute(sql, [stage]).fetchall():
            yield StoredArticle(*row)

    def mark_done(self, stage: str, articles: Iterable[StoredArticle]) -> None:
        now = utcnow()
        self.db.table("stage_state").upsert_all(
            ({"article_id": a.id, "stage": stage, "done_hash": a.content_hash, "at": now}
             for a in articles), pk=("article_id", "stage"))

    def forget_stage(self, stage: str, article_ids: Iterable[str] | None = None) -> None:
        """Make a stage redo some or all articles (a glossary edit, a new model)."""
        if article_ids is None:
            self.db.execute("DELETE FROM stage_state WHERE stage = ?", [stage])
        else:
            for chunk in chunks(list(article_ids)):
                self.db.execute(f"DELETE FROM stage_state WHERE stage = ? AND article_id IN "
                                f"({marks(chunk)})", [stage, *chunk])
