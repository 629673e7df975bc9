"""Small helpers every benchmark uses: a timer, peak memory, and a plain-text table.

Figures are printed, never asserted: speed depends on the machine, so each figure that
matters is printed as a ratio to a baseline measured in the same run on the same data.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Timing:
    seconds: float = 0.0


@contextmanager
def timed() -> Iterator[Timing]:
    """``with timed() as t: ...`` then ``t.seconds`` (monotonic wall clock)."""
    t = Timing()
    started = time.perf_counter()
    try:
        yield t
    finally:
        t.seconds = time.perf_counter() - started


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (ru_maxrss is KiB on Linux)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


@dataclass
class ChildResult:
    returncode: int
    seconds: float
    peak_rss_mb: float
    output: str
    # the largest sum of resident memory over the child and all its descendants (worker
    # processes), sampled every 0.2 s; ru_maxrss only ever sees one process
    peak_tree_mb: float = 0.0
    # when that largest sum was sampled (time.time()), to name the stage that reached it
    peak_at: float = 0.0


def _pss_kb(pid: int) -> int | None:
    """Proportional set size of a process (its private pages plus its share of the pages it
    shares), in KiB; None where ``/proc/PID/smaps_rollup`` cannot be read."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _tree_rss_mb(root: int) -> float:
    """Memory of ``root`` and every process below it, in MiB (Linux /proc): the sum of their
    proportional set sizes, so that pages the worker processes share (the fork server's
    preloaded modules, copy on write) count once, not once per process as a sum of RSS
    would; RSS where PSS cannot be read."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page_kb
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [p for p, pp in parents.items() if pp == parent and p not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for p in tree:
        pss = _pss_kb(p)
        total += pss if pss is not None else rss.get(p, 0)
    return total / 1024


class TreeMemory:
    """Samples :func:`_tree_rss_mb` of a process in a thread; ``peak_mb`` is the largest."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.pid, self.every, self.peak_mb, self.peak_at = pid, every, 0.0, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if sys.platform.startswith("linux"):
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            now = _tree_rss_mb(self.pid)
            if now > self.peak_mb:
                self.peak_mb, self.peak_at = now, time.time()

    def stop(self) -> float:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_mb


def run_child(argv: Sequence[str], env: dict[str, str] | None = None,
              timeout: float | None = None) -> ChildResult:
    """Run a command; return its exit code, wall time and its own peak memory.

    Why a child process: the peak memory of a pipeline run must not include the harness,
    its baselines or an earlier run. ``os.wait4`` gives the child's own ``ru_maxrss``.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(list(argv), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    tree = TreeMemory(proc.pid)
    deadline = None if timeout is None else started + timeout
    out_chunks: list[str] = []
    assert proc.stdout is not None
    for line in proc.stdout:  # drain while it runs, so a chatty child never blocks
        out_chunks.append(line)
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            break
    peak_tree = tree.stop()  # before the wait: a reaped pid may be reused
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    rss = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return ChildResult(proc.returncode, seconds, rss, "".join(out_chunks), max(peak_tree, rss), tree.peak_at)


def rate(items: float, seconds: float) -> str:
    """Items per second, printed with sensible precision ('-' when nothing was timed)."""
    if seconds <= 0 or items <= 0:
        return "-"
    r = items / seconds
    return f"{r:,.0f}" if r >= 100 else f"{r:,.1f}"


def ratio_line(name: str, value: float | None, goal: float, higher_is_better: bool = True,
               unit: str = "") -> str:
    """'name: 0.93 (goal >= 0.80) met' or 'falls short by ...'."""
    if value is None:
        return f"{name}: not measured"
    met = value >= goal if higher_is_better else value <= goal
    sign = ">=" if higher_is_better else "<="
    verdict = "met" if met else (f"NOT met (short by {abs(goal - value):.2f}{unit})")
    return f"{name}: {value:.2f}{unit} (goal {sign} {goal:g}{unit}) {verdict}"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: first column left-aligned, the others right-aligned."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def fmt(row: list[str]) -> str:
        return "  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    lines = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    lines += [fmt(r) for r in cells[1:]]
    return "\n".join(lines)
