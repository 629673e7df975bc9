"""Choosing among overlapping matches in a text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def leftmost_longest(found: Iterable[T], span: Callable[[T], tuple[int, int]]) -> list[T]:
    """The matches that do not overlap, in text order: the leftmost wins, and of those that
    start together the longest ("Comune di Milano" over "Milano"). The rule every name and
    term finder uses (gazetteer, NER merging, glossary), so they agree on what one match is."""
    ordered = sorted(found, key=lambda m: (span(m)[0], -(span(m)[1] - span(m)[0])))
    chosen: list[T] = []
    last_end = -1
    for match in ordered:
        start, end = span(match)
        if start >= last_end:
            chosen.append(match)
            last_end = end
    return chosen
