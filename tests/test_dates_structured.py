"""Publication dates from a page's markup: the forms public pages write them in (issue 17).

Each page below is written here in the shape found on public pages whose gold dates
``benchmarks/dates.py`` measures (readability, goose3 and newspaper4k test pages), with
other contents; each form was missed before.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from bs4 import BeautifulSoup

from pressflow.crawl.dates import date_from_structured
from pressflow.crawl.extract import extract_page


def _day(html: str) -> date | None:
    found = date_from_structured(BeautifulSoup(html, "lxml"))
    return found.date() if found else None


ARTICLE = "<h1>Council approves the new bus lanes</h1>" + "<p>The city council voted on Tuesday. </p>" * 20


def test_jsonld_wrapped_in_cdata_is_read() -> None:
    html = ("<html><head><script type='application/ld+json'>\n  <![CDATA[\n  "
            '{"@context":"https://schema.org","@type":"BlogPosting","datePublished":"2024-06-25"}\n  ]]>\n'
            "</script></head><body>" + ARTICLE + "</body></html>")
    assert _day(html) == date(2024, 6, 25)


def test_jsonld_in_a_comment_with_a_semicolon_is_read() -> None:
    html = ("<html><head><script type='application/ld+json'><!--\n"
            '{"@type":"NewsArticle","datePublished":"2021-03-04T10:00:00Z"};\n-->'
            "</script></head><body>" + ARTICLE + "</body></html>")
    assert _day(html) == date(2021, 3, 4)


def test_meta_publication_time_wins_over_jsonld_date_created() -> None:
    """dateCreated is weaker evidence than a publication tag; the tag's own offset names the day."""
    html = ("<html><head><meta property='article:published_time' content='2017-02-23T17:18:13-08:00'>"
            "<script type='application/ld+json'>"
            '{"@type":"WebPage","dateCreated":"2017-02-24T01:18:13Z"}'
            "</script></head><body>" + ARTICLE + "</body></html>")
    assert _day(html) == date(2017, 2, 23)


@pytest.mark.parametrize("value", ["1676551869", "1676551869000"])
def test_unix_time_in_jsonld(value: str) -> None:
    html = ("<html><head><script type='application/ld+json'>"
            f'{{"@type":"NewsArticle","datePublished":{value}}}'
            "</script></head><body>" + ARTICLE + "</body></html>")
    found = date_from_structured(BeautifulSoup(html, "lxml"))
    assert found == datetime(2023, 2, 16, 12, 51, 9, tzinfo=UTC)


@pytest.mark.parametrize("meta", [
    "<meta name='OriginalPublicationDate' content='2014-06-30T16:54:02+00:00'>",
    "<meta property='rnews:datePublished' content='2014-06-30T11:53:04+00:00'>",
    """<meta name='parsely-page' content='{"title": "x", "pub_date": "2014-06-30T12:00:00Z"}'>""",
])
def test_other_publication_meta_tags(meta: str) -> None:
    assert _day(f"<html><head>{meta}</head><body>{ARTICLE}</body></html>") == date(2014, 6, 30)


def test_element_marked_date_published_and_pubdate_class_with_a_machine_date() -> None:
    itemprop = f"<html><body>{ARTICLE}<span itemprop='datePublished'>2019-05-02</span></body></html>"
    assert _day(itemprop) == date(2019, 5, 2)
    pubdate = f"<html><body><div class='pubdate'>\n 2014-11-23T16:00:00+04:00\n</div>{ARTICLE}</body></html>"
    assert _day(pubdate) == date(2014, 11, 23)
    prose = (f"<html><body><div class='published'>Published by the press office, see the archive "
            f"of 2014-11-23 and later notes</div>{ARTICLE}</body></html>")
    assert _day(prose) is None  # a class saying "published" over prose is no date


def test_extract_page_dates_a_cdata_jsonld_page() -> None:
    """The crawl's own reader gets the date too (the page's text is unchanged)."""
    html = ("<html lang='en'><head><script type='application/ld+json'>//<![CDATA[\n"
            '{"@type":"NewsArticle","datePublished":"2020-07-10T08:00:00Z"}\n//]]>'
            "</script></head><body><article>" + ARTICLE + "</article></body></html>")
    page = extract_page(html, "https://example.org/news/bus-lanes")
    assert page.published is not None and page.published.date() == date(2020, 7, 10)
    assert "council voted" in page.text
