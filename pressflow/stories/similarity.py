"""What makes two articles the same story: fingerprints, a pair score and vetoes.

An article is reduced to a :class:`Fingerprint` that works across languages without a
translation model:

* a MinHash signature of word 3-shingles of its normalised text (near-duplicates in one
  language; LSH bands of it find candidates without comparing all pairs);
* *anchors*: what survives translation unchanged or nearly so: proper names written with
  capitals mid-sentence (people, organisations, acronyms such as ``WeGO``), cities from a
  gazetteer in any script (``Séoul``, ``서울`` and ``Seoul`` are one city), years and other
  numbers, and the canonical entities of the entities stage when there are any;
* the *lead* (title and opening lines): the places, names and years the story is about,
  used to veto look-alikes (the same organisation's workshop in another city, the same
  annual event a year later, a meeting with a different official);
* the English content words (the original when English, else the translation) when known.

:func:`score_pair` turns two fingerprints into a decision. Rare anchors weigh more than
common ones (inverse document frequency), so two WeGO items only join when they also share
the names, places and numbers of one event.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash

from pressflow.entities import gazetteer as gz
from pressflow.text.fold import fold
from pressflow.text.language_names import language_names
from pressflow.text.writing_systems import CASED_LETTERS, CASELESS_TEXT, is_caseless

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above Jaccard ~0.5 very likely share a band
ROWS = NUM_PERM // BANDS
MAX_TOKENS = 2000
LEAD_CHARS = 400
LEAD_DATE_TOLERANCE_DAYS = 4  # a dateline a day off, "2 to 5 September": still one story
PLACE_MIN_POPULATION = 50_000
VETO_PLACE_POPULATION = 200_000
"""A city named by one word counts as a lead place (that can veto a pair) from this size on:
"Metro", "Ende" (a German noun) and "Habrá" (a Spanish verb) are towns too."""
"""Cities of the gazetteer that count as places here: a smaller town's name written with a
capital is too often a person's or an organisation's name, and a wrong place vetoes a pair."""

# Thresholds, measured on tests/data/stories (docs/stories.md has the figures).
NEAR_DUP_JACCARD = 0.5  # MinHash Jaccard of 3-shingles: same text, lightly edited
ANCHOR_JOIN = 0.5  # weighted share of anchors for a match in the date window
ANCHOR_JOIN_UNDATED = 0.7  # one side has no date: ask for more
ANCHOR_WITH_ENGLISH = 0.3  # enough anchors when the English texts also agree
ENGLISH_COSINE = 0.35
MIN_SHARED_ANCHORS = 3
DATE_WINDOW_DAYS = 7  # cross-language and entity matches
NEAR_DUP_WINDOW_DAYS = 45  # near-duplicate text further apart is a re-run, not the story

# a word may hold hyphens (Jung-sook, Oulan-Bator); a run of another script is a word of its
# own, so a Korean particle glued to a Latin name ("Cities와") does not change the name
_CASED = CASED_LETTERS
_WORD = re.compile(rf"[{_CASED}]+(?:-[{_CASED}]+)*|\d+|[^\W\d_{_CASED}]+")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?![\w])|\d+")
_SENTENCE_END = re.compile(r"[.!?։।。！？\n]|\s[-–—|•]\s")
_BREAK = re.compile(r"[,;:()\[\]\"«»“”„/]")
_YEAR = re.compile(r"^(19[5-9]\d|20\d\d|21[0-4]\d)$")
# a date written in digits (2024-01-02, 02.01.2024, 2024. 1. 2.) is one anchor, not three
# numbers: a board's "Posted 2024-01-02" line would otherwise give every page "num:1"
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(?P<y1>(?:19|20)\d\d)[-./]\s?(?P<m1>0?[1-9]|1[0-2])[-./]\s?(?P<d1>0?[1-9]|[12]\d|3[01])"
    r"|(?P<d2>0?[1-9]|[12]\d|3[01])[-./](?P<m2>0?[1-9]|1[0-2])[-./](?P<y2>(?:19|20)\d\d))(?![\d])")
# an amount written with a scale word ("14,8 millones", "45 mil", "100 هزار") is one
# number, the same as its digits ("14.8 million", "45.000", "100,000", "60000")
_SCALES = {
    "thousand": 1e3, "mil": 1e3, "mille": 1e3, "mila": 1e3, "tausend": 1e3, "tys": 1e3, "tysiecy": 1e3,
    "tysiace": 1e3, "duizend": 1e3, "bin": 1e3, "هزار": 1e3, "million": 1e6, "millions": 1e6,
    "millones": 1e6, "millon": 1e6, "milhoes": 1e6,
    "milhao": 1e6, "milioni": 1e6, "milione": 1e6, "mio": 1e6, "mln": 1e6, "miljoen": 1e6,
    "milion": 1e6, "milionow": 1e6, "miliony": 1e6, "millionen": 1e6, "میلیون": 1e6, "billion": 1e9,
    "milliard": 1e9, "milliards": 1e9, "miliardi": 1e9, "miliard": 1e9}
_SCALED = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d{1,2})?)\s?(" + "|".join(sorted(_SCALES, key=len, reverse=True))
                     + r")(?![a-z])", re.IGNORECASE)
# Korean, Chinese and Japanese numbers compose their units: 6만 2천 = 62,000, 4천억 = 400 billion
_CJK_SMALL = {"천": 1000, "千": 1000, "백": 100, "百": 100}
_CJK_LARGE = {"만": 10**4, "万": 10**4, "萬": 10**4, "억": 10**8, "亿": 10**8, "億": 10**8}
_CJK_NUMBER = re.compile(r"\d+(?:\.\d+)?\s?[천千백百만万萬억亿億](?:\s?\d*\s?[천千백百만万萬억亿億])*")


def _cjk_value(written: str) -> int:
    total = section = number = 0.0
    for token in re.findall(r"\d+(?:\.\d+)?|[천千백百만万萬억亿億]", written):
        if token[0].isdigit():
            number = float(token)
        elif token in _CJK_SMALL:
            section += (number or 1) * _CJK_SMALL[token]
            number = 0
        else:
            total += ((section + number) or 1) * _CJK_LARGE[token]
            section = number = 0
    return round(total + section + number)


AMOUNT_MIN = 10
"""Every number of a lead from this value on is one of its figures (a count, an amount, a
distance; years and dates written in digits are not numbers here): two leads that state
figures, none of either found in the other article, tell two stories (150 electric buses
ordered, 50 gas buses delivered; 956 residents at a school's opening, 5,939 at a garden's).
Single digits are too often an ordinal or a line number ("line 3", "Euro 5")."""
CROSS_LANGUAGE_AMOUNT_MIN = 1000
"""Across languages only amounts from this size on count for the figures veto: another
language writes small figures its own way (in words, rounded, "100여 개", "a dozen"), an
amount is kept in digits (``14,8 millones`` = ``€14.8 million``). In any language, amounts
are also compared on their own."""
# capitalised in English prose although not names: calendar words only
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def shingles(text: str, k: int = 3) -> set[bytes]:
    """Word k-shingles of the folded text (character 5-grams for unspaced scripts)."""
    words = tokens(fold(text))[:MAX_TOKENS]
    if words and sum(map(len, words)) / len(words) > 12:  # Chinese, Japanese, Thai
        joined = "".join(words)[:MAX_TOKENS * 3]
        return {joined[i:i + 5].encode() for i in range(max(1, len(joined) - 4))}
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + k]).encode() for i in range(len(words) - k + 1)}


@lru_cache(maxsize=1)
def _empty_minhash() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashfunc=_sha1_32)


def _sha1_32(data: bytes) -> int:
    return int.from_bytes(hashlib.sha1(data).digest()[:4], "little")


def signature(text: str) -> np.ndarray:
    """MinHash signature (uint64 array of NUM_PERM values) of the text's shingles."""
    m = _empty_minhash().copy()  # copying skips drawing the permutations again
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    values: np.ndarray = m.hashvalues.astype(np.uint64)
    return values


