"""Which engine will translate which language: what `pressflow models list` shows.

A run picks an engine per language with :meth:`~pressflow.translate.core.Engines.choose`
(the ``translate:`` settings, then argos packages, then Apertium modes, each possibly through
a pivot language). This module asks the same question ahead of the run, for every pair the
installed engines offer and for every language of the configured sources, so that a
communications officer sees before the night what will be translated, how, and what to
install for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pressflow.translate.apertium import ApertiumEngine
from pressflow.translate.apertium import available as apertium_available
from pressflow.translate.argos import ArgosEngine
from pressflow.translate.base import Engine, TranslateSettings
from pressflow.translate.core import Engines, install_hint
from pressflow.translate.models import list_models

if TYPE_CHECKING:
    from pressflow.config import Config
    from pressflow.store import Store


@dataclass
class Route:
    """How one language reaches the target, or why it does not."""

    source: str
    target: str
    engine: str | None  # "argos", "apertium", or None when nothing translates it
    steps: list[str]  # the packages / modes in order: ["fr-es", "spa-eng"]
    pivot: str | None = None  # the language in the middle of a two-step route
    reason: str = ""  # when engine is None: why, and how to get one

    def describe(self) -> str:
        if self.source == self.target:
            return f"not translated: already {self.target}"
        if self.engine is None:
            return f"none: {self.reason}"
        via = f" (through {self.pivot})" if self.pivot else ""
        return f"{self.engine} {' + '.join(self.steps)}{via}"


def _steps(engine: Engine, source: str, target: str) -> tuple[list[str], str | None]:
    """The packages or modes of a route, and its pivot language."""
    if isinstance(engine, ArgosEngine):
        models = engine.route(source, target) or []
        return [f"{m.pair} {m.version}" for m in models], models[0].target if len(models) == 2 else None
    if isinstance(engine, ApertiumEngine):
        modes = engine.route(source, target) or []
        pairs = {mode: pair for pair, mode in engine.modes.items()}
        return modes, pairs[modes[0]][1] if len(modes) == 2 else None
    return [], None


def route_for(engines: Engines, source: str, target: str) -> Route:
    """The route a run would take for ``source`` -> ``target`` (the run's own choice)."""
    if source == target:
        return Route(source, target, None, [], reason="already in the target language")
    engine, _version, why = engines.choose(source, target)
    if engine is None:
        if "turned off" not in why:
            why = (f"no argos package and no Apertium mode for {source}->{target}, directly or "
                   f"through a pivot; install one with `{install_hint(source, target)}`")
            if not apertium_available():
                why += " (Apertium, the other engine, is not installed: apt-get install apertium)"
        return Route(source, target, None, [], reason=why)
    steps, pivot = _steps(engine, source, target)
    return Route(source, target, str(getattr(engine, "name", type(engine).__name__)), steps, pivot)


def offered_sources(engines: Engines, target: str) -> list[str]:
    """Every language some installed engine can take to ``target`` (directly or by pivot)."""
    langs: set[str] = set()
    for name in ("argos", "apertium"):
        try:
            engine = engines.get(name)
        except KeyError:
            continue
        if isinstance(engine, ArgosEngine):
            langs |= {m.source for m in list_models(engine.folder)}
        elif isinstance(engine, ApertiumEngine):
            langs |= {s for s, _ in engine.modes}
    return sorted(lang for lang in langs if lang != target)


def coverage(settings: TranslateSettings, target: str, languages: list[str],
             engines: Engines | None = None) -> tuple[list[Route], list[Route]]:
    """(every route the installed engines offer into ``target``, the route of each of
    ``languages``: the languages of the configured sources)."""
    engines = engines or Engines(settings)
    offered = [r for r in (route_for(engines, lang, target) for lang in offered_sources(engines, target))
               if r.engine is not None]
    return offered, [route_for(engines, lang, target) for lang in languages]


def source_languages(config: Config, store: Store | None = None) -> dict[str, set[str]]:
    """Language -> the sources that write in it: declared in sources.yaml, or detected in the
    articles already stored (``store``, else the config's database when there is one)."""
    from pressflow.store import Store

    languages: dict[str, set[str]] = {}
    for source in config.sources:
        if source.language:
            languages.setdefault(source.language, set()).add(source.name)
    names = {s.name for s in config.sources}

    def add_stored(db: Store) -> None:
        for name, langs in db.stored_languages().items():
            if name in names:
                for lang in langs:
                    languages.setdefault(lang, set()).add(name)

    if store is not None:
        add_stored(store)
    elif (config.output_dir / "pressflow.db").is_file():
        with Store(config.output_dir / "pressflow.db") as db:
            add_stored(db)
    return languages
