"""One projection's runner: applies the log to it while this process holds its lock.

The runner works only while it holds the projection's advisory lock (on a
connection of its own), so one process applies the log and the others stand
by, ready to take over when it dies. Each batch's table writes and its
checkpoint commit in one transaction, after checking under a row lock that the
checkpoint is still where the batch started: an event is never applied twice,
nor skipped. A page with nothing to apply (only events of other projections)
moves the checkpoint in one statement, on the same condition.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import asyncpg
import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from jsd_core.database import SESSION_SETTINGS, asyncpg_url
from jsd_core.projections import state
from jsd_core.projections.generations import apply_batch
from jsd_core.projections.projector import Projector
from jsd_core.projections.tables import projection_state
from jsd_core.projections.waiting import Checkpoints
from jsd_core.store import EventStore, LogPage
from jsd_core.store.notifier import Notifier

log = logging.getLogger(__name__)

IDLE_RECHECK = 1.0  # seconds an idle runner waits for a wake-up before looking anyway
BEHIND_PAUSE = 0.005  # while an open transaction holds committed events back


class Runner:
    """Feeds one projection from the global log, forever (until cancelled)."""

    def __init__(
        self,
        projector: Projector,
        engine: AsyncEngine,
        store: EventStore,
        notifier: Notifier,
        database_url: str,
        *,
        batch_size: int,
        lock_retry: float,
        retry_delays: Sequence[float],
        checkpoints: Checkpoints,
    ) -> None:
        self.projector, self.engine, self.store = projector, engine, store
        self.notifier, self.database_url = notifier, database_url
        self.batch_size, self.lock_retry, self.retry_delays = batch_size, lock_retry, retry_delays
        self.checkpoints = checkpoints  # told each checkpoint this runner commits

    async def run(self) -> None:
        """Take the projection's lock when free, then work until the lock is lost."""
        while True:
            try:
                lock = await asyncpg.connect(
                    asyncpg_url(self.database_url), server_settings=SESSION_SETTINGS
                )
                try:
                    if await state.try_lock(lock, state.RUNNER_LOCKS, self.projector.name):
                        await self._work(lock)
                finally:
                    self.checkpoints.released(self.projector.name)
                    with contextlib.suppress(OSError, asyncpg.InterfaceError):
                        await lock.close()  # which releases the lock
            except (
                OSError,
                asyncpg.PostgresError,
                asyncpg.InterfaceError,
                SQLAlchemyError,
            ) as error:
                log.warning("projection %s lost the database: %s", self.projector.name, error)
            await asyncio.sleep(self.lock_retry)

    async def _work(self, lock: asyncpg.Connection) -> None:
        projector, name = self.projector, self.projector.name
        async with self.engine.begin() as connection:
            _, cursor = await state.checkpoint(connection, name)
            await state.mark(connection, name, "running")
        self.checkpoints.applied(name, cursor)
        failures = 0
        while True:
            await lock.fetchval("SELECT 1")  # a lost lock connection means a lost lock
            token = self.notifier.token()
            try:
                page = await self.store.read_log(
                    cursor, limit=self.batch_size, types=projector.types
                )
                cursor = await self._apply(cursor, page)
            # The runner must outlive a failing projector: say so, show it, retry.
            except Exception as error:
                failures += 1
                log.exception("projection %s failed after %s", name, cursor)
                cursor = await self._recover(name, error, failures)
                continue
            if failures:
                failures = 0
                async with self.engine.begin() as connection:
                    await state.mark(connection, name, "running")
            if len(page.events) == self.batch_size:
                continue
            if page.behind:
                await asyncio.sleep(BEHIND_PAUSE)
                continue
            await self.notifier.wait(token, IDLE_RECHECK)

    async def _apply(self, cursor: str, page: LogPage) -> str:
        """Apply a page and move the checkpoint in one transaction; the new cursor."""
        if not page.events:
            return cursor if page.next == cursor else await self._skip(cursor, page.next)
        name = self.projector.name
        async with self.engine.begin() as connection:
            generation, position = await state.checkpoint(connection, name, for_update=True)
            if position == cursor:
                await apply_batch(connection, self.projector, generation, page.events)
                await state.move(connection, name, page.next)
                position = page.next
            # else a rebuild switched generations (or another runner moved on): follow it.
        self.checkpoints.applied(name, position)
        return position

    async def _skip(self, cursor: str, to: str) -> str:
        """Move the checkpoint past events of other types (a page with nothing to apply):
        one statement, which moves it only if it is still at `cursor`; the new cursor.

        Every batch of another projection's events comes with one of these, and each
        waits on it: read-your-writes waits for every projection to pass the position."""
        name = self.projector.name
        c = projection_state.c
        async with self.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            moved = await autocommit.execute(
                sa.update(projection_state)
                .where(c.name == name, c.position == cursor)
                .values(position=to, updated_at=sa.func.now())
            )
            position = to
            if moved.rowcount != 1:  # a rebuild switched generations: follow it
                position = (await state.checkpoint(autocommit, name))[1]
        self.checkpoints.applied(name, position)
        return position

    async def _recover(self, name: str, error: Exception, failures: int) -> str:
        reason = (str(error).splitlines() or [type(error).__name__])[0][:200]
        async with self.engine.begin() as connection:
            await state.mark(connection, name, f"failed: {reason}")
        await asyncio.sleep(self.retry_delays[min(failures, len(self.retry_delays)) - 1])
        async with self.engine.connect() as connection:
            position = (await state.checkpoint(connection, name))[1]
        self.checkpoints.applied(name, position)
        return position
