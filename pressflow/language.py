"""Language detection: two detectors combined, priors from the source and the page, per paragraph.

Why two detectors: langdetect (required by the brief, seeded so that it is deterministic) is
unreliable on headlines and cannot say Galician at all; py3langid (a naive Bayes model over
byte n-grams, shipped inside its wheel) was the best second detector measured on
``tests/data/language/labelled.tsv`` (see ``docs/language.md`` and ``benchmarks/language.py``).
Their probabilities are averaged over the detectors that know a language, so a language only
one detector knows (``gl``) is judged by that detector alone instead of being outvoted.

Why priors and not overrides: a source's configured language and the page's declared
``<html lang>`` are usually right but not always (a French site publishing an English press
release). Each multiplies a language's score by a constant factor: it wins a near-tie on a
short headline and loses against clear evidence.

Why per paragraph: listing pages mix French, English and Spanish blocks. Each paragraph gets
its own language, and an article's language is the majority by characters.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from langdetect import DetectorFactory, LangDetectException, detect_langs

from pressflow.text.writing_systems import script_of

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from pressflow.pipeline.context import RunContext, StageReport

DetectorFactory.seed = 0  # langdetect is random by default; the same text must give the same answer

UNDETERMINED = "und"
MIN_CONFIDENCE = 0.4
"""Below this combined probability a text is ``und``."""
PRIOR_FACTOR = 3.0
"""How much a configured or declared language multiplies its score (each prior counts once)."""
MIN_LETTERS = 3
"""Fewer letters than this is no evidence at all."""
MIN_PARAGRAPH_LETTERS = 25
"""Shorter paragraphs (a date line, "Contact:") take the article's language instead of their own."""
WEIGHTS = {"langdetect": 0.3, "py3langid": 0.7}
"""Weight of each detector in the combination, chosen on the labelled set (docs/language.md)."""

