"""The editor's digest: self-contained, story by story, flagged, filterable, and inert."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from support.publish import Fixture, build_store

from pressflow.publish import load_stories, render_digest, render_markdown
from pressflow.publish.digest import FILTER_SCRIPT, md_escape
from pressflow.store import Store


@pytest.fixture
def fx(tmp_path: Path) -> Fixture:
    return build_store(tmp_path)


@pytest.fixture
def page(fx: Fixture) -> lxml.html.HtmlElement:
    with Store(fx.db) as store:
        html = render_digest(load_stories(store), title="Test partner news")
    return lxml.html.document_fromstring(html)


def story(page: lxml.html.HtmlElement, story_id: int) -> lxml.html.HtmlElement:
    return page.get_element_by_id(f"story-{story_id}")


def test_self_contained_no_external_assets(page: lxml.html.HtmlElement) -> None:
    assert not page.xpath("//link[@rel='stylesheet'] | //script[@src] | //img | //iframe")
    assert not page.xpath("//*[@src]")
    # the only links go to the partners' articles (http/https), nothing is loaded from them
    for href in page.xpath("//a/@href"):
        assert href.startswith(("https://", "http://")), href


def test_grouped_by_story_with_english_and_original_side_by_side(fx: Fixture,
                                                                page: lxml.html.HtmlElement) -> None:
    assert len(page.xpath("//article[contains(@class,'story')]")) == 5
    lyon = story(page, fx.lyon)
    english = lyon.xpath(".//section[contains(@class,'english')]")[0]
    original = lyon.xpath(".//section[contains(@class,'original')]")[0]
    assert english.get("lang") == "en" and original.get("lang") == "fr"
    # the browser picks the direction of source text: Persian, Arabic, Hebrew read right to left
    assert original.get("dir") == "auto" and english.get("dir") is None
    assert "The City of Lyon welcomes the summit." in english.text_content()
    assert "La Ville de Lyon accueille le sommet." in original.text_content()
    meta = lyon.xpath(".//p[contains(@class,'meta')]")[0].text_content()
    assert "Ville de Lyon" in meta
    with Store(fx.db) as store:
        published = store.db["articles"].get(fx.lyon_fr)["published_local"]
    assert published.endswith("+02:00")
    assert lyon.xpath(".//time/@datetime") == [published]  # with its +02:00 offset
    assert "language fr" in " ".join(meta.split())
    also = lyon.xpath(".//ul[@class='also']/li")[0]
    assert "Lyon City English" in also.text_content()
    assert also.xpath(".//a/@lang") == ["en"]
    chips = [c.text_content() for c in lyon.xpath(".//span[contains(@class,'chip')]")]
    assert "Lyon" in chips and "Grégory Doucet" in chips
    assert "Grégory Doucet — Mayor, Lyon" in chips  # from the officials table
    # "maire" (French article) and "Mayor" (English article) are one official, shown once
    assert [c for c in chips if c.startswith("Grégory Doucet —")] == ["Grégory Doucet — Mayor, Lyon"]


def test_flags_are_visible(fx: Fixture, page: lxml.html.HtmlElement) -> None:
    milano = story(page, fx.milano)
    flags = {f.get("data-flag"): f.text_content() for f in milano.xpath(".//*[@data-flag]")}
    assert flags["untranslated"] == "untranslated: no model"
    assert "missing-date" in flags
    assert "pressflow models install it en" in milano.text_content()  # how to fix it
    assert milano.xpath(".//section[contains(@class,'original')]/@lang") == ["it"]
    madrid = story(page, fx.madrid)
    assert madrid.xpath(".//*[@data-flag='glossary']")[0].text_content() == "2 glossary violations"
    assert "Ayuntamiento" in madrid.xpath(".//details")[0].text_content()
    lyon = story(page, fx.lyon)
    assert not lyon.xpath(".//*[@data-flag]")


def test_filters_list_partners_languages_entities(page: lxml.html.HtmlElement) -> None:
    partners = page.xpath("//select[@id='f-partner']/option/text()")
    assert "Lyon City English" in partners and "Comune di Milano" in partners
    assert page.xpath("//select[@id='f-lang']/option/text()")[1:] == ["en", "es", "fr", "it"]
    assert "Madrid City Council" in page.xpath("//select[@id='f-entity']/option/text()")


def test_printable_and_responsive(page: lxml.html.HtmlElement) -> None:
    css = page.xpath("//style/text()")[0]
    assert "@media print" in css and "@media (max-width:" in css
    assert page.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]


def test_only_our_script_may_run(page: lxml.html.HtmlElement) -> None:
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text.strip() == FILTER_SCRIPT.strip()
    csp = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    digest = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_hostile_article_is_inert_in_the_digest(fx: Fixture, page: lxml.html.HtmlElement) -> None:
    for el in page.iter():
        for name in el.attrib:
            assert not name.lower().startswith("on"), (el.tag, name)
    for href in page.xpath("//@href"):
        assert not href.lower().lstrip().startswith(("javascript:", "data:", "vbscript:"))
    hostile = story(page, fx.hostile)
    assert not hostile.xpath(".//script|.//img|.//svg")
    assert hostile.xpath(".//h2/a") == []  # its javascript: address is not linked
    assert "alert(3)" in hostile.text_content()  # shown as text, not run
    assert "<img src=x onerror=alert(7)>" in hostile.text_content()  # the entity chip, as text


def test_digest_command_markdown_for_email(fx: Fixture, tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(f"settings:\n  output: {fx.db.parent}\nsources: []\n")
    done = subprocess.run([sys.executable, "-m", "pressflow", "digest", "--config", str(config),
                           "--format", "markdown"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    md = done.stdout
    assert md.startswith("# Partner news")
    assert "## Lyon welcomes the smart cities summit" in md
    assert "<https://lyon.example/actu/smart-city>" in md
    assert "Also reported by:" in md and "Lyon City English" in md
    assert "untranslated: no model" in md and "missing date" in md
    # the hostile story: no live link, tag or image syntax survives
    # (a backslash before a character makes it literal text in Markdown)
    for live in (r"(?<!\\)\]\(javascript", r"(?<!\\)<script", r"(?<!\\)<img", r"(?<!\\)<svg"):
        assert not re.search(live, md), live
    assert r"\<script\>" in md
    assert not re.search(r"(?<!\\)\[a link\]", md)


def test_digest_command_html_to_stdout(fx: Fixture, tmp_path: Path) -> None:
    config = tmp_path / "sources.yaml"
    config.write_text(f"settings:\n  output: {fx.db.parent}\nsources: []\n")
    done = subprocess.run([sys.executable, "-m", "pressflow", "digest", "--config", str(config)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("<!DOCTYPE html>") and "story-" in done.stdout


def test_markdown_escape() -> None:
    assert md_escape("[x](javascript:alert(1)) <b>*hi*</b>") == (
        r"\[x\](javascript:alert(1)) \<b\>\*hi\*\</b\>")
    assert md_escape("- item, 2024-07-11.") == r"\- item, 2024-07-11."
    assert md_escape("12. Mai") == r"12\. Mai"


def test_markdown_renders_untranslated_original(fx: Fixture) -> None:
    with Store(fx.db) as store:
        md = render_markdown(load_stories(store), title="T")
    assert "*Original (it), not translated:* Milano incontra Seoul" in md
