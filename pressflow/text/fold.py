"""Folding: the one way pressflow compares words regardless of case, accents and keyboard.

``Séoul`` and ``Seoul``, ``Février`` and ``fevrier``, ``l’UCLG`` and ``l'UCLG``, and a Persian
city typed with an Arabic or a Persian keyboard (شيراز, شیراز) must compare equal wherever
pressflow compares names: the gazetteer's lookups, the stories' anchors and shingles, month
names in dates, glossary terms. One set of rules, three variants where the use really differs:

* :func:`fold`: text for comparison (anchors, shingles, month names): case folded, accents
  removed, apostrophes and Persian letters unified. Korean syllables are composed again
  after the accents go (NFKD takes 년 apart into letters).
* :func:`fold_key`: a dictionary key for a name (the gazetteer's lookups of NER output): the
  same, with runs of white space squeezed to one space and the ends stripped.
* :func:`fold_same_length`: the glossary finds terms in the folded text and replaces them in
  the original, so its fold must keep every character's position: one character in, one
  out (no decomposition into several), case kept when the term asks for it.
"""

from __future__ import annotations

import re
import unicodedata

_UNIFY = str.maketrans({
    # apostrophes as keyboards and word processors write them
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
    # Arabic yeh, alef maksura and kaf as Persian writes them: one city spelled with
    # either keyboard is one name (شيراز, شیراز)
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
})
_SPACES = re.compile(r"\s+")


def unify(text: str) -> str:
    """Apostrophes and Persian letters unified; length and case kept."""
    return text.translate(_UNIFY)


def fold(text: str) -> str:
    """Lower case without accents, apostrophes and Persian letters unified."""
    if text.isascii():
        return text.replace("`", "'").lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNIFY).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # compose again: Korean syllables come apart into letters under NFKD (년 -> ᄂ ᅧ ᆫ)
    return unicodedata.normalize("NFC", stripped)


def fold_key(name: str) -> str:
    """:func:`fold` with white space squeezed and stripped: a name as a dictionary key."""
    return _SPACES.sub(" ", fold(name)).strip()


class _SameLengthTable(dict[int, str]):
    """A ``str.translate`` table filled on first sight of each character, so folding runs
    at C speed: every sentence of every article is folded, for matching and verifying."""

    def __init__(self, keep_case: bool) -> None:
        super().__init__()
        self.keep_case = keep_case

    def __missing__(self, code: int) -> str:
        ch = chr(code).translate(_UNIFY)
        base = unicodedata.normalize("NFD", ch)[0]
        if not self.keep_case:
            base = base.lower()[0]
        self[code] = base
        return base


_SAME_LENGTH = {False: _SameLengthTable(False), True: _SameLengthTable(True)}


def fold_same_length(text: str, *, keep_case: bool = False) -> str:
    """Same length as ``text``: accents removed, apostrophes unified, lower case unless asked.

    Keeping the length lets a match in the folded text point back into the original.
    """
    return text.translate(_SAME_LENGTH[keep_case])
