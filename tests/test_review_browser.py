"""The review page in a real browser (Debian's chromium through Playwright), on the demo.

The demo is crawled by a real `pressflow run`; the editor approves one story, rejects
another and fixes a translation by clicking; then `pressflow publish` writes the feeds and
the test reads them back: the rejected story is gone, the edited translation is in.

Set PRESSFLOW_DIGEST_SCREENSHOT=docs/digest.png to refresh the README screenshot.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from conftest import DEMO, DemoRun
from lxml import etree
from support.publish import story_of

from pressflow.config import load_config
from pressflow.editorial.review import ReviewServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ATOM_RNG = Path(__file__).parent / "data" / "publish" / "atom-rfc4287.rng"
EDITED_TITLE = "UCLG Executive Bureau meets (edited in the browser test)"
EDITED_TEXT = "The UCLG Executive Bureau met.\n\nThis English text was typed by the browser test."

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _need_browser() -> None:
    if not CHROMIUM.exists():
        reason = (f"{CHROMIUM} is absent: Debian's chromium is an optional system part "
                  "(scripts/setup.d/40-chromium.sh installs it)")
        print(f"SKIP: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def review_demo(demo_run: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's demo run, copied: the editor's clicks change the store."""
    _need_browser()
    assert demo_run.returncode in (0, 1), demo_run.stderr  # 1: a source failed, the rest published
    assert (demo_run.output / "pressflow.db").exists(), demo_run.stderr
    return demo_run.copy_output(tmp_path_factory.mktemp("review-demo") / "out")


def _story_of(db: Path, source: str, title_start: str = "") -> int:
    with sqlite3.connect(db) as conn:
        row = conn.execute(
            "SELECT m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id "
            "WHERE a.source = ? AND a.title LIKE ? ORDER BY m.story_id LIMIT 1",
            [source, f"{title_start}%"]).fetchone()
    assert row, (source, title_start)
    return int(row[0])


@pytest.fixture
def browser() -> Iterator[object]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _watch(page: object) -> list[str]:
    """Collect console errors (CSP violations land here), page errors and dialogs."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    return problems


def test_editor_approves_rejects_edits_and_the_feed_follows(review_demo: Path, browser: object,
                                                            tmp_path: Path) -> None:
    db = review_demo / "pressflow.db"
    approve = _story_of(db, "WeGO")  # the French item the English site also reported
    reject = _story_of(db, "Shiraz Municipality")
    edit = _story_of(db, "UCLG Digital Cities", "Bureau")
    config = load_config(DEMO / "sources.yaml")
    config = config.with_output(review_demo)
    server = ReviewServer(config, port=0, editor="nobody")
    server.start_in_thread()
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        problems = _watch(page)
        page.goto(server.url)
        total = page.locator("article.story").count()
        assert total >= 10
        print(f"review page: {total} stories, count line: {page.text_content('#f-count')!r}")

        page.fill("input[name=editor]", "Playwright Editor")
        page.click("text=Save name")
        assert page.locator(".notice").text_content() == "Editor name saved."

        page.locator(f"#story-{approve} button[value=approve]").click()
        page.wait_for_url(f"**#story-{approve}")
        assert page.locator(f"#story-{approve} .status").text_content() == "approved"
        assert page.locator(".notice").text_content() == f"Story {approve} approved."

        page.locator(f"#story-{reject} button[value=reject]").click()
        page.wait_for_url(f"**#story-{reject}")
        assert page.locator(f"#story-{reject} .status").text_content() == "rejected"

        story = page.locator(f"#story-{edit}")
        assert "untranslated" in story.locator(".flags").text_content() or \
            story.locator("section.english .ttl").count() == 1
        story.locator("summary", has_text="Edit translation").click()
        story.locator("input[name=title]").fill(EDITED_TITLE)
        story.locator("textarea[name=text]").fill(EDITED_TEXT)
        story.locator("button", has_text="Save translation").click()
        page.wait_for_url(f"**#story-{edit}")
        english = page.locator(f"#story-{edit} section.english")
        assert english.get_attribute("lang") == "en"
        assert EDITED_TITLE in english.text_content()
        assert "typed by the browser test" in english.text_content()
        assert "translation edited by Playwright Editor" in page.locator(
            f"#story-{edit} .flags").text_content()

        page.select_option("#f-status", "rejected")
        assert page.text_content("#f-count") == f"1 of {total} shown"
        assert page.locator(f"#story-{reject}").is_visible()
        assert not page.locator(f"#story-{approve}").is_visible()
        page.screenshot(path=str(tmp_path / "review.png"))
        assert problems == []
        print(f"clicked: approve #{approve}, reject #{reject}, edit translation #{edit}")
    finally:
        server.shutdown()

    with sqlite3.connect(db) as conn:
        decided = conn.execute("SELECT story_id, action, editor FROM decisions ORDER BY id").fetchall()
    assert decided == [(approve, "approve", "Playwright Editor"),
                       (reject, "reject", "Playwright Editor"),
                       (edit, "edit_translation", "Playwright Editor")]

    done = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config",
                           str(DEMO / "sources.yaml"), "--output", str(review_demo)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    print(done.stdout.strip())
    rss = feedparser.parse((review_demo / "feed.xml").read_bytes())
    atom = feedparser.parse((review_demo / "feed.atom").read_bytes())
    jsonfeed = json.loads((review_demo / "feed.json").read_text())
    assert rss.bozo == 0 and atom.bozo == 0
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    assert schema.validate(etree.parse(str(review_demo / "feed.atom"))), schema.error_log
    for ids in ([story_of(e.id) for e in rss.entries], [story_of(e.id) for e in atom.entries],
                [story_of(i["id"]) for i in jsonfeed["items"]]):
        assert reject not in ids
        assert approve in ids and edit in ids
    edited = next(e for e in atom.entries if story_of(e.id) == edit)
    assert edited.title == EDITED_TITLE
    assert "The UCLG Executive Bureau met." in edited.summary
    approved = next(e for e in rss.entries if story_of(e.id) == approve)
    assert "Also reported by" in approved.summary and "WeGO English" in approved.summary
    print(f"feeds: {len(rss.entries)} items; rejected #{reject} absent; edited title in Atom: "
          f"{edited.title!r}")


def test_static_digest_opens_from_disk_and_filters(review_demo: Path, browser: object,
                                                   tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config",
                    str(DEMO / "sources.yaml"), "--output", str(review_demo)],
                   capture_output=True, text=True, timeout=300, check=True)
    digest = review_demo / "digest.html"
    page = browser.new_page(viewport={"width": 1280, "height": 1100})
    problems = _watch(page)
    page.goto(digest.as_uri())
    total = page.locator("article.story").count()
    assert total >= 10
    assert page.text_content("#f-count") == f"{total} of {total} shown"
    page.select_option("#f-lang", "ro")
    shown = page.locator("article.story:visible")
    assert shown.count() >= 1
    for i in range(shown.count()):
        assert "ro" in json.loads(shown.nth(i).get_attribute("data-langs"))
    page.select_option("#f-lang", "")
    page.select_option("#f-partner", "WeGO English")
    assert page.locator("article.story:visible").count() >= 1
    page.select_option("#f-partner", "")
    assert problems == []
    page.emulate_media(media="print")
    assert not page.locator(".filters").is_visible()  # print hides the controls
    page.emulate_media(media="screen")
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(digest.as_uri())
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the digest scrolls sideways on a phone ({width}px)"
    target = os.environ.get("PRESSFLOW_DIGEST_SCREENSHOT")
    shot = Path(target) if target else tmp_path / "digest.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if target:
        print(f"screenshot written to {shot}")
