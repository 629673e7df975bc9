"""What every part of the store shares: the connection, transactions, SQL builders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime

import sqlite_utils

CHUNK = 500  # ids per ``IN (...)``: well under SQLite's limit on bound parameters


def utcnow() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def insert_sql(table: str, columns: Iterable[str]) -> str:
    """``INSERT`` with named parameters, for the write paths that skip sqlite-utils (its
    schema lookup on every call costs more than the write); columns are our own names."""
    columns = list(columns)
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})")


def update_sql(table: str, columns: Iterable[str], where: str) -> str:
    """``UPDATE ... SET c = :c`` for each column (see :func:`insert_sql`)."""
    return f"UPDATE {table} SET {', '.join(f'{c} = :{c}' for c in columns)} WHERE {where}"


def marks(values: Sequence[object]) -> str:
    """``?, ?, ...`` for an ``IN (...)`` of these values."""
    return ",".join("?" * len(values))


def chunks(values: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield list(values[i:i + size])


class StoreBase:
    """The connection and its transactions; the query classes build on it."""

    db: sqlite_utils.Database

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit: a crash inside leaves the database as it was before."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def rollback_open_transaction(self) -> bool:
        """Undo what a failed stage left half written; True when there was something.

        The run calls this after a stage raised, so the stages after it start clean.
        """
        conn = self.db.conn
        if not conn.in_transaction:
            return False
        conn.execute("ROLLBACK")
        return True
