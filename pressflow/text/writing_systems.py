"""Which writing system a character belongs to, for the few that matter to pressflow.

Two places need it: the gazetteer (where a word may start and end: Korean attaches particles,
Chinese, Japanese and Thai write no spaces) and language detection (a script that only one
language writes decides the language by itself).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_RANGES = (
    ("hangul", ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))),
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),
    ("han", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))),
    ("thai", ((0x0E00, 0x0E7F),)),
    ("lao", ((0x0E80, 0x0EFF),)),
    ("myanmar", ((0x1000, 0x109F),)),
    ("khmer", ((0x1780, 0x17FF),)),
    ("greek", ((0x0370, 0x03FF),)),
    ("georgian", ((0x10A0, 0x10FF),)),
    ("armenian", ((0x0530, 0x058F),)),
)
UNSPACED = frozenset({"kana", "han", "thai", "lao", "myanmar", "khmer"})
"""Scripts written without spaces between words."""


def script_of(ch: str) -> str | None:
    """The script's name from the table above, or None (Latin, Cyrillic, Arabic...)."""
    code = ord(ch)
    for name, ranges in _RANGES:
        if any(lo <= code <= hi for lo, hi in ranges):
            return name
    return None


def script_class(scripts: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any character of ``scripts`` (names from the table above): one C-speed
    search says whether a text has any, where a Python loop over :func:`script_of` is slow."""
    wanted = set(scripts)
    ranges = "".join(f"\\U{lo:08x}-\\U{hi:08x}" for name, spans in _RANGES if name in wanted
                     for lo, hi in spans)
    return re.compile(f"[{ranges}]")


CASED_LETTERS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff\u0370-\u03ff\u0400-\u04ff\u0531-\u0587"
"""Letters of the alphabets with capitals (Latin, Greek, Cyrillic, Armenian), as the body of
a regular expression's character class: where a capital can mark a name."""

CASELESS_TEXT = re.compile("[\u0590-\u08ff\u0900-\u0bff\u0e00-\u0e7f\u10a0-\u10ff\u1100-\u11ff"
                           "\u1200-\u137f\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
"""A letter of a script without capitals: Hebrew, Arabic, Devanagari to Tamil, Thai,
Georgian, Hangul Jamo, Ethiopic, kana, CJK, Hangul syllables. There a name is found by
the gazetteer alone, never by its capital."""


def is_caseless(ch: str) -> bool:
    """A letter of a script without capitals (서, 北, ش): its case says nothing."""
    return ch.isalpha() and ch.lower() == ch.upper()
