"""Hostile sources: every misbehaviour of tests/support/hostile_server.py, alone and all at
once beside healthy sources, through a real `pressflow run` subprocess.

For each run: it ends (a hang guard far above the per-source deadline), the healthy
sources are published, the hostile one has the status and reason its case expects, the
canary file's secret appears in no output and not in the database, no script reaches the
feeds or the digest, and the peak memory of the run (ru_maxrss of the child, read with
os.wait4) stays under MEMORY_CAP_MB.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support.hostile_server import (
    CASES,
    HOSTILE,
    SCRIPT_MARKER,
    Case,
    HostileServers,
    healthy_feed,
    make_canary,
)

from pressflow.config import parse_config
from pressflow.crawl.stage import crawl_source
from pressflow.records import Source

TIMEOUT_S, DEADLINE_S, MAX_BYTES = 2, 4, 2_000_000
HANG_GUARD_S = 120  # a run that is still going after this has hung: the test fails
# Memory: a hostile run's peak RSS may exceed that of a healthy-only run of the same config,
# measured in the same test session (Python, spaCy, the language models, SQLite: about
# 300-500 MB), by at most MEMORY_MARGIN_MB. The 50 MB body and the 4 GiB gzip bomb must not
# move it: the fetcher stops reading at max_bytes (2 MB here).
MEMORY_MARGIN_MB = 100
# Cases also run alone through `pressflow run` (the rest alone through crawl_source, in
# process): those whose danger is memory or what reaches the published files.
SUBPROCESS_ALONE = ("gzip_bomb", "xxe", "script_page")
SETTINGS = (f"settings:\n  output: out\n  timeout: {TIMEOUT_S}\n  deadline: {DEADLINE_S}\n"
            f"  max_bytes: {MAX_BYTES}\n  per_host_delay: 0\n  concurrency: 32\n")
FIGURES: dict[str, Any] = {}


@dataclass
class Run:
    folder: Path
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float

    @property
    def report(self) -> dict[str, Any]:
        return json.loads((self.folder / "out" / "report.json").read_text(encoding="utf-8"))

    def source(self, name: str) -> dict[str, Any]:
        return next(s for s in self.report["sources"] if s["name"] == name)


# A wrapper process runs pressflow and writes the peak RSS of its one child
# (resource.getrusage(RUSAGE_CHILDREN) after the child is reaped: Linux reports kilobytes).
_WRAPPER = ("import resource, subprocess, sys\n"
            "code = subprocess.run(sys.argv[2:]).returncode\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
            "open(sys.argv[1], 'w').write(str(peak))\n"
            "sys.exit(code)\n")


def run_pressflow(config: Path) -> Run:
    """`pressflow run` as cron runs it: its exit status, output, wall time and peak RSS."""
    rss_file = config.parent / "peak_rss_kb"
    started = time.monotonic()
    # lingua loads a language's models (15-20 MB) the first time a text may be in it (at most
    # its 75 languages, 1.1 GB; docs/language.md): hostile and healthy runs bring text in
    # different languages, so with lingua the comparison below would measure the languages of
    # the text, not how hostile input is handled.
    env = {**os.environ, "PRESSFLOW_LINGUA": "0"}
    proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, str(rss_file), sys.executable, "-m",
                             "pressflow", "run", "--config", str(config)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=env)
    try:
        out, err = proc.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"pressflow run still going after {HANG_GUARD_S} s: {config}\n{err}")
    return Run(config.parent, proc.returncode, out, err, time.monotonic() - started,
               int(rss_file.read_text()) / 1024)


def write_config(folder: Path, servers: HostileServers, cases: list[Case]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "local.xml").write_bytes(healthy_feed("local"))
    lines = [SETTINGS, "sources:\n",
             "  - name: healthy-http\n", f"    url: {servers.healthy_url('http')}\n",
             "    kind: feed\n",
             "  - name: healthy-local\n    url: local.xml\n    kind: feed\n"]
    for case in cases:
        lines += [f"  - name: {case.name}\n", f"    url: {servers.url(case.name)}\n",
                  f"    kind: {case.kind}\n"]
    config = folder / "sources.yaml"
    config.write_text("".join(lines), encoding="utf-8")
    return config


def output_bytes(folder: Path) -> dict[str, bytes]:
    """Every file the run wrote (database, WAL, feeds, digest, report)."""
    return {p.name: p.read_bytes() for p in (folder / "out").iterdir() if p.is_file()}


PUBLISHED = ("feed.xml", "feed.atom", "feed.json", "digest.html")
DANGER = [re.compile(p, re.I) for p in (
    r"\bon(error|load|click)\s*=", r"(href|src)\s*=\s*[\"']?\s*javascript:",
    re.escape(SCRIPT_MARKER))]
SCRIPT_TAG = re.compile(r"<\s*script", re.I)


def script_tags(run: Run) -> dict[str, int]:
    """<script> tags per published file (the digest has one of its own, under a CSP)."""
    files = output_bytes(run.folder)
    return {n: len(SCRIPT_TAG.findall(files[n].decode("utf-8", "replace")))
            for n in PUBLISHED if n in files}


def check_run(run: Run, cases: list[Case], secret: str, baseline: Run) -> None:
    assert run.returncode in (0, 1), run.stderr
    failed_expected = [c for c in cases if c.expect == "failed"]
    assert run.returncode == (1 if failed_expected else 0), run.stdout + run.stderr
    for healthy in ("healthy-http", "healthy-local"):
        src = run.source(healthy)
        assert src["status"] == "ok" and src["items_found"] == 2, src
    for case in cases:
        src = run.source(case.name)
        if case.expect == "failed":
            assert src["status"] == "failed", (case.name, src)
            assert src["error"] and re.search(case.reason, src["error"]), (case.name, src["error"])
            assert "unexpected" not in src["error"], (case.name, src["error"])
        else:
            assert src["status"] == "ok" and src["items_found"] >= 1, (case.name, src)
    files = output_bytes(run.folder)
    for name, data in files.items():
        assert secret.encode() not in data, f"the canary's secret leaked into {name}"
    feed = files["feed.xml"].decode()
    for tag in ("http", "local"):  # every healthy item is published
        for i in range(2):
            assert f"Healthy story {tag} number {i}" in feed
    for name in PUBLISHED:
        if name not in files:
            continue
        text = files[name].decode("utf-8", "replace")
        for pattern in DANGER:
            assert not pattern.search(text), f"{pattern.pattern!r} reached {name}"
    assert script_tags(run) == script_tags(baseline), "a source's <script> was published"
    if any(c.name == "billion_laughs" for c in cases):
        assert "lollollol" not in feed
    cap = baseline.peak_rss_mb + MEMORY_MARGIN_MB
    assert run.peak_rss_mb < cap, f"peak RSS {run.peak_rss_mb:.0f} MB, cap {cap:.0f} MB"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory):
    canary = make_canary(tmp_path_factory.mktemp("canary"))
    with HostileServers(canary) as hs:
        yield hs


@pytest.fixture(scope="module")
def baseline(servers: HostileServers, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A run of the healthy sources alone: the memory reference."""
    run = run_pressflow(write_config(tmp_path_factory.mktemp("baseline"), servers, []))
    assert run.returncode == 0, run.stderr
    return run


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_hostile_case_alone_in_crawl(servers: HostileServers, case: Case) -> None:
    """The crawl of one hostile source, in process: status, reason, and its deadline kept."""
    config = parse_config(SETTINGS + "sources: []\n")
    source = Source(name=case.name, url=servers.url(case.name), kind=case.kind)
    started = time.monotonic()
    outcome = crawl_source(source, config)
    seconds = time.monotonic() - started
    FIGURES.setdefault("crawl seconds", {})[case.name] = seconds
    FIGURES["hostile cases"] = len(FIGURES["crawl seconds"])
    # a bound, not a speed test: a source may never take much longer than its deadline
    assert seconds < DEADLINE_S + TIMEOUT_S + 5, f"{case.name} took {seconds:.1f} s"
    if case.expect == "failed":
        assert outcome.status == "failed" and outcome.error, outcome
        assert re.search(case.reason, outcome.error), outcome.error
        assert "unexpected" not in outcome.error
        return
    assert outcome.status == "ok" and outcome.articles, outcome.error
    secret = servers.canary.read_text().strip()
    for article in outcome.articles:
        stored = f"{article.title}\n{article.summary}\n{article.text}"
        assert secret not in stored and "lollollol" not in stored
        assert SCRIPT_MARKER not in stored and "<script" not in stored.lower()


