"""A reader tailing the log sees every committed event exactly once, in order,
while many writers commit out of order, pause mid-transaction and roll back."""

from __future__ import annotations

import asyncio
import random
from collections import defaultdict
from uuid import UUID, uuid4

import pytest

from jsd_core.database import create_pool
from jsd_core.store import NEW_STREAM, EventMetadata, EventStore, NewEvent, RecordedEvent
from jsd_core.store.follow import follow
from jsd_core.store.notifier import Notifier

pytestmark = pytest.mark.store

WRITERS = 16
APPENDS_PER_WRITER = 25


async def test_a_tailing_reader_never_skips_an_event_that_commits_late(
    fresh_database_url: str,
) -> None:
    pool = await create_pool(fresh_database_url, max_size=WRITERS + 8)
    store = EventStore(pool, stream_types=frozenset({"Case"}))
    notifier = Notifier(fresh_database_url)
    await notifier.start()
    committed: set[UUID] = set()
    rng = random.Random(20071)

    async def writer() -> None:
        stream, version = uuid4(), NEW_STREAM
        for n in range(APPENDS_PER_WRITER):
            async with pool.acquire() as connection:
                transaction = connection.transaction()
                await transaction.start()
                if rng.random() < 0.3:
                    # Take a transaction id early, then dawdle: this append will
                    # commit after others that got later ids.
                    await connection.execute("SELECT pg_current_xact_id()")
                await asyncio.sleep(rng.random() * 0.01)
                result = await store.append(
                    stream,
                    "Case",
                    version,
                    [NewEvent("ActionProgressReported", {"n": n})],
                    EventMetadata("writer", "org", uuid4(), uuid4()),
                    connection=connection,
                )
                await asyncio.sleep(rng.random() * 0.01)
                if rng.random() < 0.2:
                    await transaction.rollback()
                    continue
                await transaction.commit()
            version = result.version
            committed.add(result.events[0].event_id)
            notifier.poke()

    async def reader(batch: int, seen: list[RecordedEvent]) -> None:
        async for event in follow(store, notifier, None, batch=batch):
            seen.append(event)

    readers: list[list[RecordedEvent]] = [[], [], []]
    tasks = [asyncio.create_task(reader(b, s)) for b, s in zip((1, 7, 500), readers, strict=True)]
    try:
        await asyncio.gather(*(writer() for _ in range(WRITERS)))
        async with asyncio.timeout(30):
            while any(len(seen) < len(committed) for seen in readers):
                await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # time enough for a duplicate to show up
    finally:
        for task in tasks:
            task.cancel()
        await notifier.stop()
        await pool.close()

    assert len(committed) > WRITERS * APPENDS_PER_WRITER // 2
    for seen in readers:
        ids = [event.event_id for event in seen]
        assert len(ids) == len(set(ids)), "an event was delivered twice"
        assert set(ids) == committed, "an event was skipped or invented"
        positions = [event.position for event in seen]
        assert positions == sorted(positions)
        versions: dict[UUID, list[int]] = defaultdict(list)
        for event in seen:
            versions[event.stream_id].append(event.version)
        assert all(v == sorted(v) for v in versions.values())
