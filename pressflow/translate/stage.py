"""The translate stage of ``pressflow run``: which articles to translate, and the bookkeeping.

An article is (re)translated when:

- its content is new or changed (``store.pending``), even if an editor edited the old
  translation: the edit no longer matches the text;
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
from pressflow.translate.cache import TranslationCache
from pressflow.translate.core import Engines, documents_from_rows, translate_documents
from pressflow.translate.glossary import Glossary, entries_from_json, load_glossary


def refresh_glossary_state(store: Store, folder: Path | None, target: str) -> dict[str, int]:
    """Make the translate stage redo the articles that contain a changed glossary term.

    Returns the number of articles sent back per language pair. The first time a pair is
    seen its terms are only recorded.
    """
    langs = {r[0] for r in store.db.execute(
        "SELECT DISTINCT source_lang FROM translations WHERE target = ? AND source_lang IS NOT "
        "NULL", [target]).fetchall()}
    if folder is not None and folder.is_dir():
        langs |= {p.stem.split("-")[0] for p in folder.glob(f"*-{target}.tsv")}
    table = store.db["translate_glossary_state"]
    forgotten: dict[str, int] = {}
    for lang in sorted(langs - {target}):
        glossary = load_glossary(folder, lang, target)
        pair = f"{lang}-{target}"
        old = next(iter(table.rows_where("pair = ?", [pair])), None)
        if old is not None and old["version"] == glossary.version:
            continue
        if old is not None:
            old_entries = entries_from_json(json.loads(old["entries"]))
            old_sigs = {e.signature for e in old_entries}
            new_sigs = {e.signature for e in glossary.entries}
            changed = [e for e in old_entries if e.signature not in new_sigs] + \
                      [e for e in glossary.entries if e.signature not in old_sigs]
            probe = Glossary(lang, target, changed)
            ids = [row[0] for row in store.db.execute(
                "SELECT a.id, a.title, a.summary, a.text FROM articles a JOIN translations t "
                "ON t.article_id = a.id AND t.target = ? WHERE t.source_lang = ? AND "
                "t.status = 'ok' AND t.edited_by IS NULL", [target, lang]).fetchall()
                if any(probe.find(x or "") for x in row[1:])]
            store.forget_stage("translate", ids)
            forgotten[pair] = len(ids)
        table.upsert({"pair": pair, "version": glossary.version, "updated_at": utcnow(),
                      "entries": json.dumps([e.as_dict() for e in glossary.entries],
                                            ensure_ascii=False)}, pk="pair")
    return forgotten


def _articles_to_translate(store: Store, target: str, engines: Engines) -> list[dict[str, Any]]:
    rows = {r["id"]: r for r in store.pending("translate")}
    retry_sql = ("SELECT a.* FROM articles a JOIN translations t ON t.article_id = a.id AND "
                 "t.target = ? WHERE t.status IN ('no-model', 'error') AND t.edited_by IS NULL")
    cursor = store.db.execute(retry_sql, [target])
    cols = [c[0] for c in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(cols, values))
        rows.setdefault(row["id"], row)
    for lang, version in store.db.execute(
            "SELECT DISTINCT source_lang, model_version FROM translations WHERE target = ? AND "
            "status = 'ok' AND edited_by IS NULL AND source_lang IS NOT NULL", [target]).fetchall():
        _, current, _ = engines.choose(lang, target)
        if current and current != version:
            cursor = store.db.execute(
                "SELECT a.* FROM articles a JOIN translations t ON t.article_id = a.id AND "
                "t.target = ? WHERE t.source_lang = ? AND t.model_version IS ? AND t.status = "
                "'ok' AND t.edited_by IS NULL", [target, lang, version])
            cols = [c[0] for c in cursor.description]
            for values in cursor.fetchall():
                row = dict(zip(cols, values))
                rows.setdefault(row["id"], row)
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
    edited = {r[0]: r[1] for r in store.db.execute(
        "SELECT article_id, content_hash FROM translations WHERE target = ? AND edited_by IS "
        "NOT NULL", [target]).fetchall()}
    keep = [r for r in rows if edited.get(r["id"]) == r["content_hash"]]
    rows = [r for r in rows if edited.get(r["id"]) != r["content_hash"]]
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

    results = translate_documents(documents_from_rows(rows), target, settings=settings,
                                  glossary_dir=folder, cache=cache, engines=engines,
                                  on_chunk=on_chunk)
    done = []
    details: dict[str, Any] = {}
    missing: dict[str, str] = {}
    violations = 0
    with store.transaction():
        for row, res in zip(rows, results):
            if res is None:
                continue
            store.db["translations"].upsert({
                "article_id": row["id"], "target": target, "source_lang": res.lang,
                "title": res.fields.get("title"), "summary": res.fields.get("summary"),
                "text": res.fields.get("text"), "engine": res.engine, "status": res.status,
                "message": res.message, "glossary_violations": res.glossary_violations,
                "glossary_details": res.details_json if res.glossary_details else None,
                "glossary_version": res.glossary_version or None,
                "model_version": res.model_version or None,
                "content_hash": row["content_hash"], "updated_at": utcnow(), "edited_by": None,
            }, pk=("article_id", "target"))
            details[res.status] = details.get(res.status, 0) + 1
            if res.status == "ok":
                details[f"by {res.engine}"] = details.get(f"by {res.engine}", 0) + 1
            if res.status == "no-model" and res.lang:
                missing[res.lang] = res.message
            violations += res.glossary_violations
            done.append(row)
        store.mark_done("translate", done)
    details["glossary violations"] = violations
    details["cache hits"] = cache.hits
    details["sentences translated"] = cache.misses
    report.details = details
    report.notes.extend(missing[lang] for lang in sorted(missing))
    if len(done) < len(rows):
        report.notes.append(f"stopped: {len(rows) - len(done)} article(s) left for the next run")
    report.processed = len(done)
    report.seconds = time.monotonic() - started
    return report
