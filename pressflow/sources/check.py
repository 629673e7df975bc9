"""``pressflow sources check``: fetch every source once, store nothing, say how it went.

The check uses the same fetcher, limits, robots.txt rules, deadline and parsers as a run,
so a source that passes here is read the same way at night. No validators are sent (the
point is to see the content), and nothing is written to the database.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass

from pressflow.config import Config
from pressflow.crawl.fetch import Fetcher, FetchPolicy
from pressflow.crawl.stage import SourceOutcome, crawl_source_async


@dataclass
class SourceCheck:
    """One row of the check table."""

    name: str
    kind: str
    status: str  # ok | failed
    http_status: int | None
    items: int
    dated: int
    language: str | None
    last_modified: str | None
    seconds: float
    error: str | None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def _language_guess(outcome: SourceOutcome, declared: str | None) -> str | None:
    """The language most items are written in (detected from their text), or None."""
    from pressflow.language import detect

    votes: Counter[str] = Counter()
    for article in outcome.articles[:10]:
        found = detect(f"{article.title}\n{article.text[:1500]}",
                       hint=article.lang_hint or declared)
        if found.lang != "und":
            votes[found.lang] += 1
    return votes.most_common(1)[0][0] if votes else None


async def _check_all(config: Config) -> list[SourceCheck]:
    async with Fetcher(FetchPolicy.from_config(config)) as fetcher:
        outcomes = await asyncio.gather(*(crawl_source_async(s, config, fetcher)
                                          for s in config.sources))
    rows = []
    for source, outcome in zip(config.sources, outcomes, strict=True):
        rows.append(SourceCheck(
            name=source.name, kind=source.kind, status=outcome.status,
            http_status=outcome.http_status, items=len(outcome.articles),
            dated=sum(1 for a in outcome.articles if a.published is not None),
            language=_language_guess(outcome, source.language) if outcome.articles else None,
            last_modified=outcome.last_modified, seconds=round(outcome.seconds, 2),
            error=outcome.error))
    return rows


def check_sources(config: Config) -> list[SourceCheck]:
    """Fetch and parse every source of ``config`` once, concurrently; store nothing."""
    return asyncio.run(_check_all(config))