def band_keys(sig: np.ndarray) -> list[int]:
    """One 63-bit key per LSH band: articles sharing a key are candidates."""
    keys = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=bytes([b])).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures (empty texts never match)."""
    empty = np.iinfo(np.uint32).max
    if (a == empty).all() or (b == empty).all():
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


# -- places ---------------------------------------------------------------------------
@dataclass
class Places:
    """The cities of the one gazetteer (:mod:`pressflow.entities.gazetteer`), by its ids
    (``geonames:1835848`` for ``Séoul``, ``서울`` and ``Seoul`` alike), as anchors see them."""

    gazetteer: gz.Gazetteer
    longest: int = 4  # words in the longest name looked up from a run of capitals

    def lookup(self, phrase: str) -> str | None:
        """The city a capitalised phrase names, or None."""
        entry = self.gazetteer.lookup(phrase)
        return entry.entity_id if entry is not None and _is_city(entry) else None

    def population(self, phrase: str) -> int:
        entry = self.gazetteer.lookup(phrase)
        return entry.population if entry is not None else 0

    def find_phrases(self, text: str) -> set[str]:
        """Cities whose name is several words with a lower-case one inside ("Ciudad de México",
        "Rio de Janeiro"): a run of capitals stops at "de", so these are looked up whole."""
        if " de" not in text and " d" not in text:
            return set()
        return {m.entry.entity_id for m in self.gazetteer.find(text)
                if " " in m.text and m.text[:1].isupper() and m.text != m.text.title()
                and _is_city(m.entry) and m.entry.population >= VETO_PLACE_POPULATION}

    def find_uncased(self, text: str) -> set[str]:
        """Cities named in scripts without capitals (서울, 北京, تهران), where no capital
        marks a name and the gazetteer's own word boundaries decide."""
        if not CASELESS_TEXT.search(text):
            return set()
        return {m.entry.entity_id for m in self.gazetteer.find(text)
                if _is_city(m.entry) and is_caseless(m.text[0])}


