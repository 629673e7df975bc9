"""What readers get from a real nightly run (issue 15, points 1, 2 and 6).

Three http-only partners on a local server (a feed, a page behind a redirect, a listing
whose story links redirect), one real `pressflow run` subprocess, then the feeds and the
digest are read as a reader meets them:

- links are the address each article was read from (after redirects), never the
  https/no-www form used to find duplicates (which is dead for an http-only partner);
- times keep the source's offset; a date without a time is shown as a date;
- RSS and Atom pass the W3C Feed Validator's own code at level AA, JSON Feed has what
  version 1.1 requires.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest
from conftest import ROOT
from lxml import etree
from support.partner_site import partner_site

from pressflow.text.urls import canonical_url

VALIDATOR = ROOT.parent / "shared" / "tools" / "feedvalidator" / "validate.py"
LINK = "https://news.example.org/partners/"


def _article(title: str, date_line: str, text: str, more: str) -> str:
    return (f"<html lang='en'><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"<p class='date'>{date_line}</p><p>{text}</p><p>{more}</p></article></body></html>")


def _site(base: str) -> dict[str, tuple[int, str, str]]:
    rss = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Feed partner</title><link>{base}/</link><description>News</description>
<item><title>Council opens the new public library</title><link>{base}/news/library?id=7</link>
<guid isPermaLink="false">lib-7</guid><pubDate>Tue, 24 Nov 2026 09:30:00 +0100</pubDate>
<description>The city council opened the new public library in Lyon on Monday, with 300 visitors.</description></item>
<item><title>Weekly market moves to the cathedral square</title><link>{base}/news/market/</link>
<guid isPermaLink="false">mk-3</guid><dc:date>2026-11-23</dc:date>
<description>From December the weekly farmers market moves to the cathedral square in Porto.</description></item>
</channel></rss>"""
    listing = ("<html lang='en'><body><h1>News</h1><ul class='news'>"
               + "".join(f"<li class='item'><h2><a href='{base}/item/{n}'>{t}</a></h2>"
                         f"<span class='date'>2{n} November 2026</span><p>{t}.</p></li>"
                         for n, t in ((1, "Tram line extended to the airport"),
                                      (2, "New bicycle lanes on the river bank"),
                                      (3, "Winter shelter opens early this year")))
               + "</ul></body></html>")
    pages = {
        "/feed.xml": (200, "application/rss+xml", rss),
        "/old/harbour": (301, "text/plain", f"{base}/page/harbour-festival"),
        "/page/harbour-festival": (200, "text/html; charset=utf-8", _article(
            "Harbour festival draws record crowds", "Published 21 November 2026",
            "The harbour festival in Gdansk drew a record crowd of 40,000 people this weekend.",
            "Sailing ships from nine countries moored along the old quay for three days.")),
        "/news/library": (200, "text/html", "library page"),
        "/news/market/": (200, "text/html", "market page"),
        "/listing.html": (200, "text/html; charset=utf-8", listing),
    }
    for n, title, text, more in (
            (1, "Tram line extended to the airport", "Line 4 in Rotterdam now runs to the airport.",
             "Trams leave every ten minutes from the central station from early morning."),
            (2, "New bicycle lanes on the river bank", "Seville painted eight kilometres of lanes.",
             "Cyclists asked for the separated lanes in a petition signed by 12,000 residents."),
            (3, "Winter shelter opens early this year", "Tampere opened its night shelter on Monday.",
             "Volunteers serve hot soup to about sixty guests each evening until April.")):
        pages[f"/item/{n}"] = (302, "text/plain", f"{base}/stories/{n}.html")
        pages[f"/stories/{n}.html"] = (200, "text/html; charset=utf-8", _article(
            title, f"2{n} November 2026", text, more))
    return pages


@dataclass
class RunResult:
    out: Path
    base: str
    config: Path


