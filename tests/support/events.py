"""Writing events straight into the store, as the service's own writers do.

`writing_store` tells other processes about each append (NOTIFY through a
Notifier), so a server process tailing the same database wakes at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from uuid import UUID, uuid4

from jsd_core.database import create_pool
from jsd_core.store import NEW_STREAM, EventMetadata, EventStore, NewEvent, RecordedEvent
from jsd_core.store.notifier import Notifier

STREAM_TYPES = frozenset({"Dialogue", "Case"})


def metadata(organization: str, actor: str = "tester") -> EventMetadata:
    return EventMetadata(f"{organization}/{actor}", organization, uuid4(), uuid4())


@contextlib.asynccontextmanager
async def writing_store(database_url: str, pool_size: int = 10) -> AsyncIterator[EventStore]:
    pool = await create_pool(database_url, max_size=pool_size)
    notifier = Notifier(database_url)
    await notifier.start()
    try:
        yield EventStore(pool, stream_types=STREAM_TYPES, on_append=lambda _: notifier.poke())
    finally:
        await notifier.stop()
        await pool.close()


async def append_case(
    store: EventStore, organization: str, updates: int = 0, *, title: str = "Un cas"
) -> list[RecordedEvent]:
    """A new case stream: CaseRaised, then `updates` ActionProgressReported, one append each."""
    case_id: UUID = uuid4()
    raised = await store.append(
        case_id,
        "Case",
        NEW_STREAM,
        [NewEvent("CaseRaised", {"title": title, "severity": 3})],
        metadata(organization),
    )
    events = list(raised.events)
    for n in range(updates):
        result = await store.append(
            case_id,
            "Case",
            events[-1].version,
            [NewEvent("ActionProgressReported", {"note": f"étape {n}"})],
            metadata(organization),
        )
        events.extend(result.events)
    return events
