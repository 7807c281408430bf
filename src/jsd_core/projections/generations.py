"""Generations: each projection's tables live in one PostgreSQL schema per rebuild.

The tables are declared in a logical schema (the projection's name); the
generation serving queries is the one `projection_state` names, and every
statement maps the logical schema to it with `schema_translate_map`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.projections import direct
from jsd_core.projections.projector import Projector
from jsd_core.projections.tables import CASES, DIALOGUES, metadata, projection_state
from jsd_core.store import RecordedEvent

PROJECTIONS = (DIALOGUES, CASES)
TranslateMap = dict[str | None, str | None]


def check_projection(name: str, known: Sequence[str] = PROJECTIONS) -> str:
    if name not in known:
        raise ValueError(f"there is no projection '{name}' (known: {', '.join(known)})")
    return name


def schema_name(projection: str, generation: int) -> str:
    """The PostgreSQL schema holding one generation of a projection's tables."""
    if projection not in PROJECTIONS or generation < 1:
        raise ValueError(f"there is no generation {generation} of a projection '{projection}'")
    return f"rm_{projection}_{generation}"


def translate_map(generations: Mapping[str, int]) -> TranslateMap:
    """The schema_translate_map sending each logical schema to its generation's schema."""
    return {name: schema_name(name, generation) for name, generation in generations.items()}


def tables_of(projection: str) -> list[sa.Table]:
    return [table for table in metadata.sorted_tables if table.schema == projection]


_ACTIVE = sa.select(projection_state.c.name, projection_state.c.generation)


async def active_generations(connection: AsyncConnection) -> dict[str, int]:
    """The generation of each projection that serves queries now."""
    return dict(await direct.rows(connection, _ACTIVE, {}))


async def create_generation(
    connection: AsyncConnection, projection: str, generation: int, *, indexes: bool = True
) -> None:
    """An empty schema with the projection's tables; a leftover of a failed rebuild is replaced.

    Without `indexes` the tables get only their primary keys: a rebuild loads them
    that way and calls `add_indexes` once they hold the log."""
    schema = schema_name(projection, generation)
    await connection.execute(sa.schema.DropSchema(schema, cascade=True, if_exists=True))
    await connection.execute(sa.schema.CreateSchema(schema))
    translated = await _translated(connection, projection, generation)
    if indexes:
        await translated.run_sync(
            lambda sync: metadata.create_all(sync, tables=tables_of(projection), checkfirst=False)
        )
        return
    for table in tables_of(projection):
        await translated.execute(sa.schema.CreateTable(table))


async def add_indexes(connection: AsyncConnection, projection: str, generation: int) -> None:
    """Put each table in its physical order (if it has one), build its secondary indexes
    once over the whole table, then vacuum and analyse it: statistics for the planner
    and a visibility map for index-only scans, now rather than whenever autovacuum (if
    it runs at all) comes by. Takes an autocommit connection: VACUUM runs outside
    transactions, and each index is committed on its own."""
    translated = await _translated(connection, projection, generation)
    schema = schema_name(projection, generation)  # the names here are ours, not a caller's
    await translated.execute(sa.text("SET maintenance_work_mem = '256MB'"))  # index sorts
    for table in tables_of(projection):
        name = f"{schema}.{table.name}"
        order = table.info.get("physical_order")
        if order:
            ordering = f"{table.name}_physical_order"
            await translated.execute(
                sa.text(f"CREATE INDEX {ordering} ON {name} ({', '.join(order)})")
            )
            await translated.execute(sa.text(f"CLUSTER {name} USING {ordering}"))
            await translated.execute(sa.text(f"DROP INDEX {schema}.{ordering}"))
        for index in sorted(table.indexes, key=lambda i: i.name or ""):
            await translated.execute(sa.schema.CreateIndex(index))
        await translated.execute(sa.text(f"VACUUM (ANALYZE) {name}"))
    await translated.execute(sa.text("RESET maintenance_work_mem"))


async def _translated(
    connection: AsyncConnection, projection: str, generation: int
) -> AsyncConnection:
    return await connection.execution_options(
        schema_translate_map=translate_map({projection: generation})
    )


async def apply_batch(
    connection: AsyncConnection,
    projector: Projector,
    generation: int,
    events: Sequence[RecordedEvent],
) -> None:
    """Apply events to one generation of the projection's tables, in the caller's transaction."""
    if events:
        translated = await connection.execution_options(
            schema_translate_map=translate_map({projector.name: generation})
        )
        await projector.apply(translated, events)


async def drop_generation(connection: AsyncConnection, projection: str, generation: int) -> None:
    await connection.execute(
        sa.schema.DropSchema(schema_name(projection, generation), cascade=True, if_exists=True)
    )
