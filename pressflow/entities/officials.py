"""Officials: a person, the office the text gives them, and the place or organisation of it.

"Emilia Saiz, Secretary General of UCLG", "Natalia Federighi, présidente d'ASAS",
"Eskandapour, Shiraz Mayor", "la sindaca Anna Rossi": in news from city networks an office is
nearly always written as an apposition right after the name or as a title right before it.
This module reads those two shapes from the tokens around each PERSON entity, with the role
words and connectors of ``pressflow/data/roles.yaml`` (one list per language; all lists are
tried, because a French page quotes English titles and vice versa). It needs no parser, so it
works the same for every language, including those where the names came from English NER
on a translation. The place or organisation is the GPE/LOC/ORG entity inside the phrase, or
else the capitalised name after the connector ("responsabile dell'Unità Smart City").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import yaml

MAX_PRE_WORDS = 3
"""Words allowed between the comma and the role word ("the", "Shiraz", "Deputy")."""
MAX_LEFT_TOKENS = 10
"""How far before a name a title ("Mayor of Lyon, ...") may start."""

_TOKEN = re.compile(r"\w+(?:[-.]\w+)*(?:['\u2019](?=\w|$))?|[^\w\s]", re.UNICODE)
_ARTICLES = {"the", "a", "an", "le", "la", "les", "l'", "il", "lo", "gli", "el", "los", "las",
             "o", "os", "as", "der", "die", "das", "de", "het", "its", "their", "our", "son",
             "sa", "ses", "leur", "notre", "su", "sus", "nostro", "nostra"}
_NAME_GLUE = {"of", "the", "for", "and", "de", "des", "du", "la", "le", "di", "del", "della",
              "e", "et", "y", "und", "van", "von", "für", "pour", "per", "para", "&", "-"}


class EntityLike(Protocol):
    text: str
    label: str
    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class Official:
    person: str
    role: str
    place: str | None
    org: str | None
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    raw = resources.files("pressflow.data").joinpath("roles.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    return data


def _phrase_key(phrase: str) -> tuple[str, ...]:
    """A data-file phrase as the token tuple the text will show ("tinent d'alcalde")."""
    return tuple(_norm(t.text) for t in _tokens(phrase))


@lru_cache(maxsize=1)
def _roles() -> frozenset[tuple[str, ...]]:
    return frozenset(_phrase_key(str(w)) for words in _data()["roles"].values() for w in words)


@lru_cache(maxsize=1)
def _connectors() -> frozenset[tuple[str, ...]]:
    return frozenset(_phrase_key(str(c)) for c in _data()["connectors"])


@lru_cache(maxsize=1)
def _institutions() -> frozenset[tuple[str, ...]]:
    return frozenset(_phrase_key(str(c)) for c in _data().get("institutions") or [])


def is_institution(phrase: str) -> bool:
    """True when ``phrase`` is a local government word of roles.yaml ("City Council", "Comune")."""
    return _phrase_key(phrase) in _institutions()


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Every single word that is, or is part of, a role or a local government body's name
    (for the gazetteer's neighbour test: "Shiraz Mayor", "İstanbul Büyükşehir Belediyesi")."""
    return frozenset(w for phrase in (*_roles(), *_institutions()) for w in phrase)


def _norm(word: str) -> str:
    low = word.lower()
    return low.replace("\u2019", "'") if "\u2019" in low else low


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(), _norm(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=64)
def _indexed(text: str) -> tuple[list[_Tok], dict[int, int], dict[int, int]]:
    """Tokens of a text with their index by start and by end offset (a text is read often)."""
    toks = _tokens(text)
    return toks, {t.start: i for i, t in enumerate(toks)}, {t.end: i for i, t in enumerate(toks)}


def _is_word(tok: _Tok) -> bool:
    return tok.text[:1].isalnum()


def _is_cap(tok: _Tok) -> bool:
    return tok.text[:1].isupper() or tok.text[:1].isdigit()


def _match(toks: list[_Tok], i: int, table: frozenset[tuple[str, ...]], longest: int = 4) -> int:
    """Length of the longest entry of ``table`` starting at token ``i`` (0 when none)."""
    for n in range(min(longest, len(toks) - i), 0, -1):
        words = tuple(t.low for t in toks[i:i + n])
        if words in table:
            return n
        plural = words[:-1] + (words[-1].rstrip("s"),)
        if plural in table and words[-1].endswith("s"):
            return n
    return 0


@dataclass(frozen=True)
class _Phrase:
    first: int  # first token of the phrase
    role_first: int
    role_last: int  # inclusive
    last: int  # inclusive: end of the seat's name, or of the role
    seat_first: int  # first token after the role and any "(ACRONYM)": where a seat may start


