"""Tailing the global log: every committed event once, in order, then live."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from uuid import UUID

from jsd_core.store.notifier import Notifier
from jsd_core.store.records import RecordedEvent
from jsd_core.store.store import EventStore

# How long an idle reader waits for a wake-up before looking anyway.
IDLE_RECHECK = 1.0
# While an open transaction holds committed events back, look again soon.
BEHIND_BACKOFF = (0.002, 0.005, 0.01, 0.02, 0.05)


async def follow(
    store: EventStore,
    notifier: Notifier,
    after: str | None = None,
    *,
    types: Sequence[str] | None = None,
    organizations: Sequence[str] | None = None,
    stream_id: UUID | None = None,
    batch: int = 500,
) -> AsyncIterator[RecordedEvent]:
    """Yield every event after `after` that matches, forever, in global order."""
    cursor = after
    backoff = 0
    while True:
        token = notifier.token()
        page = await store.read_log(
            cursor, limit=batch, types=types, organizations=organizations, stream_id=stream_id
        )
        for event in page.events:
            yield event
        cursor = page.next
        if len(page.events) == batch:
            continue
        if page.behind:
            await asyncio.sleep(BEHIND_BACKOFF[min(backoff, len(BEHIND_BACKOFF) - 1)])
            backoff += 1
            continue
        backoff = 0
        await notifier.wait(token, IDLE_RECHECK)
