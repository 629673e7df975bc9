"""The ``workers`` setting, the parallel map, and that a run with several worker processes
stores exactly what a run with one stores (real store, real stages, real models)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from pressflow import language
from pressflow.config import Config, load_config, usable_cores
from pressflow.crawl import stage as crawl
from pressflow.entities import stage as entities
from pressflow.errors import ConfigError
from pressflow.pipeline import runner
from pressflow.pipeline.workers import batched, parallel_map, started_map
from pressflow.records import Article, Source
from pressflow.store import Store

LABELLED = Path(__file__).resolve().parent / "data" / "language" / "labelled.tsv"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _pid_of_batch(batch: list[int]) -> tuple[list[int], int]:
    return [n * n for n in batch], os.getpid()


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for a parent that reaps it does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_workers_defaults_to_the_cores_and_zero_means_all() -> None:
    assert Config.from_mapping({}).settings.workers == usable_cores()
    assert Config.from_mapping({"workers": 0}).settings.workers == usable_cores()
    assert Config.from_mapping({"workers": 3}).settings.workers == 3


@pytest.mark.parametrize(("value", "says"), [
    (-1, "setting 'workers' must be at least 0, got -1"),
    (1.5, "setting 'workers' must be a whole number, got 1.5"),
    ("two", "setting 'workers' must be a number, got 'two'"),
    (100_000, "setting 'workers' must be at most 256"),
])
def test_bad_workers_is_a_config_error_naming_file_and_line(tmp_path: Path, value: object,
                                                            says: str) -> None:
    path = tmp_path / "sources.yaml"
    shown = repr(value) if isinstance(value, str) else value
    path.write_text(f"settings:\n  target_language: en\n  workers: {shown}\nsources: []\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert says in message
    assert str(path) in message and "3" in message  # the file and the line of `workers:`
    assert caught.value.line == 3


def test_parallel_map_keeps_order_and_really_uses_other_processes() -> None:
    batches = batched(list(range(50)), 7)
    assert [len(b) for b in batches] == [7, 7, 7, 7, 7, 7, 7, 1]
    results = list(parallel_map(_pid_of_batch, batches, workers=2))
    assert [n for squares, _ in results for n in squares] == [n * n for n in range(50)]
    pids = {pid for _, pid in results}
    assert os.getpid() not in pids and len(pids) in (1, 2)
    alone = list(parallel_map(_pid_of_batch, batches, workers=1))
    assert {pid for _, pid in alone} == {os.getpid()}, "one worker: no process started"


def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    """A run killed with SIGKILL cannot shut its pool down: its workers must not wait for
    ever with their models in memory."""
    script = tmp_path / "killed_run.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_workers import _pid_after\n"
        "from pressflow.pipeline.workers import parallel_map\n"
        "if __name__ == '__main__':\n"
        "    for pid in parallel_map(_pid_after, [0.0, 0.0, 600.0, 600.0], workers=2):\n"
        "        print(pid, flush=True)\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                             env=env)
    assert child.stdout is not None
    workers = {int(child.stdout.readline()), int(child.stdout.readline())}
    assert all(_running(pid) for pid in workers) and child.pid not in workers
    child.kill()
    child.wait()
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers), "workers outlived the killed run"


def _labelled_articles() -> list[Article]:
    """The 208 labelled texts (26 languages, headlines to mixed-language paragraphs)."""
    articles = []
    for n, line in enumerate(LABELLED.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        lang, _kind, text = line.split("\t", 2)
        body = text.replace(" ¶ ", "\n\n")
        source = ("fr-city", "en-city", "mixed")[n % 3]
        articles.append(Article(source=source, url=f"https://example.org/{source}/{n}",
                                title=body.split("\n")[0][:80], text=body,
                                lang_hint=lang if n % 5 == 0 else None))
    return articles


def _run_language_and_entities(folder: Path, workers: int, articles: list[Article]) -> Store:
    sources = [Source(name="fr-city", url="https://example.fr/feed", language="fr"),
               Source(name="en-city", url="https://example.org/feed", language="en"),
               Source(name="mixed", url="https://example.net/feed")]
    config = Config.from_mapping({"output": str(folder / "output"), "workers": workers,
                                  "glossary": str(folder / "glossary"),
                                  "translate": {"engine": "none"}},
                                 sources=sources, path=folder / "sources.yaml")
    (folder / "output").mkdir(parents=True)
    with Store(folder / "output" / "pressflow.db") as store:
        store.sync_sources(sources)
        store.upsert_articles(articles, store.start_run(None))
    result = runner.run(config, stages=[("language", language.run_stage),
                                        ("entities", entities.run_stage)])
    assert result.report["stage_errors"] == []
    return Store(folder / "output" / "pressflow.db")


def test_two_workers_store_exactly_what_one_worker_stores(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # 208 texts are fewer than a worker's minimum share on a real night: lowered, so that
    # this small set goes through the worker processes (what is compared is the same)
    monkeypatch.setattr(language, "MIN_PER_WORKER", 1)
    monkeypatch.setattr(entities, "MIN_PER_WORKER", 1)
    articles = _labelled_articles()
    assert len(articles) > entities.WORKER_BATCH, "two batches or more in each stage"
    one = _run_language_and_entities(tmp_path / "one", 1, articles)
    two = _run_language_and_entities(tmp_path / "two", 2, articles)
    found = 0
    with one, two:
        for a in articles:
            alone, parallel = one.article(a.key), two.article(a.key)
            assert alone is not None and parallel is not None
            assert alone.lang not in (None, "und") or len(a.text or "") < 40
            assert (parallel.lang, parallel.lang_confidence, parallel.lang_paragraphs) == \
                (alone.lang, alone.lang_confidence, alone.lang_paragraphs), a.key
            assert two.article_entities(a.key) == one.article_entities(a.key), a.key
            assert two.article_officials(a.key) == one.article_officials(a.key), a.key
            found += len(one.article_entities(a.key))
        assert list(two.pending("language")) == [] and list(two.pending("entities")) == []
    assert found > 100, "the texts name many places and people: the comparison is not empty"


def _crawl_into(folder: Path, corpus_root: Path, manifest: dict[str, object], workers: int) -> Store:
    import corpus as corpus_mod  # type: ignore[import-not-found]  # benchmarks/corpus.py

    config_path = folder / "sources.yaml"
    folder.mkdir()
    config_path.write_text(corpus_mod.sources_yaml(manifest, folder / "output", {
        "per_host_delay": 0.0, "workers": workers, "translate": {"engine": "none"}}))
    config = load_config(config_path)
    result = runner.run(config, stages=[("crawl", crawl.run_stage)])
    assert result.report["stage_errors"] == [] and result.exit_code == 0, result.report
    return Store(folder / "output" / "pressflow.db")


def test_crawl_parsing_in_processes_stores_what_threads_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    import corpus as corpus_mod
    from run import Server  # type: ignore[import-not-found]

    root = tmp_path / "corpus"
    root.mkdir()
    server = Server(root)
    try:
        manifest = corpus_mod.write(corpus_mod.generate(8, 5, seed=3), root, server.port)
        threads = _crawl_into(tmp_path / "threads", root, manifest, workers=1)
        started: list[int] = []
        parsed_in_processes: list[bool] = []
        real = crawl.ParserProcesses

        def counted(workers: int) -> crawl.ParserProcesses:  # the real pool, counted
            started.append(workers)
            pool = real(workers)
            for up in pool.started:  # a crawl this small is over before the processes are up
                up.result(timeout=300)
            ready = pool.executor

            def executor() -> ProcessPoolExecutor | None:
                found = ready()
                parsed_in_processes.append(found is not None)
                return found

            pool.executor = executor  # type: ignore[method-assign]
            return pool

        monkeypatch.setattr(crawl, "PARSER_PROCESSES_FROM_SOURCES", 1)  # 8 sources are enough here
        monkeypatch.setattr(crawl, "ParserProcesses", counted)
        processes = _crawl_into(tmp_path / "processes", root, manifest, workers=2)
    finally:
        server.close()
    assert started == [2]
    assert any(parsed_in_processes), "no document was parsed in a worker process"
    with threads, processes:
        assert threads.article_count() >= 40
        assert threads.article_count() == processes.article_count()
        for article in threads.pending("language"):
            twin = processes.article(article.id)
            assert twin is not None, article.url
            assert (twin.title, twin.text, twin.summary, twin.published, twin.lang_hint,
                    twin.canonical_url) == (article.title, article.text, article.summary,
                                            article.published, article.lang_hint,
                                            article.canonical_url)


def _touch(path: str) -> int:
    Path(path).write_text("ran")
    return os.getpid()


def test_started_map_computes_while_this_process_works(tmp_path: Path) -> None:
    """The stories stage fingerprints while its encoder processes work: their batches must be
    running before the first result is asked for (parallel_map starts them only then)."""
    marks = [str(tmp_path / f"batch-{i}") for i in range(4)]
    with started_map(_touch, marks, processes=2) as results:
        waited = 0.0
        while not all(Path(m).exists() for m in marks) and waited < 120:
            time.sleep(0.1)  # this process works meanwhile; no result has been read
            waited += 0.1
        assert all(Path(m).exists() for m in marks), "the batches ran before any result was read"
        pids = list(results)
    assert len(pids) == 4 and os.getpid() not in pids
    (tmp_path / "one").mkdir()
    one = [str(tmp_path / "one" / f"batch-{i}") for i in range(3)]
    with started_map(_touch, one, processes=1) as results:
        pids = list(results)
    assert len(set(pids)) == 1 and os.getpid() not in pids, "one process of its own"
    (tmp_path / "alone").mkdir()
    alone = [str(tmp_path / "alone" / f"batch-{i}") for i in range(2)]
    with started_map(_touch, alone, processes=0) as results:
        assert not any(Path(m).exists() for m in alone), "no process: computed here, when read"
        assert list(results) == [os.getpid()] * 2
