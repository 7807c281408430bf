"""Each projection's checkpoint, generation and state (`projection_state`), its lock and its lag."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import asyncpg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.projections.tables import projection_state
from jsd_core.store import parse_cursor

# Advisory lock keys are (namespace, projection): one lock for the runner that
# applies the log, another for a rebuild, so the two never wait on each other.
RUNNER_LOCKS = 0x4A5344
REBUILD_LOCKS = 0x4A5345

_HELD = sa.text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted "
    "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND classid = :namespace AND objid = :key AND objsubid = 2)"
)
_LAG = sa.text(
    "SELECT count(*) FROM events "
    "WHERE (transaction_id, position) > "
    "(CAST(CAST(:transaction_id AS text) AS xid8), CAST(:position AS bigint))"
)


@dataclass(frozen=True)
class ProjectionStatus:
    """Where a projection stands: `lag` counts the events of the log after its position."""

    name: str
    generation: int
    position: str
    lag: int
    state: str


def lock_key(name: str) -> int:
    """A projection's half of its advisory lock keys, stable across processes."""
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


async def try_lock(connection: asyncpg.Connection, namespace: int, name: str) -> bool:
    """Take a session lock on a connection of its own; it goes with the connection."""
    held: bool = await connection.fetchval(
        "SELECT pg_try_advisory_lock($1, $2)", namespace, lock_key(name)
    )
    return held


async def checkpoint(
    connection: AsyncConnection, name: str, *, for_update: bool = False
) -> tuple[int, str]:
    """The projection's active generation and the log position it has applied up to.

    `for_update` holds the row until the transaction ends: the runner and a
    rebuild's switch both take it, so they never write at the same time."""
    c = projection_state.c
    query = sa.select(c.generation, c.position).where(c.name == name)
    row = (await connection.execute(query.with_for_update() if for_update else query)).one()
    return row.generation, row.position


async def positions(connection: AsyncConnection, names: list[str]) -> dict[str, str]:
    c = projection_state.c
    rows = await connection.execute(sa.select(c.name, c.position).where(c.name.in_(names)))
    return {row.name: row.position for row in rows}


async def move(
    connection: AsyncConnection, name: str, position: str, generation: int | None = None
) -> None:
    """Record a new checkpoint (and generation), in the caller's transaction."""
    values: dict[str, object] = {"position": position, "updated_at": sa.func.now()}
    if generation is not None:
        values["generation"] = generation
    await connection.execute(
        sa.update(projection_state).where(projection_state.c.name == name).values(values)
    )


async def mark(connection: AsyncConnection, name: str, state: str) -> None:
    await connection.execute(
        sa.update(projection_state).where(projection_state.c.name == name).values(state=state)
    )


async def statuses(connection: AsyncConnection, names: list[str]) -> list[ProjectionStatus]:
    """Every projection's status; "stopped" when no process runs it."""
    c = projection_state.c
    rows = await connection.execute(sa.select(projection_state).where(c.name.in_(names)))
    found = {row.name: row for row in rows}
    result = []
    for name in names:
        row = found[name]
        start = parse_cursor(row.position)
        lag = await connection.scalar(
            _LAG, {"transaction_id": str(start.transaction_id), "position": start.position}
        )
        running = await connection.scalar(_HELD, {"namespace": RUNNER_LOCKS, "key": lock_key(name)})
        state = row.state if running else "stopped: no process runs it"
        result.append(ProjectionStatus(name, row.generation, row.position, lag or 0, state))
    return result
