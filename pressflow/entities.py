"""Named entities: people (officials with roles), organisations, cities, with canonical names.

Placeholder until the entities issue lands: no model or gazetteer is wired in yet, so every
text yields no entities, and the stage says so in the run summary.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from .context import RunContext, StageReport

LABELS = ("PERSON", "ORG", "GPE", "LOC")


@dataclass
class Entity:
    text: str
    label: str
    start: int
    end: int
    canonical: str


def extract_entities(texts: Sequence[tuple[str, str | None]]) -> list[list[Entity]]:
    """Entities of each (text, language) pair. Placeholder: finds none yet."""
    return [[] for _ in texts]


def run_stage(ctx: RunContext) -> StageReport:
    report = StageReport("entities")
    started = time.monotonic()
    rows = list(ctx.store.pending("entities"))
    found = extract_entities([(r["text"], r["lang"]) for r in rows])
    with ctx.store.transaction():
        for row, entities in zip(rows, found):
            ctx.store.db.execute("DELETE FROM entities WHERE article_id = ?", [row["id"]])
            ctx.store.db["entities"].insert_all(
                {"article_id": row["id"], "field": "text", "text": e.text, "label": e.label,
                 "start": e.start, "end": e.end, "canonical": e.canonical} for e in entities)
        ctx.store.mark_done("entities", rows)
    report.processed = len(rows)
    report.notes.append("entity recognition not built yet: no entities extracted")
    report.seconds = time.monotonic() - started
    return report
