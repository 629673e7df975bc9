"""Crawl stage alone, repeated: pressflow's fetch + parse + store against the raw libraries.

`run.py` times the crawl once, inside a whole run; one timing of a sub-second stage on a
2-core machine moves by tens of percent from one run to the next. This script repeats the
same comparison on the same corpus and prints every repeat and the median, so a change to
the crawler can be judged on figures that hold still.

Each repeat, in alternating order:

- ``pressflow``: :func:`pressflow.crawl.run_stage` into a fresh SQLite store (robots.txt,
  politeness, encodings, listing detection, dates, item pages, the upsert: a first night);
- ``raw``: httpx fetching of exactly the URLs pressflow was served (robots.txt included) at
  the same concurrency, then feedparser on the feeds and trafilatura on the pages.

    .venv/bin/python benchmarks/crawl.py                       # 30 sources x 10 items, 5 repeats
    .venv/bin/python benchmarks/crawl.py --sources 100 --items 20 --repeat 3 --profile
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from common import table  # noqa: E402
from run import GOALS, prepare, raw_fetch, raw_parse  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process, all its threads. Not of parser processes: they are children
    of multiprocessing's fork server, whose CPU this process cannot read."""
    return time.process_time()


def pressflow_crawl(config_path: Path, db_path: Path, profile: Path | None = None,
                    cpu: list[float] | None = None) -> float:
    """Seconds of one crawl stage into a new store (what ``run`` reports as ``crawl``); its CPU
    seconds (:func:`cpu_seconds`) are appended to ``cpu`` when given."""
    from pressflow.config import load_config
    from pressflow.crawl import stage as crawl
    from pressflow.pipeline.context import RunContext
    from pressflow.store import Store

    config = load_config(str(config_path))
    with Store(db_path) as store:
        store.sync_sources(config.sources)
        ctx = RunContext(store=store, config=config, run_id=store.start_run(str(config_path)))
        if profile is not None:
            import cProfile

            prof = cProfile.Profile()
            report = prof.runcall(crawl.run_stage, ctx)
            prof.dump_stats(str(profile))
        else:
            started = cpu_seconds()
            report = crawl.run_stage(ctx)
            used = cpu_seconds() - started
            if cpu is not None:
                cpu.append(used)
            if os.environ.get("CRAWL_BENCH_CPU"):
                print(f"  pressflow crawl: wall {report.seconds:.3f} s, cpu {used:.3f} s")
    return report.seconds