def _is_city(entry: gz.Entry) -> bool:
    return entry.entity_id.startswith("geonames:") and entry.population >= PLACE_MIN_POPULATION


@lru_cache(maxsize=1)
def places() -> Places:
    """The gazetteer's cities (built once, then kept on disk by :func:`gz.cached`)."""
    return Places(gz.cached()[0])


# -- anchors --------------------------------------------------------------------------
@dataclass
class Anchors:
    all: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)  # multi-word proper names (folded)
    years: set[str] = field(default_factory=set)


def _capital_runs(text: str) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words, each with whether it starts a sentence."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    start_of_sentence = True
    current_initial = False
    pos = 0
    for m in _WORD.finditer(text):
        gap = text[pos:m.start()]
        pos = m.end()
        word = m.group()
        if gap == " ":  # the common case, without a regular expression
            sentence_start = breaks = start_of_sentence
        else:
            sentence_start = start_of_sentence or bool(_SENTENCE_END.search(gap))
            breaks = sentence_start or bool(_BREAK.search(gap))
        capital = word != word.lower()  # has a capital letter anywhere
        if current and (breaks or not capital):
            runs.append((current, current_initial))
            current = []
        if capital:
            if not current:
                current_initial = sentence_start
            current.append(word)
        start_of_sentence = False
    if current:
        runs.append((current, current_initial))
    return runs


def _common_words(text: str) -> set[str]:
    """Words written in lower case somewhere in the text: common words, not names."""
    return {fold(w) for w in tokens(text) if w.islower()}


def _is_special(word: str) -> bool:
    """Acronyms and mixed case (ASAS, WeGO, eGov) are names wherever they stand."""
    return (len(word) >= 2 and word.isupper() and word.isalpha()) or \
        (len(word) > 2 and any(c.isupper() for c in word[1:]) and any(c.islower() for c in word))


def _title_case(title: str) -> bool:
    words = [w for w in tokens(title) if w[0].isalpha() and not is_caseless(w[0])]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) > 0.6


def _week(year: int, month: int, day: int) -> str:
    """The ISO week of a date written in digits (``2024-W01``): versions of one story dated
    a day apart mostly share it, a board's pages of other weeks do not."""
    try:
        iso = date(year, month, day).isocalendar()
    except ValueError:
        return f"{year}-{month:02d}-{day:02d}"
    return f"{iso[0]}-W{iso[1]:02d}"


