"""Runners: feed each projection from the global log, one process at a time.

Every server process starts one task per projection. A task works only while
it holds the projection's advisory lock (on a connection of its own), so one
process applies the log and the others stand by, ready to take over when it
dies. Each batch's table writes and its checkpoint commit in one transaction,
after checking under a row lock that the checkpoint is still where the batch
started: an event is never applied twice, nor skipped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import asyncpg
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from jsd_core.database import SESSION_SETTINGS, asyncpg_url
from jsd_core.projections import state
from jsd_core.projections.cases import CasesProjector
from jsd_core.projections.dialogues import DialoguesProjector
from jsd_core.projections.generations import apply_batch, check_projection
from jsd_core.projections.projector import Projector
from jsd_core.projections.state import ProjectionStatus
from jsd_core.store import EventStore, LogPage, parse_cursor
from jsd_core.store.notifier import Notifier

log = logging.getLogger(__name__)

IDLE_RECHECK = 1.0  # seconds an idle runner waits for a wake-up before looking anyway
BEHIND_PAUSE = 0.005  # while an open transaction holds committed events back
WAIT_POLL = 0.01  # how often wait_for looks at checkpoints another process moves
RETRY_DELAYS = (0.1, 0.5, 1.0, 5.0, 15.0, 30.0)


class Projections:
    """The projections of this process: their runners, read-your-writes, and status."""

    def __init__(
        self,
        engine: AsyncEngine,
        store: EventStore,
        notifier: Notifier,
        database_url: str,
        *,
        projectors: Sequence[Projector] | None = None,
        batch_size: int = 1000,
        lock_retry: float = 2.0,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        self.engine, self.store, self.notifier = engine, store, notifier
        self.database_url = database_url
        self.projectors = list(projectors or (DialoguesProjector(), CasesProjector()))
        self.batch_size, self.lock_retry, self.retry_delays = batch_size, lock_retry, retry_delays
        self._applied = Notifier()  # wakes wait_for when a runner of this process commits
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def names(self) -> list[str]:
        return [projector.name for projector in self.projectors]

    def projector(self, name: str) -> Projector:
        check_projection(name, self.names)
        return next(projector for projector in self.projectors if projector.name == name)

    async def start(self) -> None:
        """Start one runner task per projection (each works only while it holds the lock)."""
        for projector in self.projectors:
            task = asyncio.create_task(
                self._run(projector), name=f"jsd-projection-{projector.name}"
            )
            self._tasks.append(task)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    # The shared interface names it `timeout`; it is a deadline for polling, not a wrapper.
    async def wait_for(self, position: str, timeout: float) -> bool:  # noqa: ASYNC109
        """True once every projection has applied the log up to `position` (a cursor);
        False if that takes longer than `timeout` seconds."""
        parse_cursor(position)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            token = self._applied.token()
            async with self.engine.connect() as connection:
                applied = await state.positions(connection, self.names)
            if all(applied.get(name, "") >= position for name in self.names):
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            await self._applied.wait(token, min(WAIT_POLL, remaining))

    async def status(self) -> list[ProjectionStatus]:
        """Each projection's generation, position, lag (events after it) and state."""
        async with self.engine.connect() as connection:
            return await state.statuses(connection, self.names)

    # ------------------------------------------------------------ the runner

    async def _run(self, projector: Projector) -> None:
        """Take the projection's lock when free, then work until the lock is lost."""
        while True:
            try:
                lock = await asyncpg.connect(
                    asyncpg_url(self.database_url), server_settings=SESSION_SETTINGS
                )
                try:
                    if await state.try_lock(lock, state.RUNNER_LOCKS, projector.name):
                        await self._work(projector, lock)
                finally:
                    with contextlib.suppress(OSError, asyncpg.InterfaceError):
                        await lock.close()  # which releases the lock
            except (
                OSError,
                asyncpg.PostgresError,
                asyncpg.InterfaceError,
                SQLAlchemyError,
            ) as error:
                log.warning("projection %s lost the database: %s", projector.name, error)
            await asyncio.sleep(self.lock_retry)

    async def _work(self, projector: Projector, lock: asyncpg.Connection) -> None:
        name = projector.name
        async with self.engine.begin() as connection:
            _, cursor = await state.checkpoint(connection, name)
            await state.mark(connection, name, "running")
        failures = 0
        while True:
            await lock.fetchval("SELECT 1")  # a lost lock connection means a lost lock
            token = self.notifier.token()
            try:
                page = await self.store.read_log(
                    cursor, limit=self.batch_size, types=projector.types
                )
                cursor = await self._apply(projector, cursor, page)
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

    async def _apply(self, projector: Projector, cursor: str, page: LogPage) -> str:
        """Apply a page and move the checkpoint in one transaction; the new cursor."""
        if not page.events and page.next == cursor:
            return cursor
        async with self.engine.begin() as connection:
            generation, position = await state.checkpoint(
                connection, projector.name, for_update=True
            )
            if position != cursor:
                # A rebuild switched generations (or another runner moved on): follow it.
                return position
            await apply_batch(connection, projector, generation, page.events)
            await state.move(connection, projector.name, page.next)
        self._applied.wake()
        return page.next

    async def _recover(self, name: str, error: Exception, failures: int) -> str:
        reason = (str(error).splitlines() or [type(error).__name__])[0][:200]
        async with self.engine.begin() as connection:
            await state.mark(connection, name, f"failed: {reason}")
        await asyncio.sleep(self.retry_delays[min(failures, len(self.retry_delays)) - 1])
        async with self.engine.connect() as connection:
            return (await state.checkpoint(connection, name))[1]
