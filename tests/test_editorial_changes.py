"""Editors and changing sources (issue 15, points 10, 11 and 12), over two real nightly runs.

A Spanish partner on a local server, ``publish.require_approval: true``, Apertium
translating (spa-eng, Debian's package). After the first run an editor approves two
stories and fixes the translation of a third; before the second run the partner changes
a number in the edited article, posts "ACTUALIZACIÓN: cancelado" in an approved one and
adds a new story. Then, as the editor and a reader meet it:

- 10: the editor's translation is kept (and published), flagged "source changed since
  your edit" with the source as it was and as it is, in the review page and the digest;
- 11: the approved story that changed is back in the queue, out of the feeds;
- 12: digest.html and ``digest --format markdown`` show the queue apart from what readers
  get, the feeds stay approved-only, and ``digest --since`` keeps what is new.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from support.partner_site import partner_site
from support.publish import story_of
from support.sevilla import editor_pages, sevilla_feed, write_sevilla_config

from pressflow.editorial import decisions as editorial
from pressflow.store import Store

EDITED_TEXT = ("The City Council of Seville approved 300 new places in public nursery schools.\n\n"
               "Families can apply from Monday at any district office.")


def _items(base: str, version: int) -> list[tuple[str, str, str]]:
    places = "300" if version == 1 else "450"
    market = ("Mercado de Triana amplía su horario" if version == 1
              else "ACTUALIZACIÓN: cancelado el nuevo horario del Mercado de Triana")
    market_text = ("El Mercado de Triana abrirá también los domingos desde enero, con cuarenta puestos."
                   if version == 1 else "ACTUALIZACIÓN: cancelado. El Mercado de Triana no abrirá los "
                   "domingos: la ampliación del horario queda suspendida.")
    items = [
        ("guarderias", "Sevilla aprueba nuevas plazas en escuelas infantiles",
         f"El Ayuntamiento de Sevilla aprobó {places} plazas nuevas en escuelas infantiles públicas. "
         "Las familias pueden solicitarlas desde el lunes en cualquier distrito."),
        ("mercado", market, market_text),
        ("puente", "Reabre el puente de Isabel II tras las obras",
         "El puente de Isabel II reabre al tráfico después de seis meses de obras de reparación."),
    ]
    if version == 2:
        items.append(("biblioteca", "Nueva biblioteca en el barrio de la Macarena",
                      "La biblioteca de la Macarena abre con doce mil libros y una sala de estudio."))
    return items


@dataclass
class Scenario:
    config: Path
    out: Path
    between_runs: str  # an ISO time after the first run, before the second
    stories: dict[str, int]  # guid -> story id
    first_feed: list[int]  # stories in the feed after the editor's decisions


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pressflow", *args], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _feed_stories(out: Path) -> dict[str, list[int]]:
    return {name: [story_of(e.id) for e in feedparser.parse((out / name).read_bytes()).entries]
            for name in ("feed.xml", "feed.atom")} | {
        "feed.json": [story_of(i["id"]) for i in json.loads((out / "feed.json").read_text())["items"]]}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    if not shutil.which("apertium"):
        pytest.fail("Apertium (Debian packages apertium, apertium-spa-eng) is needed: "
                    "scripts/setup.d/20-apertium.sh")
    work = tmp_path_factory.mktemp("editorial")
    with partner_site() as site:
        site.pages["/rss"] = (200, "application/rss+xml", sevilla_feed(site.base, _items(site.base, 1)))
        config = write_sevilla_config(work, site.base, 'publish: {require_approval: true, link: "https://news.example.org/"}')
        _cli("run", "--config", str(config), "-q")
        out = work / "out"
        with sqlite3.connect(out / "pressflow.db") as conn:
            stories = dict(conn.execute("SELECT a.guid, m.story_id FROM story_members m JOIN articles a "
                                        "ON a.id = m.article_id").fetchall())
            nursery_article = conn.execute("SELECT id FROM articles WHERE guid = 'guarderias'").fetchone()[0]
        assert len(set(stories.values())) == 3
        with Store(out / "pressflow.db") as store:
            editorial.approve(store, stories["mercado"], editor="Ana")
            editorial.approve(store, stories["puente"], editor="Ana")
            editorial.edit_translation(store, nursery_article, editor="Ana",
                                       title="Seville approves new nursery places", text=EDITED_TEXT)
        _cli("publish", "--config", str(config))
        first_feed = _feed_stories(out)["feed.xml"]
        time.sleep(1.1)  # --since compares times in whole seconds
        between = datetime.now(UTC).isoformat(timespec="seconds")
        time.sleep(1.1)
        site.pages["/rss"] = (200, "application/rss+xml", sevilla_feed(site.base, _items(site.base, 2)))
        _cli("run", "--config", str(config), "-q")
        with sqlite3.connect(out / "pressflow.db") as conn:
            stories = dict(conn.execute("SELECT a.guid, m.story_id FROM story_members m JOIN articles a "
                                        "ON a.id = m.article_id").fetchall())
        yield Scenario(config=config, out=out, between_runs=between, stories=stories,
                       first_feed=first_feed)


def _story(page: etree._Element, story: int) -> etree._Element:
    return page.xpath(f"//article[@id='story-{story}']")[0]


# -- 10. an editor's translation survives a change of its source --------------------------------
def test_edit_is_kept_and_flagged_when_the_source_changes(scenario: Scenario) -> None:
    nursery = scenario.stories["guarderias"]
    with sqlite3.connect(scenario.out / "pressflow.db") as conn:
        query = ("SELECT {} FROM translations t JOIN articles a ON a.id = t.article_id "
                 "WHERE a.guid = 'guarderias'")
        text, edited_by = conn.execute(query.format("t.text, t.edited_by")).fetchone()
        assert (text, edited_by) == (EDITED_TEXT, "Ana")  # not replaced by machine output
        machine = conn.execute(query.format("t.machine_text")).fetchone()[0]
    assert "450" in machine  # the new machine translation, kept beside the edit
    pages = editor_pages(scenario.config, scenario.out)
    for where, page in pages.items():
        story = _story(page, nursery)
        assert story.xpath(".//*[@data-flag='source-changed']/text()") == ["source changed since your edit"], where
        before = story.xpath(".//*[@data-version='edited-source']")[0].xpath("string()")
        now = story.xpath(".//*[@data-version='current-source']")[0].xpath("string()")
        assert "aprobó 300 plazas" in before and "aprobó 450 plazas" in now, where
        assert "450" in story.xpath(".//*[@data-version='machine']")[0].xpath("string()"), where
        assert "approved 300 new places" in story.xpath(".//section[contains(@class,'english')]")[0].xpath(
            "string()"), where
    markdown = _cli("digest", "--config", str(scenario.config), "--format", "markdown")
    section = markdown.split("## Seville approves new nursery places")[1].split("\n## ")[0]
    assert "source changed since your edit" in section
    assert "aprobó 300 plazas" in section and "aprobó 450 plazas" in section


# -- 11. an approved story that changes goes back to review -------------------------------------
def test_changed_approved_story_goes_back_to_review(scenario: Scenario) -> None:
    market, bridge = scenario.stories["mercado"], scenario.stories["puente"]
    assert market in scenario.first_feed and bridge in scenario.first_feed
    for name, ids in _feed_stories(scenario.out).items():
        assert market not in ids, name  # not republished without review
        assert bridge in ids, name  # unchanged approved story stays
    with Store(scenario.out / "pressflow.db") as store:
        status, note = store.db.execute("SELECT status, note FROM stories WHERE id = ?",
                                        [market]).fetchone()
        log = editorial.decisions(store, market)
    assert status == "new" and "after Ana approved it" in note
    assert (log[0].action, log[0].editor) == ("reopen", "pressflow")
    page = etree.HTML((scenario.out / "digest.html").read_bytes())
    queued = page.xpath("//section[@id='approval-queue']//article/@data-story")
    assert str(market) in queued
    assert "after Ana approved it" in _story(page, market).xpath("string(.//*[@data-flag='note'])")


# -- 12. the approval queue is visible to editors -----------------------------------------------
def test_digest_shows_the_queue_apart_from_what_readers_get(scenario: Scenario) -> None:
    s = scenario.stories
    page = etree.HTML((scenario.out / "digest.html").read_bytes())
    queue = {int(i) for i in page.xpath("//section[@id='approval-queue']//article/@data-story")}
    published = {int(i) for i in page.xpath("//section[@id='published']//article/@data-story")}
    assert queue == {s["guarderias"], s["mercado"], s["biblioteca"]}
    assert published == {s["puente"]}
    assert "Waiting for approval: 3 stories" in page.xpath("string(//section[@id='approval-queue']/h2)")
    for name, ids in _feed_stories(scenario.out).items():
        assert ids == [s["puente"]], name  # readers get approved stories only
    markdown = _cli("digest", "--config", str(scenario.config), "--format", "markdown")
    waiting, readers = markdown.split("# Published: what readers get (1 story)")
    assert "# Waiting for approval (3 stories, not in the feeds until approved)" in waiting
    assert "Macarena" in waiting and "bridge" not in waiting
    assert "bridge" in readers and "Macarena" not in readers


def test_digest_since_keeps_only_new_stories(scenario: Scenario) -> None:
    markdown = _cli("digest", "--config", str(scenario.config), "--format", "markdown",
                    "--since", scenario.between_runs)
    titles = [line for line in markdown.splitlines() if line.startswith("## ")]
    assert len(titles) == 1 and "Macarena" in titles[0]
    assert "new since" in markdown
    everything = _cli("digest", "--config", str(scenario.config), "--format", "markdown", "--since", "1d")
    assert len([line for line in everything.splitlines() if line.startswith("## ")]) == 4
    bad = subprocess.run([sys.executable, "-m", "pressflow", "digest", "--config", str(scenario.config),
                          "--since", "yesterday"], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "--since" in bad.stderr