def extract_anchors(title: str, text: str, gaz: Places | None = None) -> tuple[Anchors, Anchors]:
    """Anchors of the whole article and of its lead (title + opening lines)."""
    gaz = gaz or places()
    body = text or ""
    common = _common_words(body) | _common_words(title or "")
    whole, lead = Anchors(), Anchors()

    def from_text(part: str, into: list[Anchors], restrict: set[str] | None) -> None:
        for run, initial in _capital_runs(part):
            # a sentence-initial capital says nothing unless the word is a name elsewhere;
            # two capitalised words or more in a row are a name even if one is common
            words = list(run)
            kept = [fold(w) for w in words]
            switcher = language_names()  # a language switcher's words say nothing
            if " ".join(kept) in switcher:
                kept = [""] * len(kept)
            for i, word in enumerate(words):
                if kept[i] in _CALENDAR or kept[i] in switcher or \
                        (len(kept[i]) < 3 and not _is_special(word)):
                    kept[i] = ""
            start = 0
            if initial and kept and not _is_special(words[0]) \
                    and (kept[0] in common or kept[0] not in whole_caps):
                kept[0] = ""
                start = 1
            if sum(1 for k in kept[start:] if k) < 2:
                kept = [k if k and (_is_special(w) or k not in common) else ""
                        for k, w in zip(kept, words, strict=True)]
            if restrict is not None:
                kept = [k if k and (k in restrict or _is_special(w)) else ""
                        for k, w in zip(kept, words, strict=True)]
            # places: longest gazetteer phrase first
            i = 0
            used = [False] * len(words)
            while i < len(words):
                for n in range(min(gaz.longest, len(words) - i), 0, -1):
                    cid = gaz.lookup(" ".join(words[i:i + n]))
                    if cid and (n > 1 or kept[i] or fold(words[i]) not in common):
                        # one word naming a town ("Metro", "Ende", "Habrá") is an anchor, not
                        # a place that could veto: the word is too often something else
                        town = n == 1 and gaz.population(words[i]) < VETO_PLACE_POPULATION
                        for a in into:
                            if not town:
                                a.places.add(cid)
                            a.all.add(cid)
                        for j in range(i, i + n):
                            used[j] = True
                        i += n - 1
                        break
                i += 1
            segment: list[str] = []
            for word_kept, was_place in zip(kept + [""], used + [True], strict=True):
                if word_kept and not was_place:
                    segment.append(word_kept)
                    for a in into:
                        a.all.add(word_kept)
                    continue
                if len(segment) >= 2:
                    for a in into:
                        a.names.add(" ".join(segment))
                        a.all.add("name:" + " ".join(segment))
                segment = []
        for m in _NUMERIC_DATE.finditer(part):
            year, month, day = (m["y1"], m["m1"], m["d1"]) if m["y1"] else (m["y2"], m["m2"], m["d2"])
            for a in into:
                a.years.add(year)
                a.all.add("year:" + year)
                a.all.add(f"date:{_week(int(year), int(month), int(day))}")
        part = _NUMERIC_DATE.sub(" ", part)
        for m in _SCALED.finditer(fold(part)):
            value = int(float(m.group(1).replace(",", ".")) * _SCALES[m.group(2).lower().rstrip(".")])
            for a in into:
                a.all.add(f"num:{value}")
        part = _SCALED.sub(" ", fold(part)) if _SCALED.search(fold(part)) else part
        for m in _CJK_NUMBER.finditer(part):
            for a in into:
                a.all.add(f"num:{_cjk_value(m.group())}")
        part = _CJK_NUMBER.sub(" ", part)
        for m in _NUMBER.finditer(part):
            digits = str(int(re.sub(r"\D", "", m.group())))  # any script's digits (۱۰۰ = 100)
            if _YEAR.match(digits):
                for a in into:
                    a.years.add(digits)
                    a.all.add("year:" + digits)
            elif len(digits) >= 2 and len(digits) <= 10:
                for a in into:
                    a.all.add("num:" + digits)
        for cid in gaz.find_uncased(part) | gaz.find_phrases(part):
            for a in into:
                a.places.add(cid)
                a.all.add(cid)

    whole_caps = {fold(w) for run, initial in _capital_runs(body) for w in run[1 if initial else 0:]}
    from_text(body[:LEAD_CHARS], [whole, lead], None)
    from_text(body[LEAD_CHARS:], [whole], None)
    restrict = whole.all if _title_case(title or "") else None
    from_text(title or "", [whole, lead], restrict)
    return whole, lead


# -- English words --------------------------------------------------------------------
@lru_cache(maxsize=1)
def _english_stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def english_terms(text: str) -> dict[str, int]:
    """Content words of an English text, folded, with counts (for cosine similarity)."""
    stop = _english_stop_words()
    words = [w for w in tokens(fold(text))[:MAX_TOKENS] if len(w) > 2 and w not in stop
             and not w.isdigit()]
    return dict(Counter(w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words))


