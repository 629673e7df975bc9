"""What every translation engine offers pressflow, and the engine settings.

An engine translates a *batch* of sentences for one language pair: pressflow gathers the
sentences of every article of a run first, so an engine sees few, large batches. Glossary
protection, caching and reassembly happen around the engine, the same for all of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pressflow.errors import ConfigError

ENGINES = ("auto", "argos", "apertium", "none")


@dataclass
class TranslateSettings:
    """The ``translate:`` mapping of sources.yaml settings, validated."""

    engine: str = "auto"
    engines: dict[str, str] = field(default_factory=dict)
    beam_size: int = 4
    threads: int = 0
    batch_size: int = 32
    models_dir: str | None = None
    package_index: str | None = None
    max_input_tokens: int = 250

    @classmethod
    def from_mapping(cls, values: dict[str, Any] | None, where: str = "settings.translate",
                     path: str | None = None, line: int | None = None) -> TranslateSettings:
        """Build from the config mapping; an unknown key or bad value is a ConfigError."""
        values = dict(values or {})
        known = {f for f in cls.__dataclass_fields__}
        for key in values:
            if key not in known:
                raise ConfigError(f"unknown key {key!r} in {where}; valid keys: "
                                  f"{', '.join(sorted(known))}", path=path, line=line, field=key)
        s = cls(**values)
        for name in ("beam_size", "threads", "batch_size", "max_input_tokens"):
            v = getattr(s, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < (0 if name == "threads" else 1):
                raise ConfigError(f"{where}.{name} must be a whole number"
                                  f"{'' if name == 'threads' else ' of at least 1'}, got {v!r}",
                                  path=path, line=line, field=name)
        if s.engine not in ENGINES:
            raise ConfigError(f"{where}.engine {s.engine!r} is not one of {', '.join(ENGINES)}",
                              path=path, line=line, field="engine")
        if not isinstance(s.engines, dict):
            raise ConfigError(f"{where}.engines must map a language to an engine, "
                              "for example {fr: apertium}", path=path, line=line, field="engines")
        for lang, engine in s.engines.items():
            if engine not in ENGINES:
                raise ConfigError(f"{where}.engines.{lang}: {engine!r} is not one of "
                                  f"{', '.join(ENGINES)}", path=path, line=line, field="engines")
        return s

    def engine_for(self, lang: str) -> str:
        return self.engines.get(lang, self.engine)


class Engine(Protocol):
    """A translation engine (argos, apertium)."""

    name: str

    def version(self, source: str, target: str) -> str | None:
        """An identifier of what would translate this pair, or None when nothing can."""

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        """Translate a batch of sentences (one output per input, same order)."""
