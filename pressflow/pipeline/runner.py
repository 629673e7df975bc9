"""`pressflow run`: every stage in order over one store, with a lock and an exit status.

Exit statuses: 0 every source fine, 1 some sources failed (the rest published), 2 bad
configuration or usage. A run that dies anywhere can simply be run again: each stage redoes
only unfinished work.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import socket
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pressflow import language, publish, translate
from pressflow.config import Config
from pressflow.crawl import stage as crawl
from pressflow.entities import stage as entities
from pressflow.errors import ConfigError, RunLocked
from pressflow.pipeline.context import Progress, RunContext, SilentProgress, StageReport
from pressflow.publish.atomic import remove_leftover_temps, write_atomic
from pressflow.publish.report import build_report, report_json
from pressflow.store import Store
from pressflow.stories import stage as stories

if TYPE_CHECKING:
    from pressflow.translate.base import TranslateSettings

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

EXIT_OK, EXIT_SOURCES_FAILED = 0, 1
# Set to print "stage NAME started" on stderr: for diagnosing slow nights, and how the
# crash test aims its kills at each stage.
TRACE_ENV = "PRESSFLOW_TRACE_STAGES"


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


def _read_holder(fh: Any) -> dict[str, Any]:
    fh.seek(0)
    try:
        holder = json.loads(fh.read() or "{}")
    except ValueError:
        return {}
    return holder if isinstance(holder, dict) else {}


def _open_lock_file(lock: Path) -> TextIO:
    """The lock file, opened without following a symbolic link (its target, maybe a file of
    someone else's, would be truncated) and only when it is a regular file."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(lock, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RunLocked(f"the lock file {lock} is a symbolic link: refused (pressflow never "
                            "makes one; remove it)") from None
        raise RunLocked(f"cannot open the lock file {lock}: {exc.strerror}") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise RunLocked(f"the lock file {lock} is not a regular file: refused (remove it)")
    return os.fdopen(fd, "r+", encoding="utf-8")


@contextmanager
def run_lock(output_dir: Path, log: Callable[[str], None] | None = None) -> Iterator[Path]:
    """One run per output folder, held with ``flock`` on ``DIR/.pressflow.lock``.

    The kernel drops the lock when its process dies, however it dies (SIGKILL, power
    loss aside), so a lock left by a killed run is recovered by simply taking it again;
    the file's content (pid, host, start time) only serves the messages. The file is never
    deleted: deleting a lock file that another process has open is how two runs end up
    holding "the" lock at once.
    """
    lock = output_dir / ".pressflow.lock"
    output_dir.mkdir(parents=True, exist_ok=True)
    fh = _open_lock_file(lock)
    try:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fh)
            raise RunLocked(f"another run holds the lock {lock} (pid {holder.get('pid', '?')} "
                            f"on {holder.get('host', '?')}, started {holder.get('started', '?')}); "
                            "wait for it to finish, or stop that process") from None
        stale = _read_holder(fh)
        if stale.get("pid") and log is not None:
            alive = stale.get("host") == socket.gethostname() and _pid_alive(int(stale["pid"]))
            log(f"recovered the lock left by an interrupted run (pid {stale['pid']}, started "
                f"{stale.get('started', '?')}{'' if alive else ', no longer running'})")
        fh.seek(0)
        fh.truncate()
        json.dump({"pid": os.getpid(), "host": socket.gethostname(),
                   "started": datetime.now(UTC).isoformat(timespec="seconds")}, fh)
        fh.flush()
        try:
            yield lock
        finally:
            fh.seek(0)
            fh.truncate()  # an empty file: nobody holds it, nothing to recover
            fh.flush()
    finally:
        fh.close()  # releases the flock


