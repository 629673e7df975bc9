"""The sentence cache: a sentence is translated once per model and glossary version.

Key = hash(engine, model version, language pair, the glossary terms the sentence contains,
sentence). Keying on the terms *in the sentence* (not the whole glossary) means editing one
term only invalidates the sentences that contain it. The value is the final sentence (terms
restored), so a re-run of unchanged text never calls an engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from pressflow.store import Store, utcnow


def cache_key(sentence: str, engine: str, model_version: str, source: str, target: str,
              glossary_signature: str) -> str:
    raw = "\x1f".join((engine, model_version, source, target, glossary_signature, sentence))
    return hashlib.sha256(raw.encode()).hexdigest()


class TranslationCache:
    """The ``translation_cache`` table, or memory alone when there is no store (the filter)."""

    def __init__(self, store: Store | None = None) -> None:
        self.store = store
        self.memory: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, keys: Iterable[str]) -> dict[str, str]:
        wanted = [k for k in dict.fromkeys(keys)]
        found = {k: self.memory[k] for k in wanted if k in self.memory}
        rest = [k for k in wanted if k not in found]
        if self.store is not None:
            for i in range(0, len(rest), 500):
                chunk = rest[i:i + 500]
                for key, translation in self.store.db.execute(
                        f"SELECT key, translation FROM translation_cache WHERE key IN "
                        f"({','.join('?' * len(chunk))})", chunk).fetchall():
                    found[key] = translation
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
        """Rows of (key, source_lang, target, engine, text, translation)."""
        now = utcnow()
        items = [{"key": k, "source_lang": s, "target": t, "engine": e, "text": x,
                  "translation": y, "created": now} for k, s, t, e, x, y in rows]
        for item in items:
            self.memory[item["key"]] = item["translation"]
        if self.store is not None and items:
            with self.store.transaction():
                self.store.db.table("translation_cache").upsert_all(items, pk="key")