@pytest.mark.slow
@pytest.mark.parametrize("name", SUBPROCESS_ALONE)
def test_each_dangerous_case_alone_in_a_run(servers: HostileServers, baseline: Run,
                                            tmp_path: Path, name: str) -> None:
    secret = servers.canary.read_text().strip()
    run = run_pressflow(write_config(tmp_path, servers, [HOSTILE[name]]))
    check_run(run, [HOSTILE[name]], secret, baseline)
    FIGURES.setdefault("alone", {})[name] = (run.seconds, run.peak_rss_mb)


@pytest.mark.slow
def test_all_hostile_cases_at_once(servers: HostileServers, baseline: Run, tmp_path: Path) -> None:
    secret = servers.canary.read_text().strip()
    run = run_pressflow(write_config(tmp_path / "all", servers, CASES))
    cap = baseline.peak_rss_mb + MEMORY_MARGIN_MB
    check_run(run, CASES, secret, baseline)
    for case in CASES:  # every source is on the terminal summary too
        assert case.name in run.stdout
    FIGURES["all-at-once run"] = (f"{run.seconds:.1f} s for {len(CASES)} hostile + 2 healthy "
                                  f"sources (timeout {TIMEOUT_S} s, deadline {DEADLINE_S} s; "
                                  f"healthy-only run {baseline.seconds:.1f} s)")
    FIGURES["all-at-once peak RSS"] = (f"{run.peak_rss_mb:.0f} MB (healthy-only run "
                                       f"{baseline.peak_rss_mb:.0f} MB; cap {cap:.0f} MB = "
                                       f"healthy + {MEMORY_MARGIN_MB} MB)")
    print(f"\nall at once: {FIGURES['all-at-once run']}; peak RSS {FIGURES['all-at-once peak RSS']}")
    assert all(len(s.hits) for s in servers.servers.values())  # every server was really asked
