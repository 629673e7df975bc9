"""`pressflow extract` with the selectors of sources.yaml, and `pressflow feed` on an HTML page:
real CLI subprocesses against a real local HTTP server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from pressflow.config import parse_config
from pressflow.crawl.stage import crawl_source

STORY = """<!doctype html><html lang="fr"><head><title>{title}</title></head><body>
<article><h1>{title}</h1><p>{body}</p><p>La ville a présenté son programme aux habitants du
quartier, qui ont posé des questions sur le calendrier et le budget des travaux.</p></article>
</body></html>"""

# a news index without headings: rows of links, the shape automatic detection cannot see
INDEX = """<!doctype html><html lang="fr"><head><title>Actualités</title></head><body>
<ul class="board">{rows}</ul><a class="suite" href="/actualites?page=2">page 2</a></body></html>"""
ROW = '<li class="row"><a href="/actualites/{n}">{title}</a> <span class="when">{day}.03.2024</span></li>'
TITLES = ["Nouveau parc au bord du fleuve", "Le budget participatif est ouvert",
          "Travaux de la ligne de tramway", "Forum des associations samedi"]


def pressflow(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressflow", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=600)


@pytest.fixture
def site(httpserver: HTTPServer) -> HTTPServer:
    page1 = "".join(ROW.format(n=n, title=t, day=10 + n) for n, t in enumerate(TITLES[:2], 1))
    page2 = "".join(ROW.format(n=n, title=t, day=10 + n) for n, t in enumerate(TITLES[2:], 3))
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/actualites", query_string="page=2").respond_with_data(
        INDEX.format(rows=page2).replace('<a class="suite" href="/actualites?page=2">page 2</a>', ""),
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/actualites").respond_with_data(
        INDEX.format(rows=page1), content_type="text/html; charset=utf-8")
    for n, title in enumerate(TITLES, 1):
        httpserver.expect_request(f"/actualites/{n}").respond_with_data(
            STORY.format(title=title, body=f"Article numéro {n} sur {title.lower()}."),
            content_type="text/html; charset=utf-8")
    return httpserver


def test_extract_takes_the_selectors_of_sources_yaml(site: HTTPServer) -> None:
    url = site.url_for("/actualites")
    guessed = pressflow("extract", url)
    assert len(guessed.stdout.splitlines()) <= 1  # no headings: not seen as a list of stories
    result = pressflow("extract", url, "--selector", "item=li.row", "--selector", "date=.when",
                       "--selector", "next=a.suite", "--max-pages", "2")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["title"] for x in lines] == TITLES
    assert [x["url"] for x in lines] == [site.url_for(f"/actualites/{n}") for n in range(1, 5)]
    assert [x["published"][:10] for x in lines] == [f"2024-03-{10 + n}" for n in range(1, 5)]
    assert all(f"Article numéro {n}" in x["text"] for n, x in enumerate(lines, 1))  # story pages read
    # the same settings in sources.yaml give the same items in a run
    config = parse_config(f"sources:\n  - name: Ville\n    url: {url}\n    kind: listing\n"
                          "    max_pages: 2\n    selectors: {item: li.row, date: .when, next: a.suite}\n")
    outcome = crawl_source(config.sources[0], config)
    assert [a.title for a in outcome.articles] == TITLES


def test_extract_without_following_links_gives_the_teasers(site: HTTPServer) -> None:
    result = pressflow("extract", site.url_for("/actualites"), "--selector", "item=li.row",
                       "--no-follow-links")
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["title"] for x in lines] == TITLES[:2]
    assert not any("Article numéro" in x["text"] for x in lines)


def test_extract_refuses_a_bad_selector_with_a_hint() -> None:
    typo = pressflow("extract", "page.html", "--selector", "itme=li.row")
    assert typo.returncode == 2 and "unknown selector 'itme'; did you mean 'item'?" in typo.stderr
    broken = pressflow("extract", "page.html", "--selector", "item=li[")
    assert broken.returncode == 2 and "item='li[' is not a CSS selector" in broken.stderr


def test_feed_on_an_html_page_gives_the_message_run_gives(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/news").respond_with_data(
        "<!doctype html><html><head><link rel='alternate' type='application/rss+xml' "
        "href='/news/rss'></head><body><p>News</p><br></body></html>", content_type="text/html")
    httpserver.expect_request("/plain").respond_with_data(
        "<!doctype html><html><body><p>News<br></p></body></html>", content_type="text/html")
    for path, hint in (("/news", f"the page announces a feed at {httpserver.url_for('/news/rss')}"),
                       ("/plain", "use kind: page or kind: listing")):
        url = httpserver.url_for(path)
        cli = pressflow("feed", url)
        assert cli.returncode == 1
        assert "mismatched tag" not in cli.stderr
        message = f"not a feed: {url} serves an HTML page; "
        assert cli.stderr.startswith(f"Error: {message}") and hint in cli.stderr
        config = parse_config(f"sources:\n  - name: P\n    url: {url}\n    kind: feed\n")
        outcome = crawl_source(config.sources[0], config)
        assert f"Error: {outcome.error}\n" == cli.stderr
