"""Names are never translated: people, organisations and places kept through any engine.

Engines read a name as words: Apertium turns "Lo Russo" into "The Russian", "Rosa Blanco"
into "Pink Target", and a French place goes through the Spanish pivot ("Turín"). So before
any engine runs, the names of each document are found once (the entities stage's gazetteer
and NER, see :func:`pressflow.entities.stage.extract_entities`), a later surname-only
mention is tied to an earlier full one ("Stefano Lo Russo" ... "Lo Russo"), and every
occurrence is protected with the glossary's placeholders (glossary terms first: they keep
priority where they overlap). A place comes back in its English form when the gazetteer
knows one (Torino -> Turin), people and organisations as written.

Engines also capitalise the word after a name they do not know ("Lyon Is proud"):
:func:`repair_casing` lowers such a word again when the source had it in lower case.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pressflow.translate.glossary import PLACEHOLDER, PLACEHOLDER_RE, Entry, Glossary, Protected

if TYPE_CHECKING:
    from pressflow.entities.gazetteer import Match
    from pressflow.entities.stage import Entity

NAMES_VERSION = "3"
"""Bump when the way names are found or written changes: translations cached under a
document's names (see :func:`names_signature`) are then made again."""
NAME = "name: kept"
"""The note of a protected name's entry (not a glossary term: never counted as one)."""
PLACE_LABELS = frozenset({"GPE", "LOC"})
_PARTICLES = frozenset({"de", "da", "di", "do", "dos", "das", "del", "della", "van", "von", "le", "la",
                        "lo", "du", "des"})
_CAP = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’-][^\W\d_]+)*"
_CAPITALISED_RUN = re.compile(
    rf"(?<=[a-zß-öø-ÿ,] )({_CAP}(?:\s(?:(?:{'|'.join(sorted(_PARTICLES))})\s)?{_CAP})+)(?!\w)")
"""Two or more capitalised words mid-sentence (after a lower-case word or a comma): a name
in the languages engines read, even where NER missed it ("il sindaco Stefano Lo Russo")."""


@dataclass
class NameTable:
    """The names of one document: surface form -> what the translation says."""

    targets: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._pattern: re.Pattern[str] | None = None

    def add(self, surface: str, target: str) -> None:
        surface = surface.strip()
        if len(surface) >= 2 and surface not in self.targets:
            self.targets[surface] = target
            self._pattern = None

    def pattern(self) -> re.Pattern[str] | None:
        if self._pattern is None and self.targets:
            alts = sorted(self.targets, key=len, reverse=True)  # longest first
            self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alts)) + r")(?!\w)")
        return self._pattern


def english_place(surface: str, canonical: str) -> str:
    """A place's English form: the gazetteer's canonical name (geonames names big cities in
    English: Torino -> Turin, Varsavia -> Warsaw), unless that is the local spelling
    (geonames names some German cities Köln, Zürich) and the text already wrote the name in
    plain Latin letters (French "Cologne"): then as written. A name shared by several places
    means the one whose own name it is (see :func:`pressflow.entities.gazetteer.city_aliases`)."""
    if canonical.isascii() or not surface.isascii():
        return canonical
    return surface


def _surname(full: str) -> str | None:
    """The surname-only mention of a person's full name ("Stefano Lo Russo" -> "Lo Russo"),
    or None when the name has one word, or a word that is no part of a name."""
    words = full.split()
    if len(words) < 2 or not all(w[:1].isupper() or w.casefold() in _PARTICLES for w in words):
        return None
    rest = " ".join(words[1:])
    return rest if sum(c.isalpha() for c in rest) >= 3 and rest[:1].isupper() else None


def names_signature(lang: str, glossary_dir: Path | None) -> str:
    """Everything but the text that decides a document's names in ``lang``: this code's
    version, the NER pipeline's name and version, and the gazetteer's inputs (its data, the
    glossary and ``keep.txt``). Read without loading any model."""
    from pressflow.entities import gazetteer as gz
    from pressflow.entities.stage import model_version

    raw = "\x1f".join((NAMES_VERSION, lang, model_version(lang), gz.inputs_signature(glossary_dir)))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?:;\n\"«“(]\s*$")


def may_hold_names(text: str, lang: str) -> bool:
    """False when no word of ``text`` can start a name: a name begins with a capital (or is
    written in a script without capitals), so a text whose only capitalised words are
    function words opening a sentence ("Le", "Dans") needs no NER."""
    from pressflow.entities.gazetteer import stopwords

    function_words = stopwords(lang)
    for m in _WORD.finditer(text):
        first = m.group()[0]
        if first.lower() == first.upper():
            return True  # a script without capitals (Chinese, Arabic, Korean...)
        if not first.isupper():
            continue
        opens = m.start() == 0 or bool(_SENTENCE_END.search(text, max(0, m.start() - 3), m.start()))
        if not (opens and m.group().casefold() in function_words):
            return True
    return False


