"""Wake-ups: a poke wakes this process's readers at once, another process's NOTIFY wakes
them when it arrives, and the process's own NOTIFY, heard back, wakes nobody again."""

from __future__ import annotations

import asyncio

import asyncpg

from jsd_core.database import asyncpg_url
from jsd_core.store.notifier import CHANNEL, Notifier


async def test_readers_wake_once_per_poke_and_once_per_notify_of_another_process(
    fresh_database_url: str,
) -> None:
    notifier = Notifier(fresh_database_url)
    await notifier.start()
    other = await asyncpg.connect(asyncpg_url(fresh_database_url))
    heard: asyncio.Queue[int] = asyncio.Queue()
    await other.add_listener(CHANNEL, lambda _, pid, *__: heard.put_nowait(pid))
    try:
        before = notifier.token()
        notifier.poke()
        assert notifier.token() == before + 1
        await asyncio.wait_for(heard.get(), 10)  # the poke's NOTIFY went out
        await other.execute(f"NOTIFY {CHANNEL}")

        # The server sends a listener what was notified before a query's answer, and
        # asyncpg calls the listener in that order: past this, the notifier has heard
        # its own NOTIFY and the other one.
        assert notifier._connection is not None
        await notifier._connection.fetchval("SELECT 1")

        assert notifier.token() == before + 2
    finally:
        await other.close()
        await notifier.stop()