def _config(path: Path, base: str, publish: str) -> Path:
    path.write_text(f"""sources:
  - name: Feed partner
    url: {base}/feed.xml
    language: en
  - name: Page partner
    url: {base}/old/harbour
    kind: page
    language: en
  - name: Listing partner
    url: {base}/listing.html
    kind: listing
    language: en
settings:
  output: out
  per_host_delay: 0
  translate: {{engine: none}}
  publish: {publish}
""", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def partner_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunResult]:
    with partner_site() as site:
        site.pages = _site(site.base)
        work = tmp_path_factory.mktemp("partners")
        config = _config(work / "sources.yaml", site.base, f'{{link: "{LINK}"}}')
        done = subprocess.run([sys.executable, "-m", "pressflow", "run", "--config", str(config), "-q"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        yield RunResult(out=work / "out", base=site.base, config=config)


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pressflow", *args], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _links(out: Path) -> dict[str, str]:
    """Title -> link, the same in RSS, Atom and JSON Feed."""
    rss = {e.title: e.link for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}
    atom = {e.title: e.link for e in feedparser.parse((out / "feed.atom").read_bytes()).entries}
    jsonfeed = {i["title"]: i["url"] for i in json.loads((out / "feed.json").read_text())["items"]}
    assert rss == atom == jsonfeed
    return rss


# -- 1. links ------------------------------------------------------------------------------
def test_links_are_the_fetched_addresses_and_answer(partner_run: RunResult) -> None:
    base = partner_run.base
    links = _links(partner_run.out)
    assert links["Council opens the new public library"] == f"{base}/news/library?id=7"
    assert links["Weekly market moves to the cathedral square"] == f"{base}/news/market/"
    # a page source behind a redirect, and listing stories behind redirects: where they were read
    assert links["Harbour festival draws record crowds"] == f"{base}/page/harbour-festival"
    assert links["Tram line extended to the airport"] == f"{base}/stories/1.html"
    for title, link in links.items():
        assert link.startswith("http://"), title  # never rewritten to https
        assert httpx.get(link).status_code == 200, (title, link)
        # the duplicate-detection form is dead for this http-only partner
        with pytest.raises(httpx.HTTPError):
            httpx.get(canonical_url(link), timeout=5)


def test_digest_and_markdown_link_the_fetched_addresses(partner_run: RunResult) -> None:
    base = partner_run.base
    html = etree.HTML((partner_run.out / "digest.html").read_bytes())
    hrefs = set(html.xpath("//article//h2/a/@href"))
    assert {f"{base}/news/library?id=7", f"{base}/page/harbour-festival",
            f"{base}/stories/2.html"} <= hrefs
    assert not any(h.startswith("https://localhost") for h in hrefs)
    markdown = _cli("digest", "--config", str(partner_run.config), "--format", "markdown")
    assert f"<{base}/stories/3.html>" in markdown and f"<{base}/news/library?id=7>" in markdown
    assert "https://localhost" not in markdown


# -- 2. times keep their zone ----------------------------------------------------------------
def test_times_keep_the_source_offset_in_every_format(partner_run: RunResult) -> None:
    out = partner_run.out
    rss = etree.parse(str(out / "feed.xml"))
    pub = rss.xpath("//item[title='Council opens the new public library']/pubDate/text()")
    assert pub == ["Tue, 24 Nov 2026 09:30:00 +0100"]
    atom = feedparser.parse((out / "feed.atom").read_bytes())
    library = next(e for e in atom.entries if e.title.startswith("Council opens"))
    assert library.published == "2026-11-24T09:30:00+01:00"
    items = {i["title"]: i for i in json.loads((out / "feed.json").read_text())["items"]}
    assert items["Council opens the new public library"]["date_published"] == "2026-11-24T09:30:00+01:00"
    html = etree.HTML((out / "digest.html").read_bytes())
    shown = html.xpath("//article[.//h2/a[starts-with(., 'Council opens')]]//time")[0]
    assert shown.text == "2026-11-24 09:30 +0100" and shown.get("datetime") == "2026-11-24T09:30:00+01:00"
    markdown = _cli("digest", "--config", str(partner_run.config), "--format", "markdown")
    assert "**Feed partner** · 2026-11-24 09:30 +0100 · language en" in markdown


def test_date_only_items_are_dates_not_midnight_utc(partner_run: RunResult) -> None:
    out = partner_run.out
    html = etree.HTML((out / "digest.html").read_bytes())
    for title, day in (("Weekly market", "2026-11-23"), ("Harbour festival", "2026-11-21"),
                       ("Tram line", "2026-11-21")):
        shown = html.xpath(f"//article[.//h2/a[starts-with(., '{title}')]]//time")[0]
        assert (shown.text, shown.get("datetime")) == (day, day), title
    assert "00:00 +0000" not in (out / "digest.html").read_text()
    markdown = _cli("digest", "--config", str(partner_run.config), "--format", "markdown")
    assert "**Feed partner** · 2026-11-23 · language en" in markdown
    assert "00:00 +0000" not in markdown
    # RSS needs a time: noon UTC keeps the calendar day for readers from UTC-11 to UTC+11
    rss = etree.parse(str(out / "feed.xml"))
    assert rss.xpath("//item[starts-with(title, 'Weekly market')]/pubDate/text()") == [
        "Mon, 23 Nov 2026 12:00:00 +0000"]
    items = {i["title"]: i for i in json.loads((out / "feed.json").read_text())["items"]}
    market = items["Weekly market moves to the cathedral square"]
    assert market["date_published"] == "2026-11-23T12:00:00+00:00" and market["_pressflow"]["date_only"]


def test_timezone_setting_moves_times_not_dates(partner_run: RunResult, tmp_path: Path) -> None:
    config = _config(tmp_path / "sources.yaml", partner_run.base,
                     f'{{link: "{LINK}", timezone: "Asia/Seoul"}}')
    out = tmp_path / "copy"
    out.mkdir()
    (out / "pressflow.db").write_bytes((partner_run.out / "pressflow.db").read_bytes())
    _cli("publish", "--config", str(config), "--output", str(out))
    html = etree.HTML((out / "digest.html").read_bytes())
    library = html.xpath("//article[.//h2/a[starts-with(., 'Council opens')]]//time")[0]
    assert library.text == "2026-11-24 17:30 +0900"
    market = html.xpath("//article[.//h2/a[starts-with(., 'Weekly market')]]//time")[0]
    assert market.text == "2026-11-23"
    pub = etree.parse(str(out / "feed.xml")).xpath(
        "//item[starts-with(title, 'Weekly market')]/pubDate/text()")
    assert pub == ["Mon, 23 Nov 2026 12:00:00 +0900"]
    bad = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config",
                          str(_config(tmp_path / "bad.yaml", partner_run.base, '{timezone: "Mars/Olympus"}')),
                          "--output", str(out)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Mars/Olympus" in bad.stderr and "bad.yaml" in bad.stderr


# -- 6. the W3C Feed Validator ---------------------------------------------------------------
def _validate(feed: Path, base: str) -> subprocess.CompletedProcess[str]:
    assert VALIDATOR.exists(), f"the W3C Feed Validator's code belongs at {VALIDATOR}"
    return subprocess.run([sys.executable, str(VALIDATOR), str(feed), "--base", base, "--level", "AA"],
                          capture_output=True, text=True, timeout=300)


def _check_json_feed(path: Path, self_url: str) -> None:
    """JSON Feed 1.1's required fields and formats (the validator reads XML only)."""
    feed = json.loads(path.read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["feed_url"] == self_url
    assert isinstance(feed["items"], list) and feed["items"]
    ids = [item["id"] for item in feed["items"]]
    assert len(set(ids)) == len(ids)
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_html") or item.get("content_text")
        assert urlsplit(item["url"]).scheme in ("http", "https")
        for key in ("date_published", "date_modified"):
            if key in item:
                assert "T" in item[key] and item[key][-6] in "+-", item[key]


def test_feeds_pass_the_w3c_validator_at_level_aa(partner_run: RunResult) -> None:
    out = partner_run.out
    atom = (out / "feed.atom").read_text()
    assert "<category" in atom  # entity categories are checked too
    for name in ("feed.xml", "feed.atom"):
        done = _validate(out / name, LINK + name)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    ids = [e.id for e in feedparser.parse(atom.encode()).entries]
    assert ids and all(i.startswith("tag:news.example.org,") for i in ids)
    assert "pressflow:" not in atom
    _check_json_feed(out / "feed.json", LINK + "feed.json")


def test_without_publish_link_the_feeds_name_an_absolute_local_address(partner_run: RunResult,
                                                                       tmp_path: Path) -> None:
    config = _config(tmp_path / "sources.yaml", partner_run.base, "{}")
    out = tmp_path / "local"
    out.mkdir()
    (out / "pressflow.db").write_bytes((partner_run.out / "pressflow.db").read_bytes())
    _cli("publish", "--config", str(config), "--output", str(out))
    address = f"file://localhost{out.resolve().as_posix()}/"
    for name in ("feed.xml", "feed.atom"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert [link.href for link in parsed.feed.links if link.rel == "self"] == [address + name]
        done = _validate(out / name, address + name)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr
    _check_json_feed(out / "feed.json", address + "feed.json")