@contextmanager
def stop_on_signals(event: threading.Event) -> Iterator[None]:
    """SIGINT/SIGTERM ask the run to stop at the next safe point instead of dying mid-write."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if event.is_set():  # a second signal: the operator means it
            raise KeyboardInterrupt(f"{name} received twice")
        event.set()
        print(f"pressflow: {name} received: stopping at the next safe point; what is done "
              "is kept, run again to finish (send it again to stop at once)",
              file=sys.stderr, flush=True)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run(config: Config, *, progress: Progress | None = None,
        stages: list[tuple[str, Stage]] | None = None) -> RunResult:
    """Run every stage; write output/report.json; return the exit status and the report.

    A stage that raises (a bug, a library surprise) is reported with its traceback on
    stderr and in report.json, and the stages after it still run on what is stored, so
    readers still get a feed; the run then exits 1.
    """
    output_dir = config.output_dir
    preflight(config)
    progress = progress or SilentProgress()
    stop = threading.Event()
    with run_lock(output_dir, log=_say), Store(output_dir / "pressflow.db") as store, \
            stop_on_signals(stop):
        _remove_half_written(output_dir)
        abandoned = store.close_abandoned_runs()
        if abandoned:
            _say(f"run(s) {', '.join(map(str, abandoned))} did not finish (killed?); "
                 "this run picks up their unfinished work")
        store.sync_sources(config.sources)
        run_id = store.start_run(str(config.path) if config.path else None)
        ctx = RunContext(store=store, config=config, run_id=run_id, progress=progress,
                         stop_event=stop)
        reports: list[StageReport] = []
        stage_errors: list[str] = []
        trace = bool(os.environ.get(TRACE_ENV))
        for name, stage in stages or STAGES:
            if stop.is_set():
                _say(f"stopped before the {name} stage; run again to finish")
                break
            if trace:
                _say(f"stage {name} started")
            started = time.monotonic()
            try:
                report = stage(ctx)
            except Exception as exc:
                store.rollback_open_transaction()
                _say(f"the {name} stage failed: {type(exc).__name__}: {exc}\n"
                     + "".join(traceback.format_exception(exc)).rstrip())
                report = StageReport(name, notes=[f"failed: {type(exc).__name__}: {exc}"],
                                     details={"error": f"{type(exc).__name__}: {exc}"})
                stage_errors.append(name)
            report.seconds = report.seconds or time.monotonic() - started
            reports.append(report)
        failed = store.failed_fetch_count(run_id)
        threshold = config.settings.report.fail_threshold
        exit_code = EXIT_SOURCES_FAILED if failed > threshold else EXIT_OK
        if stop.is_set():
            status = "interrupted"
        elif stage_errors:
            status = "stage-failed"
        else:
            status = "partial" if failed else "ok"
        if stop.is_set() or stage_errors:
            exit_code = EXIT_SOURCES_FAILED
        run_report = build_report(store, config, run_id, reports, exit_code, status)
        run_report["stage_errors"] = stage_errors
        write_atomic(output_dir / "report.json", report_json(run_report))
        store.finish_run(run_id, status, exit_code, run_report["totals"])
        return RunResult(run_id, exit_code, run_report, interrupted=stop.is_set())


def _remove_half_written(output_dir: Path) -> None:
    """Temporary files of write_atomic left by a killed run (we hold the lock: they are dead),
    by their exact names: another ``.*.tmp`` in the folder is not ours to delete."""
    from pressflow.publish.feeds import FEED_FILES

    remove_leftover_temps(output_dir, [*FEED_FILES.values(), publish.DIGEST_FILE, "report.json"])


def _say(message: str) -> None:
    """Messages an operator must see even from cron (stderr, whatever the progress mode)."""
    print(f"pressflow: {message}", file=sys.stderr, flush=True)


def preflight(config: Config) -> None:
    """Operator mistakes found before anything is written: a bad glossary line, an output
    folder that cannot be used. Each raises ConfigError (exit 2) naming file and line."""
    from pressflow.translate.glossary import check_folder

    check_pinned_engines(config, config.settings.translate)
    if config.glossary_dir.is_dir():
        check_folder(config.glossary_dir)
    check_output_dir(config)


def check_pinned_engines(config: Config, settings: TranslateSettings) -> None:
    """A language pinned to an engine (``engines: {fr: argos}``) that has no model for it is
    an operator's mistake, not a per-article ``no-model``: the operator asked for it."""
    from pressflow.translate.core import Engines, install_hint

    target = config.settings.target_language
    engines = Engines(settings)
    where = config.where("translate.engines" if "translate.engines" in config.lines
                         else "translate")
    where["field"] = "engines"
    for lang, name in sorted(settings.engines.items()):
        if name not in ("argos", "apertium") or lang == target:
            continue
        if engines.get(name).version(lang, target):
            continue
        fix = (f"run `{install_hint(lang, target)}`" if name == "argos" else
               "install the Apertium language packages (scripts/setup.d/20-apertium.sh)")
        raise ConfigError(f"settings.translate.engines.{lang} is {name}, but {name} has no "
                          f"{lang}->{target} model here; {fix}, or set it to auto", **where)


def check_output_dir(config: Config) -> None:
    """Fail before anything is written when the output folder cannot be used."""
    output_dir = config.output_dir
    where = config.where("output")
    fix = ("choose another folder with `output:` in settings or `--output DIR`, or make "
           "this one writable for the user running pressflow")
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output folder {output_dir} "
                          f"({exc.strerror}); {fix}", **where) from exc
    if not output_dir.is_dir():
        raise ConfigError(f"the output folder {output_dir} is not a folder; {fix}", **where)
    if not os.access(output_dir, os.W_OK | os.X_OK):
        raise ConfigError(f"the output folder {output_dir} is not writable; {fix}", **where)
    db = output_dir / "pressflow.db"
    if db.exists() and not os.access(db, os.R_OK | os.W_OK):
        raise ConfigError(f"the database {db} is not writable; {fix}", **where)