def cosine(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum((1 + math.log(c)) * (1 + math.log(b[w])) for w, c in a.items() if w in b)
    na = math.sqrt(sum((1 + math.log(c)) ** 2 for c in a.values()))
    nb = math.sqrt(sum((1 + math.log(c)) ** 2 for c in b.values()))
    return dot / (na * nb)


# -- fingerprints ---------------------------------------------------------------------
@dataclass
class Fingerprint:
    """Everything the matcher needs about one article; persisted between runs."""

    id: str
    lang: str | None
    day: int | None  # proleptic ordinal of the publication date, None when undated
    signature: np.ndarray
    anchors: frozenset[str]
    lead_places: frozenset[str]
    lead_names: frozenset[str]
    lead_years: frozenset[str]
    english: dict[str, int] | None
    length: int
    lead_terms: frozenset[str] = frozenset()  # the lead's name words and places
    lead_dates: frozenset[int] = frozenset()  # calendar dates written in the lead (ordinals)
    keywords: frozenset[str] = frozenset()  # folded, stemmed words of title and lead ("kw:...")
    lead_amounts: frozenset[str] = frozenset()  # the lead's figures (numbers from AMOUNT_MIN on)
    source: str | None = None
    embedding: np.ndarray | None = None  # unit vector of title and lead (stories.embeddings)

    def to_json(self) -> dict[str, Any]:
        return {"lang": self.lang, "anchors": sorted(self.anchors),
                "lead_places": sorted(self.lead_places), "lead_names": sorted(self.lead_names),
                "lead_years": sorted(self.lead_years), "english": self.english,
                "length": self.length, "lead_terms": sorted(self.lead_terms),
                "lead_dates": sorted(self.lead_dates), "keywords": sorted(self.keywords),
                "lead_amounts": sorted(self.lead_amounts), "source": self.source}

    @property
    def postings(self) -> frozenset[str]:
        """What the candidate index files this article under: anchors and keywords."""
        return self.anchors | self.keywords

    @classmethod
    def from_json(cls, article_id: str, day: int | None, sig: bytes,
                  data: Mapping[str, Any]) -> Fingerprint:
        return cls(article_id, data.get("lang"), day, np.frombuffer(sig, dtype=np.uint64),
                   frozenset(data["anchors"]), frozenset(data["lead_places"]),
                   frozenset(data["lead_names"]), frozenset(data["lead_years"]),
                   data.get("english"), int(data.get("length") or 0),
                   frozenset(data.get("lead_terms", ())),
                   frozenset(int(d) for d in data.get("lead_dates", ())),
                   frozenset(data.get("keywords", ())), frozenset(data.get("lead_amounts", ())),
                   data.get("source"))


def to_day(published: str | date | datetime | None) -> int | None:
    if published is None or published == "":
        return None
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            return None
    if isinstance(published, datetime):
        published = published.date()
    return published.toordinal()


MAX_FINGERPRINT_CHARS = 100_000
MAX_TITLE_CHARS = 1_000


def fingerprint(article_id: str, *, title: str, text: str, lang: str | None,
                published: str | date | datetime | None = None,
                english_title: str | None = None, english_text: str | None = None,
                entities: Iterable[tuple[str, str]] = (), source: str | None = None) -> Fingerprint:
    """Fingerprint of one article.

    ``english_*`` is the English translation when there is one (an English original is used
    as its own). ``entities`` are (label, canonical) pairs from the entities stage; they add
    anchors, and PERSON/GPE ones count as lead names/places when they occur in the lead.
    Texts are read up to MAX_FINGERPRINT_CHARS (a story's evidence is in its first pages;
    a 250 KB entry must not cost more than that).
    """
    title, text = title[:MAX_TITLE_CHARS], (text or "")[:MAX_FINGERPRINT_CHARS]
    english_title = english_title[:MAX_TITLE_CHARS] if english_title else english_title
    english_text = english_text[:MAX_FINGERPRINT_CHARS] if english_text else english_text
    whole, lead = extract_anchors(title, text)
    lead_own = Anchors(all=set(lead.all))  # the original's own words, before the English
    eng_title, eng_text = (title, text) if (lang or "").startswith("en") and not english_text \
        else (english_title, english_text)
    if english_text:  # a translation: its names and places count too
        e_whole, e_lead = extract_anchors(eng_title or "", eng_text or "")
        whole.all |= e_whole.all
        whole.places |= e_whole.places
        whole.names |= e_whole.names
        whole.years |= e_whole.years
        lead.places |= e_lead.places
        lead.names |= e_lead.names
        lead.years |= e_lead.years
    lead_text = fold(f"{title}\n{(text or '')[:LEAD_CHARS]}")
    for label, canonical in entities:
        if not canonical:
            continue
        key = f"ent:{fold(canonical)}"
        whole.all.add(key)
        if label == "PERSON" and fold(canonical).split()[-1] in lead_text:
            lead.names.add(fold(canonical))
    english = english_terms(f"{eng_title or ''}\n{eng_text}") if eng_text else None
    lead_dates = _lead_dates(title, text, lang) | (
        _lead_dates(eng_title or "", eng_text, "en") if english_text else set())
    return Fingerprint(
        id=article_id, lang=lang, day=to_day(published),
        signature=signature(f"{title}\n{text}"), anchors=frozenset(whole.all),
        lead_places=frozenset(lead.places), lead_names=frozenset(lead.names),
        lead_years=frozenset(lead.years), english=english, length=len(text or ""),
        lead_terms=frozenset(a for a in lead_own.all if not a.startswith(("num:", "year:", "name:", "date:"))),
        lead_dates=frozenset(lead_dates), keywords=keywords(title, text),
        lead_amounts=frozenset(a for a in lead_own.all if a.startswith("num:") and int(a[4:]) >= AMOUNT_MIN),
        source=source)


KEYWORD_STEM = 5  # folded words cut to 5 letters: festival/festivals/festivales, budget/budgets
KEYWORD_STEM_CASELESS = 2  # Korean, Chinese...: a word's first two syllables (particles aside)
KEYWORD_MIN = 4


def keywords(title: str, text: str) -> frozenset[str]:
    """The title's and lead's words, folded and cut to a stem: same-language rewordings
    (and related languages' cognates) share them. How telling each one is comes from its
    document frequency in the index, like anchors; numbers are anchors, not keywords."""
    out = set()
    for word in tokens(fold(f"{title}\n{(text or '')[:LEAD_CHARS]}")):
        if word.isdigit():
            continue
        if is_caseless(word[0]):
            if len(word) >= 2 and len(word) <= 12:
                out.add("kw:" + word[:KEYWORD_STEM_CASELESS])
        elif len(word) >= KEYWORD_MIN:
            out.add("kw:" + word[:KEYWORD_STEM])
    return frozenset(out)


def _lead_dates(title: str, text: str | None, lang: str | None) -> set[int]:
    """Calendar days written in the title and lead, in the article's language (CLDR month
    names, ISO and numeric dates, CJK and Persian calendar dates)."""
    from pressflow.crawl.dates import dates_in_text

    lead = f"{title}\n{(text or '')[:LEAD_CHARS]}"
    return {d.date().toordinal() for d in dates_in_text(lead, lang)}


# -- the decision ---------------------------------------------------------------------
@dataclass
class Match:
    score: float
    method: str  # near-duplicate | cross-language | entities
    reason: str


def _name_found(name: str, other: Fingerprint) -> bool:
    if "name:" + name in other.anchors or f"ent:{name}" in other.anchors:
        return True
    parts = name.split()
    return all(p in other.anchors for p in parts) or (
        len(parts) >= 2 and parts[-1] in other.anchors and len(parts[-1]) > 3)


def veto(a: Fingerprint, b: Fingerprint, *, window: int, leads: bool = True) -> str | None:
    """Why two articles cannot be one story, or None: dates, years, places, people.

    A lead place or word that one article has and the other never mentions is not enough:
    versions of one story leave things out. Each side must have its own: WeGO's training
    for Ulaanbaatar is not its training for Nairobi. Names are looser (translations split
    and reorder them): people conflict only when none of either lead's names is found in
    the other article. ``leads=False`` skips the same-language lead-word test, which
    near-duplicate texts (a republication with its own title and last line) would fail.
    """
    if a.day is not None and b.day is not None and abs(a.day - b.day) > window:
        return f"published {abs(a.day - b.day)} days apart"
    if a.lead_years and b.lead_years and not (a.lead_years & b.lead_years):
        return "about different years"
    if a.lead_dates and b.lead_dates and min(abs(x - y) for x in a.lead_dates
                                             for y in b.lead_dates) > LEAD_DATE_TOLERANCE_DAYS:
        return "about different dates"
    if (a.lead_places - b.anchors) and (b.lead_places - a.anchors) \
            and len(a.lead_places & b.lead_places) < 2:  # two places in common: one story's list
        return "in different places"
    if a.lang == b.lang and _people_differ(a, b):
        return "about different people"
    if _figures_differ(a, b):
        return "about different figures"
    if leads and a.source and a.source == b.source and a.lang == b.lang:
        return "one source's two pages (only a near-duplicate text is the same story)"
    return None


def _figures_differ(a: Fingerprint, b: Fingerprint) -> bool:
    """Both leads state amounts (1,000 or more), or in one language figures, and none of
    either side's is found in the other article. Amounts are compared on their own too: a
    day of the month or a count in common does not make 45,300 and 67,800 one figure."""
    def differ(fa: frozenset[str], fb: frozenset[str]) -> bool:
        return bool(fa and fb and not (fa & b.anchors) and not (fb & a.anchors))

    def amounts(figures: frozenset[str]) -> frozenset[str]:
        return frozenset(x for x in figures if int(x[4:]) >= CROSS_LANGUAGE_AMOUNT_MIN)

    return differ(amounts(a.lead_amounts), amounts(b.lead_amounts)) or (
        a.lang == b.lang and differ(a.lead_amounts, b.lead_amounts))


def _people_differ(a: Fingerprint, b: Fingerprint) -> bool:
    return bool(a.lead_names and b.lead_names and not any(_name_found(n, b) for n in a.lead_names)
                and not any(_name_found(n, a) for n in b.lead_names))


def conflict(a: Fingerprint, b: Fingerprint) -> str | None:
    """A difference of the leads that keeps the anchor rules from joining two articles but is
    only one signal of the combination: rewordings in one language name other details
    (German capitalises every noun), and translations render an organisation's name in
    their own words, so neither is a veto."""
    if a.lang and a.lang == b.lang and (a.lead_terms - b.anchors) and (b.lead_terms - a.anchors):
        return "leads name different things"
    if a.lang != b.lang and _people_differ(a, b):
        return "leads name different people or organisations"
    return None


def anchor_similarity(a: Fingerprint, b: Fingerprint, weight: Callable[[str], float]) -> tuple[float, int]:
    """Weighted share of the smaller anchor set found in the other; and the shared count.

    The smaller set decides: a feed summary or a short translation keeps few anchors, and
    all of them should be in the full article.
    """
    shared = a.anchors & b.anchors
    if not shared:
        return 0.0, 0
    wa = sum(weight(x) for x in a.anchors)
    wb = sum(weight(x) for x in b.anchors)
    return sum(weight(x) for x in shared) / max(1e-9, min(wa, wb)), len(shared)


def keyword_similarity(a: Fingerprint, b: Fingerprint, weight: Callable[[str], float]) -> float:
    """Weighted share of the smaller keyword set found in the other (title and lead words)."""
    shared = a.keywords & b.keywords
    if not shared:
        return 0.0
    wa = sum(weight(x) for x in a.keywords)
    wb = sum(weight(x) for x in b.keywords)
    return sum(weight(x) for x in shared) / max(1e-9, min(wa, wb))


def embedding_cosine(a: Fingerprint, b: Fingerprint) -> float | None:
    if a.embedding is None or b.embedding is None or not a.embedding.any() or not b.embedding.any():
        return None
    return float(a.embedding @ b.embedding)


@dataclass(frozen=True)
class Signals:
    """What the calibrated combination weighs for one pair (after the vetoes)."""

    embedding: float | None  # cosine of the title-and-lead embeddings
    anchor_share: float
    shared_anchors: int
    shared_weight: float  # the rarity weights of the shared anchors, summed
    keyword_share: float
    text_jaccard: float
    english_cosine: float | None
    same_language: bool
    conflict: str | None  # :func:`conflict`

    def features(self) -> list[float]:
        return [self.embedding if self.embedding is not None else 0.0,
                float(self.embedding is None), self.anchor_share,
                min(1.0, self.shared_weight / SHARED_WEIGHT_FULL), self.keyword_share, self.text_jaccard,
                self.english_cosine or 0.0, float(self.same_language), float(self.conflict is not None)]


SHARED_WEIGHT_FULL = 15.0  # shared anchors weighing this much in all count fully (about 5 rare ones)
FEATURES = ("embedding", "no_embedding", "anchor_share", "shared_weight", "keyword_share",
            "text_jaccard", "english_cosine", "same_language", "lead_conflict")
# A logistic combination of the signals, fitted on the tuning half of the development set
# (benchmarks/stories_fit.py prints these); the pair joins at JOIN_PROBABILITY or more.
COEFFICIENTS = (5.59, 0.00, 3.45, 0.63, 6.07, -0.09, -0.85, -2.32, -0.71)
INTERCEPT = -3.76
JOIN_PROBABILITY = 0.5


def signals(a: Fingerprint, b: Fingerprint, weight: Callable[[str], float]) -> Signals:
    sim, shared = anchor_similarity(a, b, weight)
    return Signals(embedding_cosine(a, b), sim, shared, sum(weight(x) for x in a.anchors & b.anchors),
                   keyword_similarity(a, b, weight),
                   jaccard(a.signature, b.signature),
                   cosine(a.english, b.english) if a.english and b.english else None,
                   bool(a.lang) and a.lang == b.lang, conflict(a, b))


def probability(sig: Signals) -> float:
    """The calibrated probability that two articles (no veto between them) tell one story."""
    z = INTERCEPT + sum(w * x for w, x in zip(COEFFICIENTS, sig.features(), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def score_pair(a: Fingerprint, b: Fingerprint, weight: Callable[[str], float]) -> Match | None:
    """The match between two articles, or None when they are different stories.

    After the vetoes, either of two rules joins: the anchor rules (enough rare names,
    places and numbers in common), or the calibrated combination of all signals, where
    the embedding of title and lead brings rewordings and other languages in."""
    j = jaccard(a.signature, b.signature)
    if j >= NEAR_DUP_JACCARD and veto(a, b, window=NEAR_DUP_WINDOW_DAYS, leads=False) is None:
        return Match(j, "near-duplicate", f"text Jaccard {j:.2f}")
    if veto(a, b, window=DATE_WINDOW_DAYS) is not None:
        return None
    sig = signals(a, b, weight)
    sim, shared = sig.anchor_share, sig.shared_anchors
    method = "entities" if a.lang == b.lang else "cross-language"
    undated = a.day is None or b.day is None
    if shared >= MIN_SHARED_ANCHORS and sig.conflict is None:
        if sim >= (ANCHOR_JOIN_UNDATED if undated else ANCHOR_JOIN):
            return Match(sim, method, f"{shared} shared anchors, weighted {sim:.2f}")
        cos = sig.english_cosine
        if cos is not None and not undated and cos >= ENGLISH_COSINE and sim >= ANCHOR_WITH_ENGLISH:
            return Match((sim + cos) / 2, method,
                         f"English cosine {cos:.2f}, {shared} shared anchors ({sim:.2f})")
    p = probability(sig)
    if p >= JOIN_PROBABILITY and not undated:
        return Match(p, method, f"combined p {p:.2f} (embedding {sig.embedding or 0:.2f}, anchors {sim:.2f}, "
                                f"keywords {sig.keyword_share:.2f})")
    return None


def explain_pair(a: Fingerprint, b: Fingerprint, weight: Callable[[str], float]) -> dict[str, Any]:
    """The signals :func:`score_pair` weighs for two articles, with their values, and its
    decision: what `pressflow stories --explain` prints."""
    sig = signals(a, b, weight)
    common = sorted(a.anchors & b.anchors, key=lambda x: (-weight(x), x))
    match = score_pair(a, b, weight)
    days = abs(a.day - b.day) if a.day is not None and b.day is not None else None
    p = probability(sig)
    return {
        "with": b.id, "decision": match.method if match else "apart",
        "score": round(match.score, 3) if match else None,
        "reason": match.reason if match else (veto(a, b, window=DATE_WINDOW_DAYS) or (
            f"combined p {p:.2f} below {JOIN_PROBABILITY}, {sig.shared_anchors} shared anchors "
            f"weighted {sig.anchor_share:.2f}")),
        "signals": {
            "days_apart": days, "text_jaccard": round(sig.text_jaccard, 3),
            "embedding_cosine": round(sig.embedding, 3) if sig.embedding is not None else None,
            "anchor_share": round(sig.anchor_share, 3), "shared_anchors": sig.shared_anchors,
            "top_shared": [f"{x} ({weight(x):.1f})" for x in common[:8]],
            "keyword_share": round(sig.keyword_share, 3),
            "english_cosine": round(sig.english_cosine, 3) if sig.english_cosine is not None else None,
            "combined_p": round(p, 3),
        },
    }


def idf_weight(df: Callable[[str], int], n: int) -> Callable[[str], float]:
    """Rare anchors weigh more: log(1 + n / df)."""
    def weight(anchor: str) -> float:
        return math.log(1 + max(n, 1) / max(df(anchor), 1))
    return weight
