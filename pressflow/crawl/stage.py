"""The crawl stage: fetch every source at once (politely), parse it, store its articles.

Sources run concurrently on one :class:`~pressflow.fetch.Fetcher` (global and per-host
limits live there). Each source has a deadline (setting ``deadline``): pages, item links,
retries and all must fit in it, so one slow site fails alone and on time.

One source's failure is recorded with its reason and never stops the others.
"""

from __future__ import annotations

import asyncio
import functools
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from pressflow.config import Config
from pressflow.crawl.encoding import charset_from_content_type, decode_bytes
from pressflow.crawl.extract import extract_page
from pressflow.crawl.feed_reader import looks_like_feed, parse_feed, refuse_html_page
from pressflow.crawl.fetch import Fetcher, FetchPolicy, is_local, local_path
from pressflow.crawl.listing import ListingItem, find_items, looks_like_listing, next_page_url
from pressflow.errors import AddressRefusedError, ExtractionError, PressflowError, SourceError
from pressflow.pipeline.context import RunContext, StageReport
from pressflow.records import Article, FetchResult, Source
from pressflow.store.records import StoryPage

T = TypeVar("T")


@dataclass
class SourceOutcome:
    source: str
    status: str  # ok | unchanged | failed
    http_status: int | None = None
    bytes: int = 0
    seconds: float = 0.0
    error: str | None = None
    articles: list[Article] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    requests: int = 0
    known_skipped: int = 0  # listing stories already stored: not fetched again, or unchanged
    rechecked: int = 0  # stored story pages asked again for corrections (conditional GET)
    story_pages: list[StoryPage] = field(default_factory=list)  # validators of pages fetched
    warnings: list[str] = field(default_factory=list)  # e.g. item links refused as internal


def _html_of(result: FetchResult, source: Source) -> str:
    return decode_bytes(result.content, charset_from_content_type(result.content_type),
                        source=source.name, url=result.url)[0]


def _is_listing(source: Source, html: str, url: str) -> bool:
    if source.kind == "listing":
        return True
    return source.kind == "page" and looks_like_listing(html, url)


def _read_first(result: FetchResult, source: Source) -> tuple[list[Article] | None, str | None]:
    """A source's first document, by the source's kind (a feed is sniffed, not trusted: a
    ``kind: page`` that serves RSS is read as a feed): its articles when it is a feed or an
    article page, else (None, the listing page's HTML) for the caller to read item by item."""
    if source.kind == "feed":
        refuse_html_page(result.content, result.url, source.name)
    if source.kind == "feed" or looks_like_feed(result.content):
        return parse_feed(result.content, url=result.url, source=source.name,
                          headers=result.headers, language=source.language), None
    html = _html_of(result, source)
    if _is_listing(source, html, result.url):
        return None, html
    page = extract_page(html, result.url, language=source.language)
    return [Article(source=source.name, url=result.url, title=page.title or result.url,
                    text=page.text, canonical_url=page.canonical_url or result.url,
                    published=page.published, lang_hint=page.lang or source.language,
                    fetched_url=result.url)], None


def read_document(result: FetchResult, source: Source) -> list[Article]:
    """A fetched document's articles as a run reads them, without following any link: one
    article for an article page, one per entry of a feed, one per story (its teaser) for a
    listing page. What ``benchmarks/extraction.py`` measures, on the crawl's own code."""
    articles, html = _read_first(result, source)
    if articles is not None:
        return articles
    assert html is not None
    items, _ = _read_listing_page(html, result.url, source)
    return [_item_article(item, source, None) for item in items]


def _read_item_page(result: FetchResult, source: Source, item: ListingItem) -> Article:
    html = _html_of(result, source)
    page = extract_page(html, result.url, language=item.lang or source.language)
    return Article(source=source.name, url=item.url, title=page.title, text=page.text,
                   canonical_url=page.canonical_url, published=page.published,
                   lang_hint=page.lang, fetched_url=result.url)


def _read_listing_page(html: str, url: str, source: Source,
                       deadline: float | None = None) -> tuple[list[ListingItem], str | None]:
    """A listing page's items and the address of its next page (None when it has none, and
    when the source reads one page, ``max_pages: 1`` by default: no parse for a link that
    would not be followed).

    ``deadline`` is the source's: the parser thread stops with the source, so a huge page
    cannot keep a parser busy after its source has failed."""
    items = find_items(html, url, selectors=source.selectors, language=source.language,
                       deadline=deadline)
    if source.max_pages <= 1:
        return items, None
    return items, next_page_url(html, url, source.selectors.get("next"))


