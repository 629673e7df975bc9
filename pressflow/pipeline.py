"""`pressflow run`: every stage in order over one store, with a lock and an exit status.

Exit statuses: 0 every source fine, 1 some sources failed (the rest published), 2 bad
configuration or usage. A run that dies anywhere can simply be run again: each stage redoes
only unfinished work.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from . import crawl, entities, language, publish, stories, translate
from .config import Config
from .context import Progress, RunContext, SilentProgress, StageReport
from .errors import RunLocked, StoreError
from .publish.atomic import write_atomic
from .publish.report import build_report, report_json
from .store import Store

Stage = Callable[[RunContext], StageReport]

# The order matters: each stage reads what the ones before it wrote.
STAGES: list[tuple[str, Stage]] = [
    ("crawl", crawl.run_stage),
    ("language", language.run_stage),
    ("translate", translate.run_stage),
    ("entities", entities.run_stage),
    ("stories", stories.run_stage),
    ("publish", publish.run_stage),
]

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass
class RunResult:
    run_id: int
    exit_code: int
    report: dict[str, Any]
    interrupted: bool = False


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def run_lock(output_dir: Path) -> Iterator[Path]:
    """One run per output folder; a lock left by a killed run is recovered."""
    lock = output_dir / ".pressflow.lock"
    output_dir.mkdir(parents=True, exist_ok=True)
    me = {"pid": os.getpid(), "host": socket.gethostname(),
          "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                holder = json.loads(lock.read_text() or "{}")
            except (OSError, ValueError):
                holder = {}
            pid = int(holder.get("pid") or 0)
            same_host = holder.get("host") in (None, me["host"])
            if pid and same_host and _pid_alive(pid) and pid != os.getpid():
                raise RunLocked(f"another run holds the lock {lock} (pid {pid}, started "
                                f"{holder.get('started', '?')}); wait for it to finish")
            lock.unlink(missing_ok=True)  # stale: its process is gone
            continue
        with os.fdopen(fd, "w") as fh:
            json.dump(me, fh)
        break
    else:
        raise RunLocked(f"could not take the lock {lock}")
    try:
        yield lock
    finally:
        lock.unlink(missing_ok=True)


@contextmanager
def stop_on_signals(event: threading.Event) -> Iterator[None]:
    """SIGINT/SIGTERM ask the run to stop at the next safe point instead of dying mid-write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        if event.is_set():  # a second signal: the operator means it
            raise KeyboardInterrupt
        event.set()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(config: Config, *, progress: Progress | None = None,
        stages: list[tuple[str, Stage]] | None = None) -> RunResult:
    """Run every stage; write output/report.json; return the exit status and the report."""
    output_dir = config.output_dir
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the output folder {output_dir}: {exc.strerror}") from exc
    if not os.access(output_dir, os.W_OK):
        raise StoreError(f"the output folder {output_dir} is not writable")
    progress = progress or SilentProgress()
    stop = threading.Event()
    with run_lock(output_dir), Store(output_dir / "pressflow.db") as store, stop_on_signals(stop):
        store.sync_sources(config.sources)
        run_id = store.start_run(str(config.path) if config.path else None)
        ctx = RunContext(store=store, config=config, run_id=run_id, progress=progress,
                         stop_event=stop)
        reports: list[StageReport] = []
        for name, stage in stages or STAGES:
            if stop.is_set():
                progress.log(f"stopping before {name}: interrupted; run again to finish")
                break
            started = time.monotonic()
            report = stage(ctx)
            report.seconds = report.seconds or time.monotonic() - started
            reports.append(report)
        failed = store.db.execute("SELECT count(*) FROM fetches WHERE run_id = ? AND status = "
                                  "'failed'", [run_id]).fetchone()[0]
        threshold = int(config.setting("fail_threshold"))
        exit_code = EXIT_SOURCES_FAILED if failed > threshold else EXIT_OK
        status = "interrupted" if stop.is_set() else ("partial" if failed else "ok")
        if stop.is_set():
            exit_code = EXIT_SOURCES_FAILED
        report = build_report(store, config, run_id, reports, exit_code, status)
        write_atomic(output_dir / "report.json", report_json(report))
        store.finish_run(run_id, status, exit_code, report["totals"])
        return RunResult(run_id, exit_code, report, interrupted=stop.is_set())
