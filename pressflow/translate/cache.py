"""The sentence cache: a sentence is translated once per model and glossary version.

Key = hash(engine, model version, language pair, the glossary terms the sentence contains,
sentence). Keying on the terms *in the sentence* (not the whole glossary) means editing one
term only invalidates the sentences that contain it. The value is the final sentence (terms
restored), so a re-run of unchanged text never calls an engine.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from pressflow.store import Store


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

    def get_many(self, keys: Iterable[str], count: bool = True) -> dict[str, str]:
        """The cached translations of ``keys`` (those found); ``count=False`` leaves the
        hit and miss counters alone (a first look under another key)."""
        wanted = [k for k in dict.fromkeys(keys)]
        found = {k: self.memory[k] for k in wanted if k in self.memory}
        rest = [k for k in wanted if k not in found]
        if self.store is not None:
            found.update(self.store.cached_translations(rest))
        if count:
            self.hits += len(found)
            self.misses += len(wanted) - len(found)
        return found

    def put_many(self, rows: Iterable[tuple[str, str, str, str, str, str]]) -> None:
        """Rows of (key, source_lang, target, engine, text, translation)."""
        rows = list(rows)
        for key, *_, translation in rows:
            self.memory[key] = translation
        if self.store is not None:
            self.store.cache_translations(rows)
