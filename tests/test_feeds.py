"""Feed parsing: RSS 2.0, Atom 1.0 and RSS 1.0 (RDF), dates normalised to UTC."""

from __future__ import annotations

from datetime import UTC, datetime

from pressflow.crawl.feed_reader import parse_feed

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>WeGO</title><link>https://we-gov.org/</link>
<description>news</description><language>fr</language>
<item><title>WeGO accueille l'&lt;b&gt;ASAS&lt;/b&gt;</title><link>/2024/07/asas/</link>
<guid isPermaLink="false">wego-1</guid><pubDate>Fri, 12 Jul 2024 09:00:00 +0900</pubDate>
<description>&lt;p&gt;Premier paragraphe.&lt;/p&gt;&lt;p&gt;Second paragraphe.&lt;/p&gt;</description></item>
<item><title>Sans date</title><link>https://we-gov.org/sans-date/</link><description>Texte.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ro">
<title>ALDA</title><id>urn:alda</id><updated>2022-05-01T10:00:00+02:00</updated>
<link href="https://www.alda-europe.eu/"/>
<entry><title>Guvernare deschis\xc4\x83</title><id>urn:alda:1</id>
<link href="https://www.alda-europe.eu/avatar/"/>
<updated>2022-05-01T10:00:00+02:00</updated>
<content type="html">&lt;p&gt;Guvernarea deschis\xc4\x83 este un concept larg.&lt;/p&gt;</content></entry>
</feed>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://www.comune.milano.it/"><title>Comune</title>
<link>https://www.comune.milano.it/</link><description>x</description></channel>
<item rdf:about="https://www.comune.milano.it/a"><title>Delegazione di Seoul</title>
<link>https://www.comune.milano.it/a</link><dc:date>2019-06-07T12:00:00+02:00</dc:date>
<description>Il 6 giugno l'Unit\xc3\xa0 Smart City ha incontrato la delegazione.</description></item>
</rdf:RDF>"""


def test_rss2_entries_dates_links_and_markup() -> None:
    first, undated = parse_feed(RSS2, url="https://we-gov.org/feed/", source="WeGO")
    assert first.title == "WeGO accueille l'ASAS"  # HTML in titles stripped
    assert first.url == "https://we-gov.org/2024/07/asas/"  # relative link resolved
    assert first.guid == "wego-1"
    assert first.published == datetime(2024, 7, 12, 0, 0, tzinfo=UTC)
    assert first.text == "Premier paragraphe.\n\nSecond paragraphe."
    assert first.lang_hint == "fr"
    assert undated.published is None  # flagged missing, never "now"


def test_atom_entry_with_language_and_utc_date() -> None:
    (entry,) = parse_feed(ATOM, url="https://www.alda-europe.eu/feed.atom", source="ALDA")
    assert entry.published == datetime(2022, 5, 1, 8, 0, tzinfo=UTC)
    assert entry.lang_hint == "ro"
    assert "Guvernarea deschisă" in entry.text
    assert entry.url == "https://www.alda-europe.eu/avatar/"


def test_rss1_rdf_entry() -> None:
    (entry,) = parse_feed(RSS1, url="https://www.comune.milano.it/rss", source="Milano")
    assert entry.title == "Delegazione di Seoul"
    assert entry.published == datetime(2019, 6, 7, 10, 0, tzinfo=UTC)
    assert "Unità Smart City" in entry.text
