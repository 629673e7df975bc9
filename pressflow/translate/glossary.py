"""The terminology glossary: load it, protect its terms through any engine, verify the result.

Files (in the glossary folder, ``glossary/`` by default):

- ``SRC-TGT.tsv`` (``fr-en.tsv``): an optional header ``source<TAB>target<TAB>note<TAB>options``,
  then one term a line; ``#`` starts a comment. ``options`` is a comma list: ``case`` (match
  the case exactly), ``exact`` (no plural or inflection tolerance).
- ``keep.txt``: one never-translated name a line (WeGO, Seoul, people's names), for every pair.

Why placeholders: no engine (neural or rule-based) can be told "translate this term so";
Apertium even turns acronyms into words. So each matched term is replaced by a placeholder
the engine passes through unchanged (``Zx0q``), and the target term is put back after. Then
every sentence is checked: each source term found must have its target term in the output;
what is missing is counted as a violation, never hidden.

Matching is tolerant of case and accents (``SÉOUL`` = ``Seoul``), of apostrophe forms and
elision (``l'Organisation``, ``d’ASAS``), of hyphen or space between words, of plural and
gender endings (``ville intelligente`` = ``villes intelligentes``), and, in the languages
inflect.py has rules for, of the forms those rules generate (``oraș inteligent`` =
``Orașele inteligente``); a plural form writes the target in the plural. A term written in
capitals (an acronym such as ``CGLU``) matches only in capitals, so ``ASAS`` never matches
the ordinary Spanish word ``asas``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

from pressflow.errors import GlossaryError
from pressflow.text.fold import fold_same_length
from pressflow.text.spans import leftmost_longest
from pressflow.translate.inflect import RULES, RULES_VERSION, Forms, english_plural, forms_pattern, roles, word_forms

OPTIONS = ("case", "exact")
PLACEHOLDER = "Zx{}q"
PLACEHOLDER_RE = re.compile(r"[Zz]\s?[Xx]\s?(\d{1,3})\s?[Qq]")
VERBATIM = "verbatim: address"
_VERBATIM_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»“”]+[^\s<>\"'«»“”.,;:!?)]"
                          r"|[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# (the e-mail's parts are bounded, as RFC 5321 bounds them: an unbounded ``[\w.+-]+@``
# re-scanned the rest of a long unspaced text from every position)
# A run this long without a space, in a script written with spaces, is no word: an engine
# would spend minutes on it (Apertium: 8 s for 50,000 characters, over 5 minutes for
# 400,000) for nothing. It is kept verbatim like an address. Scripts written without
# spaces (Thai, Lao, Khmer, Myanmar, kana, Chinese characters) are not counted in a run.
MAX_TOKEN_CHARS = 100
_LONG_RUN_RE = re.compile(r"[^\s\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff"
                          r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{" + str(MAX_TOKEN_CHARS) + ",}")
_WORD_GAP = re.compile(r"[\s\-]+")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})


def _verbatim_spans(sentence: str) -> list[re.Match[str]]:
    """Addresses and over-long runs, left to right, not overlapping (a run wins)."""
    runs = list(_LONG_RUN_RE.finditer(sentence))
    spans: list[re.Match[str]] = []
    i = 0
    for m in _VERBATIM_RE.finditer(sentence):  # both in text order: one pass, linear
        while i < len(runs) and runs[i].end() <= m.start():
            i += 1
        if i < len(runs) and runs[i].start() < m.end():
            continue  # inside (or across) a run, which is kept verbatim whole
        spans.append(m)
    return sorted(spans + runs, key=lambda m: m.start())


def _is_acronym(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(term) <= 10


@dataclass(frozen=True)
class Entry:
    """One glossary term: ``source`` becomes ``target`` (a keep.txt name: itself)."""

    source: str
    target: str
    note: str = ""
    options: tuple[str, ...] = ()
    keep: bool = False
    path: str = ""
    line: int = 0

    @property
    def case_sensitive(self) -> bool:
        return "case" in self.options or _is_acronym(self.source)

    @property
    def signature(self) -> str:
        """Identity for change detection: what is matched and what it becomes."""
        return hashlib.sha256(json.dumps(
            [fold_same_length(self.source, keep_case=self.case_sensitive), self.target,
             sorted(self.options), self.keep]).encode()).hexdigest()[:16]

    def as_dict(self) -> dict[str, object]:
        return {"source": self.source, "target": self.target, "note": self.note,
                "options": list(self.options), "keep": self.keep}


def _word_pattern(word: str, tolerant: bool) -> str:
    if not tolerant or len(word) < 3 or not word.isalpha():
        return re.escape(word)
    if word[-1] in "aeio":
        return re.escape(word[:-1]) + r"[aeio]?s?"
    if word.endswith("al"):
        return re.escape(word) + r"(?:s|es)?|" + re.escape(word[:-2]) + "aux"
    return re.escape(word) + r"(?:s|x|es)?"


def _is_tolerant(entry: Entry) -> bool:
    return "exact" not in entry.options and not entry.case_sensitive and not entry.keep


def _source_words(entry: Entry) -> list[str]:
    folded = fold_same_length(entry.source.strip(), keep_case=entry.case_sensitive)
    return [w for w in _WORD_GAP.split(folded) if w]


def term_forms(entry: Entry, lang: str | None) -> list[Forms]:
    """The inflected forms of each word of ``entry.source`` in ``lang`` (see inflect.py);
    an exact, case-sensitive or keep.txt entry has only its own spelling."""
    words = _source_words(entry)
    if not (lang and _is_tolerant(entry)):
        return [{w: False} for w in words]
    return [word_forms(w, lang, role) for w, role in zip(words, roles(words, lang), strict=True)]


def term_pattern(entry: Entry, lang: str | None = None, *, generic: bool = True) -> str:
    """The regular expression (over folded text) that finds ``entry.source``: its own
    spelling, the generic plural and gender endings (``generic``), and, given the source
    language, the forms that language's rules generate (definite suffixes, plurals, cases)."""
    tolerant = _is_tolerant(entry)
    parts = []
    for word, forms in zip(_source_words(entry), term_forms(entry, lang), strict=True):
        alternatives = [forms_pattern(forms)] if len(forms) > 1 else [re.escape(word)]
        if generic:
            alternatives.append(_word_pattern(word, tolerant))
        parts.append(f"(?:{'|'.join(alternatives)})")
    body = r"[\s\-]+".join(parts)
    return rf"(?<!\w){body}(?!\w)"


