"""Workers forked from a model host (``pipeline.workers.preloaded_map``): the language stage's
detectors loaded once and shared by its workers, with the same answers as one process
(issue 21: two workers each loading their own detectors made the run's peak memory)."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from pressflow import language
from pressflow.language import ArticleInput, ArticleLanguage
from pressflow.pipeline.workers import Loading, batched, preloaded_map

LABELLED = Path(__file__).resolve().parent / "data" / "language" / "labelled.tsv"


def _labelled_inputs() -> list[ArticleInput]:
    """The labelled texts (26 languages, headlines to mixed-language paragraphs) as the stage
    reads them: title, text, source language, declared language."""
    inputs: list[ArticleInput] = []
    for n, line in enumerate(LABELLED.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        lang, _kind, text = line.split("\t", 2)
        body = text.replace(" ¶ ", "\n\n")
        inputs.append((body.split("\n")[0][:80], body, ("fr", "en", None)[n % 3],
                       lang if n % 5 == 0 else None))
    return inputs


def _memory_kb() -> dict[str, int]:
    """This process's resident pages, split as /proc/self/smaps_rollup splits them (KiB)."""
    found: dict[str, int] = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("Rss", "Shared_Clean", "Shared_Dirty", "Private_Clean", "Private_Dirty"):
                found[key] = int(value.split()[0])
    return found


def _detect_and_measure(batch: Sequence[ArticleInput]) -> tuple[list[ArticleLanguage], int, dict[str, int]]:
    return language.detect_articles(batch), os.getpid(), _memory_kb()


def _load_and_start_a_thread(batches: Sequence[Sequence[ArticleInput]]) -> None:
    """A load that leaves a thread running (as a library's thread pool would)."""
    threading.Thread(target=time.sleep, args=(60.0,), name=LOOK_AHEAD_THREAD, daemon=True).start()


LOOK_AHEAD_THREAD = "test-look-ahead-load"


def _fail_on_marker(batch: Sequence[int]) -> list[int]:
    if 13 in batch:
        raise ValueError("batch with 13 refused")
    return [n * 2 for n in batch]


def _kill_the_host(batch: Sequence[int]) -> list[int]:
    if 13 in batch:
        os.kill(os.getppid(), signal.SIGKILL)  # the model host, this worker's parent
        time.sleep(5)
    return list(batch)


def _nothing_to_load(batches: Sequence[Sequence[int]]) -> None:
    return None


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_two_workers_share_the_hosts_detectors_and_answer_as_one_process() -> None:
    inputs = _labelled_inputs()
    batches = batched(inputs, 16)
    alone = language.detect_articles(inputs)
    language.release_detectors()
    loading = Loading()
    results = list(preloaded_map(_detect_and_measure, batches, 2, load=language.load_detectors_for,
                                 initializer=language.load_detectors, loading=loading))
    assert loading.shared, "the workers were not forked from the model host"
    assert loading.seconds > 0
    assert [found for batch, _, _ in results for found in batch] == alone
    pids = {pid for _, pid, _ in results}
    assert os.getpid() not in pids and len(pids) == 2
    # the detectors (py3langid, langdetect's table, fastText, lingua's models: hundreds of
    # MB) were loaded by the host: each worker's pages holding them are shared with it
    # and the other worker, not private copies (with workers that load their own, a
    # worker shares only the fork server's imports, about 20 MB here)
    last = {pid: memory for _, pid, memory in results}
    for memory in last.values():
        shared_mb = (memory["Shared_Clean"] + memory["Shared_Dirty"]) / 1024
        private_mb = (memory["Private_Clean"] + memory["Private_Dirty"]) / 1024
        assert shared_mb > 150, (shared_mb, private_mb)
        assert shared_mb > private_mb, (shared_mb, private_mb)


def test_a_load_that_starts_a_thread_gets_workers_of_their_own_with_the_same_results() -> None:
    """Forking a process with a thread is unsafe (a lock held by that thread stays held in
    the child): the host then forks nothing, and the workers start as parallel_map's do."""
    inputs = _labelled_inputs()[:40]
    loading = Loading()
    results = list(preloaded_map(_detect_and_measure, batched(inputs, 10), 2,
                                 load=_load_and_start_a_thread, initializer=language.load_detectors,
                                 loading=loading))
    assert not loading.shared
    assert [found for batch, _, _ in results for found in batch] == language.detect_articles(inputs)


def test_an_error_in_a_worker_reaches_the_run_with_its_message() -> None:
    batches = batched(list(range(40)), 5)
    seen: list[list[int]] = []
    with pytest.raises(ValueError, match="batch with 13 refused"):
        for doubled in preloaded_map(_fail_on_marker, batches, 2, load=_nothing_to_load,
                                     initializer=lambda: None):
            seen.append(doubled)
    assert seen == [[n * 2 for n in range(0, 5)], [n * 2 for n in range(5, 10)]]


def _load_fails(batches: Sequence[Sequence[int]]) -> None:
    raise LookupError("no model for 'xx' in /models/xx")


def test_an_error_while_loading_reaches_the_run_with_its_message() -> None:
    with pytest.raises(LookupError, match="no model for 'xx' in /models/xx"):
        list(preloaded_map(_fail_on_marker, batched(list(range(10)), 5), 2, load=_load_fails,
                           initializer=lambda: None))


def test_a_killed_model_host_is_an_error_not_a_hang() -> None:
    started = time.monotonic()
    with pytest.raises(ChildProcessError, match="model host process ended"):
        list(preloaded_map(_kill_the_host, batched(list(range(40)), 5), 2, load=_nothing_to_load,
                           initializer=lambda: None))
    assert time.monotonic() - started < 120


def test_one_worker_loads_in_this_process_and_reports_it() -> None:
    language.release_detectors()
    loading = Loading()
    inputs = _labelled_inputs()[:20]
    results = list(preloaded_map(language.detect_articles, batched(inputs, 8), 1,
                                 load=_load_and_start_a_thread, initializer=language.load_detectors,
                                 loading=loading))
    assert not loading.shared and loading.seconds > 0
    assert language._identifier.cache_info().currsize == 1, "the initializer loaded here"
    # other tests in this process may have left threads of their own: look for the load's
    assert LOOK_AHEAD_THREAD not in {t.name for t in threading.enumerate()}, \
        "the look-ahead load is for a host only"
    assert [found for batch in results for found in batch] == language.detect_articles(inputs)