def _read_next_listing_page(result: FetchResult, source: Source,
                            deadline: float | None = None) -> tuple[list[ListingItem], str | None]:
    return _read_listing_page(_html_of(result, source), result.url, source, deadline)


SLOW_PARSE_SECONDS = 0.5
"""A document that has taken the parser thread this long is a slow one (a huge page): the
documents waiting behind it go to spare threads."""


class ParserThreads:
    """Parsing off the event loop in threads: one thread, more only while it is held up.

    Parsing is Python under the GIL, so threads parsing at once take turns on one core, and
    the turns cost: two parser threads used about a tenth more of the crawl's CPU than one
    thread doing the same documents in turn (docs/crawling.md). Spare threads are still
    there so that one slow document does not hold up every other source: while the thread
    has been on one document for :data:`SLOW_PARSE_SECONDS`, the documents waiting for it
    go to them."""

    def __init__(self) -> None:
        self.main = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pressflow-parse")
        self.spare: ThreadPoolExecutor | None = None
        self.busy_since: float | None = None  # when the thread started its document

    def _timed(self, call: Callable[[], T]) -> T:
        self.busy_since = time.monotonic()
        try:
            return call()
        finally:
            self.busy_since = None

    def _held_up(self) -> bool:
        since = self.busy_since
        return since is not None and time.monotonic() - since >= SLOW_PARSE_SECONDS

    async def run(self, call: Callable[[], T]) -> T:
        queued = self.main.submit(self._timed, call)
        result = asyncio.wrap_future(queued)
        try:
            while not (await asyncio.wait((result,), timeout=SLOW_PARSE_SECONDS))[0]:
                if self._held_up() and queued.cancel():  # not started, and will not soon
                    if self.spare is None:
                        self.spare = ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)),
                                                        thread_name_prefix="pressflow-parse-spare")
                    return await asyncio.get_running_loop().run_in_executor(self.spare, call)
        except asyncio.CancelledError:
            queued.cancel()  # the source stopped (its deadline): its document is not parsed
            raise
        return await result


_PARSERS: ParserThreads | None = None


def _parser_ready() -> None:
    """A worker's first task: it is ready once it has imported this module (and with it
    trafilatura, feedparser, lxml), which unpickling this function did."""


class ParserProcesses:
    """Parser processes for one crawl (``workers`` of 2 or more): parsing is mostly Python
    (trafilatura's clean-up, feedparser, BeautifulSoup), so threads share one core between
    them. Until the processes have started, and if one dies, parsing runs in threads."""

    def __init__(self, workers: int) -> None:
        from pressflow.pipeline.workers import process_pool

        self.pool: ProcessPoolExecutor | None = process_pool(workers)
        self.started = [self.pool.submit(_parser_ready) for _ in range(workers)]

    def executor(self) -> ProcessPoolExecutor | None:
        if self.pool is not None and all(f.done() for f in self.started):
            return self.pool
        return None

    def broken(self) -> None:
        """A worker died (killed, out of memory): the rest of the crawl parses in threads."""
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


_PARSER_PROCESSES: ParserProcesses | None = None
PARSER_PROCESSES_FROM_SOURCES = 100
"""Parser processes cost one to two seconds of CPU each to start (imports): a crawl of a few
dozen sources is over before they pay back (benchmarks/crawl.py: median 0.49 of the raw
libraries with them at 30 sources, 0.80 without, same day), a crawl of 200 is not (0.86
with, 0.76 without: docs/benchmarks.md)."""


async def off_loop(fn: Callable[..., T], *args: Any) -> T:
    """Run parsing (CPU work) off the event loop, so the event loop keeps downloading: in the
    crawl's parser processes when it has them and they have started, else in a parser thread
    (lxml releases the GIL while it parses, the rest of the parsing does not). A source's
    deadline also fires while its page is parsed. ``fn`` must be a module-level function."""
    global _PARSERS
    loop = asyncio.get_running_loop()
    processes = _PARSER_PROCESSES.executor() if _PARSER_PROCESSES is not None else None
    if processes is not None:
        try:
            return await loop.run_in_executor(processes, functools.partial(fn, *args))
        except BrokenProcessPool:
            if _PARSER_PROCESSES is not None:
                _PARSER_PROCESSES.broken()
    if _PARSERS is None:
        _PARSERS = ParserThreads()
    return await _PARSERS.run(functools.partial(fn, *args))