def _accents_agree(entry: Entry, span: str) -> bool:
    """Whether ``span`` writes the stems of ``entry``'s words with the same accents (the
    endings aside, which inflection changes)."""
    words = [w for w in _WORD_GAP.split(span.lower()) if w]
    source = [w for w in _WORD_GAP.split(entry.source.lower()) if w]
    if len(words) != len(source):
        return True
    for text_word, source_word in zip(words, source, strict=True):
        k = max(1, len(source_word) - 2)
        if text_word[:k] != source_word[:k] and fold_same_length(text_word[:k]) == fold_same_length(source_word[:k]):
            return False
    return True


def _is_plural_match(folded_match: str, forms: list[Forms]) -> bool:
    """Whether a found span is a plural form of a term (one of its words is an unambiguous
    plural the rules generated), so its target is written in the plural too."""
    words = [w for w in _WORD_GAP.split(folded_match) if w]
    return len(words) == len(forms) and any(f.get(w, False) for w, f in zip(words, forms, strict=True))


@dataclass
class Match:
    start: int
    end: int
    entry: Entry
    plural: bool = False  # an inflected plural of a singular term: the target goes plural

    def target_entry(self) -> Entry:
        """The entry to write for this occurrence: its target in the plural where the text
        had the term in the plural ("Les conseils municipaux" -> "City Councils")."""
        if not self.plural:
            return self.entry
        plural = english_plural(self.entry.target)
        return self.entry if plural == self.entry.target else replace(self.entry, target=plural)


@dataclass
class Protected:
    """A sentence with its terms replaced by placeholders, and what to put back."""

    text: str
    entries: list[Entry] = field(default_factory=list)
    capitalised: list[bool] = field(default_factory=list)  # the source began with a capital


