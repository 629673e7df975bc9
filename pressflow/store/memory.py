"""Translation memory: editors' corrections as segment pairs (``translation_memory``)."""

from __future__ import annotations

from collections.abc import Iterable

from pressflow.store.base import StoreBase, insert_sql, utcnow
from pressflow.store.records import MEMORY_COLUMNS, MemoryEntry, MemorySaved

_SELECT = f"SELECT {', '.join(MEMORY_COLUMNS)} FROM translation_memory"


class MemoryQueries(StoreBase):
    def memory_entries(self, source_lang: str | None = None,
                       target_lang: str | None = None) -> list[MemoryEntry]:
        """The stored segment pairs, of one language pair (or all), oldest first."""
        where, args = [], []
        if source_lang is not None:
            where.append("source_lang = ?")
            args.append(source_lang)
        if target_lang is not None:
            where.append("target_lang = ?")
            args.append(target_lang)
        sql = _SELECT + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        return [MemoryEntry(*row) for row in self.db.execute(sql, args).fetchall()]

    def memory_pairs(self) -> list[tuple[str, str, int]]:
        """(source language, target language, number of segment pairs) for every pair."""
        return [(str(s), str(t), int(n)) for s, t, n in self.db.execute(
            "SELECT source_lang, target_lang, count(*) FROM translation_memory "
            "GROUP BY 1, 2 ORDER BY 1, 2").fetchall()]

    def save_memory_entries(self, entries: Iterable[MemoryEntry]) -> MemorySaved:
        """Store segment pairs; a pair whose source key is known replaces its translation
        (the newest correction wins), keeping when the key was first stored."""
        added = updated = unchanged = 0
        now = utcnow()
        with self.transaction():
            for e in entries:
                row = self.db.execute(
                    "SELECT id, target FROM translation_memory WHERE source_lang = ? AND "
                    "target_lang = ? AND source_key = ?",
                    [e.source_lang, e.target_lang, e.source_key]).fetchone()
                if row is None:
                    values = {c: getattr(e, c) for c in MEMORY_COLUMNS if c != "id"}
                    values["created_at"] = e.created_at or now
                    values["updated_at"] = e.updated_at or values["created_at"]
                    self.db.execute(insert_sql("translation_memory", values), values)
                    added += 1
                elif row[1] == e.target:
                    unchanged += 1
                else:
                    self.db.execute(
                        "UPDATE translation_memory SET source = ?, target = ?, origin = ?, "
                        "segtype = ?, editor = ?, article_id = ?, updated_at = ? WHERE id = ?",
                        [e.source, e.target, e.origin, e.segtype, e.editor, e.article_id,
                         e.updated_at or now, row[0]])
                    updated += 1
        return MemorySaved(added, updated, unchanged)

    def remove_memory_entry(self, entry_id: int) -> MemoryEntry | None:
        """Delete one segment pair (a wrong correction); return it, or None when unknown."""
        row = self.db.execute(_SELECT + " WHERE id = ?", [entry_id]).fetchone()
        if row is None:
            return None
        with self.transaction():
            self.db.execute("DELETE FROM translation_memory WHERE id = ?", [entry_id])
        return MemoryEntry(*row)