def _item_article(item: ListingItem, source: Source, page: Article | None) -> Article:
    """An item of a listing, completed by its own article page when that was read."""
    if page is None:
        return Article(source=source.name, url=item.url, title=item.title,
                       text=item.teaser or item.title, summary=item.teaser,
                       canonical_url=item.url, published=item.published,
                       lang_hint=item.lang or source.language)
    return Article(source=source.name, url=item.url, title=page.title or item.title,
                   text=page.text or item.teaser, summary=item.teaser,
                   canonical_url=page.canonical_url or item.url,
                   published=page.published or item.published,
                   lang_hint=item.lang or page.lang_hint or source.language,
                   fetched_url=page.fetched_url)


def _may_follow(link: str, listing_url: str) -> bool:
    """Depth-1 links stay on the listing's site; a local listing only opens local files
    inside its own folder (never a path a document pointed elsewhere)."""
    if is_local(listing_url):
        if not is_local(link):
            return False
        root = local_path(listing_url).resolve().parent
        try:
            local_path(link).resolve().relative_to(root)
        except ValueError:
            return False
        return True
    a, b = urlsplit(link), urlsplit(listing_url)
    if a.scheme not in ("http", "https"):
        return False
    host = a.netloc.lower().removeprefix("www.")
    return host == b.netloc.lower().removeprefix("www.")


class _Crawler:
    """One source's crawl: the first request, then pages and item links, in its deadline."""

    def __init__(self, source: Source, config: Config, fetcher: Fetcher, deadline: float,
                 known_urls: set[str] | None = None,
                 recheck: dict[str, StoryPage] | None = None) -> None:
        self.source, self.config, self.fetcher, self.deadline = source, config, fetcher, deadline
        self.known_urls = known_urls or set()
        self.recheck = recheck or {}
        self.requests = 0
        self.known_skipped = 0
        self.rechecked = 0
        self.story_pages: list[StoryPage] = []
        self.warnings: list[str] = []

    async def get(self, url: str, *, allow_local: bool, etag: str | None = None,
                  last_modified: str | None = None) -> FetchResult:
        self.requests += 1
        return await self.fetcher.fetch(url, source=self.source.name, etag=etag,
                                        last_modified=last_modified,
                                        obey_robots=self.source.robots is None,
                                        allow_local=allow_local, base_dir=self.config.base_dir,
                                        deadline=self.deadline)

    async def articles(self, first: FetchResult) -> list[Article]:
        source = self.source
        articles, html = await off_loop(_read_first, first, source)
        if articles is not None:
            return articles
        assert html is not None
        items = await self._listing_items(first.url, html)
        if not items:
            raise ExtractionError("no story items found on the listing page; set "
                                  "`selectors: {item: ...}` for this source",
                                  source=source.name, url=first.url)
        if not source.follow_links:
            return [_item_article(item, source, None) for item in items]
        # a story stored by an earlier run is not fetched again (nor overwritten by its
        # teaser), except a recent one, asked with its validators to catch a correction
        fresh = [item for item in items if item.url not in self.known_urls]
        again = [item for item in items if item.url in self.known_urls and item.url in self.recheck]
        pages = await asyncio.gather(*(self._item_page(item, first.url) for item in fresh))
        corrected = await asyncio.gather(*(self._recheck_page(item, first.url) for item in again))
        self.rechecked = len(again)
        articles = [_item_article(item, source, page) for item, page in zip(fresh, pages, strict=True)]
        articles += [_item_article(item, source, page)
                     for item, page in zip(again, corrected, strict=True) if page is not None]
        self.known_skipped = len(items) - len(articles)
        return articles

    async def _listing_items(self, url: str, html: str) -> list[ListingItem]:
        source = self.source
        items, nxt = await off_loop(_read_listing_page, html, url, source, self.deadline)
        seen = {item.url for item in items}
        for _ in range(max(0, source.max_pages - 1)):
            if not nxt or not _may_follow(nxt, url):
                break
            result = await self.get(nxt, allow_local=is_local(url))
            found, nxt = await off_loop(_read_next_listing_page, result, source, self.deadline)
            fresh = [i for i in found if i.url not in seen]
            if not fresh:
                break
            seen.update(i.url for i in fresh)
            items += fresh
        return items

    async def _item_page(self, item: ListingItem, listing_url: str) -> Article | None:
        """The item's own article, or None (the teaser stands in) when it cannot be read."""
        return await self._story_page(item, listing_url, None)

    async def _recheck_page(self, item: ListingItem, listing_url: str) -> Article | None:
        """A stored story's page asked again with its validators: the page when the server
        sent it (changed or not: the store compares), None on 304 or any failure (the stored
        article stands; a teaser never replaces it)."""
        return await self._story_page(item, listing_url, self.recheck[item.url])

    async def _story_page(self, item: ListingItem, listing_url: str,
                          stored: StoryPage | None) -> Article | None:
        """A listing item's page (conditionally when ``stored`` has validators), or None when
        it is unchanged or cannot be read; only a deadline stops the source."""
        if not _may_follow(item.url, listing_url):
            return None
        try:
            result = await self.get(item.url, allow_local=is_local(listing_url),
                                    etag=stored.etag if stored else None,
                                    last_modified=stored.last_modified if stored else None)
            if result.not_modified:
                return None
            self.story_pages.append(StoryPage(item.url, result.etag, result.last_modified))
            return await off_loop(_read_item_page, result, self.source, item)
        except AddressRefusedError as exc:  # the teaser stands in; the report says why
            self.warnings.append(f"item link {item.url} not read: {exc.reason}")
            return None
        except SourceError as exc:
            if "deadline" in exc.reason:
                raise
            return None


