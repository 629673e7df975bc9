"""An article page's media player and its list of other stories are not article text (issue 17).

The shape is the one a public test page (readability's yahoo-3) has: a video player whose
controls say "Now watching" and "Next video starts in", an error screen, and under a short
article a "stream" of teasers whose text outweighs the article. The page here is written for
the test, with other words.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from pressflow.crawl.extract import extract_page, strip_boilerplate

ARTICLE = (
    "<p>The harbour board approved a plan on Monday to rebuild the old ferry pier, which has been "
    "closed since the winter storms damaged its pillars and the boarding ramp.</p>"
    "<p>Work will begin in the spring and should take eighteen months, the board said, with the "
    "ferry moving to a temporary landing on the north quay while the pier is rebuilt.</p>"
    "<p>Residents who use the ferry to reach the island asked for a shuttle bus between the two "
    "landings, and the board promised to study the request before the work starts.</p>"
    "<p>The pier was built in 1921 and last repaired thirty years ago; engineers found that two of "
    "its wooden pillars had rotted through and that the concrete deck had cracked in several places.</p>"
)
PLAYER = (
    "<div class='vp-wrap'><div class='vp-container'><div id='ym-player'><div class='yvp-main'>"
    "<div class='yvp-error-screen'><div class='yvp-error-desc'>"
    "Unfortunately, this video is not available in your region.</div></div></div></div>"
    "<div class='player-maestro'><div class='pause-screen'><div class='maestro-text'>"
    "<span class='now-watching'>Now watching</span><p class='starts-in'>"
    "<span class='start-message'>Next video starts in : 7</span></p></div></div></div></div></div>"
)


def _stream(n: int) -> str:
    items = "".join(
        f"<li class='stream-item'><a href='/story-{i}'><img src='/t{i}.jpg' alt=''></a>"
        f"<h3><a href='/story-{i}'>Another story number {i} from the region</a></h3>"
        f"<p>A long teaser for story {i}: the council of a town far away discussed the budget, the "
        f"schools, the roads and the summer festival at length, and the mayor answered questions "
        f"from the residents who had come to the meeting in large numbers.</p></li>"
        for i in range(n))
    return f"<ul id='stream' class='stories'>{items}</ul>"


def _page(body: str) -> str:
    return (f"<html lang='en'><head><title>Ferry pier to be rebuilt</title></head><body>"
            f"<h1>Ferry pier to be rebuilt</h1>{body}</body></html>")


def test_media_player_labels_are_not_article_text() -> None:
    soup = BeautifulSoup(_page("<div class='body'>" + PLAYER + ARTICLE + "</div>"), "lxml")
    text = strip_boilerplate(soup).get_text(" ")
    assert "ferry pier" in text
    for label in ("Now watching", "Next video starts", "not available in your region"):
        assert label not in text
    page = extract_page(_page("<div class='body'>" + PLAYER + ARTICLE + "</div>"),
                        "https://news.example.org/ferry-pier")
    assert "ferry pier" in page.text and "Now watching" not in page.text


def test_a_stream_of_other_stories_longer_than_the_article_is_left_out() -> None:
    """The article's own list (no linked headings in its items: steps, key points) stays."""
    steps = "".join(f"<li>Step {i}: bring the form and an identity card to the harbour office, "
                    f"open on weekdays from nine to five, and ask for the ferry pass.</li>" for i in range(4))
    page = extract_page(_page("<div class='story-body'>" + ARTICLE + f"<ul>{steps}</ul></div>" + _stream(12)),
                        "https://news.example.org/ferry-pier")
    assert "shuttle bus between the two landings" in page.text
    assert "Step 3: bring the form" in page.text
    assert "Another story number" not in page.text and "A long teaser" not in page.text
