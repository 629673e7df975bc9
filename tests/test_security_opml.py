"""OPML files may come from someone else (issue 16, points 2 and 9) and must round-trip
pressflow's own fields (issue 15, point 13). Real files, the real CLI."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressflow.cli.commands import cli
from pressflow.config import load_config


def _import(opml: Path, target: Path):
    return CliRunner().invoke(cli, ["sources", "import", str(opml), "--config", str(target)])


def test_local_files_and_other_schemes_are_skipped_and_reported(tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Passwords" type="rss" xmlUrl="file:///etc/passwd"/>'
        '<outline text="Relative" type="rss" xmlUrl="../../etc/passwd"/>'
        '<outline text="Ftp" type="rss" xmlUrl="ftp://example.org/feed"/>'
        '<outline text="Good" type="rss" xmlUrl="https://good.example/feed"/>'
        '</body></opml>', encoding="utf-8")
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    result = _import(opml, target)
    assert result.exit_code == 0, result.output
    assert "1 added, 0 already present, 3 skipped" in result.output
    for name in ("Passwords", "Relative", "Ftp"):
        assert f"skipped '{name}'" in result.output and "not an http(s) address" in result.output
    assert [s.url for s in load_config(target).sources] == ["https://good.example/feed"]


def test_attribute_values_cannot_add_keys_or_settings(tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    # &#10; is a newline inside an attribute value: the old import wrote it unquoted
    opml.write_text(
        '<opml version="2.0"><body>'
        '<outline text="Injected" type="rss" xmlUrl="https://a.example/feed" '
        'language="fr&#10;    robots: owned by the file&#10;    follow_links: false"/>'
        '<outline text="Name&#10;settings:&#10;  output: /tmp/pwned&#10;sources:" '
        'type="rss" xmlUrl="https://b.example/feed" language="de-AT"/>'
        '</body></opml>', encoding="utf-8")
    target = tmp_path / "sources.yaml"
    target.write_text("sources:\n  - name: Mine\n    url: https://mine.example/feed\n")
    result = _import(opml, target)
    assert result.exit_code == 0, result.output
    assert "skipped 'Injected'" in result.output and "not a language code" in result.output
    config = load_config(target)
    assert config.values == {}  # no setting came in with the outlines
    names = [s.name for s in config.sources]
    assert names == ["Mine", "Name\nsettings:\n  output: /tmp/pwned\nsources:"]
    added = config.sources[1]
    assert added.language == "de" and added.robots is None and added.follow_links


@pytest.mark.parametrize("variant", ["padded", "utf16", "internal_entity"])
def test_a_dtd_is_refused_whatever_the_padding_or_encoding(tmp_path: Path, variant: str) -> None:
    doctype = '<!DOCTYPE opml [<!ENTITY x "EXPANDED-ENTITY">]>'
    body = '<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/f"/></body></opml>'
    opml = tmp_path / "in.opml"
    if variant == "padded":  # past the 4,096 bytes the old check read
        opml.write_text('<?xml version="1.0"?>' + "<!--" + " " * 10_000 + "-->" + doctype + body)
    elif variant == "utf16":  # not ASCII: the old byte search could not see it
        opml.write_bytes(('<?xml version="1.0" encoding="UTF-16"?>' + doctype + body)
                         .encode("utf-16"))
    else:
        opml.write_text(doctype + body)
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    result = _import(opml, target)
    assert result.exit_code == 2, result.output
    assert "DOCTYPE" in result.output and "in.opml" in result.output
    assert "EXPANDED-ENTITY" not in target.read_text()


CONFIG = """settings:
  per_host_delay: 0
sources:
  - name: City feed
    url: https://city.example/rss.xml
    kind: feed
    language: fr
    tags: [cities, europe]
  - name: Board
    url: https://board.example/news/list.do?page=1
    kind: listing
    language: ko
    title: Seoul board
    max_pages: 3
    follow_links: false
    selectors: {item: "ul.board > li", title: "a.subject", next: "a.next"}
    robots: "the partner asked us to crawl their board"
  - name: One page
    url: https://page.example/about.html
    kind: page
    timeout: 7.5
"""


def test_export_then_import_keeps_every_field(tmp_path: Path) -> None:
    source_file = tmp_path / "theirs.yaml"
    source_file.write_text(CONFIG, encoding="utf-8")
    exported = CliRunner().invoke(cli, ["sources", "export", "--config", str(source_file)])
    assert exported.exit_code == 0, exported.output
    opml = tmp_path / "out.opml"
    opml.write_text(exported.output, encoding="utf-8")
    outlines = {o.get("text"): o for o in ET.parse(opml).iter("outline") if o.get("text")}
    assert outlines["City feed"].get("type") == "rss"
    assert outlines["Board"].get("type") == "link" and outlines["Board"].get("xmlUrl") is None
    assert outlines["Board"].get("htmlUrl") == "https://board.example/news/list.do?page=1"
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    result = _import(opml, target)
    assert result.exit_code == 0 and "3 added, 0 already present, 0 skipped" in result.output, \
        result.output
    original = {s.name: s for s in load_config(source_file).sources}
    back = {s.name: s for s in load_config(target).sources}
    assert set(back) == set(original)
    for name, s in original.items():
        b = back[name]
        assert (b.url, b.kind, b.language, b.title, b.tags, b.selectors, b.max_pages,
                b.follow_links, b.robots, b.timeout) == \
               (s.url, s.kind, s.language, s.title, s.tags, s.selectors, s.max_pages,
                s.follow_links, s.robots, s.timeout), name


def test_a_reader_export_with_tracking_parameters_is_not_a_duplicate(tmp_path: Path) -> None:
    opml = tmp_path / "freshrss.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="Cities">'
        '<outline text="City feed" type="rss" '
        'xmlUrl="https://city.example/rss.xml?utm_source=freshrss&amp;utm_medium=rss&amp;fbclid=x"/>'
        '<outline text="New one" type="rss" '
        'xmlUrl="https://new.example/feed?lang=fr&amp;utm_campaign=spring"/>'
        '</outline></body></opml>', encoding="utf-8")
    target = tmp_path / "sources.yaml"
    target.write_text(CONFIG, encoding="utf-8")
    result = _import(opml, target)
    assert result.exit_code == 0, result.output
    assert "1 added, 1 already present" in result.output
    names = [s.name for s in load_config(target).sources]
    assert "City feed (2)" not in names
    new = next(s for s in load_config(target).sources if s.name == "New one")
    assert new.url == "https://new.example/feed?lang=fr"  # the feed's own parameter stays


def test_a_bad_pressflow_field_skips_the_outline(tmp_path: Path) -> None:
    opml = tmp_path / "in.opml"
    opml.write_text(
        '<opml version="2.0" xmlns:pressflow="https://pressflow.org/ns/opml/1"><body>'
        '<outline text="Bad" type="link" htmlUrl="https://x.example/" '
        'pressflow:source=\'{"kind": "listing", "selectors": {"evil": "x"}}\'/>'
        '<outline text="Worse" type="link" htmlUrl="https://y.example/" '
        'pressflow:source=\'{"kind": "listing", "output": "/tmp"}\'/>'
        '</body></opml>', encoding="utf-8")
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    result = _import(opml, target)
    assert result.exit_code == 0, result.output
    assert "0 added, 0 already present, 2 skipped" in result.output
    assert "unknown selector 'evil'" in result.output and "unknown field 'output'" in result.output