# Addresses carry no language. Linear in the text: the two first alternatives start at a
# literal, and the e-mail's local part is bounded (``\S+@`` re-scanned the rest of the text
# from every position: 10 s on 100,000 characters without a space).
_URLISH = re.compile(r"https?://\S+|www\.\S+|[^\s@]{1,64}@\S{1,255}")
MAX_DETECT_CHARS = 20_000
"""A detector reads at most this many characters of one text: more adds no evidence."""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*[-*•\u2022#])")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's span in the text (character offsets) and its own language."""

    start: int
    end: int
    lang: str
    confidence: float


@dataclass(frozen=True)
class ArticleLanguage:
    lang: str
    confidence: float
    paragraphs: tuple[Paragraph, ...]


def _norm(code: str) -> str:
    return code.split("-")[0].lower()


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def _py3langid_languages() -> frozenset[str]:
    return frozenset(_identifier().nb_classes)


@lru_cache(maxsize=1)
def _langdetect_languages() -> frozenset[str]:
    from langdetect import detector_factory

    detector_factory.init_factory()
    return frozenset(_norm(code) for code in detector_factory._factory.get_lang_list())


def langdetect_scores(text: str) -> dict[str, float]:
    """langdetect's probabilities (seeded), by ISO 639-1 code; empty when it cannot tell."""
    try:
        found = detect_langs(text)
    except LangDetectException:
        return {}
    scores: dict[str, float] = {}
    for c in found:
        scores[_norm(c.lang)] = scores.get(_norm(c.lang), 0.0) + c.prob
    return scores


# py3langid's Chinese varieties: in writing, and for translation engines, they are Chinese
_FOLD = {"wuu": "zh", "yue": "zh", "cmn": "zh", "gan": "zh", "hak": "zh", "nan": "zh"}


def py3langid_scores(text: str, top: int = 10) -> dict[str, float]:
    """py3langid's normalised probabilities of the ``top`` best languages."""
    scores: dict[str, float] = {}
    for lang, p in _identifier().rank(text)[:top]:
        code = _FOLD.get(lang, lang)
        scores[code] = scores.get(code, 0.0) + float(p)
    return scores


# Scripts written by one language (of those pressflow meets): the letters decide, whatever
# the detectors say about a short text (langdetect calls ten Chinese characters Korean).
_SCRIPT_LANGUAGE = {"hangul": "ko", "kana": "ja", "han": "zh", "thai": "th", "greek": "el",
                    "georgian": "ka", "armenian": "hy"}


def script_language(text: str) -> str | None:
    """The language the letters' script settles, or None (Latin, Cyrillic, Arabic... are
    shared by many languages: the detectors decide those)."""
    counts: dict[str, int] = {}
    letters = 0
    for ch in text:
        if not ch.isalpha():
            continue
        letters += 1
        script = script_of(ch)
        if script in _SCRIPT_LANGUAGE:
            counts[script] = counts.get(script, 0) + 1
    if not letters or not counts:
        return None
    if counts.get("kana", 0) >= 0.1 * letters:
        return "ja"  # Japanese mixes kana with Chinese characters
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return _SCRIPT_LANGUAGE[script] if n >= 0.6 * letters else None


def _clean(text: str) -> str:
    return _URLISH.sub(" ", text or "").strip()


def combine(scores: dict[str, dict[str, float]], priors: Iterable[str | None] = ()) -> Detection:
    """Combine detectors' probabilities and priors into one answer.

    A language's evidence is the weighted mean over the detectors that know the language;
    then each prior naming it multiplies it by :data:`PRIOR_FACTOR`; the result is normalised.
    """
    known = {"langdetect": _langdetect_languages(), "py3langid": _py3langid_languages()}
    candidates = {lang for s in scores.values() for lang in s}
    if not candidates:
        return Detection(UNDETERMINED, 0.0)
    combined: dict[str, float] = {}
    for lang in candidates:
        voters = [d for d in scores if lang in known.get(d, frozenset(scores[d]))]
        total_w = sum(WEIGHTS[d] for d in voters) or 1.0
        combined[lang] = sum(WEIGHTS[d] * scores[d].get(lang, 0.0) for d in voters) / total_w
    for prior in priors:
        if prior and _norm(prior) in combined:
            combined[_norm(prior)] *= PRIOR_FACTOR
    total = sum(combined.values()) or 1.0
    lang, score = max(combined.items(), key=lambda kv: (kv[1], kv[0]))
    confidence = round(score / total, 3)
    if confidence < MIN_CONFIDENCE:
        return Detection(UNDETERMINED, confidence)
    return Detection(lang, confidence)


def detect(text: str, hint: str | None = None, priors: Sequence[str | None] = ()) -> Detection:
    """Most likely ISO 639-1 code of ``text``, ``und`` when unsure.

    ``hint`` (a declared language) and ``priors`` (e.g. the source's configured language)
    tilt near-ties; they never replace clear evidence. With no letters to judge, the hint
    is returned with confidence 0.

    >>> detect("Il Comune di Milano ha incontrato la delegazione").lang
    'it'
    """
    sample = _clean(text)[:MAX_DETECT_CHARS]
    all_priors = [hint, *priors]
    by_script = script_language(sample)
    if by_script is not None:
        return Detection(by_script, 0.99)
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        first = next((p for p in all_priors if p), None)
        return Detection(_norm(first) if first else UNDETERMINED, 0.0)
    scores = {"langdetect": langdetect_scores(sample), "py3langid": py3langid_scores(sample)}
    return combine(scores, all_priors)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of ``text`` (blank lines and list items separate them)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return spans


def detect_article(title: str | None, text: str | None, source_lang: str | None = None,
                   declared_lang: str | None = None) -> ArticleLanguage:
    """Language of each paragraph of ``text`` and of the article (majority by characters).

    The title counts as one more paragraph. Short paragraphs are not judged alone: they take
    the article's language. The article's confidence is the winning language's share of the
    judged characters times their mean confidence.
    """
    text = text or ""
    priors = [declared_lang, source_lang]
    judged: list[tuple[int, int, Detection, int]] = []  # start, end, detection, letters
    votes: dict[str, float] = {}
    conf_sum: dict[str, float] = {}
    blocks = [(-1, -1, title or "")] + [(s, e, text[s:e]) for s, e in split_paragraphs(text)]
    for start, end, chunk in blocks:
        letters = len(_LETTER.findall(_clean(chunk)))
        found = detect(chunk, priors=priors) if letters >= MIN_PARAGRAPH_LETTERS else None
        if found is not None and found.lang != UNDETERMINED:
            votes[found.lang] = votes.get(found.lang, 0.0) + letters
            conf_sum[found.lang] = conf_sum.get(found.lang, 0.0) + letters * found.confidence
        if start >= 0:
            judged.append((start, end, found or Detection(UNDETERMINED, 0.0), letters))
    if not votes:
        whole = detect(f"{title or ''}\n{text}", priors=priors)
        lang, confidence = whole.lang, whole.confidence
    else:
        lang = max(votes, key=lambda k: (votes[k], k))
        share = votes[lang] / sum(votes.values())
        confidence = round(share * conf_sum[lang] / votes[lang], 3)
    paragraphs = tuple(
        Paragraph(s, e, d.lang if d.lang != UNDETERMINED or lang == UNDETERMINED else lang,
                  d.confidence)
        for s, e, d, _ in judged)
    return ArticleLanguage(lang, confidence, paragraphs)


def paragraphs_json(found: ArticleLanguage) -> str:
    """The paragraph languages as stored in ``articles.lang_paragraphs`` (JSON list)."""
    return json.dumps([asdict(p) for p in found.paragraphs], separators=(",", ":"))


def stored_paragraphs(value: object) -> list[tuple[int, int, str]] | None:
    """(start, end, language) spans read back from ``articles.lang_paragraphs``; None when
    there is no record or it cannot be read (the text is then taken as one language)."""
    if not value:
        return None
    try:
        return [(int(p["start"]), int(p["end"]), str(p["lang"])) for p in json.loads(str(value))]
    except (ValueError, KeyError, TypeError):
        return None


def run_stage(ctx: RunContext) -> StageReport:
    """Detect the language of every article whose content is new or changed.

    Writes ``articles.lang``/``lang_confidence`` and, per paragraph, ``lang_paragraphs``.
    """
    from pressflow.pipeline.context import StageReport

    report = StageReport("language")
    started = time.monotonic()
    rows = list(ctx.store.pending("language"))
    languages = {s.name: s.language for s in ctx.config.sources}
    mixed = 0
    with ctx.store.transaction():
        for row in ctx.progress.track(rows, "language", total=len(rows)):
            found = detect_article(row.get("title"), row.get("text"),
                                   source_lang=languages.get(row["source"]),
                                   declared_lang=row.get("lang_hint"))
            if len({p.lang for p in found.paragraphs} - {UNDETERMINED}) > 1:
                mixed += 1
            ctx.store.db["articles"].update(row["id"], {
                "lang": found.lang, "lang_confidence": found.confidence,
                "lang_paragraphs": paragraphs_json(found)})
            row["lang"] = found.lang
            report.details[found.lang] = report.details.get(found.lang, 0) + 1
        ctx.store.mark_done("language", rows)
    report.processed = len(rows)
    if mixed:
        report.notes.append(f"{mixed} article(s) mix languages across paragraphs")
    report.seconds = time.monotonic() - started
    return report
