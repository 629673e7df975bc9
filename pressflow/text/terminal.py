"""Text from outside (partners' pages and errors, OPML and TBX files) made safe to print.

rich reads ``[bold]`` and ``[link=...]`` in a string as markup: a partner's redirect to
``ftp://x/[/bold]`` crashed the summary, and ``[link=...]`` drew a hidden hyperlink. A
terminal obeys escape sequences: a page title holding ``ESC]8;;...`` or ``ESC[2J`` would
do the same. So outside text goes to rich only as :class:`rich.text.Text` (never parsed as
markup or emoji), and every control character, and the bidirectional overrides that can
make text read differently than it is, is shown as a visible ``\\xNN`` escape.
"""

from __future__ import annotations

import re

from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, and Unicode bidirectional controls
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: object) -> str:
    """``text`` with every control character written as a visible escape."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                       else f"\\u{ord(m.group()):04x}", str(text))


def outside(text: object, style: str = "") -> Text:
    """Outside text for rich: never read as markup, controls made visible."""
    return Text(safe(text), style=style)
