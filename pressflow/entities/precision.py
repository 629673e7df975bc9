"""Where a name found in a page cannot be an entity: checks that hold in every language.

Real pages carry navigation around the article: a language switcher ("English | Français |
日本語"), menus ("Home · News · Mission · Contact"), and words that are also some town's name
("Mission", "Centro"). These checks keep such text out of the entities:

* :func:`~pressflow.text.language_names.written_language_names`: the names of languages, as
  each language writes its own and as the common languages write the others (CLDR through
  babel): "日本語" is a language, not a city that happens to have it as an alternate name;
* :func:`menu_spans`: lines that are menus or language switchers (short items between
  separators, or a run of short lines without a sentence among them);
* :func:`locative_before`: whether a preposition of place comes right before a name ("di
  Lione", "à Lyon", "in Milan"), the corroboration a small town's one-word name needs when no
  NER model calls it a place.
"""

from __future__ import annotations

import re

LOCATIVES = frozenset({
    "in", "at", "from", "to", "near", "of",  # en
    "à", "a", "au", "aux", "de", "d'", "en", "depuis", "vers", "près",  # fr
    "di", "da", "dal", "nel", "per", "verso", "fino",  # it
    "desde", "hacia", "hasta", "del",  # es
    "em", "no", "na", "do", "para", "até",  # pt
    "im", "nach", "aus", "bei", "von", "zu",  # de
    "te", "naar", "uit", "van", "bij",  # nl
    "w", "we", "z", "ze", "od", "pod",  # pl
    "în", "la", "din", "spre", "pe",  # ro
    "в", "во", "из", "на", "под", "до", "от",  # ru
})
"""Prepositions after which a capitalised word names a place more often than not."""
_SEPARATORS = re.compile(r"\s*(?:\||•|·|»|›|/|–|—)\s*")
_SENTENCE_END = re.compile(r"[.!?。！？:;,]\s*$")
MENU_ITEM_WORDS = 3
"""A menu item or a switcher entry is at most this many words long."""
MENU_RUN = 3
"""This many short lines in a row, none a sentence, are a menu."""


def menu_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of ``text`` that are navigation, not prose.

    A line is a menu when separators ("|", "•", "·", "/", ...) cut it into three or more
    short items; a run of :data:`MENU_RUN` or more short lines (each at most
    :data:`MENU_ITEM_WORDS` words and not ending like a sentence) is a menu or a language
    switcher too. Headlines stand alone between paragraphs and are not caught.
    """
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw), raw.strip()))
        pos += len(raw) + 1
    spans: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def close_run() -> None:
        if len(run) >= MENU_RUN:
            spans.extend(run)
        run.clear()

    for start, end, line in lines:
        items = [i for i in _SEPARATORS.split(line) if i]
        if len(items) >= 3 and all(len(i.split()) <= MENU_ITEM_WORDS for i in items):
            spans.append((start, end))
            close_run()
        elif line and len(line.split()) <= MENU_ITEM_WORDS and not _SENTENCE_END.search(line):
            run.append((start, end))
        elif line:
            close_run()
    close_run()
    return spans


_WORD_BEFORE = re.compile(r"([\w'\u2019]+)['\u2019]?\s*$")


def locative_before(text: str, start: int) -> bool:
    """True when the word right before ``start`` is a preposition of place ("di Lione",
    "à Lyon", "w Krakowie", "в Москве"); an elided article counts ("dell'Aquila")."""
    window = text[max(0, start - 20):start]
    if window.endswith(("'", "\u2019")):
        return True
    m = _WORD_BEFORE.search(window)
    return m is not None and m.group(1).casefold() in LOCATIVES
