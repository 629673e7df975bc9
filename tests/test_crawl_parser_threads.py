"""The crawl's parser threads: one thread in turn, spare threads only behind a slow document."""

from __future__ import annotations

import asyncio
import functools
import threading
import time

import pytest

from pressflow.crawl import stage
from pressflow.crawl.stage import ParserThreads

finished: list[str] = []


def parse(name: str, seconds: float = 0.0) -> tuple[str, int]:
    """Stands in for a parser: holds its thread ``seconds`` (a slow page), says where it ran."""
    time.sleep(seconds)
    finished.append(name)
    return name, threading.get_ident()


def test_documents_are_parsed_in_turn_on_one_thread() -> None:
    finished.clear()
    threads = ParserThreads()

    async def crawl() -> list[tuple[str, int]]:
        return await asyncio.gather(*(threads.run(functools.partial(parse, f"doc{n}")) for n in range(12)))

    results = asyncio.run(crawl())
    assert [name for name, _ in results] == [f"doc{n}" for n in range(12)]
    assert len({ident for _, ident in results}) == 1
    assert threads.spare is None


def test_a_slow_document_does_not_hold_up_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stage, "SLOW_PARSE_SECONDS", 0.1)
    finished.clear()
    threads = ParserThreads()

    async def crawl() -> list[tuple[str, int]]:
        slow = asyncio.ensure_future(threads.run(functools.partial(parse, "huge page", 1.5)))
        await asyncio.sleep(0.05)  # the thread has started on the huge page
        quick = [threads.run(functools.partial(parse, f"doc{n}")) for n in range(3)]
        return await asyncio.gather(slow, *quick)

    results = asyncio.run(crawl())
    assert finished[-1] == "huge page"  # the three waiting documents went to a spare thread
    assert sorted(finished[:3]) == ["doc0", "doc1", "doc2"]
    assert results[0][1] != results[1][1]
    assert threads.spare is not None


def test_a_stopped_source_s_document_is_not_parsed() -> None:
    finished.clear()
    threads = ParserThreads()

    async def crawl() -> None:
        slow = asyncio.ensure_future(threads.run(functools.partial(parse, "first", 0.3)))
        await asyncio.sleep(0.05)
        waiting = asyncio.ensure_future(threads.run(functools.partial(parse, "of the stopped source")))
        await asyncio.sleep(0.05)
        waiting.cancel()  # what a source's deadline does to its crawl
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await slow

    asyncio.run(crawl())
    threads.main.shutdown(wait=True)
    assert finished == ["first"]
