"""Long input without spaces, through every stage's real command (issue 16, point 4).

600,000 characters with no space: a run of one letter (``\\S+@`` in language detection
re-scanned the rest of the text from every position), and a mix of letters and
punctuation (spaCy's tokenizer is quadratic in one token's length; Apertium too). Each
command must finish and answer every line; the subprocess's generous timeout is a hang
guard, not a measurement (the old code took minutes on each of these).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

N = 600_000
HANG_GUARD_S = 240


def _texts() -> dict[str, str]:
    rng = random.Random(16)
    return {"letters": "a" * N,
            "mixed": "".join(rng.choice("aB1.-@'/:,") for _ in range(N)),
            "address_like": "x@" * (N // 2)}


def _command(args: list[str], stdin: str = "") -> list[dict[str, object]]:
    try:
        proc = subprocess.run([sys.executable, "-m", "pressflow", *args], input=stdin,
                              capture_output=True, text=True, timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"`pressflow {args[0]}` did not finish on {N:,} unspaced characters")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]


def _lines(extra: dict[str, object] | None = None) -> str:
    return "".join(json.dumps({"id": name, "text": text, "title": text[:2000], **(extra or {})})
                   + "\n" for name, text in _texts().items())


def test_detect_answers_every_line() -> None:
    out = _command(["detect"], _lines())
    assert [o["id"] for o in out] == list(_texts())


def test_translate_answers_every_line(tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "fr-en.tsv").write_text("source\ttarget\nVille de Lyon\tCity of Lyon\n")
    out = _command(["translate", "--glossary", str(glossary)], _lines({"lang": "fr"}))
    assert [o["id"] for o in out] == list(_texts())
    for o in out:  # whatever the engine here, a run that long is not sent to it
        assert o["status"] in ("ok", "no-model"), o.get("message")


def test_entities_answers_every_line() -> None:
    out = _command(["entities"], _lines({"lang": "en"}))
    assert [o["id"] for o in out] == list(_texts())


def test_stories_answers_every_line() -> None:
    out = _command(["stories"], _lines({"lang": "en"}))
    assert [o["id"] for o in out] == list(_texts())


@pytest.mark.parametrize("name", list(_texts()))
def test_extract_and_feed_read_the_page_and_the_feed(tmp_path: Path, name: str) -> None:
    text = _texts()[name]
    page = tmp_path / "page.html"
    page.write_text(f"<html lang='en'><head><title>{escape(text[:3000])}</title></head><body>"
                    f"<article><h1>Harbour plan</h1><p>{escape(text)}</p></article></body></html>",
                    encoding="utf-8")
    assert len(_command(["extract", str(page)])) == 1
    feed = tmp_path / "feed.xml"
    feed.write_text(f"<rss version='2.0'><channel><title>t</title><item><title>"
                    f"{escape(text[:3000])}</title><link>https://x.example/1</link><description>"
                    f"{escape(text)}</description></item></channel></rss>", encoding="utf-8")
    assert len(_command(["feed", str(feed)])) == 1