async def crawl_source_async(source: Source, config: Config, fetcher: Fetcher, *,
                             etag: str | None = None, last_modified: str | None = None,
                             known_urls: set[str] | None = None,
                             recheck: dict[str, StoryPage] | None = None) -> SourceOutcome:
    """Fetch and parse one source within its deadline; failures come back in the outcome.

    ``known_urls``: story addresses of this source already stored; a listing does not
    fetch those stories' pages again, except those in ``recheck`` (recent ones, with the
    validators of their last fetch), asked again with a conditional GET for corrections.
    """
    started = time.monotonic()
    budget = config.settings.crawl.deadline
    crawler = _Crawler(source, config, fetcher, started + budget, known_urls, recheck)
    outcome = SourceOutcome(source=source.name, status="failed")

    async def work() -> None:
        result = await crawler.get(source.url, allow_local=True, etag=etag,
                                   last_modified=last_modified)
        outcome.http_status = result.status_code
        outcome.etag, outcome.last_modified = result.etag, result.last_modified
        outcome.content_type = result.content_type or None
        if result.not_modified:
            outcome.status = "unchanged"
            return
        outcome.bytes = len(result.content)
        outcome.articles = await crawler.articles(result)
        outcome.status = "ok"

    try:
        await asyncio.wait_for(work(), timeout=budget + 1.0)
    except TimeoutError:
        outcome.error = f"source deadline of {budget:g} s reached (setting `deadline`)"
    except SourceError as exc:
        outcome.error = exc.reason
        outcome.http_status = exc.status_code or outcome.http_status
    except PressflowError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug or a library surprise: still one source, still reported
        outcome.error = f"unexpected {type(exc).__name__}: {exc}"
    if outcome.error:
        outcome.status = "failed"
        outcome.articles = []
    outcome.requests = crawler.requests
    outcome.warnings = crawler.warnings
    outcome.known_skipped = crawler.known_skipped if outcome.status == "ok" else 0
    outcome.rechecked = crawler.rechecked if outcome.status == "ok" else 0
    outcome.story_pages = crawler.story_pages if outcome.status == "ok" else []
    outcome.seconds = time.monotonic() - started
    return outcome


def crawl_source(source: Source, config: Config, *, etag: str | None = None,
                 last_modified: str | None = None,
                 known_urls: set[str] | None = None) -> SourceOutcome:
    """Synchronous :func:`crawl_source_async` with its own fetcher (CLI, one source)."""
    async def main() -> SourceOutcome:
        async with Fetcher(FetchPolicy.from_config(config, (source.url,))) as fetcher:
            return await crawl_source_async(source, config, fetcher, etag=etag,
                                            last_modified=last_modified, known_urls=known_urls)
    return asyncio.run(main())


