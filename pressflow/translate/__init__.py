"""Translation to the target language, with the terminology glossary enforced.

Public surface (stable; the pipeline and the CLI use only these):

- :func:`translate_texts` translates a batch of texts (the ``pressflow translate`` filter).
- :func:`run_stage` translates every article of the store that is not yet translated.

Placeholder until the translation issue lands: no engine is wired in yet, so every text in
another language gets status ``no-model`` with the command that would install one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from ..context import RunContext, StageReport
from ..store import utcnow

STATUSES = ("ok", "no-model", "same-language", "error")


@dataclass
class TranslationRequest:
    id: str
    text: str
    lang: str | None = None


@dataclass
class TranslationResult:
    id: str
    lang: str | None
    translation: str
    engine: str
    status: str  # one of STATUSES
    message: str = ""
    glossary_violations: int = 0


def install_hint(source_lang: str, target: str) -> str:
    return f"pressflow models install {source_lang} {target}"


def translate_texts(requests: Sequence[TranslationRequest], target: str = "en") -> list[TranslationResult]:
    """Translate a batch; texts already in ``target`` come back as ``same-language``."""
    results = []
    for r in requests:
        if r.lang == target:
            results.append(TranslationResult(r.id, r.lang, r.text, "none", "same-language"))
        else:
            results.append(TranslationResult(
                r.id, r.lang, "", "none", "no-model",
                f"no model for {r.lang}->{target}: run `{install_hint(r.lang or 'und', target)}`"))
    return results


def run_stage(ctx: RunContext) -> StageReport:
    report = StageReport("translate")
    started = time.monotonic()
    target = ctx.config.setting("target_language")
    rows = list(ctx.store.pending("translate"))
    results = translate_texts([TranslationRequest(r["id"], r["text"], r["lang"]) for r in rows], target)
    with ctx.store.transaction():
        for row, res in zip(rows, results):
            same = res.status == "same-language"
            ctx.store.db["translations"].upsert({
                "article_id": row["id"], "target": target, "source_lang": row["lang"],
                "title": row["title"] if same else None, "summary": row["summary"] if same else None,
                "text": res.translation if same else None, "engine": res.engine,
                "status": res.status, "message": res.message, "glossary_violations": 0,
                "content_hash": row["content_hash"], "updated_at": utcnow(),
            }, pk=("article_id", "target"))
            report.details.setdefault(res.status, 0)
            report.details[res.status] += 1
        ctx.store.mark_done("translate", rows)
    report.processed = len(rows)
    report.seconds = time.monotonic() - started
    return report