@dataclass
class Glossary:
    """The terms for one language pair (its TSV file plus keep.txt)."""

    source_lang: str
    target: str
    entries: list[Entry] = field(default_factory=list)
    inflect: bool = True  # match the forms the source language's rules generate (inflect.py)

    def __post_init__(self) -> None:
        self._compiled: list[tuple[re.Pattern[str], bool, list[Entry]]] | None = None
        self._forms: dict[int, list[Forms]] = {}  # id(entry) -> the forms of each word
        self._single: dict[int, re.Pattern[str]] = {}  # id(entry) -> its own pattern
        self._version: tuple[int, str] | None = None

    @property
    def version(self) -> str:
        """Changes whenever a term of this pair is added, removed or changed."""
        key = len(self.entries)  # entries are only ever added, by the loader
        if self._version is None or self._version[0] != key:
            sigs = sorted(e.signature for e in self.entries)
            self._version = (key, hashlib.sha256("\n".join(sigs).encode()).hexdigest()[:12]
                             + self.rules_suffix if sigs else "none")
        return self._version[1]

    @property
    def rules_suffix(self) -> str:
        """The end of :attr:`version` that names the inflection rules the terms match with
        (``-r1``): new rules may find terms where the old did not, so a run that sees another
        suffix re-translates the articles holding any term (translate/stage.py)."""
        return f"-r{RULES_VERSION}" if self.inflect and self.source_lang in RULES else ""

    def _patterns(self) -> list[tuple[re.Pattern[str], bool, list[Entry]]]:
        """(pattern, case-sensitive, the entries of its groups in order). With the language's
        rules, the generated forms are searched first and the generic endings after, so a
        match by a term's own forms wins over another term's generic ending at the same span
        (Spanish "alcaldes" is "alcalde" in the plural, not "alcaldesa" without its "a")."""
        if self._compiled is None:
            compiled = []
            lang = self.source_lang if self.inflect and self.source_lang in RULES else None
            for case_sensitive in (False, True):
                group = [e for e in self.entries if e.case_sensitive == case_sensitive]
                if not group:
                    continue
                # longest first: at one position the longer term wins
                group.sort(key=lambda e: (-len(e.source), e.keep))
                self._forms.update({id(e): term_forms(e, lang) for e in group})
                passes: list[tuple[str | None, bool]] = [(None, True)] if lang is None else [(lang, False),
                                                                                             (None, True)]
                for pass_lang, generic in passes:
                    alts = [f"(?P<g{i}>{term_pattern(e, pass_lang, generic=generic)})" for i, e in enumerate(group)]
                    # every term starts at a word's start: said once, outside the alternatives,
                    # the test rules out most positions before any term is tried (3 times faster)
                    compiled.append((re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")"), case_sensitive, group))
            self._compiled = compiled
        return self._compiled

    def find(self, text: str) -> list[Match]:
        """Non-overlapping term occurrences in ``text``, longest first, left to right."""
        if not self.entries or not text:
            return []
        found: list[Match] = []
        accented = not text.isascii()  # a text written without accents cannot tell by them
        for pattern, case_sensitive, group in self._patterns():
            folded = fold_same_length(text, keep_case=case_sensitive)
            for m in pattern.finditer(folded):
                index = int(m.lastgroup[1:]) if m.lastgroup else 0
                entry = group[index]
                if accented and self.inflect and not _accents_agree(entry, text[m.start():m.end()]):
                    entry = self._accent_alternative(group, entry, text[m.start():m.end()], m.group())
                forms = self._forms.get(id(entry), [])
                found.append(Match(m.start(), m.end(), entry,
                                   any(len(f) > 1 for f in forms) and _is_plural_match(m.group(), forms)))
        return leftmost_longest(found, lambda m: (m.start, m.end))

    def _accent_alternative(self, group: list[Entry], entry: Entry, span: str, folded: str) -> Entry:
        """Another term whose forms match ``span`` with its accents as written: Romanian
        "Primarii" (the mayors) folds like "primării" (town halls); the text's letters decide."""
        for other in group:
            if other is entry or not _accents_agree(other, span):
                continue
            pattern = self._single.get(id(other))
            if pattern is None:
                pattern = self._single[id(other)] = re.compile(term_pattern(other, self.source_lang))
            if pattern.fullmatch(folded):
                return other
        return entry

    def protect(self, sentence: str) -> Protected:
        """Replace each term by a placeholder; :meth:`restore` puts the target terms back.

        Web addresses and e-mail addresses are protected the same way (kept verbatim):
        engines lower-case or translate their parts.
        """
        matches = self.find(sentence)
        verbatim = [Match(m.start(), m.end(), Entry(m.group(), m.group(), VERBATIM, keep=True))
                    for m in _verbatim_spans(sentence)]
        if verbatim:
            taken = [m for m in matches if not any(v.start < m.end and m.start < v.end
                                                   for v in verbatim)]
            matches = sorted(taken + verbatim, key=lambda m: m.start)
        if not matches:
            return Protected(sentence)
        out, last, entries, caps = [], 0, [], []
        for i, m in enumerate(matches):
            out.append(sentence[last:m.start])
            out.append(PLACEHOLDER.format(i))
            # English plurals only: into another language the target is written as listed
            entries.append(m.target_entry() if self.target == "en" else m.entry)
            caps.append(sentence[m.start].isupper())
            last = m.end
        out.append(sentence[last:])
        return Protected("".join(out), entries, caps)

    @staticmethod
    def restore(translation: str, protected: Protected) -> str:
        """Put the target terms where the engine left the placeholders."""
        if not protected.entries:
            return translation

        def put_back(m: re.Match[str]) -> str:
            i = int(m.group(1))
            if i >= len(protected.entries):
                return ""
            target = protected.entries[i].target
            if protected.capitalised[i] and target[:1].islower():
                return target[:1].upper() + target[1:]  # "Guvernare deschisă" -> "Open government"
            return target

        return PLACEHOLDER_RE.sub(put_back, translation)

    @staticmethod
    def missing(translation: str, protected: Protected) -> list[Entry]:
        """Entries whose target term is absent from the translation (the violations)."""
        folded = re.sub(r"[\s\-]+", " ", fold_same_length(translation))
        seen: set[str] = set()
        missing = []
        for e in protected.entries:
            if e.signature in seen:
                continue
            seen.add(e.signature)
            if re.sub(r"[\s\-]+", " ", fold_same_length(e.target)) not in folded:
                missing.append(e)
        return missing

    def signature_of(self, entries: Iterable[Entry]) -> str:
        """The part of the glossary a sentence depends on (for its cache key)."""
        sigs = sorted({e.signature for e in entries})
        if sigs and self.inflect:  # other rules may find other spans of the same terms
            sigs.append(f"inflect-{RULES_VERSION}")
        return hashlib.sha256(",".join(sigs).encode()).hexdigest()[:12] if sigs else "none"


