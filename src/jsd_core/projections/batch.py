"""Applying a batch of events to rows in memory, then writing them back in bulk.

A projector loads every row its batch touches with one query per table,
changes them as plain dicts while it walks the events, and writes back only
the rows it changed: the ones that were already stored are deleted, then every
changed row goes in with one COPY per table. That keeps a replay of a million
events to a few statements per batch, and parameter handling out of Python.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from operator import itemgetter
from typing import Any

import asyncpg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

Row = dict[str, Any]
COPY_ROWS = 10_000
_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]


def any_of(column: sa.ColumnElement[Any], values: Collection[Any]) -> sa.ColumnElement[bool]:
    """`column = ANY(array)`: one parameter however many values (IN takes one each)."""
    array = sa.bindparam(None, list(values), type_=postgresql.ARRAY(column.type))
    return column == sa.any_(array)


class RowSet:
    """The rows of one table a batch reads and changes, by primary key (one column)."""

    def __init__(self, table: sa.Table, key: str) -> None:
        self.table = table
        self.key = key
        self.rows: dict[Any, Row] = {}
        self.changed: set[Any] = set()
        self.stored: set[Any] = set()  # keys of rows the table already holds
        # Generated columns are PostgreSQL's to write.
        self.columns = [c.name for c in table.columns if c.computed is None]

    async def load_keys(
        self, connection: AsyncConnection, keys: Collection[Any], column: str | None = None
    ) -> None:
        """Read the rows whose `column` (the key unless named) is one of `keys`, in one
        query; straight from the driver, which hands out rows faster than SQLAlchemy."""
        if not keys:
            return
        driver = await _driver(connection)
        where = self.table.c[column or self.key]
        kind = where.type.compile(dialect=_DIALECT)
        query = (
            f"SELECT {', '.join(self.columns)} FROM {_qualified(connection, self.table)} "  # noqa: S608
            f"WHERE {where.name} = ANY($1::{kind}[])"
        )
        for record in await driver.fetch(query, list(keys)):
            row = dict(record)
            key = row[self.key]
            self.rows[key] = row
            self.stored.add(key)

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
        """Replace the changed rows that were stored, and add the new ones."""
        if not self.changed:
            return
        replaced = self.changed & self.stored
        if replaced:
            key = self.table.c[self.key]
            await connection.execute(sa.delete(self.table).where(any_of(key, replaced)))
        rows = (self.rows[key] for key in self.changed)
        await copy_rows(connection, self.table, self.columns, rows)
        self.stored |= self.changed
        self.changed.clear()


async def copy_rows(
    connection: AsyncConnection, table: sa.Table, columns: list[str], rows: Iterator[Row]
) -> None:
    """COPY rows (dicts) into the table of the generation the connection is mapped to,
    in the connection's transaction."""
    records = list(map(itemgetter(*columns), rows))
    if not records:
        return
    driver = await _driver(connection)
    schema, _, name = _qualified(connection, table).rpartition(".")
    # In pieces: on an autocommit connection (a rebuild's bulk load) each is a short
    # transaction of its own, and readers of the log never wait long for one.
    for start in range(0, len(records), COPY_ROWS):
        await driver.copy_records_to_table(
            name,
            schema_name=schema or None,
            columns=columns,
            records=records[start : start + COPY_ROWS],
        )


def _qualified(connection: AsyncConnection, table: sa.Table) -> str:
    """The table's name in the generation the connection is mapped to (names are ours)."""
    sync = connection.sync_connection
    options = sync.get_execution_options() if sync is not None else {}
    schema = (options.get("schema_translate_map") or {}).get(table.schema, table.schema)
    return f"{schema}.{table.name}" if schema else table.name


async def _driver(connection: AsyncConnection) -> asyncpg.Connection:
    """The asyncpg connection under SQLAlchemy's, inside the same transaction (if any)."""
    raw = await connection.get_raw_connection()
    driver: asyncpg.Connection = raw.driver_connection
    if not driver.is_in_transaction():
        # SQLAlchemy begins on its first statement (unless autocommit); COPY alone
        # would run outside the transaction.
        await connection.execute(sa.select(1))
    return driver


async def insert_rows(connection: AsyncConnection, table: sa.Table, rows: list[Row]) -> None:
    """Rows that only ever get added (groups, sessions, surveys)."""
    if rows:
        await connection.execute(sa.insert(table), rows)
