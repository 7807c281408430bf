"""The read side of a server process: its query engine neither churns connections nor
wraps reads in transactions."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import date

import asyncpg
import sqlalchemy as sa
from sqlalchemy.pool import QueuePool

from jsd_core.access import Scope
from jsd_core.config import Settings
from jsd_core.projections import CaseFilter
from jsd_core.projections.runtime import start_projections
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier
from tests.integration.test_projection_events import STREAM_TYPES


async def test_many_concurrent_reads_share_a_fixed_set_of_autocommit_connections(
    fresh_database_url: str, pool: asyncpg.Pool
) -> None:
    settings = Settings(database_url=fresh_database_url, pool_size=4)
    store = EventStore(pool, stream_types=STREAM_TYPES)
    async with AsyncExitStack() as stack:
        read_models, _ = await start_projections(
            stack, settings, fresh_database_url, store, Notifier(), run=False
        )
        engine = read_models.engine
        assert isinstance(engine.pool, QueuePool)
        assert (engine.pool.size(), engine.pool._max_overflow) == (4, 0)
        reads = [
            read_models.cases(
                Scope(None), CaseFilter(search="vol"), first=5, after=None, today=date(2015, 6, 1)
            )
            for _ in range(32)
        ]
        pages = await asyncio.gather(*reads)
        assert engine.pool.checkedout() == 0
        assert engine.pool.checkedin() <= 4
        async with engine.connect() as connection:
            # Each statement is a transaction of its own: none was begun around them.
            xact = sa.text("SELECT pg_current_xact_id()::text")
            transactions = {await connection.scalar(xact) for _ in range(2)}
            raw = await connection.get_raw_connection()
            left_open = raw.driver_connection.is_in_transaction()
    assert [page.total_count for page in pages] == [0] * 32
    assert left_open is False
    assert len(transactions) == 2
