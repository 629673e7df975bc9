"""Translation memory: an editor's correction is used again, before any engine runs.

When an editor saves a translation in the review page, the article's source text and the
editor's text are cut into segment pairs (:func:`edit_entries`): sentence by sentence where
a paragraph has as many sentences on both sides, else the paragraph whole. Segments the
editor left as the engine wrote them are not stored (the engine gives them again anyway).

Later, every paragraph and every sentence of a text to translate is looked up
(:class:`PairMemory`) before the glossary, the name protection and the engine:

- **exact**: the same segment once white space, case and apostrophe forms are normalised
  (:func:`segment_key`);
- **near**: the best stored segment whose score reaches ``translate.memory_threshold``
  (0.92 by default; 1 turns near matches off). The score is the lower of two similarities
  of the normalised texts, each ``1 - (insertions + deletions) / (length of both)``: over
  characters, and over words (compared without accents; a word of five letters or more
  within 0.8 of one in the other segment counts as that word mistyped). Both must be
  high. Two guards come on top, because a near match is used without a translator
  looking first: the numbers must be the same, in the same order ("450 plazas" never
  takes the translation of "300 plazas"), and no word of four letters or more may differ
  (typos put right): "martes" for "lunes", or one word more ("distrito municipal"), is
  another sentence however long it is. What passes: case, accents, punctuation, typos,
  short words (articles, prepositions) added or dropped.

The editor's text is used as it is: no glossary term and no protected name is applied on
top of it. The result says which segments came from the memory (``memory_details``,
shown in the digest and the review page) and its engine is ``memory`` when every segment
did, ``<engine>+memory`` when some did.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from pressflow.store.records import MemoryEntry
from pressflow.text.fold import fold, unify
from pressflow.translate.sentences import Segmented, split_sentences

DEFAULT_THRESHOLD = 0.92
EDITOR, TMX_IMPORT = "editor", "tmx import"
_SPACES = re.compile(r"\s+")
_NUMBERS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a line with something on it: a paragraph or heading
_CANDIDATES = 5  # near matches by characters, re-scored over words
# two words of 5+ letters this similar are one word mistyped ("ditsrito" for "distrito",
# 0.88), while other words stay apart ("lunes"/"martes" 0.36, "plazas"/"playas" 0.67)
_TYPO_MIN_CHARS, _TYPO_SCORE = 5, 80
_CONTENT_WORD_CHARS = 4


def segment_key(text: str) -> str:
    """A segment as the memory compares it: NFC, apostrophes unified, case folded, white
    space squeezed (``"Le  Maire’s"`` and ``"le maire's"`` are one key)."""
    return _SPACES.sub(" ", unify(unicodedata.normalize("NFC", text)).casefold()).strip()


def numbers_of(text: str) -> tuple[str, ...]:
    """The digit runs of a segment, in order: a near match must have the same."""
    return tuple(_NUMBERS.findall(text))


def _words(a: str, b: str) -> tuple[list[str], list[str]]:
    """The words of two keys without accents, ``b``'s typos of ``a``'s words put right."""
    a_words, b_words = _WORDS.findall(fold(a)), _WORDS.findall(fold(b))
    known = set(a_words)
    for i, word in enumerate(b_words):
        if word not in known and len(word) >= _TYPO_MIN_CHARS:  # a typo is still the word
            close = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=_TYPO_SCORE)
            if close is not None:
                b_words[i] = close[0]
    return a_words, b_words


def similarity(a: str, b: str) -> float:
    """The near-match score of two segment keys (see the module docstring), 0 to 1."""
    a_words, b_words = _words(a, b)
    return min(Indel.normalized_similarity(a, b), Indel.normalized_similarity(a_words, b_words))


def differing_words(a: str, b: str) -> set[str]:
    """The words of four letters or more that one key has and the other has not (typos
    put right): a near match may differ in short words (articles, prepositions) only."""
    a_words, b_words = _words(a, b)
    return {w for w in set(a_words) ^ set(b_words) if len(w) >= _CONTENT_WORD_CHARS}


@dataclass(frozen=True)
class MemoryHit:
    """A segment of a text to translate and the stored pair that translates it."""

    entry: MemoryEntry
    score: float  # 1.0 for an exact match

    @property
    def target(self) -> str:
        return self.entry.target

    def as_dict(self, field: str, segment: str) -> dict[str, object]:
        """What ``translations.memory_details`` keeps of it (JSON)."""
        return {"field": field, "segment": segment, "memory_source": self.entry.source,
                "target": self.entry.target, "score": round(self.score, 3),
                "match": "exact" if self.score >= 1.0 else "near", "origin": self.entry.origin,
                "editor": self.entry.editor, "memory_id": self.entry.id}


class PairMemory:
    """The memory of one language pair, indexed for exact and near lookups."""

    def __init__(self, entries: Iterable[MemoryEntry], threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.exact: dict[str, MemoryEntry] = {}
        for e in entries:
            self.exact[e.source_key] = e  # the newest of equal keys (entries come oldest first)
        self._by_numbers: dict[tuple[str, ...], list[str]] = {}
        for key in self.exact:
            self._by_numbers.setdefault(numbers_of(key), []).append(key)
        self._seen: dict[str, MemoryHit | None] = {}

    def __len__(self) -> int:
        return len(self.exact)

    def lookup(self, text: str) -> MemoryHit | None:
        """The stored translation of this segment: exact, else the best near match."""
        key = segment_key(text)
        if not key:
            return None
        if key in self._seen:
            return self._seen[key]
        hit: MemoryHit | None = None
        if key in self.exact:
            hit = MemoryHit(self.exact[key], 1.0)
        elif self.threshold < 1.0:
            best = (0.0, "")
            candidates = self._by_numbers.get(numbers_of(key), [])
            for found, _, _ in process.extract(key, candidates, scorer=fuzz.ratio, limit=_CANDIDATES,
                                               score_cutoff=self.threshold * 100):
                score = similarity(key, found)
                if score > best[0] and not differing_words(found, key):
                    best = (score, found)
            if best[0] >= self.threshold:
                hit = MemoryHit(self.exact[best[1]], best[0])
        self._seen[key] = hit
        return hit

    def apply(self, seg: Segmented) -> tuple[Segmented, dict[int, MemoryHit]]:
        """A text's segmentation with the memory's matches: a paragraph the memory knows
        whole becomes one unit; otherwise each sentence is looked up. Returns the
        segmentation to translate and, by sentence index in it, the hits."""
        parts: list[str | list[str]] = []
        hits: dict[int, MemoryHit] = {}
        index = 0
        for part in seg.parts:
            if not isinstance(part, list):
                parts.append(part)
                continue
            whole = self.lookup(" ".join(part)) if len(part) > 1 else None
            if whole is not None:
                parts.append([" ".join(part)])
                hits[index] = whole
                index += 1
                continue
            parts.append(part)
            for sentence in part:
                hit = self.lookup(sentence)
                if hit is not None:
                    hits[index] = hit
                index += 1
        return Segmented(parts), hits


class MemorySource(Protocol):
    """Where the entries of a language pair come from (the store, or a TMX file)."""

    def memory_entries(self, source_lang: str | None = None,
                       target_lang: str | None = None) -> list[MemoryEntry]: ...


class TranslationMemory:
    """The memory a translation batch consults, loaded one language pair at a time."""

    def __init__(self, source: MemorySource, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.source = source
        self.threshold = threshold
        self._pairs: dict[tuple[str, str], PairMemory | None] = {}

    def pair(self, source_lang: str, target: str) -> PairMemory | None:
        """The pair's memory, or None when it holds nothing for the pair."""
        if (source_lang, target) not in self._pairs:
            memory = PairMemory(self.source.memory_entries(source_lang, target), self.threshold)
            self._pairs[(source_lang, target)] = memory if len(memory) else None
        return self._pairs[(source_lang, target)]


