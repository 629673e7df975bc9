"""Feeds that try to hurt: entity expansion, external entities, truncation, odd encodings,
entries missing link, guid, title or date; plus RSS 0.91 and Atom 0.3."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressflow.crawl.feed_reader import parse_feed
from pressflow.errors import FeedParseError

ITEM = ("<item><title>Harbour plan</title><link>https://port.example/n/1</link>"
        "<description>The plan was adopted.</description></item>")


def rss(items: str, head: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{head}<rss version="2.0"><channel>'
            f"<title>Port</title><link>https://port.example/</link><description>d</description>"
            f"{items}</channel></rss>").encode()


def test_billion_laughs_does_not_expand() -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
    doc = rss("<item><title>&lol9;</title><link>https://port.example/n/1</link>"
              "<description>x</description></item>", f"<!DOCTYPE rss [{entities}]>\n")
    (entry,) = parse_feed(doc, url="https://port.example/feed")
    assert len(entry.title) < 100  # not 10**9 characters


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    doc = rss("<item><title>a &xxe; b</title><link>https://port.example/n/1</link>"
              "<description>&xxe;</description></item>",
              f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n')
    entries = parse_feed(doc, url="https://port.example/feed")
    assert all("TOP-SECRET" not in (e.title + e.text) for e in entries)


def test_truncated_feed_keeps_the_entries_it_could_read() -> None:
    whole = rss(ITEM + ITEM.replace("/n/1", "/n/2").replace("Harbour", "Museum"))
    cut = whole[: whole.index(b"Museum") + 20]
    entries = parse_feed(cut, url="https://port.example/feed")
    assert [e.title for e in entries][:1] == ["Harbour plan"]


def test_html_page_or_garbage_is_a_clear_feed_error() -> None:
    with pytest.raises(FeedParseError, match="not a readable feed"):
        parse_feed(b"<<<>>> \x00\x01 not xml at all", url="https://port.example/feed")


def test_utf16_and_windows1252_feeds() -> None:
    doc = rss(ITEM.replace("Harbour plan", "Plan du port, été")).decode()
    utf16 = doc.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    (entry,) = parse_feed(utf16, url="https://port.example/feed")
    assert entry.title == "Plan du port, été"
    cp = doc.replace('encoding="utf-8"', 'encoding="windows-1252"').encode("cp1252")
    (entry,) = parse_feed(cp, url="https://port.example/feed")
    assert entry.title == "Plan du port, été"


def test_entries_without_link_guid_or_date() -> None:
    doc = rss("<item><title>Only a title</title><description>Body text.</description></item>"
              "<item><description>Only a description, no title at all.</description>"
              "<guid isPermaLink='false'>tag-7</guid></item>")
    first, second = parse_feed(doc, url="https://port.example/feed")
    assert first.published is None and first.url.startswith("https://port.example/feed#")
    assert second.guid == "tag-7" and second.url == "https://port.example/feed#tag-7"
    assert second.title.startswith("Only a description")


def test_relative_links_resolve_against_the_feed_address_and_xml_base() -> None:
    doc = rss("<item><title>Rel</title><link>../n/5</link><description>x</description></item>")
    (entry,) = parse_feed(doc, url="https://port.example/news/feed.xml")
    assert entry.url == "https://port.example/n/5"
    atom = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
 xml:base="https://cdn.example/base/"><title>t</title><id>urn:t</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>A</title><id>urn:a</id><link href="a.html"/><updated>2024-01-02T00:00:00Z</updated>
<summary>s</summary></entry></feed>"""
    (entry,) = parse_feed(atom, url="https://port.example/feed.atom")
    assert entry.url == "https://cdn.example/base/a.html"


def test_rss091_and_atom03() -> None:
    rss091 = b"""<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
 "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>Old</title>
<link>https://old.example/</link><description>d</description><language>de</language>
<item><title>Stadtfest &amp; Markt</title><link>https://old.example/1</link>\
<description>Am Samstag.</description></item>
</channel></rss>"""
    (entry,) = parse_feed(rss091, url="https://old.example/rss")
    assert entry.title == "Stadtfest & Markt" and entry.lang_hint == "de"
    atom03 = b"""<?xml version="1.0"?><feed version="0.3" xmlns="http://purl.org/atom/ns#" xml:lang="es">
<title>Viejo</title><link rel="alternate" type="text/html" href="https://viejo.example/"/>
<modified>2005-07-31T12:29:29Z</modified><entry><title>Feria</title>
<link rel="alternate" type="text/html" href="https://viejo.example/feria"/><id>urn:f</id>
<issued>2005-07-31T12:29:29Z</issued><modified>2005-07-31T12:29:29Z</modified>
<content type="text/html" mode="escaped">&lt;p&gt;La feria abre.&lt;/p&gt;</content></entry></feed>"""
    (entry,) = parse_feed(atom03, url="https://viejo.example/atom")
    assert entry.url == "https://viejo.example/feria" and entry.lang_hint == "es"
    assert entry.published is not None and entry.published.year == 2005
    assert "La feria abre." in entry.text


def test_content_type_is_sniffed_not_trusted(tmp_path: Path) -> None:
    from pressflow.config import parse_config
    from pressflow.crawl.stage import crawl_source

    feed_as_page = tmp_path / "feed.html"  # an RSS document named and served as a page
    feed_as_page.write_bytes(rss(ITEM))
    page_as_feed = tmp_path / "page.xml"
    page_as_feed.write_text("<!doctype html><html><head><link rel='alternate' "
                            "type='application/rss+xml' href='/news/rss'></head><body><p>Hi</p>"
                            "</body></html>")
    config = parse_config(f"sources:\n  - name: A\n    url: {feed_as_page}\n    kind: page\n"
                          f"  - name: B\n    url: {page_as_feed}\n    kind: feed\n")
    a = crawl_source(config.sources[0], config)
    assert a.status == "ok" and a.articles[0].title == "Harbour plan"
    b = crawl_source(config.sources[1], config)
    assert b.status == "failed" and "serves an HTML page" in b.error
    utf16 = rss(ITEM).decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    from pressflow.crawl.feed_reader import looks_like_feed
    assert looks_like_feed(utf16)
