"""Entities and officials found in each article (the entities stage)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from pressflow.store.base import StoreBase
from pressflow.store.records import EntityMention, OfficialMention


class EntityQueries(StoreBase):
    def replace_entities(self, article_id: str, entities: Sequence[EntityMention],
                         officials: Sequence[OfficialMention]) -> None:
        """An article's entities and officials, replacing what an earlier run found."""
        self.db.execute("DELETE FROM entities WHERE article_id = ?", [article_id])
        self.db.execute("DELETE FROM officials WHERE article_id = ?", [article_id])
        self.db.table("entities").insert_all({"article_id": article_id, **asdict(e)} for e in entities)
        self.db.table("officials").insert_all({"article_id": article_id, **asdict(o)} for o in officials)

    def article_entities(self, article_id: str) -> list[EntityMention]:
        """An article's stored entities, in a stable order (field, span, label)."""
        rows = self.db.execute(
            "SELECT field, text, label, start, \"end\", canonical, entity_id, method FROM entities "
            "WHERE article_id = ? ORDER BY field, start, \"end\", label, text", [article_id]).fetchall()
        return [EntityMention(*row) for row in rows]

    def article_officials(self, article_id: str) -> list[OfficialMention]:
        """An article's stored officials, in a stable order."""
        rows = self.db.execute(
            "SELECT person, role, place, org, evidence FROM officials WHERE article_id = ? "
            "ORDER BY person, role, place, org, evidence", [article_id]).fetchall()
        return [OfficialMention(*row) for row in rows]