def _parse(toks: list[_Tok], k: int, person_starts: set[int]) -> _Phrase | None:
    """A role phrase starting at token ``k``: [pre-words] ROLE [(ACR)] [connector NAME]."""
    roles = _roles()
    for r in range(k, min(k + MAX_PRE_WORDS + 1, len(toks))):
        if r > k and (not _is_word(toks[r - 1]) or toks[r - 1].start in person_starts
                      or not (_is_cap(toks[r - 1]) or toks[r - 1].low in _ARTICLES)):
            return None
        n = _match(toks, r, roles)
        if not n:
            continue
        last = r + n - 1
        while last + 1 < len(toks) and _is_word(toks[last + 1]) and (
                _match(toks, last + 1, roles) or (_is_cap(toks[last + 1]) and _is_cap(toks[r])
                                                  and not _match(toks, last + 1, _connectors()))
        ) and toks[last + 1].start not in person_starts:
            last += _match(toks, last + 1, roles) or 1
        role_last = last
        j = last + 1
        if j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")":
            j += 3  # "Secretary General (SG) of ..."
        seat_first = j
        c = _match(toks, j, _connectors()) if j < len(toks) else 0
        if c and j + c < len(toks) and _is_cap(toks[j + c]):
            end = j + c
            while end + 1 < len(toks):
                nxt = toks[end + 1]
                glue = _match(toks, end + 1, _connectors()) or (nxt.low in _NAME_GLUE)
                if _is_word(nxt) and _is_cap(nxt) and nxt.start not in person_starts:
                    end += 1
                elif glue and end + glue + 1 < len(toks) and _is_cap(toks[end + glue + 1]) \
                        and toks[end + glue + 1].start not in person_starts:
                    end += glue + 1
                else:
                    break
            last = end
        return _Phrase(k, r, role_last, last, seat_first)
    return None


def find_officials(text: str, entities: Sequence[EntityLike]) -> list[Official]:
    """Officials named in ``text``, given its entities (PERSON plus places and organisations)."""
    people = [e for e in entities if e.label == "PERSON"]
    if not people:
        return []
    toks, starts, ends = _indexed(text)
    person_starts = {p.start for p in people}
    found: list[Official] = []
    seen: set[tuple[str, str]] = set()
    for p in people:
        phrase: _Phrase | None = None
        i_end = ends.get(p.end)
        i_start = starts.get(p.start)
        if i_end is not None and i_end + 2 < len(toks) and toks[i_end + 1].text in {",", "("}:
            phrase = _parse(toks, i_end + 2, person_starts)
        if phrase is None and i_start is not None:
            last = i_start - 1
            if last >= 0 and toks[last].text == ",":
                last -= 1
            for k in range(max(0, last - MAX_LEFT_TOKENS), last + 1):
                cand = _parse(toks, k, person_starts)
                if cand is not None and cand.last == last:
                    phrase = cand
                    break
        if phrase is None:
            continue
        span_start, span_end = toks[phrase.first].start, toks[phrase.last].end
        first = phrase.role_first
        while first > phrase.first and toks[first - 1].low not in _ARTICLES and _is_cap(
                toks[first - 1]) and not _inside(toks[first - 1], entities):
            first -= 1
        role = text[toks[first].start:toks[phrase.role_last].end]
        place = org = None
        seat_start = toks[min(phrase.seat_first, len(toks) - 1)].start
        for e in entities:
            if e.label != "PERSON" and span_start <= e.start < span_end and not (
                    toks[phrase.role_last].end <= e.start < seat_start):
                if e.label in {"GPE", "LOC"} and place is None:
                    place = e.canonical
                elif e.label == "ORG" and org is None:
                    org = e.canonical
        if place is None and org is None and phrase.last > phrase.role_last:
            seat_start = phrase.role_last + 1
            while seat_start <= phrase.last and not (_is_cap(toks[seat_start])
                                                     and toks[seat_start].text not in "()"):
                seat_start += 1
            if seat_start <= phrase.last:
                org = text[toks[seat_start].start:span_end]
        key = (p.canonical, role.casefold())
        if key in seen:
            continue
        seen.add(key)
        lo, hi = min(p.start, span_start), max(p.end, span_end)
        found.append(Official(p.canonical, role, place, org, text[lo:hi], lo, hi))
    return found


def is_title(name: str) -> bool:
    """True when a would-be person's name ends with a role word ("Shiraz Mayor")."""
    toks = _tokens(name)
    return bool(toks) and any(_match(toks, i, _roles()) == len(toks) - i
                              for i in range(len(toks)))


