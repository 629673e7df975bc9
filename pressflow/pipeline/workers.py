"""A typed parallel map for the CPU-bound stages: batches of records in, results out, in order.

Why processes: language detection (langdetect, py3langid) and the entity stage's spaCy
pipelines and gazetteer are Python code that holds the GIL, so threads would take turns on
one core. Each worker is started with ``forkserver`` (never ``fork``: the parent holds an
open SQLite connection, a lock file and maybe threads, none of which a forked copy may touch)
and loads its models once, on its first batch (the models are cached per process), then
serves batch after batch. Or, with :func:`preloaded_map`, the workers are forked from one
*model host* (itself started by the fork server) that loaded the models once: they share
one copy of them (the language stage's detectors).

Why the store stays consistent: workers only compute. They get plain records and return
plain records; the stage writes the results in the main process, one writer, in one
transaction, as the ordered results arrive. A run with one worker stores exactly what a run
with many stores.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

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
    come, would otherwise keep their models in memory for ever. Also once the process that
    started this one is gone (a model host killed under its workers, :func:`preloaded_map`)."""
    started_by = os.getppid()
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        if os.getppid() != started_by:
            os._exit(1)
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
    with started_map(func, batches, workers, initializer=initializer) as results:
        yield from results


@dataclass
class Loading:
    """What :func:`preloaded_map` says of its ``load``: seconds it took, and where it ran."""

    seconds: float = 0.0
    shared: bool = False
    """True when the workers were forked from the process that loaded (one copy of the models)."""


HOST_JOIN_SECONDS = 30.0
"""How long the run waits for a model host to end by itself before it is terminated."""


def preloaded_map(func: Callable[[T], R], batches: Sequence[T], workers: int, *,
                  load: Callable[[Sequence[T]], None], initializer: Callable[[], None],
                  loading: Loading | None = None) -> Iterator[R]:
    """:func:`parallel_map`, with the models loaded once and shared by the workers.

    Why: each worker of :func:`parallel_map` loads its own copy of the models; the language
    stage's detectors (lingua's models of the languages a run meets, py3langid, langdetect)
    are 500-700 MB a copy, and with two workers they were the run's peak memory (1,717 MiB).
    Here one *model host* is started by the fork server (a clean process: no SQLite
    connection, lock or thread of the run's), receives the batches, runs ``load(batches)``
    (which may read them to choose what to load), and only then forks the workers
    (``fork``, from the host: it has no thread of its own at that point): the models' pages
    are shared, copy on write, and counted once. The host passes the batches to the workers
    and the results back, in order. ``func``, ``load`` and ``initializer`` must be
    module-level functions.

    With one worker, or a single batch, ``initializer`` runs in this process, then ``func`` on
    each batch (nothing is shared: ``load``'s guess of what to load ahead is not needed, what
    ``func`` needs loads as it is met). Should loading have started a thread in the host (forking then would be unsafe),
    the host forks nothing and the batches go to :func:`parallel_map`, whose workers run
    ``initializer`` and load their own models. ``loading`` receives the seconds ``load`` took.
    """
    found = loading if loading is not None else Loading()
    if not batches:
        return
    if workers <= 1 or len(batches) <= 1:
        started = time.monotonic()
        initializer()
        found.seconds = time.monotonic() - started
        for batch in batches:
            yield func(batch)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(FORKSERVER_PRELOAD)
    ours, theirs = context.Pipe()
    host = context.Process(target=_host_models, name="pressflow-model-host",
                           args=(theirs, func, load, min(workers, len(batches)), os.getpid()))
    host.start()
    theirs.close()
    try:
        ours.send(list(batches))
        kind, value = _from_host(ours, host)
        if kind == "error":  # loading failed (lingua not installed...): the stage's error
            raise value
        if kind == "unshared":  # the host could not fork safely: workers of their own
            yield from parallel_map(func, batches, workers, initializer=initializer)
            return
        found.seconds, found.shared = float(value), True
        for _ in batches:
            kind, value = _from_host(ours, host)
            if kind == "error":
                raise value
            yield value
    finally:
        ours.close()  # the host stops at its next send: batches not started are cancelled
        host.join(HOST_JOIN_SECONDS)
        if host.is_alive():
            host.terminate()
            host.join()


def _from_host(conn: Connection, host: BaseProcess) -> tuple[str, Any]:
    """The host's next message; an error if it died without one (killed, out of memory)."""
    ready = wait([conn, host.sentinel])
    if conn in ready or conn.poll():
        try:
            message: tuple[str, Any] = conn.recv()
            return message
        except EOFError:
            pass
    host.join(HOST_JOIN_SECONDS)
    raise ChildProcessError(f"the model host process ended (exit code {host.exitcode}) "
                            "before sending every result")


def _threads_of_this_process() -> int:
    """Threads of this process as the system sees them (also those a library's native code
    started, which ``threading`` does not know); 1 where /proc cannot say."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def _host_models(conn: Connection, func: Callable[[T], R], load: Callable[[Sequence[T]], None],
                 workers: int, run: int) -> None:
    """The model host of :func:`preloaded_map`: load, fork the workers, relay in order."""
    _ignore_interrupts()
    batches: list[T] = conn.recv()
    threads = _threads_of_this_process()
    started = time.monotonic()
    try:
        load(batches)
    except Exception as exc:
        conn.send(("error", exc))
        return
    seconds = time.monotonic() - started
    if _threads_of_this_process() > threads or threading.active_count() > 1:
        conn.send(("unshared", 0.0))  # a thread appeared while loading: fork is unsafe
        return
    gc.collect()
    gc.freeze()  # the collector does not write to the loaded objects' pages in the workers
    conn.send(("loaded", seconds))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker, initargs=(None, run))
    try:
        # with ``fork`` the executor forks every worker on the first submit, before its own
        # threads start (CPython's ProcessPoolExecutor does so on purpose)
        futures: list[Future[R]] = [pool.submit(func, batch) for batch in batches]
        threading.Thread(target=_exit_with, args=(run,), daemon=True,
                         name="pressflow-parent-watch").start()
        for future in futures:
            try:
                message: tuple[str, Any] = ("result", future.result())
            except Exception as exc:  # the run raises it, as parallel_map's caller would
                message = ("error", exc)
            conn.send(message)
            if message[0] == "error":
                return
    except (BrokenPipeError, ConnectionResetError):
        pass  # the run stopped reading: nothing more to send
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
