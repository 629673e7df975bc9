"""What every stage of a run receives: the store, the config, the run id and progress."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pressflow.config import Config
from pressflow.store import Store

T = TypeVar("T")


class Progress(Protocol):
    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]: ...

    def log(self, message: str) -> None: ...


class SilentProgress:
    """Progress for cron and pipes: no bars, messages only when asked."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose

    def track(self, items: Iterable[T], description: str, total: int | None = None) -> Iterator[T]:
        yield from items

    def log(self, message: str) -> None:
        if self.verbose:
            from pressflow.text.terminal import safe

            print(safe(message), flush=True)  # partners' errors: no escape sequences


@dataclass
class StageReport:
    """What a stage did, for the terminal summary and report.json."""

    name: str
    processed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass
class RunContext:
    store: Store
    config: Config
    run_id: int
    progress: Progress = field(default_factory=SilentProgress)
    stop_event: threading.Event = field(default_factory=threading.Event)

    @property
    def stop_requested(self) -> bool:
        """True after SIGINT/SIGTERM: stages stop at their next safe point."""
        return self.stop_event.is_set()