def has_role_cue(text: str, start: int, end: int) -> bool:
    """True when a role is written next to ``text[start:end]``: "X, Secretary General of",
    "la sindaca X". NER sometimes calls such a name an organisation; the role says person."""
    toks, starts, ends = _indexed(text)
    i, j = starts.get(start), ends.get(end)
    if j is not None and j + 2 < len(toks) and toks[j + 1].text == ",":
        k = j + 2
        while k < len(toks) and toks[k].low in _ARTICLES:
            k += 1
        if k < len(toks) and _match(toks, k, _roles()):
            return True
    if i is not None and i > 0:
        for n in range(1, 4):
            if i - n >= 0 and _match(toks, i - n, _roles()) == n:
                return True
    return False


def appositive_names(text: str) -> list[tuple[int, int]]:
    """Spans of names written as "<Name>, <role phrase>" ("Eskandapour, Shiraz Mayor, ...").

    NER misses rare names; the apposition with a role says a person is there. A one-word
    name must recur in the text and never be written in lower case, so that "Yesterday, the
    mayor said" does not make "Yesterday" a person.
    """
    toks, _, _ = _indexed(text)
    words: set[str] | None = None
    out = []
    for c, tok in enumerate(toks):
        if tok.text != "," or c == 0 or _parse(toks, c + 1, set()) is None:
            continue
        first = c
        while first - 1 >= 0 and c - first < 3 and _is_word(toks[first - 1]) and \
                toks[first - 1].text[:1].isupper() and not toks[first - 1].text.isupper() and \
                text[toks[first - 1].end:(toks[first].start if first < c else tok.start)] in ("", " "):
            first -= 1
        if first == c or _match(toks, first, _roles()) or toks[first].low in _ARTICLES:
            continue
        start, end = toks[first].start, toks[c - 1].end
        if c - first == 1:
            word = toks[first].text
            if words is None:
                words = set(re.findall(r"\w[\w'-]*", text))
            if text.count(word) < 2 or word.lower() in words:
                continue
        out.append((start, end))
    return out


def institution_spans(text: str, places: Sequence[EntityLike]) -> list[tuple[int, int]]:
    """Spans of "<institution word> <connector> <place>": "Mairie de Paris", "Comune di Milano"."""
    toks, starts, _ = _indexed(text)
    out = []
    for p in places:
        i = starts.get(p.start)
        if i is None:
            continue
        for c in range(1, 3):  # connector of one or two tokens right before the place
            if i - c < 1 or _match(toks, i - c, _connectors()) != c:
                continue
            for n in range(1, 4):
                k = i - c - n
                if k >= 0 and _is_cap(toks[k]) and _match(toks, k, _institutions()) == n:
                    out.append((toks[k].start, p.end))
                    break
    return out


def _inside(tok: _Tok, entities: Sequence[EntityLike]) -> bool:
    return any(e.start <= tok.start and tok.end <= e.end and e.label != "PERSON"
               for e in entities)


@lru_cache(maxsize=1)
def _offices() -> dict[str, str]:
    """Each wording of an office (lower case) -> its English key, from roles.yaml ``offices``."""
    table: dict[str, str] = {}
    for key, words in (_data().get("offices") or {}).items():
        for w in [key, *words]:
            table.setdefault(" ".join(_phrase_key(str(w))), str(key))
    return table


def office_of(role: str) -> str:
    """The English name of the office a role's wording names, "sindaco di Milano" and "Mayor"
    alike -> "mayor"; the wording itself (lower case) when the office is not listed. The
    longest listed wording inside the role wins ("Deputy Mayor" -> "deputy mayor")."""
    words = [_norm(t.text) for t in _tokens(role) if _is_word(t)]
    table = _offices()
    for size in range(min(4, len(words)), 0, -1):
        for i in range(len(words) - size + 1):
            found = table.get(" ".join(words[i:i + size]))
            if found:
                return found
    return " ".join(words)


def merge_officials(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per person and office across the articles of a story written in several
    languages: ``{"person", "role", "place", "org", "wordings": {lang: role}}``. ``role`` is
    the English wording when one of the rows has it, else the first wording seen; the place
    and organisation are the first ones given."""
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        role = str(row.get("role") or "")
        key = (str(row["person"]), office_of(role))
        entry = merged.setdefault(key, {"person": row["person"], "role": role, "place": None,
                                        "org": None, "wordings": {}})
        lang = str(row.get("lang") or "und")
        entry["wordings"].setdefault(lang, role)
        if lang == "en":
            entry["role"] = entry["wordings"]["en"]
        entry["place"] = entry["place"] or row.get("place")
        entry["org"] = entry["org"] or row.get("org")
    return list(merged.values())

