"""Which writing system a character belongs to, for the few that matter to pressflow.

Two places need it: the gazetteer (where a word may start and end: Korean attaches particles,
Chinese, Japanese and Thai write no spaces) and language detection (a script that only one
language writes decides the language by itself).
"""

from __future__ import annotations

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
