"""Wake-ups for readers tailing the log, without serialising commits.

A transaction that issues NOTIFY takes a database-wide lock at commit, so
writers that each NOTIFY commit one at a time. Instead, writers poke the
notifier after their commit: readers in the same process wake at once, and
one NOTIFY per interval (not per commit) tells the other processes. The
process hears its own NOTIFY too, and ignores it: its readers woke already.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import asyncpg

from jsd_core.database import SESSION_SETTINGS, asyncpg_url

CHANNEL = "jsd_events"
log = logging.getLogger(__name__)


class Notifier:
    """Counts wake-ups; readers wait for the count to move past what they saw."""

    def __init__(self, database_url: str | None = None, *, interval: float = 0.005) -> None:
        self.database_url = database_url
        self.interval = interval
        self._generation = 0
        self._changed = asyncio.Event()
        self._pending = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        self._server_pid = 0  # of our connection's backend, whose NOTIFY we hear too
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Listen for other processes' notifications and send ours (with a database URL)."""
        if self.database_url is None or self._task is not None:
            return
        await self._connect()
        self._task = asyncio.create_task(self._send_loop(), name="jsd-notifier")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._connection is not None:
            with contextlib.suppress(Exception):
                await self._connection.close()
            self._connection = None

    def token(self) -> int:
        """Take before reading; `wait(token)` returns at once if anything arrived since."""
        return self._generation

    async def wait(self, token: int, patience: float) -> None:
        if self._generation != token:
            return
        changed = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), patience)

    def poke(self) -> None:
        """Called after a commit in this process."""
        self.wake()
        self._pending.set()

    def wake(self) -> None:
        self._generation += 1
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def _connect(self) -> None:
        assert self.database_url is not None
        self._connection = await asyncpg.connect(
            asyncpg_url(self.database_url), server_settings=SESSION_SETTINGS
        )
        self._server_pid = self._connection.get_server_pid()
        await self._connection.add_listener(CHANNEL, self._on_notification)

    def _on_notification(self, _: Any, pid: int, *__: Any) -> None:
        # Our own NOTIFY comes back too; readers here were woken by `poke` already.
        if pid != self._server_pid:
            self.wake()

    async def _send_loop(self) -> None:
        while True:
            await self._pending.wait()
            self._pending.clear()
            try:
                if self._connection is None or self._connection.is_closed():
                    await self._connect()
                assert self._connection is not None
                await self._connection.execute(f"NOTIFY {CHANNEL}")
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
                log.warning("could not notify other processes of new events: %s", error)
                self._connection = None
                self.wake()  # readers here fall back to looking themselves
            await asyncio.sleep(self.interval)