class EntryList:
    """Entries held in memory (a TMX file given to ``pressflow translate --memory``)."""

    def __init__(self, entries: Sequence[MemoryEntry]) -> None:
        self.entries = list(entries)

    def memory_entries(self, source_lang: str | None = None,
                       target_lang: str | None = None) -> list[MemoryEntry]:
        return [e for e in self.entries if source_lang in (None, e.source_lang)
                and target_lang in (None, e.target_lang)]


# -- an editor's edit as segment pairs ------------------------------------------------------
@dataclass(frozen=True)
class SegmentPair:
    source: str
    target: str
    segtype: str  # sentence | paragraph
    offset: int  # where the source segment's paragraph starts in the source text


def _lines(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group().strip()) for m in _LINE.finditer(text or "")]


def align(source: str, edited: str) -> list[SegmentPair] | None:
    """Segment pairs of a source text and its translation, or None when they cannot be
    aligned: not as many paragraphs. (Matching sentences across paragraphs an editor joined
    or split would pair the wrong ones as soon as one sentence was also joined or split; a
    wrong pair in the memory is worse than none.)"""
    src, tgt = _lines(source), _lines(edited)
    if len(src) != len(tgt):
        return None
    pairs: list[SegmentPair] = []
    for (offset, s), (_, t) in zip(src, tgt, strict=True):
        ss, ts = split_sentences(s), split_sentences(t)
        if len(ss) == len(ts):
            pairs.extend(SegmentPair(a, b, "sentence", offset) for a, b in zip(ss, ts, strict=True))
        else:
            pairs.append(SegmentPair(s, t, "paragraph", offset))
    return pairs