# -- reading files --------------------------------------------------------------------------

def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise GlossaryError(f"not UTF-8 text ({exc.reason})", path=str(path)) from exc
    except OSError as exc:
        raise GlossaryError(f"cannot read: {exc.strerror}", path=str(path)) from exc


def read_tsv(path: Path) -> list[Entry]:
    """Entries of one ``SRC-TGT.tsv`` file; a bad line raises GlossaryError with file:line."""
    entries, errors = lint_tsv(path)
    if errors:
        raise errors[0]
    return entries


def lint_tsv(path: Path) -> tuple[list[Entry], list[GlossaryError]]:
    """The entries of one ``SRC-TGT.tsv`` file and every bad line in it (file:line each),
    not only the first: what `pressflow glossary check` lists."""
    try:
        lines = _read_lines(path)
    except GlossaryError as exc:
        return [], [exc]
    entries: list[Entry] = []
    errors: list[GlossaryError] = []
    seen: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if not entries and [c.lower() for c in cols[:2]] == ["source", "target"]:
            continue  # the header line
        try:
            entry = _parse_tsv_line(cols, path, number)
        except GlossaryError as exc:
            errors.append(exc)
            continue
        key = fold_same_length(entry.source)
        if key in seen and seen[key][0] != entry.target:
            errors.append(GlossaryError(f"{entry.source!r} is already defined at line {seen[key][1]} with "
                                        f"target {seen[key][0]!r}", path=str(path), line=number))
            continue
        seen[key] = (entry.target, number)
        entries.append(entry)
    return entries, errors


