"""The translate stage of ``pressflow run``: which articles to translate, and the bookkeeping.

An article is (re)translated when:

- its content is new or changed (``store.pending``). When an editor had edited the old
  translation, the edit is kept (and stays what is published): the fresh machine
  translation is stored beside it, and the digest flags "source changed since your edit"
  with both versions of the source, until an editor saves the translation again;
- its last translation was ``no-model`` or ``error`` (a model may have been installed since);
- the model that would translate it now is another version than the one that did;
- a glossary term it contains was added, changed or removed since the last run.

A translation an editor edited (``edited_by``) is never overwritten otherwise.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from pressflow.pipeline.context import RunContext, StageReport
from pressflow.store import Store, utcnow
from pressflow.store.records import GlossaryState, StoredArticle, Translation
from pressflow.translate.cache import TranslationCache
from pressflow.translate.core import Engines, documents_from_articles, translate_documents
from pressflow.translate.glossary import Glossary, entries_from_json, load_glossary
from pressflow.translate.memory import TranslationMemory


def refresh_glossary_state(store: Store, folder: Path | None, target: str) -> dict[str, int]:
    """Make the translate stage redo the articles that contain a changed glossary term.

    Returns the number of articles sent back per language pair. The first time a pair is
    seen its terms are only recorded.
    """
    langs = store.translated_languages(target)
    if folder is not None and folder.is_dir():
        langs |= {p.stem.split("-")[0] for p in folder.glob(f"*-{target}.tsv")}
    forgotten: dict[str, int] = {}
    for lang in sorted(langs - {target}):
        glossary = load_glossary(folder, lang, target)
        pair = f"{lang}-{target}"
        old = store.glossary_state(pair)
        if old is not None and old.version == glossary.version:
            continue
        if old is not None:
            old_entries = entries_from_json(json.loads(old.entries))
            old_sigs = {e.signature for e in old_entries}
            new_sigs = {e.signature for e in glossary.entries}
            changed = [e for e in old_entries if e.signature not in new_sigs] + \
                      [e for e in glossary.entries if e.signature not in old_sigs]
            if glossary.rules_suffix and not old.version.endswith(glossary.rules_suffix):
                changed = list(glossary.entries)  # other inflection rules: any term may match anew
            probe = Glossary(lang, target, changed)
            ids = [a.id for a in store.machine_translated_articles(target, lang)
                   if any(probe.find(x or "") for x in (a.title, a.summary, a.text))]
            store.forget_stage("translate", ids)
            forgotten[pair] = len(ids)
        store.save_glossary_state(GlossaryState(pair, glossary.version, json.dumps(
            [e.as_dict() for e in glossary.entries], ensure_ascii=False)))
    return forgotten


def _articles_to_translate(store: Store, target: str, engines: Engines) -> list[StoredArticle]:
    rows = {a.id: a for a in store.pending("translate")}
    for article in store.articles_to_retry(target):
        rows.setdefault(article.id, article)
    for lang, version in store.translation_model_versions(target):
        _, current, _ = engines.choose(lang, target)
        if current and current != version:
            for article in store.articles_translated_with(target, lang, version):
                rows.setdefault(article.id, article)
    return [rows[k] for k in sorted(rows)]


def run_translate_stage(ctx: RunContext) -> StageReport:
    """Translate what needs it, batching every sentence of every article per language."""
    report = StageReport("translate")
    started = time.monotonic()
    store = ctx.store
    target = ctx.config.settings.target_language
    settings = ctx.config.settings.translate
    folder = ctx.config.glossary_dir
    engines = Engines(settings)
    for pair, n in refresh_glossary_state(store, folder, target).items():
        if n:
            report.notes.append(f"glossary {pair} changed: {n} article(s) re-translated")
    rows = _articles_to_translate(store, target, engines)
    edited = store.edited_translation_hashes(target)
    keep = [r for r in rows if edited.get(r.id) == r.content_hash]
    rows = [r for r in rows if edited.get(r.id) != r.content_hash]
    if keep:
        store.mark_done("translate", keep)
        report.skipped = len(keep)
    cache = TranslationCache(store)
    sent = 0

    def on_chunk(n: int) -> bool:
        nonlocal sent
        sent += n
        ctx.progress.log(f"translate: {sent} sentence(s) translated")
        return not ctx.stop_requested

    results = translate_documents(documents_from_articles(rows), target, settings=settings,
                                  glossary_dir=folder, cache=cache, engines=engines,
                                  on_chunk=on_chunk,
                                  memory=TranslationMemory(store, settings.memory_threshold))
    done = []
    details: dict[str, Any] = {}
    missing: dict[str, str] = {}
    violations = 0
    memory_segments = 0
    with store.transaction():
        for row, res in zip(rows, results, strict=True):
            if res is None:
                continue
            if row.id in edited:  # the source changed under an editor's translation
                store.keep_machine_translation_beside_edit(
                    row.id, target, res.fields.get("title"), res.fields.get("text"), row.content_hash)
                details["kept editor's translation"] = details.get("kept editor's translation", 0) + 1
                done.append(row)
                continue
            store.save_translation(Translation(
                article_id=row.id, target=target, source_lang=res.lang,
                title=res.fields.get("title"), summary=res.fields.get("summary"),
                text=res.fields.get("text"), engine=res.engine, status=res.status,
                message=res.message, glossary_violations=res.glossary_violations,
                glossary_details=res.details_json if res.glossary_details else None,
                glossary_version=res.glossary_version or None,
                model_version=res.model_version or None,
                content_hash=row.content_hash, updated_at=utcnow(), edited_by=None,
                memory_details=res.memory_json,
                quality="; ".join(res.quality) or None))
            if res.quality:
                details["likely poor"] = details.get("likely poor", 0) + 1
            details[res.status] = details.get(res.status, 0) + 1
            if res.status == "ok":
                details[f"by {res.engine}"] = details.get(f"by {res.engine}", 0) + 1
            if res.status == "no-model" and res.lang:
                missing[res.lang] = res.message
            violations += res.glossary_violations
            memory_segments += len(res.memory)
            done.append(row)
        store.mark_done("translate", done)
    details["glossary violations"] = violations
    details["segments from translation memory"] = memory_segments
    details["cache hits"] = cache.hits
    details["sentences translated"] = cache.misses
    report.details = details
    report.notes.extend(missing[lang] for lang in sorted(missing))
    if len(done) < len(rows):
        report.notes.append(f"stopped: {len(rows) - len(done)} article(s) left for the next run")
    report.processed = len(done)
    report.seconds = time.monotonic() - started
    return report
