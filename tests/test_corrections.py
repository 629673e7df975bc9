"""Corrections on listing sites: stored story pages are asked again with a conditional GET
(bounded per night), and a changed page updates its stored article, which later stages
redo as an update. A real local HTTP server, real `pressflow run` subprocesses, a real
SQLite file."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

LISTING = """<!doctype html><html lang="en"><head><title>City news</title></head><body><main>
{items}</main></body></html>"""
ITEM = '<article class="teaser"><h3><a href="/news/{n}">{title}</a></h3><p>{teaser}</p></article>'
STORY = """<!doctype html><html lang="en"><head><title>{title}</title></head><body><article>
<h1>{title}</h1><p>Published 12 March 2024.</p><p>{body}</p>
<p>The city council thanked the partner cities and the residents who took part in the
consultation over the past months, and published the full programme online.</p>
</article></body></html>"""


class Site:
    """A partner's news listing whose story pages answer conditional requests."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.stories = {
            1: ("Smart city forum opens in Lyon", "The forum opens on Monday with forty cities."),
            2: ("New tram line to the airport", "Work on the tram line starts in April."),
            3: ("Library hours extended", "The central library opens until nine in the evening."),
        }
        self.versions = {n: 1 for n in self.stories}
        self.listed = [3, 2, 1]
        self.requests: list[tuple[int, str | None]] = []  # (story, If-None-Match sent)
        server.expect_request("/robots.txt").respond_with_data("", status=404)
        server.expect_request("/news").respond_with_handler(self.listing)
        for n in range(1, 6):
            server.expect_request(f"/news/{n}").respond_with_handler(self.story_handler(n))

    def listing(self, request: Request) -> Response:
        items = "".join(ITEM.format(n=n, title=self.stories[n][0], teaser="Read more about it.")
                        for n in self.listed)
        return Response(LISTING.format(items=items), content_type="text/html; charset=utf-8")

    def story_handler(self, n: int):  # type: ignore[no-untyped-def]
        def handle(request: Request) -> Response:
            sent = request.headers.get("If-None-Match")
            self.requests.append((n, sent))
            etag = f'"story{n}-v{self.versions[n]}"'
            if sent == etag:
                return Response(status=304, headers={"ETag": etag})
            title, body = self.stories[n]
            return Response(STORY.format(title=title, body=body), content_type="text/html; charset=utf-8",
                            headers={"ETag": etag})
        return handle


def _config(tmp_path: Path, site: Site, extra: str = "") -> Path:
    cfg = tmp_path / "sources.yaml"
    cfg.write_text(f"settings:\n  per_host_delay: 0\n{extra}sources:\n"
                   f"  - name: City\n    url: {site.server.url_for('/news')}\n    kind: listing\n",
                   encoding="utf-8")
    return cfg


def _run(cfg: Path) -> dict:  # type: ignore[type-arg]
    result = subprocess.run([sys.executable, "-m", "pressflow", "run", "--quiet", "--config", str(cfg)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return json.loads((cfg.parent / "output" / "report.json").read_text())


@pytest.fixture
def site(httpserver: HTTPServer) -> Site:
    return Site(httpserver)


def test_a_corrected_story_page_updates_its_article(tmp_path: Path, site: Site) -> None:
    cfg = _config(tmp_path, site)
    first = _run(cfg)["sources"][0]
    assert first["items_new"] == 3
    assert sorted(site.requests) == [(1, None), (2, None), (3, None)]
    db = sqlite3.connect(tmp_path / "output" / "pressflow.db")
    (article_id, lang), = db.execute("SELECT id, lang FROM articles WHERE url LIKE '%/news/1'")
    assert lang == "en"

    # the next night: story 1 is corrected, a new story 4 tops the listing
    site.requests.clear()
    site.stories[1] = ("UPDATE: Smart city forum in Lyon is cancelled",
                       "The forum is cancelled because of the strike; it will take place in June.")
    site.versions[1] = 2
    site.stories[4] = ("Park renovation begins", "The renovation of the riverside park begins.")
    site.versions[4] = 1
    site.listed = [4, 3, 2, 1]
    second = _run(cfg)["sources"][0]

    # stored pages were asked with their ETag; unchanged ones answered 304
    assert sorted(site.requests) == [(1, '"story1-v1"'), (2, '"story2-v1"'), (3, '"story3-v1"'), (4, None)]
    assert (second["items_new"], second["items_updated"], second["items_unchanged"]) == (1, 1, 2)
    rows = db.execute("SELECT id, title, text, lang FROM articles WHERE url LIKE '%/news/1'").fetchall()
    assert len(rows) == 1  # the same article, updated in place: not a new one
    assert rows[0][0] == article_id and rows[0][1].startswith("UPDATE: Smart city forum")
    assert "cancelled because of the strike" in rows[0][2]
    assert rows[0][3] == "en"  # the language stage ran again on the new text
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    feed = json.loads((tmp_path / "output" / "feed.json").read_text())
    published = json.dumps(feed, ensure_ascii=False)
    assert "cancelled" in published and published.count("Smart city forum opens in Lyon") == 0

    # a quiet night: every stored page answers 304 and nothing changes
    site.requests.clear()
    third = _run(cfg)["sources"][0]
    assert sorted(site.requests) == [(1, '"story1-v2"'), (2, '"story2-v1"'), (3, '"story3-v1"'),
                                     (4, '"story4-v1"')]
    assert (third["items_new"], third["items_updated"]) == (0, 0)


def test_rechecks_are_bounded_per_night_and_can_be_turned_off(tmp_path: Path, site: Site) -> None:
    _run(_config(tmp_path, site, "  max_rechecks: 1\n"))
    site.requests.clear()
    _run(_config(tmp_path, site, "  max_rechecks: 1\n"))
    assert len(site.requests) == 1 and site.requests[0][1] is not None  # one conditional GET
    site.requests.clear()
    _run(_config(tmp_path, site, "  recheck_days: 0\n"))
    assert site.requests == []  # off: stored stories are not fetched again, as before
