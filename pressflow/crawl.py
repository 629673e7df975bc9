"""The crawl stage: fetch each source, parse it as a feed or a page, store its articles.

One source's failure is recorded with its reason and never stops the others.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from .config import Config
from .context import RunContext, StageReport
from .errors import PressflowError, SourceError
from .extract import decode_html, page_to_articles
from .feeds import looks_like_feed, parse_feed
from .fetch import DEFAULT_USER_AGENT, fetch
from .models import Article, FetchResult, Source


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


def parse_document(result: FetchResult, source: Source) -> list[Article]:
    """Articles of a fetched document, by the source's kind (a feed is sniffed, not trusted)."""
    if source.kind == "feed" or looks_like_feed(result.content):
        return parse_feed(result.content, url=result.url, source=source.name,
                          headers=result.headers, language=source.language)
    charset = None
    if "charset=" in result.content_type:
        charset = result.content_type.split("charset=")[-1].split(";")[0].strip()
    html = decode_html(result.content, charset)
    return page_to_articles(html, url=result.url, source=source.name, language=source.language)


def crawl_source(source: Source, config: Config, *, etag: str | None = None,
                 last_modified: str | None = None) -> SourceOutcome:
    """Fetch and parse one source; failures come back as an outcome, not an exception."""
    started = time.monotonic()
    outcome = SourceOutcome(source=source.name, status="failed")
    try:
        user_agent = str(config.setting("user_agent"))
        if "{version}" in user_agent:
            user_agent = DEFAULT_USER_AGENT
        result = fetch(source.url, source=source.name, etag=etag, last_modified=last_modified,
                       timeout=float(source.timeout or config.setting("timeout")),
                       max_bytes=int(config.setting("max_bytes")),
                       max_redirects=int(config.setting("max_redirects")),
                       user_agent=user_agent, base_dir=config.base_dir)
        outcome.http_status = result.status_code
        outcome.etag, outcome.last_modified = result.etag, result.last_modified
        if result.not_modified:
            outcome.status = "unchanged"
        else:
            outcome.bytes = len(result.content)
            outcome.articles = parse_document(result, source)
            outcome.status = "ok"
    except SourceError as exc:
        outcome.error = exc.reason
        outcome.http_status = exc.status_code
    except PressflowError as exc:
        outcome.error = str(exc)
    except Exception as exc:  # a bug or a library surprise: still one source, still reported
        outcome.error = f"unexpected {type(exc).__name__}: {exc}"
    outcome.seconds = time.monotonic() - started
    return outcome


def run_stage(ctx: RunContext) -> StageReport:
    report = StageReport("crawl")
    started = time.monotonic()
    for source in ctx.progress.track(ctx.config.sources, "crawl", total=len(ctx.config.sources)):
        if ctx.stop_requested:
            break
        state = ctx.store.source_state(source.name)
        outcome = crawl_source(source, ctx.config, etag=state.get("etag"),
                               last_modified=state.get("last_modified"))
        counts = {"new": 0, "updated": 0, "unchanged": 0}
        if outcome.articles:
            counts = ctx.store.upsert_articles(outcome.articles, ctx.run_id)
        values = {
            "url": source.url, "status": "ok" if outcome.status != "failed" else "failed",
            "http_status": outcome.http_status, "bytes": outcome.bytes,
            "duration_ms": int(outcome.seconds * 1000), "error": outcome.error,
            "not_modified": int(outcome.status == "unchanged"),
            "items_found": len(outcome.articles), "items_new": counts["new"],
            "items_updated": counts["updated"], "items_unchanged": counts["unchanged"],
        }
        if outcome.status == "ok":
            values.update(etag=outcome.etag, last_modified=outcome.last_modified)
        ctx.store.record_fetch(ctx.run_id, source.name, **values)
        if outcome.status == "failed":
            ctx.progress.log(f"{source.name}: failed: {outcome.error}")
        report.processed += 1
    report.seconds = time.monotonic() - started
    return report