def _parse_tsv_line(cols: list[str], path: Path, number: int) -> Entry:
    if len(cols) < 2:
        raise GlossaryError("expected source<TAB>target[<TAB>note[<TAB>options]]; found no "
                            "tab (are the columns separated by spaces?)",
                            path=str(path), line=number)
    if len(cols) > 4:
        raise GlossaryError(f"too many columns ({len(cols)}); expected at most 4: source, "
                            "target, note, options", path=str(path), line=number)
    source, target = cols[0], cols[1]
    if not source:
        raise GlossaryError("the source term is empty", path=str(path), line=number)
    if not target:
        raise GlossaryError(f"the target term for {source!r} is empty", path=str(path),
                            line=number)
    options = tuple(o.strip().lower() for o in (cols[3] if len(cols) > 3 else "").split(",")
                    if o.strip())
    for o in options:
        if o not in OPTIONS:
            raise GlossaryError(f"unknown option {o!r}; valid options: {', '.join(OPTIONS)}",
                                path=str(path), line=number)
    return Entry(source, target, cols[2] if len(cols) > 2 else "", options, path=str(path), line=number)


def read_keep(path: Path) -> list[Entry]:
    """Names from ``keep.txt``: each becomes itself in every language."""
    entries = []
    for number, raw in enumerate(_read_lines(path), 1):
        name = raw.strip()
        if not name or name.startswith("#"):
            continue
        if "\t" in name:
            raise GlossaryError("keep.txt holds one name a line, with no tab",
                                path=str(path), line=number)
        entries.append(Entry(name, name, keep=True, path=str(path), line=number))
    return entries


def load_glossary(folder: Path | None, source_lang: str, target: str, *, inflect: bool = True) -> Glossary:
    """The glossary for one pair; an absent folder or file simply means no terms.
    ``inflect=False`` matches terms as written (with the generic plural endings only)."""
    entries: list[Entry] = []
    if folder is not None and folder.is_dir():
        tsv = folder / f"{source_lang}-{target}.tsv"
        if tsv.is_file():
            entries.extend(read_tsv(tsv))
        keep = folder / "keep.txt"
        if keep.is_file():
            entries.extend(read_keep(keep))
    return Glossary(source_lang, target, entries, inflect)


def check_folder(folder: Path) -> dict[str, int]:
    """Read every glossary file of a folder; return the number of terms per file."""
    counts: dict[str, int] = {}
    for path in sorted(folder.glob("*.tsv")):
        if not re.fullmatch(r"[a-z]{2,3}-[a-z]{2,3}", path.stem):
            raise GlossaryError("a glossary file is named SRC-TGT.tsv (for example fr-en.tsv)",
                                path=str(path))
        counts[path.name] = len(read_tsv(path))
    if (folder / "keep.txt").is_file():
        counts["keep.txt"] = len(read_keep(folder / "keep.txt"))
    return counts


# -- importing TBX and CSV ------------------------------------------------------------------

Term = tuple[str, str, str]  # source, target, note
# a glossary file's name is built from two of these: nothing else may reach a path
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def _language_code(value: str, what: str, path: Path, line: int | None = None) -> str:
    """``value`` as a language code (``fr``, ``fr-FR`` -> ``fr``), or a GlossaryError."""
    code = value.strip().split("-")[0].split("_")[0].lower()
    if not LANGUAGE_CODE.fullmatch(code):
        raise GlossaryError(f"{what} {value!r} is not a language code (such as 'fr')",
                            path=str(path), line=line)
    return code


def read_tbx(path: Path, target: str) -> dict[str, list[Term]]:
    """Terms of a TBX file (ISO 30042, v2 ``termEntry`` or v3 ``conceptEntry``) by source language."""
    from lxml import etree

    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise GlossaryError(f"not a readable TBX file ({exc})", path=str(path)) from exc
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    target = _language_code(target, "the target language", path)
    out: dict[str, list[Term]] = {}
    for concept in tree.iter():
        if not isinstance(concept.tag, str) or etree.QName(concept).localname not in (
                "termEntry", "conceptEntry"):
            continue
        terms: dict[str, str] = {}
        note = ""
        for el in concept.iter():
            if not isinstance(el.tag, str):
                continue
            name = etree.QName(el).localname
            if name == "langSet" or name == "langSec":
                raw_lang = el.get(xml_lang) or el.get("lang") or ""
                lang = _language_code(raw_lang, "xml:lang", path, el.sourceline) if raw_lang else ""
                term_el = next((t for t in el.iter() if isinstance(t.tag, str)
                                and etree.QName(t).localname == "term"), None)
                if lang and term_el is not None and (term_el.text or "").strip():
                    terms.setdefault(lang, " ".join(term_el.text.split()))
            elif name in ("descrip", "note") and not note and (el.text or "").strip():
                note = " ".join(el.text.split())
        if target not in terms:
            continue
        for lang, term in terms.items():
            if lang != target:
                out.setdefault(lang, []).append((term, terms[target], note))
    return out


