"""What the auditors' tools run on: a small pool and a store that only reads.

Auditing starts nothing else of the service (no projections, no webhook
deliveries, no migrations): checking a database must never change it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TypeVar

import asyncpg

from jsd_core.codec import STREAM_TYPES
from jsd_core.config import Settings
from jsd_core.database import EmbeddedPostgres, create_pool
from jsd_core.store import EventStore

T = TypeVar("T")


@dataclass(frozen=True)
class AuditSource:
    """The database being audited: its URL (for worker processes), a pool and a store."""

    database_url: str
    pool: asyncpg.Pool
    store: EventStore


@asynccontextmanager
async def reading(database_url: str) -> AsyncIterator[AuditSource]:
    """A pool of two connections on the database, closed on the way out."""
    pool = await create_pool(database_url, min_size=1, max_size=2)
    try:
        store = EventStore(pool, stream_types=frozenset(STREAM_TYPES))
        yield AuditSource(database_url, pool, store)
    finally:
        await pool.close()


def run_reading(work: Callable[[AuditSource], Awaitable[T]], settings: Settings | None = None) -> T:
    """Run `work` on the configured database (or the embedded one) from synchronous code."""
    settings = settings or Settings()
    embedded = None if settings.database_url else EmbeddedPostgres(settings.data_dir)
    url = settings.database_url or (embedded.start() if embedded else "")

    async def main() -> T:
        async with reading(url) as source:
            return await work(source)

    try:
        return asyncio.run(main())
    except asyncpg.UndefinedTableError:
        raise ValueError("this database holds no event store: run `jsd migrate` first") from None
    finally:
        if embedded:
            embedded.stop()
