"""Publishing: RSS/Atom/JSON feeds and the editor's digest, from the store, written atomically.

Which stories: every story not rejected by an editor (``publish.require_approval: true``:
only approved ones), newest first, within ``publish.days`` and ``publish.max_items``; a
source gone from sources.yaml drops out ``publish.removed_source_grace_days`` after.
With ``require_approval`` the digest also shows the approval queue, apart from what
readers get, and an approved story whose article changed goes back to the queue.
Both ``pressflow run`` (its last stage) and ``pressflow publish`` go through
:func:`publish_outputs`, so editors' decisions hold whichever writes the feeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pressflow.config import Config
from pressflow.errors import StoreError
from pressflow.pipeline.context import RunContext, StageReport
from pressflow.publish.atomic import write_atomic
from pressflow.publish.digest import ReviewState, render_digest, render_markdown
from pressflow.publish.feeds import FEED_FILES, FeedInfo, atom_bytes, jsonfeed_bytes, rss_bytes
from pressflow.publish.stories_view import StoryItem, load_stories
from pressflow.store import Store

__all__ = ["FeedInfo", "PublishResult", "ReviewState", "StoryItem", "approval_queue",
           "digest_stories", "load_stories", "open_store", "publish_outputs", "render_digest",
           "render_markdown", "run_stage", "select_stories", "write_atomic"]

DIGEST_FILE = "digest.html"


def open_store(config: Config) -> Store:
    """The run's database; a missing one is an error, not a silently empty feed."""
    path = config.output_dir / "pressflow.db"
    if not path.exists():
        raise StoreError(f"no database at {path}: run `pressflow run` first")
    return Store(path)


def hidden_sources(store: Store, config: Config) -> frozenset[str]:
    """Sources gone from sources.yaml for longer than the grace time: out of the feeds.

    Noting which sources left (and came back) happens here, so a source deleted from
    the file by hand is handled like one removed with ``pressflow sources remove``.
    """
    grace = config.settings.publish.removed_source_grace_days
    store.note_removed_sources(s.name for s in config.sources)
    cutoff = (datetime.now(UTC) - timedelta(days=grace)).isoformat(timespec="seconds")
    return frozenset(store.sources_removed_before(cutoff))


def select_stories(store: Store, config: Config) -> list[StoryItem]:
    """The stories the feeds carry, by the rules in settings.publish."""
    publish = config.settings.publish
    return load_stories(store, target=config.settings.target_language,
                        only_approved=publish.require_approval, max_items=publish.max_items,
                        days=publish.days, hidden_sources=hidden_sources(store, config),
                        display_zone=publish.display_zone)


def approval_queue(store: Store, config: Config, *,
                   since: datetime | None = None) -> list[StoryItem] | None:
    """With ``require_approval``: the stories waiting for an editor (None without it)."""
    publish = config.settings.publish
    if not publish.require_approval:
        return None
    return load_stories(store, target=config.settings.target_language, only_pending=True,
                        days=publish.days, hidden_sources=hidden_sources(store, config),
                        display_zone=publish.display_zone, since=since)


def digest_stories(store: Store, config: Config, *, since: datetime | None = None
                   ) -> tuple[list[StoryItem], list[StoryItem] | None]:
    """What the editor's digest shows: (what readers get, the approval queue or None);
    ``since`` keeps only stories made at or after it (a "new since yesterday" e-mail)."""
    if config.settings.publish.require_approval:
        store.reopen_changed_approved_stories()
    items = select_stories(store, config)
    if since is not None:
        items = [i for i in items if i.created is None or i.created >= since]
    return items, approval_queue(store, config, since=since)


@dataclass
class PublishResult:
    items: int
    files: list[Path] = field(default_factory=list)


def local_address(folder: Path) -> str:
    """The output folder as ``file://localhost/...``: without ``publish.link`` the feeds'
    self links and ids use it, an absolute address (``file:///`` has no host, which feed
    validators and some readers take for a relative one)."""
    return "file://localhost" + folder.resolve().as_uri().removeprefix("file://")


def publish_outputs(store: Store, config: Config) -> PublishResult:
    """Write feed.xml, feed.atom, feed.json and digest.html into the output folder."""
    out = config.output_dir
    items, queue = digest_stories(store, config)
    info = FeedInfo.from_settings(config.settings.publish, local_address(out), store.database_created())
    files: dict[str, str | bytes] = {
        FEED_FILES["rss"]: rss_bytes(items, info),
        FEED_FILES["atom"]: atom_bytes(items, info),
        FEED_FILES["json"]: jsonfeed_bytes(items, info),
        DIGEST_FILE: render_digest(items, title=info.title, queue=queue),
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
    if not ctx.config.settings.publish.link:
        report.notes.append("settings.publish.link is not set: the feeds name their local "
                            "file://localhost/ address; set it to the public address of the "
                            "output folder before readers subscribe (item ids follow it)")
    report.seconds = time.monotonic() - started
    return report
