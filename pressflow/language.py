"""Language detection: deterministic, with 'und' when the evidence is too thin."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from langdetect import DetectorFactory, LangDetectException, detect_langs

if TYPE_CHECKING:
    from .context import RunContext, StageReport

DetectorFactory.seed = 0  # langdetect is random by default; the same text must give the same answer

UNDETERMINED = "und"
MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


def detect(text: str, hint: str | None = None) -> Detection:
    """Most likely ISO 639-1 code of ``text``; ``hint`` (a declared language) breaks near-ties."""
    text = (text or "").strip()
    if len(text) < 3:
        return Detection(hint or UNDETERMINED, 0.0)
    try:
        candidates = detect_langs(text)
    except LangDetectException:
        return Detection(hint or UNDETERMINED, 0.0)
    best = candidates[0]
    lang = best.lang.split("-")[0]
    if hint:
        for c in candidates:
            if c.lang.split("-")[0] == hint and c.prob >= best.prob - 0.2:
                return Detection(hint, round(c.prob, 3))
    if best.prob < MIN_CONFIDENCE:
        return Detection(UNDETERMINED, round(best.prob, 3))
    return Detection(lang, round(best.prob, 3))


def run_stage(ctx: RunContext) -> StageReport:
    """Detect the language of every article whose content is new or changed."""
    import time

    from .context import StageReport

    report = StageReport("language")
    started = time.monotonic()
    rows = list(ctx.store.pending("language"))
    languages = {s.name: s.language for s in ctx.config.sources}
    with ctx.store.transaction():
        for row in ctx.progress.track(rows, "language", total=len(rows)):
            hint = row["lang_hint"] or languages.get(row["source"])
            found = detect(f"{row['title']}\n{row['text']}", hint=hint)
            ctx.store.db["articles"].update(row["id"], {"lang": found.lang,
                                                        "lang_confidence": found.confidence})
            row["lang"] = found.lang
            report.details[found.lang] = report.details.get(found.lang, 0) + 1
        ctx.store.mark_done("language", rows)
    report.processed = len(rows)
    report.seconds = time.monotonic() - started
    return report
