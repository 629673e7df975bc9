"""Listing pages: the demo's news index, CSS selectors, pagination, depth-1 link rules, and
a second crawl of an unchanged listing costing one conditional request."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from pressflow.config import load_config, parse_config
from pressflow.crawl.listing import find_items, next_page_url
from pressflow.crawl.stage import crawl_source

DEMO = Path(__file__).resolve().parent.parent / "demo"
ARTICLE = ("<html lang='{lang}'><head><meta property='article:published_time' content='{date}'>"
           "</head><body><article><h1>{title}</h1><p>{title}: the full story, with enough words "
           "to count as an article body on any extractor that reads it.</p><p>Second paragraph "
           "of the story about {title}.</p></article></body></html>")


@pytest.fixture
def server():
    srv = HTTPServer(threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


def test_demo_listing_yields_each_story_with_its_own_date() -> None:
    config = load_config(DEMO / "sources.yaml")
    source = next(s for s in config.sources if s.kind == "listing")
    outcome = crawl_source(source, config)
    assert outcome.status == "ok", outcome.error
    articles = outcome.articles
    assert len(articles) == 10
    assert len({a.url for a in articles}) == 10
    assert all(a.published is not None for a in articles)
    assert len({a.published.date() for a in articles}) == 10  # each its own date
    assert all("/uclg/" in a.url for a in articles)  # item pages, not the listing
    by_title = {a.title: a for a in articles}
    covid = by_title["Digital Technologies and the COVID-19 Pandemic"]
    assert covid.lang_hint == "en" and covid.published.date().isoformat() == "2020-04-17"
    assert by_title["Soluciones ciudadanas"].lang_hint == "es"
    assert all("cookies" not in a.text for a in articles)


@pytest.mark.slow
def test_extract_command_prints_one_line_per_listing_item() -> None:
    page = DEMO / "pages" / "uclg-digitalcities-news-fr.html"
    out = subprocess.run([sys.executable, "-m", "pressflow", "extract", str(page)],
                         capture_output=True, text=True, check=True).stdout
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 10
    assert all(set(line) >= {"title", "text", "published", "lang"} for line in lines)
    article = DEMO / "pages" / "milano-seoul-delegation.html"
    out = subprocess.run([sys.executable, "-m", "pressflow", "extract", str(article)],
                         capture_output=True, text=True, check=True).stdout
    (one,) = [json.loads(line) for line in out.splitlines()]
    assert one["published"].startswith("2019-06-24") and one["lang"] == "it"


def test_css_selectors_override_the_guess() -> None:
    html = """<html><body><div class="grid">
      <div class="card"><span class="kicker">Mobilité</span><a class="go" href="/a">Lire</a>
        <div class="t">Navette gratuite en septembre</div><em class="when">3 septembre 2024</em>
        <p class="sum">La navette devient gratuite.</p></div>
      <div class="card"><span class="kicker">Culture</span><a class="go" href="/b">Lire</a>
        <div class="t">Nuit des musées</div><em class="when">18 mai 2024</em>
        <p class="sum">Les musées ouvrent la nuit.</p></div></div></body></html>"""
    assert find_items(html, "https://ville.example/actu/") == []  # no headings: no guess
    items = find_items(html, "https://ville.example/actu/", language="fr", selectors={
        "item": "div.card", "title": ".t", "link": "a.go", "date": ".when", "text": ".sum"})
    assert [(i.title, i.url, i.published.date().isoformat(), i.teaser) for i in items] == [
        ("Navette gratuite en septembre", "https://ville.example/a", "2024-09-03",
         "La navette devient gratuite."),
        ("Nuit des musées", "https://ville.example/b", "2024-05-18", "Les musées ouvrent la nuit."),
    ]


def test_next_page_link_in_several_forms() -> None:
    base = "https://ville.example/actu/"
    assert next_page_url('<link rel="next" href="?page=2">', base) == base + "?page=2"
    assert next_page_url('<a href="/actu/p2">Suivant ›</a>', base) == "https://ville.example/actu/p2"
    assert next_page_url('<a class="page-next" href="p2">2</a>', base) == base + "p2"
    assert next_page_url('<a href="/x">Accueil</a>', base) is None


def _listing(server: HTTPServer, page: int, last: bool) -> str:
    items = "".join(
        f'<article class="teaser"><h3><a href="/news/{page}-{i}">Story {page}-{i} from the port'
        f'</a></h3><time datetime="2024-0{page}-1{i}">1{i}/0{page}/2024</time><p>Teaser.</p></article>'
        for i in range(3))
    other = '<article class="teaser"><h3><a href="https://elsewhere.example/x">Partner story ' \
            'on another site</a></h3><p>Teaser elsewhere.</p></article>' if page == 1 else ""
    nxt = "" if last else f'<a rel="next" href="/news?page={page + 1}">Next</a>'
    return f"<html lang='en'><body><main>{items}{other}</main><nav>{nxt}</nav></body></html>"


def test_pagination_depth_one_and_a_second_run_costs_one_request(server: HTTPServer) -> None:
    hits: list[str] = []

    def listing(request: Request) -> Response:
        hits.append(request.full_path)
        page = int(request.args.get("page", 1))
        if page == 1 and request.headers.get("If-None-Match") == '"L1"':
            return Response(status=304)
        return Response(_listing(server, page, last=page == 2), content_type="text/html",
                        headers={"ETag": f'"L{page}"'})

    def article(request: Request) -> Response:
        hits.append(request.path)
        slug = request.path.rsplit("/", 1)[1]
        page, i = slug.split("-")
        return Response(ARTICLE.format(lang="en", date=f"2024-0{page}-1{i}T09:00:00Z",
                                       title=f"Story {slug} in full"), content_type="text/html")

    server.expect_request("/news").respond_with_handler(listing)
    for page in (1, 2, 3):
        for i in range(3):
            server.expect_request(f"/news/{page}-{i}").respond_with_handler(article)
    config = parse_config(
        "settings:\n  per_host_delay: 0\nsources:\n"
        f"  - name: Port\n    url: {server.url_for('/news')}\n    kind: listing\n"
        "    max_pages: 5\n    robots: local test server\n")
    source = config.sources[0]
    first = crawl_source(source, config)
    assert first.status == "ok", first.error
    titles = sorted(a.title for a in first.articles)
    assert len(titles) == 7  # 3 + 3 stories over two pages, + the one on another site
    assert "Story 1-0 in full" in titles and "Story 2-2 in full" in titles
    other = next(a for a in first.articles if "elsewhere" in a.url)
    assert other.title == "Partner story on another site" and other.text == "Teaser elsewhere."
    assert not any("elsewhere" in h for h in hits)  # depth 1 stays on the site
    assert {a.published.date().isoformat() for a in first.articles if "elsewhere" not in a.url} \
        == {f"2024-0{p}-1{i}" for p in (1, 2) for i in range(3)}

    hits.clear()
    second = crawl_source(source, config, etag=first.etag)
    assert second.status == "unchanged" and second.articles == []
    assert hits == ["/news?"] or hits == ["/news"]  # one conditional request, nothing parsed


def test_local_listing_never_opens_files_outside_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "items").mkdir(parents=True)
    secret = tmp_path / "secret.html"
    secret.write_text(ARTICLE.format(lang="en", date="2024-01-01", title="SECRET PAGE"))
    (folder / "items" / "ok.html").write_text(
        ARTICLE.format(lang="en", date="2024-02-02T10:00:00Z", title="Allowed story"))
    (folder / "index.html").write_text(
        "<html><body><main>"
        "<article><h2><a href='items/ok.html'>Allowed story on the index</a></h2></article>"
        "<article><h2><a href='../secret.html'>Secret story outside the folder</a></h2></article>"
        "<article><h2><a href='file:///etc/passwd'>Password file of the machine</a></h2></article>"
        "</main></body></html>")
    config = parse_config(f"sources:\n  - name: Local\n    url: {folder / 'index.html'}\n"
                          "    kind: listing\n")
    outcome = crawl_source(config.sources[0], config)
    assert outcome.status == "ok", outcome.error
    texts = " ".join(a.title + a.text for a in outcome.articles)
    assert "Allowed story" in texts and "the full story" in texts
    assert "SECRET PAGE" not in texts and "root:" not in texts


def test_a_changed_listing_fetches_only_the_new_stories(server: HTTPServer) -> None:
    hits: list[str] = []
    count = {"n": 2}

    def listing(request: Request) -> Response:
        items = "".join(f'<article><h2><a href="/s/{i}">Story {i} of the harbour town</a></h2>'
                        f"<p>Teaser {i}.</p></article>" for i in range(count["n"]))
        return Response(f"<html><body><main>{items}</main></body></html>",
                        content_type="text/html")

    def story(request: Request) -> Response:
        hits.append(request.path)
        n = request.path.rsplit("/", 1)[1]
        return Response(ARTICLE.format(lang="en", date="2024-05-0%sT08:00:00Z" % (int(n) + 1),
                                       title=f"Story {n} in full"), content_type="text/html")

    server.expect_request("/news").respond_with_handler(listing)
    for i in range(3):
        server.expect_request(f"/s/{i}").respond_with_handler(story)
    config = parse_config(
        "settings:\n  per_host_delay: 0\nsources:\n"
        f"  - name: Port\n    url: {server.url_for('/news')}\n    kind: listing\n"
        "    robots: local test server\n")
    first = crawl_source(config.sources[0], config)
    assert sorted(hits) == ["/s/0", "/s/1"]
    hits.clear()
    count["n"] = 3
    second = crawl_source(config.sources[0], config, known_urls={a.url for a in first.articles})
    assert hits == ["/s/2"]  # stories already stored are not fetched again
    assert [a.title for a in second.articles] == ["Story 2 in full"]
    assert second.known_skipped == 2


# Article-or-listing decision (issue 17): pages written for these tests.
STORY = ("<p>The city council approved the new flood plan on Tuesday after a long public "
         "consultation that drew more than four hundred written comments from residents.</p>"
         "<p>Engineers will raise the embankment by half a metre along the old harbour and plant "
         "a strip of wetland that can hold back water during the spring storms.</p>"
         "<p>The mayor said the first works start in March, paid by the regional resilience fund, "
         "with no increase in local taxes for the households concerned.</p>"
         "<p>Residents can follow the works on a weekly map and ask questions at the town hall "
         "desk every Thursday afternoon, or write to the project team.</p>")
# A mega-menu outside <nav>: each column a heading with its link, as many CMS themes write it.
MEGA_MENU = "<div class='mega'>" + "".join(
    f"<div class='col'><h3><a href='/{slug}/'>{title}</a></h3><ul><li><a href='/{slug}/a'>Overview</a>"
    f"</li><li><a href='/{slug}/b'>Contacts and opening hours</a></li></ul></div>"
    for slug, title in (("living", "Living in the city"), ("business", "Business and jobs"),
                        ("culture", "Culture and leisure"), ("council", "The city council"),
                        ("mobility", "Mobility and transport"), ("services", "Online services"))) + "</div>"


def _story_list(n: int) -> str:
    return "".join(
        f"<div class='teaser'><h2><a href='/news/story-{i}'>Story number {i} of the week</a></h2>"
        f"<span class='date'>{i + 1:02d}/07/2024</span><p>A short teaser for story {i}.</p></div>"
        for i in range(n))


def test_an_article_under_a_big_menu_is_one_article() -> None:
    from pressflow.crawl.listing import looks_like_listing

    html = (f"<html lang='en'><head><title>Flood plan</title></head><body>{MEGA_MENU}"
            f"<h1>Flood plan approved</h1>{STORY}</body></html>")
    assert not looks_like_listing(html, "https://city.example/news/flood-plan")


def test_a_page_whose_text_is_its_items_is_a_listing_even_with_a_long_menu() -> None:
    from pressflow.crawl.listing import looks_like_listing

    html = (f"<html lang='en'><body>{MEGA_MENU}<h1>News</h1><p>Latest news from the town hall.</p>"
            f"{_story_list(8)}</body></html>")
    assert looks_like_listing(html, "https://city.example/news/")


def test_the_page_metadata_decides_before_the_layout() -> None:
    from pressflow.crawl.listing import declared_page_kind, looks_like_listing

    # an index that describes its stories in JSON-LD is a listing, even where the theme
    # stamps og:type=article on every page
    item_list = ('<script type="application/ld+json">{"@context": "https://schema.org", '
                 '"@type": "ItemList", "itemListElement": []}</script>')
    html = (f"<html><head><meta property='og:type' content='article'>{item_list}</head>"
            f"<body><h1>News</h1>{_story_list(5)}</body></html>")
    assert declared_page_kind(BeautifulSoup(html, "lxml")) == "listing"
    assert looks_like_listing(html, "https://city.example/news/")
    # a NewsArticle inside @graph is an article, whatever blocks of related stories follow it
    graph = ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
             '{"@type": ["NewsArticle"], "headline": "Flood plan"}]}</script>')
    html = f"<html><head>{graph}</head><body><h1>Flood plan</h1><p>Short.</p>{_story_list(6)}</body></html>"
    assert declared_page_kind(BeautifulSoup(html, "lxml")) == "article"
    assert not looks_like_listing(html, "https://city.example/news/flood-plan")


def test_extract_command_prints_one_article_for_a_page_with_a_big_menu(tmp_path: Path) -> None:
    page = tmp_path / "flood-plan.html"
    page.write_text(f"<html lang='en'><body>{MEGA_MENU}<h1>Flood plan approved</h1>{STORY}</body></html>",
                    encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "pressflow", "extract", str(page)],
                         capture_output=True, text=True, check=True).stdout
    (one,) = [json.loads(line) for line in out.splitlines()]
    assert "strip of wetland" in one["text"]
    assert "Contacts and opening hours" not in one["text"]
