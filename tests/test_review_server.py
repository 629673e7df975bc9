"""The review server over real HTTP, and the editorial operations it calls."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from support.publish import Fixture, build_store

from pressflow.editorial import decisions as editorial
from pressflow.editorial.review import ReviewServer, check_bind
from pressflow.errors import ConfigError, EditorialError
from pressflow.publish import load_stories
from pressflow.store import Store


@pytest.fixture
def fx(tmp_path: Path) -> Fixture:
    return build_store(tmp_path)


@pytest.fixture
def server(fx: Fixture) -> Iterator[ReviewServer]:
    srv = ReviewServer(fx.config, port=0, editor="Test Editor")
    srv.start_in_thread()
    yield srv
    srv.shutdown()


@pytest.fixture
def client(server: ReviewServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, follow_redirects=False, timeout=30) as c:
        yield c


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match
    return match.group(1)


def status_of(fx: Fixture, story_id: int) -> str:
    with Store(fx.db) as store:
        return store.db["stories"].get(story_id)["status"]


# -- editorial operations -----------------------------------------------------------------
def test_decisions_are_logged_with_editor_and_time(fx: Fixture) -> None:
    with Store(fx.db) as store:
        editorial.approve(store, fx.lyon, editor="Ana")
        editorial.reject(store, fx.madrid, editor="Bo", note="off topic")
        log = editorial.decisions(store)
        story = store.db["stories"].get(fx.madrid)
    assert [(d.story_id, d.action, d.editor) for d in log] == [
        (fx.madrid, "reject", "Bo"), (fx.lyon, "approve", "Ana")]
    assert all(d.at for d in log)
    assert json.loads(log[0].detail) == {"previous": "new", "note": "off topic"}
    assert story["status"] == "rejected" and story["decided_by"] == "Bo"


def test_edit_translation_sets_edited_by(fx: Fixture) -> None:
    with Store(fx.db) as store:
        sid = editorial.edit_translation(store, fx.milano_it, title="Milan meets Seoul",
                                         text="Milan met Seoul.", editor="Ana")
        row = store.db["translations"].get((fx.milano_it, "en"))
        item = next(i for i in load_stories(store) if i.id == fx.milano)
    assert sid == fx.milano
    assert row["edited_by"] == "Ana" and row["status"] == "ok" and row["engine"] == "editor"
    assert item.translated and item.title == "Milan meets Seoul" and item.edited_by == "Ana"


def test_split_and_merge_pin_the_articles(fx: Fixture) -> None:
    with Store(fx.db) as store:
        new = editorial.split(store, fx.lyon_en, editor="Ana")
        assert store.db["story_members"].get(fx.lyon_en)["story_id"] == new
        assert store.db["story_members"].get(fx.lyon_en)["pinned"] == 1
        assert store.db["story_members"].get(fx.lyon_fr)["pinned"] == 0
        into = editorial.merge(store, new, fx.lyon, editor="Bo")
        assert into == fx.lyon
        assert store.db["story_members"].get(fx.lyon_en)["story_id"] == fx.lyon
        assert store.db["stories"].get(new)["status"] == "merged"
        actions = [d.action for d in editorial.decisions(store, fx.lyon)]
        items = {i.id for i in load_stories(store)}
    assert actions == ["merge", "split"]
    assert new not in items and fx.lyon in items


def test_split_moves_the_representative_safely(fx: Fixture) -> None:
    with Store(fx.db) as store:
        editorial.split(store, fx.lyon_fr, editor="Ana")
        assert store.db["stories"].get(fx.lyon)["representative"] == fx.lyon_en


@pytest.mark.parametrize("call, message", [
    (lambda s, fx: editorial.approve(s, 9999, editor="Ana"), "story 9999 does not exist"),
    (lambda s, fx: editorial.approve(s, fx.lyon, editor="  "), "editor name is required"),
    (lambda s, fx: editorial.split(s, fx.milano_it, editor="Ana"), "only article"),
    (lambda s, fx: editorial.merge(s, fx.lyon, fx.lyon, editor="Ana"), "into itself"),
    (lambda s, fx: editorial.edit_translation(s, "nope", title="", text="x", editor="A"),
     "does not exist"),
    (lambda s, fx: editorial.edit_translation(s, fx.milano_it, title="t", text=" ", editor="A"),
     "empty"),
])
def test_editorial_errors_are_clear(fx: Fixture, call, message: str) -> None:
    with Store(fx.db) as store, pytest.raises(EditorialError, match=message):
        call(store, fx)


# -- the server ---------------------------------------------------------------------------
def test_page_lists_stories_with_forms(client: httpx.Client, fx: Fixture) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'id="story-{fx.lyon}"' in page.text
    assert page.text.count('name="csrf"') >= 5 * 3  # every form carries the token
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert "Test Editor" in page.text


def test_approve_and_reject_through_forms(client: httpx.Client, fx: Fixture) -> None:
    token = csrf_of(client.get("/").text)
    done = client.post("/decide", data={"csrf": token, "story_id": fx.lyon, "action": "approve"})
    assert done.status_code == 303 and done.headers["location"].endswith(f"#story-{fx.lyon}")
    client.post("/decide", data={"csrf": token, "story_id": fx.madrid, "action": "reject"})
    assert status_of(fx, fx.lyon) == "approved" and status_of(fx, fx.madrid) == "rejected"
    page = client.get(done.headers["location"].split("#")[0])
    assert f"Story {fx.lyon} approved." in page.text
    with Store(fx.db) as store:
        assert editorial.decisions(store, fx.lyon)[0].editor == "Test Editor"


def test_post_without_csrf_token_is_refused(client: httpx.Client, fx: Fixture) -> None:
    for data in ({"story_id": fx.lyon, "action": "reject"},
                 {"csrf": "forged", "story_id": fx.lyon, "action": "reject"}):
        assert client.post("/decide", data=data).status_code == 403
    assert status_of(fx, fx.lyon) == "new"


def test_cross_site_origin_is_refused(client: httpx.Client, fx: Fixture) -> None:
    token = csrf_of(client.get("/").text)
    done = client.post("/decide", data={"csrf": token, "story_id": fx.lyon, "action": "reject"},
                       headers={"Origin": "https://evil.example"})
    assert done.status_code == 403 and status_of(fx, fx.lyon) == "new"


def test_foreign_host_header_is_refused(client: httpx.Client) -> None:
    """DNS rebinding: a page on evil.example resolving to 127.0.0.1 gets nothing."""
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 403


def test_editor_name_cookie_is_used(client: httpx.Client, fx: Fixture) -> None:
    token = csrf_of(client.get("/").text)
    done = client.post("/editor", data={"csrf": token, "editor": "Chiara R."})
    assert done.status_code == 303
    client.post("/decide", data={"csrf": token, "story_id": fx.milano, "action": "approve"})
    with Store(fx.db) as store:
        assert store.db["stories"].get(fx.milano)["decided_by"] == "Chiara R."


def test_edit_split_merge_publish_over_http(client: httpx.Client, fx: Fixture) -> None:
    token = csrf_of(client.get("/").text)
    done = client.post("/translation", data={"csrf": token, "article_id": fx.milano_it,
                                             "title": "Milan meets Seoul",
                                             "text": "Milan met Seoul.\r\n\r\nSecond paragraph."})
    assert done.status_code == 303
    done = client.post("/split", data={"csrf": token, "article_id": fx.lyon_en})
    new = int(re.search(r"story=(\d+)", done.headers["location"]).group(1))
    done = client.post("/merge", data={"csrf": token, "story_id": new, "into": fx.lyon})
    assert done.status_code == 303
    done = client.post("/publish", data={"csrf": token})
    assert done.status_code == 303
    feed = (fx.db.parent / "feed.xml").read_text()
    assert "Milan meets Seoul" in feed
    with Store(fx.db) as store:
        text = store.db["translations"].get((fx.milano_it, "en"))["text"]
    assert text == "Milan met Seoul.\n\nSecond paragraph."


def test_bad_decision_shows_a_message_not_a_crash(client: httpx.Client) -> None:
    token = csrf_of(client.get("/").text)
    done = client.post("/merge", data={"csrf": token, "story_id": "1", "into": "999"})
    assert done.status_code == 400 and "story 999 does not exist" in done.text


def test_non_local_bind_needs_a_token() -> None:
    with pytest.raises(ConfigError, match="--token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ConfigError, match="16 characters"):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", "a-long-enough-secret-token")
    check_bind("127.0.0.1", None)
    check_bind("::1", None)


def test_token_guards_every_request(fx: Fixture) -> None:
    secret = "s3cret-token-for-the-review"
    srv = ReviewServer(fx.config, host="127.0.0.1", port=0, token=secret)
    srv.start_in_thread()
    try:
        with httpx.Client(base_url=srv.url, follow_redirects=False, timeout=30) as c:
            assert c.get("/").status_code == 401
            assert c.get("/?token=wrong").status_code == 401
            entered = c.get(f"/?token={secret}")
            assert entered.status_code == 303 and entered.headers["location"] == "/"
            assert "HttpOnly" in entered.headers["set-cookie"]
            assert c.get("/").status_code == 200  # the cookie carries it from now on
        with httpx.Client(base_url=srv.url, timeout=30) as c:
            assert c.get("/", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
            assert c.post("/decide", data={"story_id": fx.lyon}).status_code == 401
    finally:
        srv.shutdown()


def test_review_command_refuses_open_bind_without_token(fx: Fixture, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PRESSFLOW_REVIEW_TOKEN"}
    config = tmp_path / "sources.yaml"
    config.write_text(f"settings:\n  output: {fx.db.parent}\nsources: []\n")
    done = subprocess.run([sys.executable, "-m", "pressflow", "review", "--config", str(config),
                           "--host", "0.0.0.0"], capture_output=True, text=True, timeout=60,
                          env=env)
    assert done.returncode == 2 and "--token" in done.stderr


def test_review_page_explains_why_articles_are_joined_or_apart(client: httpx.Client, fx: Fixture) -> None:
    """Issue 19: beside each member, a link to the signals that joined it (the same as
    `pressflow stories --explain`); beside merge, the signals between two stories."""
    page = client.get("/").text
    links = re.findall(r'href="(/explain\?a=[^"]+)"', page)
    assert links, "no 'Why joined?' link on the review page"
    lyon = next(link for link in links if fx.lyon_fr in link or fx.lyon_en in link).replace("&amp;", "&")
    joined = client.get(lyon)
    assert joined.status_code == 200
    assert "One story: why" in joined.text
    cosine = re.search(r"embedding_cosine</th><td>([0-9.]+)<", joined.text)
    assert cosine and 0.3 < float(cosine[1]) <= 1.0  # the English and French reports read alike
    assert "anchor_share" in joined.text and "combined_p" in joined.text

    apart = client.get("/explain", params={"story": fx.lyon, "other": fx.madrid})
    assert apart.status_code == 200
    assert "Two stories: why" in apart.text
    assert "Decision on the pair: <strong>apart</strong>" in apart.text

    assert client.get("/explain", params={"a": "no-such-article", "b": fx.lyon_en}).status_code == 404
