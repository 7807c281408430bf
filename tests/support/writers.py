"""Many concurrent writers, as a busy service has them: transactions that take
their id early and commit late, pauses mid-transaction, and rollbacks."""

from __future__ import annotations

import asyncio
import random
from uuid import uuid4

from jsd_core.store import NEW_STREAM, EventStore, NewEvent, RecordedEvent
from tests.support.events import metadata


async def write_concurrently(
    store: EventStore,
    organizations: list[str],
    *,
    writers: int = 8,
    appends: int = 20,
    seed: int = 2007,
) -> list[RecordedEvent]:
    """Run `writers` writers of `appends` appends each; the events that committed."""
    rng = random.Random(seed)
    committed: list[RecordedEvent] = []

    async def writer(number: int) -> None:
        organization = organizations[number % len(organizations)]
        stream, version = uuid4(), NEW_STREAM
        for n in range(appends):
            kind = "CaseRaised" if version == NEW_STREAM else "ActionProgressReported"
            async with store.pool.acquire() as connection:
                transaction = connection.transaction()
                await transaction.start()
                if rng.random() < 0.3:
                    # An early transaction id that commits after later ones.
                    await connection.execute("SELECT pg_current_xact_id()")
                await asyncio.sleep(rng.random() * 0.01)
                result = await store.append(
                    stream,
                    "Case",
                    version,
                    [NewEvent(kind, {"writer": number, "n": n})],
                    metadata(organization),
                    connection=connection,
                )
                if rng.random() < 0.1:
                    await transaction.rollback()
                    continue
                await transaction.commit()
            version = result.version
            committed.extend(result.events)
            if store.on_append is not None:
                store.on_append(result)

    await asyncio.gather(*(writer(n) for n in range(writers)))
    return committed
