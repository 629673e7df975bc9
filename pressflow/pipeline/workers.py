"""A typed parallel map for the CPU-bound stages: batches of records in, results out, in order.

Why processes: language detection (langdetect, py3langid) and the entity stage's spaCy
pipelines and gazetteer are Python code that holds the GIL, so threads would take turns on
one core. Each worker is started with ``forkserver`` (never ``fork``: the parent holds an
open SQLite connection, a lock file and maybe threads, none of which a forked copy may touch)
and loads its models once, on its first batch (the models are cached per process), then
serves batch after batch.

Why the store stays consistent: workers only compute. They get plain records and return
plain records; the stage writes the results in the main process, one writer, in one
transaction, as the ordered results arrive. A run with one worker stores exactly what a run
with many stores.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def batched(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` cut into lists of at most ``size``, in order."""
    return [list(items[i:i + size]) for i in range(0, len(items), max(1, size))]


def _ignore_interrupts() -> None:
    """Ctrl-C reaches every process of the terminal's group: the main process stops the run
    at its next safe point (after this stage); workers must not die of it half-way through a
    batch (a broken pool would fail the stage instead of letting it finish)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _exit_with(parent: int) -> None:
    """End this worker once ``parent`` (the run's process) is gone: a run killed with
    SIGKILL cannot shut its pool down, and its workers, waiting for batches that will never
    come, would otherwise keep their models in memory for ever."""
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the number now belongs to someone else's process
            os._exit(1)


PARENT_CHECK_SECONDS = 1.0


def _start_worker(initializer: Callable[[], None] | None, parent: int) -> None:
    _ignore_interrupts()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True,
                     name="pressflow-parent-watch").start()
    if initializer is not None:
        initializer()


FORKSERVER_PRELOAD = ["pressflow.language"]
"""Imported once by the fork server, so every worker starts with it (shared, copy on write)
instead of importing it again. Not spaCy (thinc, torch: 4 s of CPU before the first worker
can start, paid by every run that starts a pool, entity workers or not)."""


def process_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """``workers`` processes started with ``forkserver``, that ignore Ctrl-C, end with the run's
    process, and run ``initializer`` once each. The caller shuts it down."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)  # used when the fork server starts
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_start_worker, initargs=(initializer, os.getpid()))


def workers_for(items: int, workers: int, min_per_worker: int) -> int:
    """How many of ``workers`` a stage uses for ``items``: each must get ``min_per_worker``
    items at least, enough work to pay for its start (imports, its own copy of the models)."""
    return max(1, min(workers, items // max(1, min_per_worker)))


def parallel_map(func: Callable[[T], R], batches: Sequence[T], workers: int, *,
                 initializer: Callable[[], None] | None = None) -> Iterator[R]:
    """``func(batch)`` for every batch, yielded in the batches' order.

    With one worker, or a single batch, everything runs in this process (no start-up cost:
    small nights and tests stay as fast as before). Otherwise ``min(workers, len(batches))``
    processes run the batches; ``func`` and ``initializer`` must be module-level functions
    (they are sent by name). ``initializer`` runs once per worker process (load the models
    there). When the caller stops iterating (an error while writing a result), the batches
    not yet started are cancelled.
    """
    if not batches:
        return  # nothing to do: no models to load (a night with nothing new)
    if workers <= 1 or len(batches) <= 1:
        if initializer is not None:
            initializer()
        for batch in batches:
            yield func(batch)
        return
    pool = process_pool(min(workers, len(batches)), initializer)
    try:
        futures: list[Future[R]] = [pool.submit(func, batch) for batch in batches]
        for future in futures:
            yield future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


@contextmanager
def started_map(func: Callable[[T], R], batches: Sequence[T], processes: int, *,
                initializer: Callable[[], None] | None = None) -> Iterator[Iterator[R]]:
    """:func:`parallel_map` for a caller that has work of its own meanwhile: ``processes``
    worker processes (at most one a batch) start and get every batch on entering the
    ``with``; the results, in order, are read from the iterator it gives. Unlike
    :func:`parallel_map`, one process is started when one is asked for (the caller's own
    process is the other busy core); with 0, or no batch, nothing starts and the batches are
    computed in this process when the results are read. Leaving the ``with`` cancels what
    has not started and ends the processes."""
    if processes < 1 or not batches:
        yield parallel_map(func, batches, 1, initializer=initializer)
        return
    pool = process_pool(min(processes, len(batches)), initializer)
    try:
        futures: list[Future[R]] = [pool.submit(func, batch) for batch in batches]
        yield (future.result() for future in futures)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
