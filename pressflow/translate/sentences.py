"""Offline sentence splitting and document segmentation for translation.

Why our own splitter: argostranslate's splitters either download a model on first use
(stanza, minisbd) or need one pre-seeded; a translation model wants one sentence at a time,
and a rule-based split on sentence-final punctuation is enough for news prose. Units are
kept with the exact text between them, so a translated document is reassembled with its
paragraphs and line breaks where they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Words after which a full stop does not end a sentence (titles, common abbreviations in
# the languages pressflow meets most). Single capital initials ("J. Smith") are handled apart.
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st sr jr vs etc e.g i.e no nr art fig p pp vol ed eds approx
m mme mlle me mgr cf av bd ex
sig sigg dott ing avv arch geom on
sra sras srta dña ud uds núm
dl dna dnul nr
str bzw usw ca z.b d.h
""".split())

_BOUNDARY = re.compile(
    r"""(?<=[.!?…。！？؟])          # sentence-final punctuation
        [\"'”’»)\]]*                # closing quotes or brackets stay with the sentence
        \s+                         # then white space
        (?=[\"'“‘«(\[¿¡]*[^\s\"'“‘«(\[¿¡])  # and something follows
    """, re.VERBOSE)
_CJK_BOUNDARY = re.compile(r"(?<=[。！？])(?=\S)")
_LAST_WORD = re.compile(r"(\w[\w.]*)\.[\"'”’»)\]]*$")


def split_sentences(text: str) -> list[str]:
    """Split one paragraph into sentences; joining them with a space gives the text back.

    >>> split_sentences("Le maire M. Dupont a parlé. Puis il est parti!")
    ['Le maire M. Dupont a parlé.', 'Puis il est parti!']
    """
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        following = text[m.end():].lstrip("\"'“‘«([¿¡")
        if following[:1].islower():
            continue  # "etc. and so on": a sentence does not start in lower case
        candidate = text[start:m.start()]
        last = _LAST_WORD.search(candidate)
        if last:
            word = last.group(1)
            if word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper()) \
                    or re.fullmatch(r"\d+", word) and m.end() < len(text) and text[m.end()].isdigit():
                continue
        pieces.append(candidate.strip())
        start = m.end()
    pieces.append(text[start:].strip())
    out: list[str] = []
    for p in pieces:
        out.extend(s for s in _CJK_BOUNDARY.split(p) if s.strip())
    return out


@dataclass
class Segmented:
    """A text cut into sentences, with the separators needed to put it back together."""

    parts: list[str | list[str]] = field(default_factory=list)

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.parts if isinstance(p, list) for s in p]

    def rebuild(self, translated: list[str]) -> str:
        """The text with every sentence replaced by its translation, in order."""
        it = iter(translated)
        out: list[str] = []
        for p in self.parts:
            if isinstance(p, list):
                out.append(" ".join(next(it) for _ in p))
            else:
                out.append(p)
        return "".join(out)


_LINE_BREAKS = re.compile(r"(\s*\n\s*)")


def segment(text: str | None) -> Segmented:
    """Cut a document into lines (paragraphs, headings) and each line into sentences."""
    seg = Segmented()
    if not text:
        return seg
    for i, chunk in enumerate(_LINE_BREAKS.split(text)):
        if i % 2 == 1:
            seg.parts.append(chunk)
            continue
        lead = chunk[: len(chunk) - len(chunk.lstrip())]
        trail = chunk[len(chunk.rstrip()):]
        if lead:
            seg.parts.append(lead)
        sentences = split_sentences(chunk)
        if sentences:
            seg.parts.append(sentences)
        if trail:
            seg.parts.append(trail)
    return seg
