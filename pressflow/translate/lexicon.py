"""Which words a language's dictionary knows, from the Apertium analysers installed here.

Used by the quality flag (:mod:`pressflow.translate.quality`) to catch words of a pivot
language left in a translation: French "conseils municipaux" goes to Spanish "cabildos"
(fr-es knows it), which spa-eng does not know, so Apertium (run with ``-u``, no unknown-word
marks) copies it into the English output. A word of the output that a dictionary of the
pivot language knows and the target language's does not is such a leak, content word or not.

The analysers are the ones Apertium's own modes use: the first ``lt-proc ... automorf.bin``
of every installed ``xx-yy.mode`` analyses ``xx``. Every dictionary of a language is asked
(fr-es and spa-eng each have their own Spanish one, of different sizes); answers are kept
per process, and a whole batch of words goes to ``lt-proc`` in one call.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

MODE_DIRS = (Path("/usr/share/apertium/modes"), Path("/usr/local/share/apertium/modes"))
_MODE_NAME = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})\.mode$")
_ANALYSER = re.compile(r"lt-proc\s+(?:-[a-z]\s+)*'?([^'\s|]+\.automorf\.bin)'?")
_UNIT = re.compile(r"\^([^/$]*)/([^$]*)\$")
TIMEOUT = 60.0
MAX_WORD = 64
"""Longer "words" are asked of no dictionary (none holds one; ``lt-proc`` takes time growing
faster than a word's length: a partner's 600,000 unspaced letters took minutes)."""

_known: dict[tuple[Path, str], bool] = {}


@cache
def analysers(lang: str) -> tuple[Path, ...]:
    """The Apertium morphological analysers of ``lang`` (ISO 639-1) installed here."""
    from pressflow.translate.apertium import _iso1

    if shutil.which("lt-proc") is None:
        return ()
    found: dict[Path, None] = {}
    for folder in MODE_DIRS:
        if not folder.is_dir():
            continue
        for mode in sorted(folder.glob("*.mode")):
            m = _MODE_NAME.match(mode.name)
            if not m or _iso1(m.group(1)) != lang:
                continue
            try:
                first = _ANALYSER.search(mode.read_text(encoding="utf-8"))
            except OSError:
                continue
            if first and Path(first.group(1)).is_file():
                found.setdefault(Path(first.group(1)), None)
    return tuple(found)


def known_words(lang: str, words: Iterable[str]) -> set[str] | None:
    """The ``words`` some dictionary of ``lang`` knows (as written or in lower case); None
    when no analyser of ``lang`` is installed (nothing can be said)."""
    paths = analysers(lang)
    if not paths:
        return None
    wanted = {w for w in words if w and len(w) <= MAX_WORD and w.isalpha()}
    for path in paths:
        todo = sorted(w for w in wanted if (path, w) not in _known)
        if todo:
            _known.update(((path, w), ok) for w, ok in _analyse(path, todo).items())
    return {w for w in wanted if any(_known.get((p, w), False) for p in paths)}


def _analyse(path: Path, words: list[str]) -> dict[str, bool]:
    """Each word -> whether the analyser knows it (an unknown word's analysis is ``*word``).
    A failing ``lt-proc`` knows nothing: the words count as unknown to this dictionary."""
    try:
        done = subprocess.run(["lt-proc", str(path)], input="\n".join(words) + "\n",
                              capture_output=True, text=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError):
        return dict.fromkeys(words, False)
    answers = {m.group(1): not m.group(2).startswith("*") for m in _UNIT.finditer(done.stdout)}
    return {w: answers.get(w, False) for w in words}
