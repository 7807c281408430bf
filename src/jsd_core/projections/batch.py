"""Applying a batch of events to rows in memory, then writing them back in bulk.

A projector loads every row its batch touches with one query per table,
changes them as plain dicts while it walks the events, and writes back only
the rows it changed, with one bulk upsert per table. That keeps a replay of a
million events to a few statements per thousand events.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection

Row = dict[str, Any]


class RowSet:
    """The rows of one table a batch reads and changes, by primary key (one column)."""

    def __init__(self, table: sa.Table, key: str) -> None:
        self.table = table
        self.key = key
        self.rows: dict[Any, Row] = {}
        self.changed: set[Any] = set()
        # Generated columns (the search vector) are PostgreSQL's to write.
        self.columns = [c.name for c in table.columns if c.computed is None]

    async def load(self, connection: AsyncConnection, where: sa.ColumnElement[bool]) -> None:
        """Read the rows matching `where` (an empty match costs one round trip, no more)."""
        columns = [self.table.c[name] for name in self.columns]
        result = await connection.execute(sa.select(*columns).where(where))
        for row in result.mappings():
            self.rows[row[self.key]] = dict(row)

    async def load_keys(self, connection: AsyncConnection, keys: Collection[Any]) -> None:
        if keys:
            await self.load(connection, self.table.c[self.key].in_(keys))

    def read(self, key: Any) -> Row:
        """The row to look at, not to change."""
        try:
            return self.rows[key]
        except KeyError:
            raise LookupError(f"{self.table.name} has no row {key}") from None

    def get(self, key: Any) -> Row:
        """The row to change; it is written back at the end of the batch."""
        row = self.read(key)
        self.changed.add(key)
        return row

    def add(self, row: Row) -> None:
        key = row[self.key]
        if key in self.rows:
            raise LookupError(f"{self.table.name} already has a row {key}")
        self.rows[key] = row
        self.changed.add(key)

    def values(self) -> Iterator[Row]:
        return iter(self.rows.values())

    async def write(self, connection: AsyncConnection) -> None:
        """Upsert the changed rows in one statement per thousand rows."""
        if not self.changed:
            return
        statement = insert(self.table)
        updates = {name: statement.excluded[name] for name in self.columns if name != self.key}
        statement = statement.on_conflict_do_update(index_elements=[self.key], set_=updates)
        await connection.execute(statement, [self.rows[key] for key in self.changed])
        self.changed.clear()


async def insert_rows(connection: AsyncConnection, table: sa.Table, rows: list[Row]) -> None:
    """Rows that only ever get added (groups, sessions, surveys)."""
    if rows:
        await connection.execute(sa.insert(table), rows)