def read_csv(path: Path, target: str, source_lang: str | None = None) -> dict[str, list[Term]]:
    """Terms of a CSV file with a header: language codes (``fr,en,note``) or
    ``source,target,note`` (then ``source_lang`` says the language)."""
    target = _language_code(target, "the target language", path)
    if source_lang:
        source_lang = _language_code(source_lang, "the source language (--from)", path)
    lines = _read_lines(path)
    rows = list(csv.reader(lines))
    if not rows:
        raise GlossaryError("the CSV file is empty", path=str(path))
    header = [h.strip().lower() for h in rows[0]]
    note_col = header.index("note") if "note" in header else None
    if "source" in header and "target" in header:
        if not source_lang:
            raise GlossaryError("a source,target CSV needs the source language (--from)",
                                path=str(path), line=1)
        columns = {source_lang: header.index("source")}
        target_col = header.index("target")
    elif target in header:
        target_col = header.index(target)
        columns = {h: i for i, h in enumerate(header)
                   if h != target and h != "note" and re.fullmatch(r"[a-z]{2,3}", h)}
    else:
        raise GlossaryError(f"the header needs a {target!r} column (language codes) or "
                            "source,target columns", path=str(path), line=1)
    out: dict[str, list[Term]] = {}
    for number, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        if len(row) <= max([target_col, *columns.values()]):
            raise GlossaryError(f"{len(row)} columns; the header has {len(header)}",
                                path=str(path), line=number)
        tgt = row[target_col].strip()
        note = row[note_col].strip() if note_col is not None and note_col < len(row) else ""
        for lang, col in columns.items():
            src = row[col].strip()
            if src and tgt:
                out.setdefault(lang, []).append((src, tgt, note))
    return out


def import_terms(terms: dict[str, list[Term]], folder: Path, target: str) -> dict[str, int]:
    """Append new terms to ``folder/SRC-TGT.tsv`` files; return the count added per file.

    A term already in the file (same source, accents and case aside) is left as it is, so
    importing the same file twice changes nothing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    added: dict[str, int] = {}
    for lang, items in sorted(terms.items()):
        for code in (lang, target):  # never a path from a document: codes only
            if not LANGUAGE_CODE.fullmatch(code):
                raise GlossaryError(f"{code!r} is not a language code (such as 'fr')",
                                    path=str(folder))
        path = folder / f"{lang}-{target}.tsv"
        existing = {fold_same_length(e.source) for e in read_tsv(path)} if path.is_file() else set()
        new_lines = []
        for src, tgt, note in items:
            if fold_same_length(src) in existing or "\t" in src + tgt + note:
                continue
            existing.add(fold_same_length(src))
            new_lines.append(f"{src}\t{tgt}\t{note}".rstrip("\t"))
        if not new_lines:
            added[path.name] = 0
            continue
        text = path.read_text(encoding="utf-8") if path.is_file() else "source\ttarget\tnote\n"
        if text and not text.endswith("\n"):
            text += "\n"
        path.write_text(text + "\n".join(new_lines) + "\n", encoding="utf-8")
        added[path.name] = len(new_lines)
    return added


def entries_from_json(data: Sequence[dict[str, object]]) -> list[Entry]:
    """Entries stored by an earlier run (to find the articles a removed term touched)."""
    return [Entry(str(d["source"]), str(d["target"]), str(d.get("note") or ""),
                  tuple(cast("Sequence[str]", d.get("options") or ())), bool(d.get("keep"))) for d in data]
