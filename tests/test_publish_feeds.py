"""The three feeds: valid (feedparser, RFC 4287 RELAX NG, JSON Feed 1.1), complete, safe."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree
from support.publish import Fixture, build_store, story_of

from pressflow.config import Config
from pressflow.editorial import decisions as editorial
from pressflow.publish import publish_outputs
from pressflow.store import Store

ATOM_RNG = Path(__file__).parent / "data" / "publish" / "atom-rfc4287.rng"
ATOM = "{http://www.w3.org/2005/Atom}"


def publish(fx: Fixture) -> Path:
    with Store(fx.db) as store:
        publish_outputs(store, fx.config)
    return fx.db.parent


@pytest.fixture
def fx(tmp_path: Path) -> Fixture:
    return build_store(tmp_path)


def guids(out: Path) -> list[int]:
    """The stories of the RSS feed, in order (from each item's tag: id)."""
    return [story_of(e.id) for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]


def test_rss_and_atom_parse_without_bozo(fx: Fixture) -> None:
    out = publish(fx)
    for name in ("feed.xml", "feed.atom"):
        parsed = feedparser.parse((out / name).read_bytes())
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        assert len(parsed.entries) == 5
        assert parsed.feed.title == "Test partner news"
        self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
        assert self_links == [f"https://news.example.org/{name}"]
    assert feedparser.parse((out / "feed.xml").read_bytes()).version == "rss20"
    assert feedparser.parse((out / "feed.atom").read_bytes()).version == "atom10"


def test_atom_validates_against_rfc4287_relax_ng(fx: Fixture) -> None:
    out = publish(fx)
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    doc = etree.parse(str(out / "feed.atom"))
    assert schema.validate(doc), schema.error_log
    # the schema's Schematron rules, which RELAX NG itself does not check
    root = doc.getroot()
    for entry in root.iterfind(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author") is not None or root.find(f"{ATOM}author") is not None
        alternates = [link for link in entry.iterfind(f"{ATOM}link")
                      if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1, etree.tostring(entry)


def test_schema_rejects_a_broken_atom_file() -> None:
    """The schema is really applied: a feed without id and with a bad date fails."""
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    bad = etree.fromstring(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>'
                           b"<updated>2024-01-01 10:00</updated></feed>")
    assert not schema.validate(bad)


def test_json_feed_has_the_required_fields(fx: Fixture) -> None:
    out = publish(fx)
    feed = json.loads((out / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["feed_url"] == "https://news.example.org/feed.json"
    assert isinstance(feed["items"], list) and len(feed["items"]) == 5
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"].startswith("tag:news.example.org,")
        assert item.get("content_html") or item.get("content_text")
        for key in ("date_published", "date_modified"):
            if key in item:  # RFC 3339 with an offset
                assert datetime.fromisoformat(item[key]).tzinfo is not None
        assert all(k.startswith("_") or k in {
            "id", "url", "external_url", "title", "content_html", "content_text", "summary",
            "image", "banner_image", "date_published", "date_modified", "authors", "tags",
            "language", "attachments"} for k in item)
    lyon = next(i for i in feed["items"] if story_of(i["id"]) == fx.lyon)
    assert lyon["title"] == "Lyon welcomes the smart cities summit"
    assert lyon["_pressflow"]["original_language"] == "fr"
    assert lyon["_pressflow"]["also_reported_by"][0]["source"] == "Lyon City English"
    assert lyon["tags"] == ["Grégory Doucet", "Lyon"]


def test_items_carry_english_text_link_language_source_categories(fx: Fixture) -> None:
    out = publish(fx)
    atom = feedparser.parse((out / "feed.atom").read_bytes())
    lyon = next(e for e in atom.entries if story_of(e.id) == fx.lyon)
    assert lyon.title == "Lyon welcomes the smart cities summit"
    assert "The City of Lyon welcomes the summit." in lyon.summary
    assert "Also reported by" in lyon.summary and "Lyon City English" in lyon.summary
    assert lyon.link == "https://lyon.example/actu/smart-city"
    alternate = next(link for link in lyon.links if link.rel == "alternate")
    assert alternate.hreflang == "fr"
    assert [link.href for link in lyon.links if link.rel == "related"] == [
        "https://lyon.example/en/smart-city"]
    assert lyon.author == "Ville de Lyon"
    assert sorted(t.term for t in lyon.tags) == ["Grégory Doucet", "Lyon"]
    rss = feedparser.parse((out / "feed.xml").read_bytes())
    item = next(e for e in rss.entries if story_of(e.id) == fx.lyon)
    assert item.guidislink is False
    assert "Original language: fr" in item.summary
    assert sorted(t.term for t in item.tags) == ["Grégory Doucet", "Lyon"]
    milano = next(e for e in rss.entries if story_of(e.id) == fx.milano)
    assert "Not translated yet" in milano.summary  # honest about the Italian original


def test_dates_keep_their_timezone(fx: Fixture) -> None:
    out = publish(fx)
    text = (out / "feed.xml").read_text()
    rss = feedparser.parse(text.encode())
    lyon = next(e for e in rss.entries if story_of(e.id) == fx.lyon)
    raw = etree.fromstring(text.encode()).xpath(
        f"//item[guid='{lyon.id}']/pubDate/text()")[0]
    assert raw.endswith("+0200")  # the source's Paris offset, not shifted or dropped
    with Store(fx.db) as store:
        stored = datetime.fromisoformat(store.db["articles"].get(fx.lyon_fr)["published"])
    assert parsedate_to_datetime(raw) == stored
    assert lyon.published_parsed is not None
    atom = etree.parse(str(out / "feed.atom")).getroot()
    for value in atom.xpath("//a:updated/text() | //a:published/text()", namespaces={"a": ATOM[1:-1]}):
        assert datetime.fromisoformat(value).tzinfo is not None, value


def test_guids_are_stable_and_rejected_stories_leave(fx: Fixture) -> None:
    out = publish(fx)
    first = guids(out)
    assert first == guids(publish(fx))  # re-publishing never renumbers
    with Store(fx.db) as store:
        editorial.reject(store, fx.madrid, editor="Ana")
    after = guids(publish(fx))
    assert fx.madrid not in after
    assert after == [g for g in first if g != fx.madrid]
    assert fx.madrid not in [i["id"] for i in json.loads((out / "feed.json").read_text())["items"]]


def test_require_approval_publishes_only_approved(tmp_path: Path) -> None:
    fx = build_store(tmp_path, publish={"require_approval": True, "link": "https://n.example/"})
    assert guids(publish(fx)) == []
    with Store(fx.db) as store:
        editorial.approve(store, fx.lyon, editor="Ana")
    assert guids(publish(fx)) == [fx.lyon]


def test_window_by_days_and_max_items(tmp_path: Path) -> None:
    fx = build_store(tmp_path, publish={"days": 30, "link": "https://n.example/"})
    ids = guids(publish(fx))
    assert fx.old not in ids and len(ids) == 4
    fx.config = Config.from_mapping({"output": str(fx.db.parent),
                                     "publish": {"max_items": 2, "link": "https://n.example/"}})
    assert guids(publish(fx)) == [fx.lyon, fx.madrid]


def test_edited_translation_reaches_the_feed(fx: Fixture) -> None:
    with Store(fx.db) as store:
        editorial.edit_translation(store, fx.milano_it, title="Milan meets Seoul",
                                   text="The City of Milan met a delegation from Seoul.",
                                   editor="Ana")
    rss = feedparser.parse((publish(fx) / "feed.xml").read_bytes())
    milano = next(e for e in rss.entries if story_of(e.id) == fx.milano)
    assert milano.title == "Milan meets Seoul"
    assert "The City of Milan met a delegation from Seoul." in milano.summary
    assert "Not translated" not in milano.summary


def _html_is_inert(fragment: str) -> None:
    doc = lxml.html.fragment_fromstring(fragment, create_parent="div")
    assert not doc.xpath("//script|//img|//svg|//iframe|//object|//embed|//style")
    for el in doc.iter():
        for name, value in el.attrib.items():
            assert not name.lower().startswith("on"), (name, value)
            if name in ("href", "src"):
                assert value.startswith(("http://", "https://")), value


def test_hostile_article_cannot_run_anything_in_a_feed(fx: Fixture) -> None:
    out = publish(fx)
    rss = feedparser.parse((out / "feed.xml").read_bytes(), sanitize_html=False)
    atom = feedparser.parse((out / "feed.atom").read_bytes(), sanitize_html=False)
    feed = json.loads((out / "feed.json").read_text())
    for parsed in (rss, atom):
        entry = next(e for e in parsed.entries if story_of(e.id) == fx.hostile)
        assert entry.title == "Evil news"  # markup stripped from the title
        _html_is_inert(entry.summary)
        assert entry.link.startswith("https://news.example.org/")  # never javascript:
        for link in entry.links:
            assert link.href.startswith("https://"), link.href
    item = next(i for i in feed["items"] if story_of(i["id"]) == fx.hostile)
    _html_is_inert(item["content_html"])
    assert item["url"].startswith("https://") and item["title"] == "Evil news"
    assert all("<" not in t for t in item.get("tags", []))


def test_control_characters_from_a_source_do_not_break_the_feed(fx: Fixture) -> None:
    with Store(fx.db) as store:
        store.db["translations"].update((fx.lyon_fr, "en"), {"title": "Bad\x0b title\x01"})
    out = publish(fx)
    assert feedparser.parse((out / "feed.atom").read_bytes()).bozo == 0


def test_publish_command_writes_all_files(fx: Fixture, tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(f"settings:\n  output: {fx.db.parent}\n  publish:\n"
                      "    link: https://news.example.org/\nsources: []\n")
    done = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config", str(config)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "5 stories published" in done.stdout
    for name in ("feed.xml", "feed.atom", "feed.json", "digest.html"):
        assert (fx.db.parent / name).stat().st_size > 0
    assert not list(fx.db.parent.glob(".*.tmp"))  # atomic writes leave no temporary file


def test_publish_without_a_database_says_so(tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text("settings:\n  output: out\nsources: []\n")
    done = subprocess.run([sys.executable, "-m", "pressflow", "publish", "--config", str(config)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "no database" in done.stderr and "pressflow run" in done.stderr


def test_bad_publish_setting_is_a_config_error(fx: Fixture) -> None:
    """Checked when the config is built (at load), not when the publish stage runs."""
    from pressflow.errors import ConfigError
    with pytest.raises(ConfigError, match="max_items"):
        Config.from_mapping({"output": str(fx.db.parent), "publish": {"max_items": "ten"}})
    with pytest.raises(ConfigError, match="did you mean 'require_approval'"):
        Config.from_mapping({"output": str(fx.db.parent), "publish": {"require_aproval": True}})


def test_story_dates_are_aware(fx: Fixture) -> None:
    from pressflow.publish import load_stories
    with Store(fx.db) as store:
        items = load_stories(store)
    for item in items:
        assert item.updated is not None and item.updated.utcoffset() is not None
    undated = next(i for i in items if i.id == fx.milano)
    assert undated.published is None and undated.date_missing
    assert undated.updated is not None and abs(undated.updated - datetime.now(
        undated.updated.tzinfo)) < timedelta(hours=1)
