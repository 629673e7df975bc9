"""HTML fragment -> plain text that keeps paragraph breaks (for feeds and digests)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
              "section", "article", "pre", "ul", "ol", "table")


def html_to_text(fragment: str) -> str:
    if not fragment:
        return ""
    if "<" not in fragment:
        return normalise_space(fragment)
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    return normalise_space(soup.get_text())


def normalise_space(text: str) -> str:
    """Collapse spaces inside lines and blank runs between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\xa0", " ")
    paragraphs = [re.sub(r"[ \t\f\v]+", " ", p).strip() for p in re.split(r"\n\s*\n", text)]
    lines = []
    for p in paragraphs:
        p = "\n".join(line.strip() for line in p.split("\n") if line.strip())
        if p:
            lines.append(p)
    return "\n\n".join(lines)
