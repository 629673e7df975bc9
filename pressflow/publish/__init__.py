"""Publishing: RSS/Atom/JSON feeds and the editor's digest, from the store, written atomically.

Which stories: every story not rejected by an editor (``publish.require_approval: true``:
only approved ones), newest first, within ``publish.days`` and ``publish.max_items``.
Both ``pressflow run`` (its last stage) and ``pressflow publish`` go through
:func:`publish_outputs`, so editors' decisions hold whichever writes the feeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from pressflow.config import Config
from pressflow.errors import StoreError
from pressflow.pipeline.context import RunContext, StageReport
from pressflow.publish.atomic import write_atomic
from pressflow.publish.digest import ReviewState, render_digest, render_markdown
from pressflow.publish.feeds import FEED_FILES, FeedInfo, atom_bytes, jsonfeed_bytes, rss_bytes
from pressflow.publish.stories_view import StoryItem, load_stories
from pressflow.store import Store

__all__ = ["FeedInfo", "PublishResult", "ReviewState", "StoryItem", "load_stories",
           "open_store", "publish_outputs", "render_digest", "render_markdown",
           "run_stage", "select_stories", "write_atomic"]

DIGEST_FILE = "digest.html"


def open_store(config: Config) -> Store:
    """The run's database; a missing one is an error, not a silently empty feed."""
    path = config.output_dir / "pressflow.db"
    if not path.exists():
        raise StoreError(f"no database at {path}: run `pressflow run` first")
    return Store(path)


def select_stories(store: Store, config: Config) -> list[StoryItem]:
    """The stories the feeds carry, by the rules in settings.publish."""
    publish = config.settings.publish
    return load_stories(store, target=config.settings.target_language,
                        only_approved=publish.require_approval, max_items=publish.max_items,
                        days=publish.days)


@dataclass
class PublishResult:
    items: int
    files: list[Path] = field(default_factory=list)


def publish_outputs(store: Store, config: Config) -> PublishResult:
    """Write feed.xml, feed.atom, feed.json and digest.html into the output folder."""
    out = config.output_dir
    items = select_stories(store, config)
    info = FeedInfo.from_settings(config.settings.publish, out.resolve().as_uri())
    files = {
        FEED_FILES["rss"]: rss_bytes(items, info),
        FEED_FILES["atom"]: atom_bytes(items, info),
        FEED_FILES["json"]: jsonfeed_bytes(items, info),
        DIGEST_FILE: render_digest(items, title=info.title),
    }
    written = []
    for name, data in files.items():
        write_atomic(out / name, data)
        written.append(out / name)
    return PublishResult(items=len(items), files=written)


def run_stage(ctx: RunContext) -> StageReport:
    """The pipeline's last stage: the feeds and the digest, honouring editors' decisions."""
    report = StageReport("publish")
    started = time.monotonic()
    result = publish_outputs(ctx.store, ctx.config)
    report.processed = result.items
    report.details = {"feed_items": result.items, "files": [p.name for p in result.files]}
    report.seconds = time.monotonic() - started
    return report
