"""Translate many documents at once: choose an engine per language, batch across documents.

The order of work, for every language of the batch:

1. cut every field (title, summary, text) of every document into sentences, keeping the
   separators so paragraphs come back where they were;
2. protect glossary terms with placeholders; look each sentence up in the cache; find the
   names (people, organisations, places) of the documents with a sentence not found there,
   and protect them too (see ``_names_where_missed``);
3. send the sentences not cached, of *all* documents together, to the engine in a few large
   batches; restore the terms; store them in the cache;
4. reassemble each document and verify its terms: each missing target term is a violation.

A text whose paragraphs are in several languages (``Document.paragraphs``, from the language
stage) is translated paragraph by paragraph, each with the engine of its own language: an
English paragraph inside a French article stays as written, a Spanish one goes through es->en.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pressflow.errors import EngineError
from pressflow.store.records import StoredArticle
from pressflow.translate.apertium import ApertiumEngine
from pressflow.translate.argos import ArgosEngine
from pressflow.translate.base import Engine, TranslateSettings
from pressflow.translate.cache import TranslationCache, cache_key
from pressflow.translate.glossary import PLACEHOLDER_RE, VERBATIM, Glossary, Protected, load_glossary
from pressflow.translate.memory import MemoryHit, PairMemory, TranslationMemory
from pressflow.translate.names import (
    NAME,
    name_tables,
    names_signature,
    protect_names,
    repair_casing,
)
from pressflow.translate.quality import prepare_pivot_check, quality_issues
from pressflow.translate.sentences import Segmented, segment

FIELDS = ("title", "summary", "text")


@dataclass
class Document:
    """What to translate: an article (title, summary, text) or one filter line (text).

    ``paragraphs``: (start, end, language) spans of ``text`` when its paragraphs were
    detected one by one; only spans whose language differs from ``lang`` change anything.
    """

    id: str
    lang: str | None
    fields: dict[str, str | None]
    paragraphs: list[tuple[int, int, str]] | None = None


@dataclass
class DocumentResult:
    id: str
    lang: str | None
    fields: dict[str, str | None]
    engine: str
    status: str  # ok | no-model | same-language | error
    message: str = ""
    glossary_violations: int = 0
    glossary_details: dict[str, object] = field(default_factory=dict)
    glossary_version: str = ""
    model_version: str = ""
    # the segments the translation memory gave (pressflow.translate.memory), in order
    memory: list[dict[str, object]] = field(default_factory=list)
    quality: list[str] = field(default_factory=list)  # why the output is likely poor

    @property
    def details_json(self) -> str:
        return json.dumps(self.glossary_details, ensure_ascii=False)

    @property
    def memory_json(self) -> str | None:
        return json.dumps(self.memory, ensure_ascii=False) if self.memory else None


def install_hint(source_lang: str, target: str) -> str:
    return f"pressflow models install {source_lang} {target}"


def no_model_message(source_lang: str, target: str) -> str:
    return f"no model for {source_lang}->{target}: run `{install_hint(source_lang, target)}`"


class Engines:
    """The engines of one run, created on first use (Apertium's mode list, argos' packages)."""

    def __init__(self, settings: TranslateSettings,
                 factories: dict[str, Callable[[], Engine]] | None = None) -> None:
        self.settings = settings
        self._factories = factories or {"argos": lambda: ArgosEngine(settings),
                                        "apertium": ApertiumEngine}
        self._engines: dict[str, Engine] = {}

    def get(self, name: str) -> Engine:
        if name not in self._engines:
            self._engines[name] = self._factories[name]()
        return self._engines[name]

    def choose(self, source: str, target: str) -> tuple[Engine | None, str, str]:
        """(engine, model version, why none) for a pair, following the settings."""
        wanted = self.settings.engine_for(source)
        if wanted == "none":
            return None, "", f"translation from {source} is turned off (settings.translate)"
        names = [n for n in ("argos", "apertium") if n in self._factories] \
            if wanted == "auto" else [wanted]
        for name in names:
            engine = self.get(name)
            version = engine.version(source, target)
            if version:
                return engine, version, ""
        return None, "", no_model_message(source, target)


@dataclass
class _Unit:
    doc: int
    field: str
    protected: Protected
    key: str
    shouted: bool = False  # an ALL-CAPS headline: sent in sentence case, returned in capitals
    bound_key: str = ""  # the key bound to the document's text (read before names are found)
    memory: MemoryHit | None = None  # an editor's translation of it: no engine, taken as it is
    source: str = ""  # the sentence as written

    @property
    def engine_input(self) -> str:
        return _sentence_case(self.protected.text) if self.shouted else self.protected.text


def _is_shouted(text: str) -> bool:
    """An all-capitals sentence (a headline style on many city sites). Engines read such
    words as unknown names or acronyms and copy them untranslated, so they get sentence case
    first; a sentence with a few capitals (UCLG, NATO) is not shouting."""
    bare = PLACEHOLDER_RE.sub(" ", text)
    upper = sum(map(str.isupper, bare))
    cased = upper + sum(map(str.islower, bare))
    return cased >= 12 and upper >= 0.9 * cased and len(text.split()) >= 3


def _sentence_case(text: str) -> str:
    lowered = text.lower()
    for i, c in enumerate(lowered):
        if c.isalpha():
            return lowered[:i] + c.upper() + lowered[i + 1:]
    return lowered


def translate_documents(docs: Sequence[Document], target: str, *,
                        settings: TranslateSettings | None = None,
                        glossary_dir: Path | None = None,
                        cache: TranslationCache | None = None,
                        engines: Engines | None = None,
                        on_chunk: Callable[[int], bool] | None = None,
                        memory: TranslationMemory | None = None) -> list[DocumentResult | None]:
    """Translate documents; one result per document (None where a stop left it unfinished).

    ``memory``: editors' corrections, used before any engine (:mod:`.memory`).

    ``on_chunk(n)`` is called after each engine batch of ``n`` sentences; returning False
    stops (SIGTERM): finished sentences are cached, so the next run picks up from there.
    """
    settings = settings or TranslateSettings()
    cache = cache or TranslationCache()
    engines = engines or Engines(settings)
    plans = [_mixed_plan(d, target) for d in docs]
    if any(plans):
        return _translate_mixed(docs, plans, target, settings=settings, glossary_dir=glossary_dir,
                                cache=cache, engines=engines, on_chunk=on_chunk, memory=memory)
    results: list[DocumentResult | None] = [None] * len(docs)
    by_lang: dict[str | None, list[int]] = {}
    for i, d in enumerate(docs):
        lang = (d.lang or "").lower() or None
        if lang == target:
            results[i] = DocumentResult(d.id, lang, dict(d.fields), "none", "same-language")
        elif lang is None or lang == "und":
            results[i] = DocumentResult(d.id, lang, {f: None for f in d.fields}, "none", "error",
                                        "language not detected; set `language:` on the source")
        else:
            by_lang.setdefault(lang, []).append(i)
    stopped = False
    for lang, indexes in sorted(by_lang.items(), key=lambda kv: str(kv[0])):
        assert lang is not None
        engine, version, why = engines.choose(lang, target)
        if engine is None:
            for i in indexes:
                results[i] = DocumentResult(docs[i].id, lang, {f: None for f in docs[i].fields},
                                            "none", "no-model", why)
            continue
        if stopped:
            continue
        glossary = load_glossary(glossary_dir, lang, target)
        try:
            done = _translate_language([docs[i] for i in indexes], lang, target, engine, version,
                                       glossary, settings, cache, on_chunk, glossary_dir,
                                       memory.pair(lang, target) if memory else None)
        except (EngineError, RuntimeError, OSError, ValueError, LookupError) as exc:
            for i in indexes:
                results[i] = DocumentResult(docs[i].id, lang, {f: None for f in docs[i].fields},
                                            engine.name, "error", f"{engine.name}: {exc}",
                                            model_version=version)
            continue
        if done is None:
            stopped = True
            continue
        for i, res in zip(indexes, done, strict=True):
            results[i] = res
    return results


def _translate_language(docs: Sequence[Document], lang: str, target: str, engine: Engine,
                        version: str, glossary: Glossary, settings: TranslateSettings,
                        cache: TranslationCache,
                        on_chunk: Callable[[int], bool] | None,
                        glossary_dir: Path | None = None,
                        memory: PairMemory | None = None) -> list[DocumentResult] | None:
    segmented: list[dict[str, Segmented]] = []
    units: list[_Unit] = []
    names_sig = names_signature(lang, glossary_dir)
    for n, d in enumerate(docs):
        segs = {f: segment(v) for f, v in d.fields.items()}
        hits: dict[str, dict[int, MemoryHit]] = {}
        if memory is not None:  # editors' corrections first: what they cover needs no engine
            for f in segs:
                segs[f], hits[f] = memory.apply(segs[f])
        segmented.append(segs)
        doc_sig = _document_signature(names_sig, d)
        for f, seg in segs.items():
            for k, sentence in enumerate(seg.sentences):
                hit = hits.get(f, {}).get(k)
                if hit is not None:  # taken as the editor wrote it: no term or name applied on top
                    units.append(_Unit(n, f, Protected(hit.target), f"memory\x1f{n}\x1f{f}\x1f{k}",
                                       memory=hit, source=sentence))
                    continue
                p = glossary.protect(sentence)
                shouted = _is_shouted(p.text)  # a shouted headline comes back all in capitals
                signature = glossary.signature_of(p.entries)
                # first the key bound to the document (see _names_where_missed)
                key = cache_key(sentence, engine.name, version, lang, target,
                                signature if shouted else f"{signature}|names:{doc_sig}")
                units.append(_Unit(n, f, p, key, shouted, bound_key=key, source=sentence))
    engine_units = [u for u in units if u.memory is None]
    translated = cache.get_many((u.key for u in engine_units), count=False)
    found_bound = len(translated)
    missed = [u for u in engine_units if u.key not in translated]
    cache.hits += found_bound
    translated.update((u.key, u.memory.target) for u in units if u.memory is not None)

    def key_of(u: _Unit) -> str:
        return cache_key(u.source, engine.name, version, lang, target,
                         glossary.signature_of(u.protected.entries))

    def run_engine(part_units: Sequence[_Unit]) -> bool:
        """Translate what the cache lacks of ``part_units``; False when a stop was asked."""
        translated.update(cache.get_many(u.key for u in part_units if u.key not in translated))
        todo: dict[str, _Unit] = {}
        for u in part_units:
            if u.key not in translated and u.key not in todo:
                todo[u.key] = u
        return _engine_batches(list(todo.values()), translated, engine, lang, target, settings,
                               cache, on_chunk)

    # the names first, then every sentence still missing in one engine call
    with_names = _names_where_missed(missed, docs, lang, glossary, glossary_dir, key_of)
    if not run_engine(with_names):
        return None
    # the document-bound keys of what was missing: the next run of these texts finds them
    # without looking for names
    cache.put_many([(u.bound_key, lang, target, engine.name, u.protected.text, translated[u.key])
                    for u in missed if u.bound_key != u.key])
    pivot = _pivot_of(engine, lang, target)
    prepare_pivot_check((translated[u.key] for u in units if u.memory is None), pivot, target)
    per_doc: list[list[_Unit]] = [[] for _ in docs]
    for u in units:
        per_doc[u.doc].append(u)
    results = []
    for n, d in enumerate(docs):
        mine = per_doc[n]
        fields: dict[str, str | None] = {}
        violations: list[dict[str, str]] = []
        terms: dict[str, dict[str, object]] = {}
        remembered: list[dict[str, object]] = []
        for f, seg in segmented[n].items():
            outs = []
            for u in (u for u in mine if u.field == f):
                out = translated[u.key]
                outs.append(out)
                if u.memory is not None:
                    remembered.append(u.memory.as_dict(f, u.source))
                for e in u.protected.entries:
                    if e.note in (VERBATIM, NAME):
                        continue
                    t = terms.setdefault(e.source, {"source": e.source, "target": e.target,
                                                    "count": 0})
                    t["count"] = int(t["count"]) + 1  # type: ignore[call-overload]
                for e in Glossary.missing(out, u.protected):
                    if e.note == NAME:
                        continue  # a name is kept, not a term: only terms count as violations
                    violations.append({"field": f, "source": e.source, "target": e.target})
            fields[f] = seg.rebuild(outs) if d.fields.get(f) else d.fields.get(f)
        by = engine.name if not remembered else (
            "memory" if len(remembered) == len(mine) else f"{engine.name}+memory")
        results.append(DocumentResult(
            d.id, lang, fields, by, "ok", glossary_violations=len(violations),
            glossary_details={"terms": list(terms.values()), "violations": violations},
            glossary_version=glossary.version, model_version=version, memory=remembered,
            # the editor's own text is not judged as machine output
            quality=[] if by == "memory" else _document_quality(d, fields, lang, target, pivot)))
    return results


def _pivot_of(engine: Engine, source: str, target: str) -> str | None:
    """The language a pair goes through (Spanish for Apertium's fr->es->en), or None."""
    route = getattr(engine, "route", None)
    hops = route(source, target) if callable(route) else None
    if not hops or len(hops) < 2:
        return None
    first = hops[0]
    if isinstance(first, str):  # an Apertium mode, "fr-es"
        from pressflow.translate.apertium import _iso1

        return _iso1(first.rsplit("-", 1)[-1].split("_")[0])
    return str(getattr(first, "target", "")) or None


def _document_quality(doc: Document, fields: dict[str, str | None], lang: str, target: str,
                      pivot: str | None) -> list[str]:
    """The quality issues of a document's translation, field by field (each said once)."""
    issues: dict[str, None] = {}
    for f, source in doc.fields.items():
        for issue in quality_issues(source or "", fields.get(f) or "", lang, target, pivot):
            issues.setdefault(issue if f == "text" else f"{f}: {issue}", None)
    return list(issues)


def _document_signature(names_sig: str, doc: Document) -> str:
    """What decides the names of a document: its whole text (a surname alone is a name
    because the full name came earlier) and the names set-up (:func:`names_signature`)."""
    raw = "\x1f".join([names_sig, *(v or "" for v in doc.fields.values())])
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _names_where_missed(missed: Sequence[_Unit], docs: Sequence[Document], lang: str,
                        glossary: Glossary, glossary_dir: Path | None,
                        key_of: Callable[[_Unit], str]) -> list[_Unit]:
    """Protect the names of the sentences the cache did not have, and key them anew; return
    them, all to translate in one engine call.

    Finding names (gazetteer and NER over the whole document) costs more than a cache read,
    so the cache is read first under a key bound to the document's text and the names
    set-up: an unchanged document is never read for names again. A sentence missed there
    gets its names, then the key of its protected form (the sentence with its terms and
    names, as any document may hold it), so a sentence seen in another article, or in an
    earlier version of this one, is still not sent to an engine again.

    The names are found before any sentence goes to the engine (the first run of a process
    loads the NER pipeline and gazetteer here, unless no document can hold a name:
    :func:`~pressflow.translate.names.may_hold_names`). Translating some sentences while
    they loaded cost more than it saved: every sentence a name then matched went to the
    engine twice, and each extra engine call batches worse (CTranslate2 sorts one call's
    sentences by length and decodes a batch until its longest output ends).
    """
    wanted = sorted({u.doc for u in missed if not u.shouted})
    tables = dict(zip(wanted, name_tables([(_document_text(docs[i]), lang) for i in wanted],
                                          glossary, glossary_dir), strict=True)) if wanted else {}
    for u in missed:
        if not u.shouted:
            u.protected = protect_names(u.protected, tables[u.doc])
            u.key = key_of(u)
    return list(missed)


def _document_text(doc: Document) -> str:
    """A document's fields as one text: the names of all of them are found together."""
    return "\n\n".join(v for v in doc.fields.values() if v)


def load_names(lang: str, glossary_dir: Path | None) -> None:
    """Load the NER pipeline of ``lang`` and the gazetteer that :func:`name_tables` needs
    (once per process): what a process's first translation otherwise loads itself."""
    from pressflow.entities import gazetteer as gz
    from pressflow.entities.stage import load_model

    load_model(lang)
    gz.cached(str(glossary_dir) if glossary_dir else None)


def _engine_batches(pending: Sequence[_Unit], translated: dict[str, str], engine: Engine, lang: str,
                    target: str, settings: TranslateSettings, cache: TranslationCache,
                    on_chunk: Callable[[int], bool] | None) -> bool:
    """Send ``pending`` to the engine in large batches, restore terms and names, cache each
    batch; False when ``on_chunk`` asked to stop."""
    chunk = max(1, settings.batch_size * 16)
    for start in range(0, len(pending), chunk):
        part = pending[start:start + chunk]
        outputs = engine.translate([u.engine_input for u in part], lang, target)
        rows = []
        for u, out in zip(part, outputs, strict=True):
            # capitals back before the terms: a kept name (WeGO) keeps its own spelling
            out = out.upper() if u.shouted else repair_casing(out, u.protected)
            final = Glossary.restore(out, u.protected)
            translated[u.key] = final
            rows.append((u.key, lang, target, engine.name, u.protected.text, final))
        cache.put_many(rows)
        if on_chunk is not None and on_chunk(len(part)) is False:
            return False
    return True


# -- articles whose paragraphs are in several languages ------------------------------------
@dataclass
class _Piece:
    """A stretch of a mixed text: a paragraph with its language, or the blank between two."""

    text: str
    lang: str | None  # None: a separator, copied as it is


def _mixed_plan(doc: Document, target: str) -> list[_Piece] | None:
    """The text cut into pieces when some paragraph is in another language than the
    document's; None when a plain, one-language translation does it."""
    text = doc.fields.get("text") or ""
    lang = (doc.lang or "").lower()
    if not doc.paragraphs or not text or not lang or lang in (target, "und"):
        return None
    spans = sorted((s, e, (pl or "").lower()) for s, e, pl in doc.paragraphs
                   if 0 <= s < e <= len(text))
    if not any(pl not in ("", "und", lang) for _, _, pl in spans):
        return None
    pieces: list[_Piece] = []
    pos = 0
    for start, end, pl in spans:
        if start < pos:
            continue  # overlapping spans: the stored offsets do not fit this text
        if start > pos:
            pieces.append(_Piece(text[pos:start], None))
        pieces.append(_Piece(text[start:end], pl if pl not in ("", "und") else lang))
        pos = end
    if pos < len(text):
        pieces.append(_Piece(text[pos:], None))
    return pieces


def _translate_mixed(docs: Sequence[Document], plans: list[list[_Piece] | None], target: str,
                     **kwargs: Any) -> list[DocumentResult | None]:
    """Translate every paragraph with its own language's engine, then put texts together.

    Each paragraph of a mixed text becomes a document of its own, all in one batched call;
    a paragraph in the target language is kept; one whose language has no model is kept as
    written and named in the message (the article's status follows its main language).
    """
    flat: list[Document] = []
    for d, plan in zip(docs, plans, strict=True):
        if plan is None:
            flat.append(d)
            continue
        flat.append(Document(d.id, d.lang, {**d.fields, "text": None}))
        flat.extend(Document(f"{d.id}#{k}", piece.lang, {"text": piece.text})
                    for k, piece in enumerate(plan) if piece.lang is not None)
    done = iter(translate_documents(flat, target, **kwargs))  # same order as ``flat``
    results: list[DocumentResult | None] = []
    for plan in plans:
        head = next(done)
        if plan is None:
            results.append(head)
            continue
        outs = [next(done) for piece in plan if piece.lang is not None]
        if head is None or any(r is None for r in outs):
            results.append(None)  # a stop (SIGTERM) came mid-way: the next run redoes it
            continue
        parts: list[str] = []
        left: dict[str, str] = {}  # language -> why its paragraphs stay as written
        violations = head.glossary_violations
        quality = list(head.quality)
        terms = {str(t["source"]): dict(t) for t in _details(head, "terms")}
        missing = list(_details(head, "violations"))
        remembered = list(head.memory)
        translated = iter(outs)
        for piece in plan:
            if piece.lang is None:
                parts.append(piece.text)
                continue
            res = next(translated)
            assert res is not None
            if res.status == "ok":
                parts.append(res.fields.get("text") or piece.text)
                remembered.extend(res.memory)
                quality.extend(q for q in res.quality if q not in quality)
                violations += res.glossary_violations
                missing.extend(_details(res, "violations"))
                for t in _details(res, "terms"):
                    known = terms.setdefault(str(t["source"]), {**t, "count": 0})
                    known["count"] = int(known["count"]) + int(t["count"])
                continue
            parts.append(piece.text)
            if res.status != "same-language":
                left.setdefault(piece.lang, res.message or res.status)
        fields = dict(head.fields)
        fields["text"] = "".join(parts) if head.status == "ok" else None
        message = "; ".join([m for m in [head.message] if m] + [
            f"paragraphs in {lang} left as written ({why})" for lang, why in sorted(left.items())])
        engine = head.engine
        if remembered:  # memory and the engines the other paragraphs went through
            used = [head.engine, *(r.engine for r in outs if r is not None and r.status == "ok")]
            base = next((e for name in used for e in name.split("+") if e != "memory"), None)
            engine = f"{base}+memory" if base else "memory"
        results.append(DocumentResult(
            head.id, head.lang, fields, engine, head.status, message, violations,
            {"terms": list(terms.values()), "violations": missing},
            head.glossary_version, head.model_version, remembered, quality))
    return results


def documents_from_articles(articles: Iterable[StoredArticle]) -> list[Document]:
    """The stored articles as documents to translate, with their paragraph languages."""
    return [Document(a.id, a.lang and str(a.lang),
                     {f: (str(getattr(a, f)) if getattr(a, f) is not None else None) for f in FIELDS},
                     a.paragraph_spans)
            for a in articles]


def _details(result: DocumentResult, key: str) -> list[dict[str, Any]]:
    """One list of a result's glossary details ("terms" or "violations"): JSON-shaped
    dicts, as _translate_language writes them."""
    return cast("list[dict[str, Any]]", result.glossary_details.get(key, []))
