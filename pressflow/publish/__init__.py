"""Publishing: feeds, the editor's digest and the run report, written atomically."""

from __future__ import annotations

import time

from ..context import RunContext, StageReport
from .atomic import write_atomic
from .digest import render_digest
from .feeds import DEFAULT_TITLE, rss_bytes
from .stories_view import StoryItem, load_stories

__all__ = ["StoryItem", "load_stories", "render_digest", "rss_bytes", "run_stage", "write_atomic"]


def run_stage(ctx: RunContext) -> StageReport:
    """Write feed.xml and digest.html in the output folder."""
    report = StageReport("publish")
    started = time.monotonic()
    publish = dict(ctx.config.setting("publish") or {})
    out = ctx.config.output_dir
    items = load_stories(ctx.store, target=ctx.config.setting("target_language"),
                         only_approved=bool(publish.get("require_approval")),
                         max_items=publish.get("max_items"), days=publish.get("days"))
    link = publish.get("link") or ""
    self_url = (link.rstrip("/") + "/feed.xml") if link else (out / "feed.xml").resolve().as_uri()
    write_atomic(out / "feed.xml", rss_bytes(items, publish=publish, self_url=self_url))
    write_atomic(out / "digest.html", render_digest(items, title=publish.get("title") or DEFAULT_TITLE))
    report.processed = len(items)
    report.details = {"feed_items": len(items), "files": ["feed.xml", "digest.html"]}
    report.seconds = time.monotonic() - started
    return report