def _shortfall(our_cpus: list[float], raw_cpus: list[float], ratios: list[float],
               in_processes: bool) -> str:
    """Why the median misses the goal, from the repeats' own figures: the work pressflow does
    beyond the raw libraries (its CPU seconds against theirs), and how far the wall ratio
    swings on this machine from one repeat to the next."""
    swing = f"the wall ratio ranged {min(ratios):.2f}-{max(ratios):.2f} over the repeats"
    if in_processes or not our_cpus:
        return (f"{swing}; run with --workers 1 to see the CPU each side spent (parser processes' "
                "CPU is not counted)")
    ours, raw = statistics.median(our_cpus), statistics.median(raw_cpus)
    return (f"pressflow's crawl spent {ours:.3f} CPU s a run against the raw libraries' {raw:.3f} s "
            f"({ours - raw:+.3f} s: robots.txt, per-host politeness, encoding checks, listing "
            "detection, dates, the page clean-up before trafilatura and the store, which the raw side "
            f"does not do; profile with --profile); {swing}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=30)
    parser.add_argument("--items", type=int, default=10, help="items per source")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None,
                        help="pressflow's workers setting (default: its own, one per core)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile pressflow's last repeat and print the top functions")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="pressflow-crawl-bench-"))
    setup = prepare(work, args.sources, args.items, args.seed, rare_sources=0, beam=1,
                    concurrency=args.concurrency, workers=args.workers)
    stats = setup.manifest["stats"]
    print(f"corpus: {stats['sources']} sources x {args.items} items, {stats['bytes'] / 1e6:.1f} MB, "
          f"kinds {stats['kinds']}; {args.repeat} repeats, {args.concurrency} requests in flight, "
          f"workers {args.workers or 'default (one per core)'}")
    import feedparser  # noqa: F401
    import trafilatura  # noqa: F401

    import pressflow.crawl  # noqa: F401  (imports are not part of either timing)
    from pressflow.config import load_config
    from pressflow.crawl.stage import PARSER_PROCESSES_FROM_SOURCES

    workers = load_config(str(setup.config)).settings.workers
    in_processes = workers >= 2 and stats["sources"] >= PARSER_PROCESSES_FROM_SOURCES

    rows, ratios, cpu_ratios = [], [], []
    our_cpus: list[float] = []
    raw_cpus: list[float] = []
    try:
        for i in range(args.repeat):
            profile = work / "crawl.pstats" if args.profile and i == args.repeat - 1 else None
            setup.server.get("/__reset__")
            order = ("pressflow", "raw") if i % 2 == 0 else ("raw", "pressflow")
            ours = raw_s = raw_cpu = 0.0
            our_cpu: list[float] = []
            served: list[str] = []
            for who in order:
                if who == "pressflow":
                    setup.server.get("/__reset__")
                    ours = pressflow_crawl(setup.config, work / f"store-{i}.db", profile, our_cpu)
                    served = setup.server.get("/__served__") or []
                else:
                    if not served:  # the raw side needs the URL list of a pressflow crawl
                        pressflow_crawl(setup.config, work / f"warm-{i}.db")
                        served = setup.server.get("/__served__") or []
                    started = cpu_seconds()
                    fetch, docs = raw_fetch(served, setup.server.port, args.concurrency)
                    feeds, pages = raw_parse(docs)
                    raw_cpu = cpu_seconds() - started
                    raw_s = fetch.seconds + feeds.seconds + pages.seconds
            ratio = raw_s / ours if ours else 0.0
            ratios.append(ratio)
            cpu_ratio = raw_cpu / our_cpu[0] if our_cpu and our_cpu[0] else 0.0
            if our_cpu:  # not in a profiled repeat
                cpu_ratios.append(cpu_ratio)
                our_cpus.append(our_cpu[0])
                raw_cpus.append(raw_cpu)
            rows.append([i + 1, len(served), f"{ours:.3f}", f"{raw_s:.3f}", f"{ratio:.2f}",
                         f"{our_cpu[0]:.3f}" if our_cpu and not in_processes else "-",
                         f"{raw_cpu:.3f}", f"{cpu_ratio:.2f}" if our_cpu and not in_processes else "-"])
            time.sleep(0.2)
    finally:
        setup.server.close()
    print(table(["repeat", "requests", "pressflow s", "raw s", "ratio", "pressflow cpu s", "raw cpu s",
                 "cpu ratio"], rows))
    median = statistics.median(ratios)
    verdict = "met" if median >= GOALS["crawl"] else f"NOT met (short by {GOALS['crawl'] - median:.2f})"
    print(f"median ratio raw / pressflow: {median:.2f} (goal >= {GOALS['crawl']}) {verdict}; "
          f"min {min(ratios):.2f}, max {max(ratios):.2f}")
    if in_processes:
        print("CPU ratio not shown: pressflow parsed in parser processes, whose CPU is not "
              "counted (run with --workers 1 to compare the work done)")
    elif cpu_ratios:  # the work each side did, which a busy shared machine disturbs far less
        print(f"median CPU ratio raw / pressflow: {statistics.median(cpu_ratios):.2f} "
              f"(min {min(cpu_ratios):.2f}, max {max(cpu_ratios):.2f}): CPU seconds of the process (all "
              "its threads), the work each side did (not a goal; on a busy machine the wall "
              "ratio moves with it)")
    if median < GOALS["crawl"]:
        print("why: " + _shortfall(our_cpus, raw_cpus, ratios, in_processes))
    if args.profile:
        from run import print_profile

        print("\n".join(print_profile(work / "crawl.pstats", limit=25)))
    if args.keep:
        print(f"(kept {work})")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
