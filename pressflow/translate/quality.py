"""A quality flag per translation: the signs that an engine's output is likely poor.

Editors cannot read every translation; the digest and the review page show this flag so
they look at those first. The signs, read from the source and the translation alone (so a
translation from the cache is judged as when it was made):

- words left untranslated: a lower-case word copied from the source in letters English does
  not write (participativă) or a function word of the source language, most of the
  translation's lower-case words copied from the source (an engine that did not know the
  language copies them), or Apertium's unknown-word marks (``*word``, ``#word``, ``@word``);
- pivot-language leaks: short function words of the pivot language (Spanish "del", "los",
  "para" for fr->es->en with Apertium) that belong neither to the source language nor to
  the target, and any word of the output, not in the source, that a dictionary of the pivot
  language knows and the target's does not (Spanish "cabildos", which fr-es writes and
  spa-eng does not know; see :mod:`pressflow.translate.lexicon`);
- lost placeholders: a protected term's placeholder (``Zx3q``) left in the output;
- a length out of bounds: the translation under half or over twice the source's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pressflow.translate.glossary import PLACEHOLDER_RE

MIN_CHARS = 40
"""Shorter texts (a title of three words) say too little for a length ratio or a copy rate."""
LENGTH_BOUNDS = (0.5, 2.0)
COPIED_SHARE = 0.5
PIVOT_WORD_MAX = 4
_WORD = re.compile(r"(?<![\w*#@])[^\W\d_]{4,}(?!\w)")
_UNKNOWN_MARK = re.compile(r"(?<!\w)[*#@][^\W\d_]+")


@cache
def _function_words(lang: str) -> frozenset[str]:
    from pressflow.entities.gazetteer import stopwords

    return stopwords(lang)


def pivot_leaks(translation: str, source_lang: str, pivot: str, target: str) -> list[str]:
    """The pivot language's function words in ``translation`` that are not also words of
    the source language or of the target ("del", "los", "para" in an English text)."""
    foreign = _function_words(pivot) - _function_words(target) - _function_words(source_lang)
    words = re.findall(r"[^\W\d_]+", translation)
    # short words only: the stop-word lists also hold longer content words that English
    # shares ("mayor", "general")
    return sorted({w for w in words if w.islower() and 3 <= len(w) <= PIVOT_WORD_MAX and w in foreign})


def pivot_words(translation: str, source: str, pivot: str, target: str) -> list[str]:
    """Words of ``translation``, not in ``source``, that a dictionary of the ``pivot``
    language knows and none of the ``target``'s does: the pivot's words the second step of
    the route did not translate ("cabildos"). Empty when either language has no dictionary
    installed (:func:`pressflow.translate.lexicon.known_words`)."""
    from pressflow.translate.lexicon import known_words

    source_words = {w.casefold() for w in _WORD.findall(source)}
    candidates = {w for w in _lower_words(translation) if w.casefold() not in source_words}
    if not candidates:
        return []
    in_target = known_words(target, candidates)
    if in_target is None:
        return []
    in_pivot = known_words(pivot, candidates - in_target)
    return sorted(in_pivot or ())


_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)([A-Z][a-z]{3,})\b")


def _lower_words(text: str) -> set[str]:
    """The lower-case words of ``text`` and its sentences' first words in lower case (an
    engine capitalises the pivot word it copies there: "Cientos Of people")."""
    return {w for w in _WORD.findall(text) if w.islower()} | {
        m.group(1).lower() for m in _SENTENCE_START.finditer(text)}


def prepare_pivot_check(translations: Iterable[str], pivot: str | None, target: str) -> None:
    """Ask the dictionaries about every word of a batch of translations at once (one
    ``lt-proc`` call per dictionary), before :func:`quality_issues` judges them one by one."""
    if not pivot or pivot == target:
        return
    from pressflow.translate.lexicon import known_words

    words = {w for t in translations for w in _lower_words(t)}
    in_target = known_words(target, words)
    if in_target is not None:
        known_words(pivot, words - in_target)


def quality_issues(source: str, translation: str, source_lang: str, target: str,
                   pivot: str | None = None) -> list[str]:
    """Why ``translation`` of ``source`` is likely poor; empty when nothing shows it."""
    if not source.strip() or not translation.strip():
        return []
    issues: list[str] = []
    marks = _UNKNOWN_MARK.findall(translation)
    if marks:
        issues.append(f"unknown words marked by the engine: {', '.join(sorted(set(marks))[:5])}")
    source_words = set(_WORD.findall(source))
    lower = [w for w in _WORD.findall(translation) if w.islower()]
    copied = [w for w in lower if w in source_words and w not in _function_words(target)]
    # a copied word in letters the target does not write (participativă), or a function word
    # of the source's and not of the target's: certainly not translated
    certain = sorted({w for w in copied if (target == "en" and not w.isascii())
                      or (w in _function_words(source_lang) and w not in _function_words(target))})
    if certain:
        issues.append(f"words left untranslated: {', '.join(certain[:5])}")
    elif len(source) >= MIN_CHARS and len(lower) >= 5 and len(copied) / len(lower) > COPIED_SHARE:
        issues.append(f"words left untranslated ({len(copied)} of {len(lower)} copied from the source)")
    if len(source) >= MIN_CHARS:
        ratio = len(translation) / len(source)
        if not LENGTH_BOUNDS[0] <= ratio <= LENGTH_BOUNDS[1]:
            issues.append(f"length {ratio:.1f} times the source's")
    if pivot and pivot not in (source_lang, target):
        leaks = sorted({*pivot_leaks(translation, source_lang, pivot, target),
                        *pivot_words(translation, source, pivot, target)})
        if leaks:
            issues.append(f"{pivot} (pivot) words left: {', '.join(leaks[:5])}")
    left = sorted(set(PLACEHOLDER_RE.findall(translation)))
    if left:
        issues.append(f"{len(left)} protected term(s) lost (placeholder left)")
    return issues
