"""What every translation engine offers pressflow.

An engine translates a *batch* of sentences for one language pair: pressflow gathers the
sentences of every article of a run first, so an engine sees few, large batches. Glossary
protection, caching and reassembly happen around the engine, the same for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# The settings live with every other setting in pressflow.config; re-exported for engines.
from pressflow.config import ENGINES as ENGINES
from pressflow.config import TranslateSettings as TranslateSettings


class Engine(Protocol):
    """A translation engine (argos, apertium)."""

    name: str

    def version(self, source: str, target: str) -> str | None:
        """An identifier of what would translate this pair, or None when nothing can."""

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch of sentences (one output per input, same order)."""
