"""Named PostgreSQL advisory locks that last as long as the process holding them.

Every server process runs the delivery worker and the relay; these locks make
sure each webhook endpoint (and the relay) is worked by one process at a time.
They are session locks on one dedicated connection: when the process dies,
its connection closes and PostgreSQL releases them at once, so another process
(or the restarted one) takes over without waiting for a lease to expire.
"""

from __future__ import annotations

import asyncio
import contextlib

import asyncpg

from jsd_core.database import SESSION_SETTINGS, asyncpg_url

# A 64-bit key from the lock's name; names are prefixed ("jsd.webhook.…") so they
# do not meet other parts' advisory locks.
_TRY = "SELECT pg_try_advisory_lock(hashtextextended($1, 0))"
_RELEASE = "SELECT pg_advisory_unlock(hashtextextended($1, 0))"


class AdvisoryLocks:
    """Try, hold and release named locks; `lost` is set if the connection goes."""

    def __init__(self, database_url: str) -> None:
        self.database_url = database_url
        self.lost = asyncio.Event()
        self._connection: asyncpg.Connection | None = None
        # One connection runs one statement at a time.
        self._busy = asyncio.Lock()

    async def open(self) -> None:
        self.lost.clear()
        self._connection = await asyncpg.connect(
            asyncpg_url(self.database_url), server_settings=SESSION_SETTINGS
        )
        self._connection.add_termination_listener(self._on_termination)

    def _on_termination(self, _: object) -> None:
        self.lost.set()

    @property
    def is_open(self) -> bool:
        return self._connection is not None and not self._connection.is_closed()

    async def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            # Closing on purpose is not losing the connection.
            connection.remove_termination_listener(self._on_termination)
            # Closing the session releases every lock it holds.
            with contextlib.suppress(OSError, asyncpg.InterfaceError, asyncpg.PostgresError):
                await connection.close(timeout=5)

    async def try_acquire(self, name: str) -> bool:
        """Take the lock `name` unless another session holds it; never waits."""
        return bool(await self._call(_TRY, name))

    async def release(self, name: str) -> None:
        await self._call(_RELEASE, name)

    async def _call(self, query: str, name: str) -> object:
        if self._connection is None or self._connection.is_closed():
            self.lost.set()
            raise ConnectionError("the advisory lock connection is closed")
        async with self._busy:
            return await self._connection.fetchval(query, name)
