"""lingua's cost: peak memory and time to the first detection, lingua over all languages or
among the candidates only (the default), against no lingua, in fresh processes of the same run.

Workloads, each in a new process per mode (``PRESSFLOW_LINGUA=all``, unset, ``0``):

- ``mixed``: 10 languages of pressflow's labelled set (``tests/data/language/labelled.tsv``;
  en fr es pt de it nl pl ru ar), 5 items each, interleaved, through
  :func:`pressflow.language.detect_article`; the first item's time is the first detection;
- ``demo``: ``pressflow run --config demo/sources.yaml --output <temporary folder>`` (the whole
  pipeline, offline), wall time.

Peak memory is the child's own maximum resident set (``os.wait4``'s ``ru_maxrss``).

    .venv/bin/python benchmarks/lingua_cost.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "language" / "labelled.tsv"
MIXED_LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "nl", "pl", "ru", "ar")
PER_LANGUAGE = 5
MODES = {"lingua, all 75 languages": "all", "lingua among candidates (shipped)": None, "PRESSFLOW_LINGUA=0": "0"}

_MIXED_CHILD = """
import json, sys, time
from pressflow import language
items = json.loads(sys.stdin.read())
started = time.perf_counter()
language.detect_article(None, items[0])
first = time.perf_counter() - started
for text in items[1:]:
    language.detect_article(None, text)
print(json.dumps({"first_s": first, "total_s": time.perf_counter() - started}))
"""


def mixed_items() -> list[str]:
    by_lang: dict[str, list[str]] = {lang: [] for lang in MIXED_LANGUAGES}
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang, kind, text = line.split("\t", 2)
            if lang in by_lang and kind != "mixed" and len(by_lang[lang]) < PER_LANGUAGE:
                by_lang[lang].append(text)
    return [by_lang[lang][i] for i in range(PER_LANGUAGE) for lang in MIXED_LANGUAGES if i < len(by_lang[lang])]


def run_child(argv: list[str], switch: str | None, stdin: str = "") -> tuple[float, int, str]:
    """Wall seconds, peak resident MiB and stdout of one child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PRESSFLOW_LINGUA", None)
    if switch is not None:
        env["PRESSFLOW_LINGUA"] = switch
    started = time.perf_counter()
    with subprocess.Popen(argv, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, text=True, cwd=ROOT) as child:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(stdin)
        child.stdin.close()
        out = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{argv} failed with status {child.returncode}")
    return time.perf_counter() - started, usage.ru_maxrss // 1024, out


def main() -> None:
    items = mixed_items()
    print(f"mixed: {len(items)} items in {len(MIXED_LANGUAGES)} languages; demo: pressflow run --config "
          f"demo/sources.yaml --output <tmp>")
    print(f"{'mode':<36}{'mixed peak MiB':>15}{'first detection s':>19}{'mixed total s':>15}"
          f"{'demo peak MiB':>15}{'demo wall s':>13}")
    for name, switch in MODES.items():
        _, mixed_peak, out = run_child([sys.executable, "-c", _MIXED_CHILD], switch, json.dumps(items))
        timing = json.loads(out)
        with tempfile.TemporaryDirectory() as tmp:
            demo_wall, demo_peak, _ = run_child(
                [sys.executable, "-m", "pressflow", "run", "--quiet", "--config", "demo/sources.yaml",
                 "--output", tmp], switch)
        print(f"{name:<36}{mixed_peak:>15}{timing['first_s']:>19.2f}{timing['total_s']:>15.2f}"
              f"{demo_peak:>15}{demo_wall:>13.1f}")
    print(f"checked at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