def _record(ctx: RunContext, source: Source, outcome: SourceOutcome) -> None:
    """A source's articles and its fetch record, in one transaction: the new ETag is never
    stored without the articles it stands for."""
    with ctx.store.transaction():
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        if outcome.articles:
            counts = ctx.store.upsert_articles(outcome.articles, ctx.run_id)
        values = {
            "url": source.url, "status": "ok" if outcome.status != "failed" else "failed",
            "http_status": outcome.http_status, "bytes": outcome.bytes,
            "duration_ms": int(outcome.seconds * 1000),
            # an ok source's warnings (item links refused) show where its errors would
            "error": outcome.error or "; ".join(outcome.warnings) or None,
            "not_modified": int(outcome.status == "unchanged"),
            "items_found": len(outcome.articles) + outcome.known_skipped,
            "items_new": counts["new"], "items_updated": counts["updated"],
            "items_unchanged": counts["unchanged"] + outcome.known_skipped,
        }
        if outcome.status == "ok":
            values.update(etag=outcome.etag, last_modified=outcome.last_modified)
        ctx.store.record_fetch(ctx.run_id, source.name, **values)
        if outcome.story_pages:
            ctx.store.record_story_pages(source.name, outcome.story_pages)
    if outcome.status == "failed":
        ctx.progress.log(f"{source.name}: failed: {outcome.error}")
    for warning in outcome.warnings:
        ctx.progress.log(f"{source.name}: {warning}")


def _pages_to_recheck(ctx: RunContext, source: Source) -> dict[str, StoryPage]:
    """The stored story pages of a listing source worth asking again tonight: first seen in
    the last ``recheck_days``, newest first, at most ``max_rechecks``."""
    days, most = ctx.config.settings.crawl.recheck_days, ctx.config.settings.crawl.max_rechecks
    if days <= 0 or most <= 0:
        return {}
    since = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")
    return ctx.store.recent_story_pages(source.name, since, most)


async def _run_all(ctx: RunContext) -> int:
    sources = ctx.config.sources
    processed = 0
    async with Fetcher(FetchPolicy.from_config(ctx.config)) as fetcher:
        async def one(source: Source) -> tuple[Source, SourceOutcome]:
            state = ctx.store.source_state(source.name)
            known = ctx.store.article_urls(source.name) if source.kind == "listing" else None
            recheck = _pages_to_recheck(ctx, source) if known else None
            return source, await crawl_source_async(source, ctx.config, fetcher,
                                                    etag=state.etag if state else None,
                                                    last_modified=state.last_modified if state else None,
                                                    known_urls=known, recheck=recheck)
        tasks = [asyncio.ensure_future(one(s)) for s in sources]
        try:
            # all run at once; results are stored in sources.yaml order, so a run's articles
            # (and what later stages see first) do not depend on which server answered first
            for task in ctx.progress.track(tasks, "crawl", total=len(tasks)):
                source, outcome = await task
                _record(ctx, source, outcome)  # the store is written from this one thread
                processed += 1
                if ctx.stop_requested:
                    break
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
    return processed


def run_stage(ctx: RunContext) -> StageReport:
    global _PARSER_PROCESSES
    report = StageReport("crawl")
    started = time.monotonic()
    workers = ctx.config.settings.workers
    many = len(ctx.config.sources) >= PARSER_PROCESSES_FROM_SOURCES
    _PARSER_PROCESSES = ParserProcesses(workers) if workers >= 2 and many else None
    try:
        report.processed = asyncio.run(_run_all(ctx))
    finally:
        if _PARSER_PROCESSES is not None:
            _PARSER_PROCESSES.close()
            _PARSER_PROCESSES = None
    report.seconds = time.monotonic() - started
    return report


def extract_location(path_or_url: str, *, language: str | None = None,
                     base_dir: Path | None = None, selectors: dict[str, str] | None = None,
                     kind: str = "page", max_pages: int = 1,
                     follow_links: bool = True) -> list[Article]:
    """What ``pressflow extract`` prints: one article, or one per item of a listing page
    (whose item pages are read too, as in a run). The options are a source's settings in
    sources.yaml, read the same way."""
    from pressflow.config import Config as _Config

    config = _Config.from_mapping(path=base_dir / "sources.yaml" if base_dir is not None else None)
    source = Source(name=path_or_url, url=path_or_url, kind=kind, language=language,
                    selectors=dict(selectors or {}), max_pages=max_pages, follow_links=follow_links)
    outcome = crawl_source(source, config)
    if outcome.status == "failed":
        raise SourceError(outcome.error or "failed", source=path_or_url, url=path_or_url,
                          status_code=outcome.http_status)
    return outcome.articles
