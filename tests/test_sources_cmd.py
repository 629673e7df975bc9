"""`pressflow sources check | import | export` on the demo and on a real local server."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from pressflow.cli.commands import cli
from pressflow.config import load_config
from pressflow.sources.opml import read_opml_report

DEMO = Path(__file__).resolve().parent.parent / "demo"

FRESHRSS = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>FreshRSS</title></head><body>
<outline text="Cities"><outline text="Ville de Lyon" type="rss" xmlUrl="https://lyon.example/rss.xml"
  htmlUrl="https://lyon.example/" language="fr-FR"/>
<outline text="Comune" type="rss" xmlUrl="https://comune.example/feed/"/></outline>
<outline text="Top level feed" type="rss" xmlUrl="https://top.example/atom"/>
</body></opml>"""


def test_check_on_the_demo_prints_each_source(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "check", "--config", str(DEMO / "sources.yaml"),
                                      "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in map(json.loads, result.output.splitlines())}
    config = load_config(DEMO / "sources.yaml")
    assert set(rows) == {s.name for s in config.sources}
    assert all(r["status"] == "ok" for r in rows.values())
    listing = next(r for r in rows.values() if r["kind"] == "listing")
    assert listing["items"] == 10 and listing["dated"] == 10 and listing["language"] == "fr"


def test_check_table_shows_a_failing_source(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone.xml").respond_with_data("gone", status=410)
    httpserver.expect_request("/last.xml").respond_with_data(
        "<rss version='2.0'><channel><title>t</title><item><title>Hello there</title>"
        "<link>https://a.example/1</link><description>Bonjour à tous, voici les nouvelles de la "
        "ville et du port.</description></item></channel></rss>",
        content_type="application/rss+xml", headers={"Last-Modified": "Tue, 02 Jan 2024 10:00:00 GMT"})
    cfg = tmp_path / "sources.yaml"
    cfg.write_text("settings:\n  per_host_delay: 0\nsources:\n"
                   f"  - name: Gone\n    url: {httpserver.url_for('/gone.xml')}\n"
                   "    robots: local test server\n"
                   f"  - name: Fine\n    url: {httpserver.url_for('/last.xml')}\n"
                   "    robots: local test server\n")
    result = CliRunner().invoke(cli, ["sources", "check", "--config", str(cfg)])
    assert result.exit_code == 1
    assert "Gone" in result.output and "410" in result.output and "failed" in result.output
    assert "Tue, 02 Jan 2024" in result.output


def test_export_then_import_round_trip(tmp_path: Path) -> None:
    """The demo's sources are local files: exported as file:// addresses, which an import
    (a file that may come from someone else) refuses, each with its reason (issue 16.2).
    The lossless round trip of http(s) sources is in tests/test_security_opml.py."""
    runner = CliRunner()
    exported = runner.invoke(cli, ["sources", "export", "--config", str(DEMO / "sources.yaml")])
    assert exported.exit_code == 0, exported.output
    opml = tmp_path / "demo.opml"
    opml.write_text(exported.output)
    demo = load_config(DEMO / "sources.yaml")
    found, skipped = read_opml_report(opml)
    assert found == []
    assert sorted(s.name for s in skipped) == sorted(s.name for s in demo.sources)
    assert all(s.url.startswith("file://") and "http(s)" in s.reason for s in skipped)
    target = tmp_path / "sources.yaml"
    target.write_text("# my partners\nsources:\n  - name: WeGO\n    url: https://we-gov.org/feed/\n")
    before = target.read_text()
    imported = runner.invoke(cli, ["sources", "import", str(opml), "--config", str(target)])
    assert imported.exit_code == 0, imported.output
    assert f"0 added, 0 already present, {len(demo.sources)} skipped" in imported.output
    assert target.read_text() == before


def test_import_freshrss_opml_with_categories(tmp_path: Path) -> None:
    opml = tmp_path / "freshrss.opml"
    opml.write_text(FRESHRSS)
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    result = CliRunner().invoke(cli, ["sources", "import", str(opml), "--config", str(target)])
    assert result.exit_code == 0, result.output
    sources = {s.name: s for s in load_config(target).sources}
    assert sources["Ville de Lyon"].language == "fr" and sources["Ville de Lyon"].tags == ["Cities"]
    assert sources["Top level feed"].tags == [] and sources["Comune"].kind == "feed"


def test_import_refuses_doctype_and_broken_xml(tmp_path: Path) -> None:
    target = tmp_path / "sources.yaml"
    target.write_text("sources: []\n")
    evil = tmp_path / "evil.opml"
    evil.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    '<opml version="2.0"><body><outline text="&x;" xmlUrl="https://a/"/></body></opml>')
    result = CliRunner().invoke(cli, ["sources", "import", str(evil), "--config", str(target)])
    assert result.exit_code == 2 and "DOCTYPE" in result.output
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline")
    result = CliRunner().invoke(cli, ["sources", "import", str(broken), "--config", str(target)])
    assert result.exit_code == 2 and "broken.opml" in result.output