def _segments(text: str | None) -> set[str]:
    """Every line and sentence of a translation, as keys (to find the unchanged ones)."""
    keys: set[str] = set()
    for _, line in _lines(text or ""):
        keys.add(segment_key(line))
        keys.update(segment_key(s) for s in split_sentences(line))
    return keys


@dataclass(frozen=True)
class EditSegments:
    """What an edit gives the memory: the pairs, and the fields that could not be aligned."""

    entries: list[MemoryEntry]
    unaligned: list[str]


def edit_entries(*, article_id: str, lang: str | None, target: str,
                 fields: Sequence[tuple[str, str | None, str | None, str | None]],
                 paragraphs: Sequence[tuple[int, int, str]] | None, editor: str,
                 at: str) -> EditSegments:
    """The segment pairs of an editor's translation of an article.

    ``fields``: (name, source text, editor's text, the translation it replaced) for the
    title and the text. ``paragraphs``: the language stage's (start, end, language) spans of
    the source text, so a paragraph in another language is stored under its own pair.
    """
    entries: list[MemoryEntry] = []
    unaligned: list[str] = []
    for name, source, edited, before in fields:
        if not source or not edited:
            continue
        pairs = align(source, edited)
        if pairs is None:
            unaligned.append(name)
            continue
        unchanged = _segments(before)
        for p in pairs:
            src_lang = _language_at(p.offset, paragraphs if name == "text" else None, lang)
            if not src_lang or src_lang in ("und", target) or not _WORDS.search(p.source):
                continue
            if segment_key(p.target) in unchanged or segment_key(p.source) == segment_key(p.target):
                continue
            entries.append(MemoryEntry(
                source_lang=src_lang, target_lang=target, source=p.source, target=p.target,
                source_key=segment_key(p.source), origin=EDITOR, segtype=p.segtype,
                editor=editor, article_id=article_id, created_at=at, updated_at=at))
    return EditSegments(entries, unaligned)


def _language_at(offset: int, spans: Sequence[tuple[int, int, str]] | None,
                 lang: str | None) -> str | None:
    for start, end, span_lang in spans or ():
        if start <= offset < end and span_lang and span_lang != "und":
            return span_lang.lower()
    return lang.lower() if lang else None
