"""Translations, the sentence cache and the glossary state of the translate stage."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict

from pressflow.store.articles import ARTICLE_SELECT
from pressflow.store.base import StoreBase, chunks, marks, utcnow
from pressflow.store.records import (
    TRANSLATION_COLUMNS,
    GlossaryState,
    MissingModel,
    StoredArticle,
    Translation,
)


class TranslationQueries(StoreBase):
    def translation(self, article_id: str, target: str) -> Translation | None:
        row = self.db.execute(f"SELECT {', '.join(TRANSLATION_COLUMNS)} FROM translations "
                              "WHERE article_id = ? AND target = ?", [article_id, target]).fetchone()
        return Translation(*row) if row else None

    def good_translations(self, target: str) -> dict[str, Translation]:
        """Every translation into ``target`` with status ok, by article id."""
        return {row[0]: Translation(*row) for row in self.db.execute(
            f"SELECT {', '.join(TRANSLATION_COLUMNS)} FROM translations "
            "WHERE target = ? AND status = 'ok'", [target]).fetchall()}

    def save_translation(self, translation: Translation) -> None:
        self.db.table("translations").upsert(asdict(translation), pk=("article_id", "target"))

    def save_edited_translation(self, article: StoredArticle, target: str, *, title: str | None,
                                text: str, editor: str, at: str) -> None:
        """An editor's text replaces the translation; the engine's model and glossary
        versions stay recorded."""
        self.db.table("translations").upsert({
            "article_id": article.id, "target": target, "source_lang": article.lang,
            "title": title, "summary": None, "text": text, "engine": "editor",
            "status": "ok", "message": None, "glossary_violations": 0,
            "glossary_details": None, "content_hash": article.content_hash,
            "updated_at": at, "edited_by": editor, "memory_details": None, "quality": None,
        }, pk=("article_id", "target"))

    def translated_languages(self, target: str) -> set[str]:
        """The source languages translated into ``target`` so far."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT source_lang FROM translations WHERE target = ? AND source_lang IS NOT "
            "NULL", [target]).fetchall()}

    def machine_translated_articles(self, target: str, lang: str) -> list[StoredArticle]:
        """Articles in ``lang`` an engine translated (status ok, no editor's text)."""
        return [StoredArticle(*row) for row in self.db.execute(
            f"SELECT {ARTICLE_SELECT} FROM articles a JOIN translations t "
            "ON t.article_id = a.id AND t.target = ? WHERE t.source_lang = ? AND "
            "t.status = 'ok' AND t.edited_by IS NULL", [target, lang]).fetchall()]

    def articles_to_retry(self, target: str) -> list[StoredArticle]:
        """Articles whose translation waits for a model or failed (not editors' texts)."""
        return [StoredArticle(*row) for row in self.db.execute(
            f"SELECT {ARTICLE_SELECT} FROM articles a JOIN translations t ON t.article_id = a.id "
            "AND t.target = ? WHERE t.status IN ('no-model', 'error') AND t.edited_by IS NULL",
            [target]).fetchall()]

    def translation_model_versions(self, target: str) -> list[tuple[str, str | None]]:
        """(source language, model version) pairs the machine translations were made with."""
        return [(str(lang), version) for lang, version in self.db.execute(
            "SELECT DISTINCT source_lang, model_version FROM translations WHERE target = ? AND "
            "status = 'ok' AND edited_by IS NULL AND source_lang IS NOT NULL", [target]).fetchall()]

    def articles_translated_with(self, target: str, lang: str,
                                 model_version: str | None) -> list[StoredArticle]:
        """Articles an engine translated from ``lang`` with this model version."""
        return [StoredArticle(*row) for row in self.db.execute(
            f"SELECT {ARTICLE_SELECT} FROM articles a JOIN translations t ON t.article_id = a.id "
            "AND t.target = ? WHERE t.source_lang = ? AND t.model_version IS ? AND t.status = "
            "'ok' AND t.edited_by IS NULL", [target, lang, model_version]).fetchall()]

    def edited_translation_hashes(self, target: str) -> dict[str, str | None]:
        """Article id -> the content hash of the text an editor translated by hand."""
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT article_id, content_hash FROM translations WHERE target = ? AND edited_by IS "
            "NOT NULL", [target]).fetchall()}

    def keep_machine_translation_beside_edit(self, article_id: str, target: str,
                                              title: str | None, text: str | None,
                                              content_hash: str | None) -> None:
        """The machine translation of an article's new text, stored next to the editor's own
        translation (which stays what is published) rather than over it."""
        self.db.execute("UPDATE translations SET machine_title = ?, machine_text = ?, machine_hash = ? "
                        "WHERE article_id = ? AND target = ?",
                        [title, text, content_hash, article_id, target])

    def translation_status_counts(self) -> dict[str, dict[str, int]]:
        """Source -> translation status ('pending' when none yet) -> number of articles."""
        counts: dict[str, dict[str, int]] = {}
        for source_name, status, count in self.db.execute(
                "SELECT a.source, coalesce(t.status, 'pending'), count(*) FROM articles a "
                "LEFT JOIN translations t ON t.article_id = a.id GROUP BY 1, 2").fetchall():
            counts.setdefault(source_name, {})[status] = count
        return counts

    def missing_models(self) -> list[MissingModel]:
        """Source languages whose translations wait for a model, with how many articles."""
        return [MissingModel(*row) for row in self.db.execute(
            "SELECT t.source_lang, count(*), max(t.message) FROM translations t "
            "WHERE t.status = 'no-model' GROUP BY t.source_lang ORDER BY t.source_lang").fetchall()]

    # -- glossary state -------------------------------------------------------------
    def glossary_state(self, pair: str) -> GlossaryState | None:
        row = self.db.execute("SELECT pair, version, entries FROM translate_glossary_state "
                              "WHERE pair = ?", [pair]).fetchone()
        return GlossaryState(*row) if row else None

    def save_glossary_state(self, state: GlossaryState) -> None:
        self.db.table("translate_glossary_state").upsert({
            "pair": state.pair, "version": state.version, "updated_at": utcnow(),
            "entries": state.entries}, pk="pair")

    # -- sentence cache -------------------------------------------------------------
    def cached_translations(self, keys: Sequence[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for chunk in chunks(keys):
            for key, translation in self.db.execute(
                    f"SELECT key, translation FROM translation_cache WHERE key IN "
                    f"({marks(chunk)})", chunk).fetchall():
                found[key] = translation
        return found

    def cache_translations(self, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
        """Rows of (key, source_lang, target, engine, text, translation)."""
        now = utcnow()
        items = [{"key": k, "source_lang": s, "target": t, "engine": e, "text": x,
                  "translation": y, "created": now} for k, s, t, e, x, y in rows]
        if items:
            with self.transaction():
                self.db.table("translation_cache").upsert_all(items, pk="key")