def name_tables(texts: Sequence[tuple[str, str]], glossary: Glossary,
                glossary_dir: Path | None) -> list[NameTable]:
    """One table per (text, language): found once per document, not per sentence, and all
    documents in one NER batch; a document without a possible name skips NER."""
    from pressflow.entities.stage import extract_entities

    readable = [i for i, (text, lang) in enumerate(texts) if may_hold_names(text, lang)]
    found_for = extract_entities([texts[i] for i in readable], glossary_dir=glossary_dir) \
        if readable else []
    found: list[list[Entity]] = [[] for _ in texts]
    for i, entities in zip(readable, found_for, strict=True):
        found[i] = entities
    keep_names = [e.source for e in glossary.entries if e.keep]
    tables = []
    for (text, lang), entities in zip(texts, found, strict=True):
        table = NameTable()
        people: list[str] = []
        councils = [e.text for e in entities if (e.entity_id or "").startswith("council:")]
        for place in _places_inside(councils, lang, glossary_dir):
            table.add(place.text, english_place(place.text, place.entry.canonical))
        for e in entities:
            if e.text in councils or _institution_words(e.text):
                continue  # words of the language ("Comune di", "El Ayuntamiento"): the engine and glossary's
            if e.label in PLACE_LABELS:
                table.add(e.text, english_place(e.text, e.canonical) if e.entity_id else e.text)
            elif e.label in {"PERSON", "ORG"}:
                table.add(e.text, e.text)
                if e.label == "PERSON":
                    people.append(e.text)
        for m in _CAPITALISED_RUN.finditer(text):
            run = _place_cut_off(m.group(1), glossary_dir)
            if run not in table.targets and run not in councils:
                table.add(run, run)
                people.append(run)
        people += [k for k in keep_names if k in text]
        for person in people:
            short = _surname(person)
            if short and short in text:
                table.add(short, short)
        tables.append(table)
    return tables


_PARTICLE_SPLIT = re.compile(rf"\s(?:{'|'.join(sorted(_PARTICLES))})\s")


def _place_cut_off(run: str, glossary_dir: Path | None) -> str:
    """A run of capitalised words without the known place a particle joined to it: "Ana Lup
    la Bucureşti" is a person at a place ("la" is also Romanian "at"), "Anna Lisa de Rosa"
    stays whole."""
    from pressflow.entities import gazetteer as gz

    gaz, _ = gz.cached(str(glossary_dir) if glossary_dir else None)
    for m in _PARTICLE_SPLIT.finditer(run):
        entry = gaz.lookup(run[m.end():])
        if entry is not None and entry.label in PLACE_LABELS:
            return run[:m.start()]
    return run


def _institution_words(name: str) -> bool:
    """True for a local-government body named by common words alone, after an article ("El
    Ayuntamiento", "La Ville", "Câmara Municipal"): words to translate, not a name."""
    from pressflow.entities.officials import is_institution

    words = name.split()
    return is_institution(name) or (len(words) > 1 and is_institution(" ".join(words[1:])))


def _places_inside(councils: Sequence[str], lang: str, glossary_dir: Path | None) -> list[Match]:
    """The places named inside local-government bodies ("Comune di Milano", "Mairie de
    Lyon"): the body's words are the language's own, for the engine and the glossary to
    translate; its place is a name (in its English form)."""
    if not councils:
        return []
    from pressflow.entities import gazetteer as gz

    gaz, _ = gz.cached(str(glossary_dir) if glossary_dir else None)
    return [m for council in councils for m in gaz.find(council, lang) if m.entry.label in PLACE_LABELS]


def protect_names(protected: Protected, names: NameTable) -> Protected:
    """``protected`` (a sentence with its glossary terms already replaced) with the names of
    ``names`` replaced by further placeholders, where no term took their place."""
    pattern = names.pattern()
    if pattern is None:
        return protected
    entries = list(protected.entries)
    caps = list(protected.capitalised)

    def replace(m: re.Match[str]) -> str:
        entries.append(Entry(m.group(), names.targets[m.group()], NAME, keep=True))
        caps.append(m.group()[:1].isupper())
        return PLACEHOLDER.format(len(entries) - 1)

    text = pattern.sub(replace, protected.text)
    return Protected(text, entries, caps) if len(entries) > len(protected.entries) else protected


_AFTER_PLACEHOLDER = re.compile(PLACEHOLDER_RE.pattern + r"(\s+)(\w+)")


def repair_casing(translation: str, protected: Protected) -> str:
    """Lower the word an engine capitalised after a protected name ("Lyon Is proud"), where
    the source's word after that name was in lower case (mid-sentence)."""
    lowered_after = {int(m.group(1)) for m in _AFTER_PLACEHOLDER.finditer(protected.text)
                     if m.group(3)[:1].islower()}
    if not lowered_after:
        return translation

    def fix(m: re.Match[str]) -> str:
        word = m.group(3)
        if int(m.group(1)) in lowered_after and word[:1].isupper() and word[1:].islower() \
                and word != "I" and not PLACEHOLDER_RE.fullmatch(word):
            word = word[:1].lower() + word[1:]
        return m.group()[:m.start(3) - m.start()] + word

    return _AFTER_PLACEHOLDER.sub(fix, translation)
