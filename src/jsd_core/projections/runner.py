"""The projections of one process: their runners, read-your-writes, and their status.

Every server process starts one runner per projection (see `worker.py`); only
the one holding a projection's lock applies the log to it. `wait_for` learns
the checkpoints from this process's runners as they commit, and reads them
from the database only for projections another process runs (see `waiting.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from jsd_core.projections import state
from jsd_core.projections.cases import CasesProjector
from jsd_core.projections.dialogues import DialoguesProjector
from jsd_core.projections.generations import check_projection
from jsd_core.projections.projector import Projector
from jsd_core.projections.state import ProjectionStatus
from jsd_core.projections.waiting import Checkpoints
from jsd_core.projections.worker import Runner
from jsd_core.store import EventStore, parse_cursor
from jsd_core.store.notifier import Notifier

log = logging.getLogger(__name__)

WAIT_POLL = 0.01  # how often waiters look at checkpoints another process moves
RETRY_DELAYS = (0.1, 0.5, 1.0, 5.0, 15.0, 30.0)  # after a projector fails, before retrying


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
        self.checkpoints = Checkpoints(self.names, self._positions, WAIT_POLL)
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
            runner = Runner(
                projector,
                self.engine,
                self.store,
                self.notifier,
                self.database_url,
                batch_size=self.batch_size,
                lock_retry=self.lock_retry,
                retry_delays=self.retry_delays,
                checkpoints=self.checkpoints,
            )
            task = asyncio.create_task(runner.run(), name=f"jsd-projection-{projector.name}")
            task.add_done_callback(_report_end)
            self._tasks.append(task)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.checkpoints.stop()

    # The shared interface names it `timeout`; it is a deadline, not a wrapper.
    async def wait_for(self, position: str, timeout: float) -> bool:  # noqa: ASYNC109
        """True once every projection has applied the log up to `position` (a cursor);
        False if that takes longer than `timeout` seconds."""
        parse_cursor(position)
        return await self.checkpoints.wait_for(position, timeout)

    async def _positions(self) -> dict[str, str]:
        async with self._reading() as connection:
            return await state.positions(connection, self.names)

    async def status(self) -> list[ProjectionStatus]:
        """Each projection's generation, position, lag (events after it) and state."""
        async with self._reading() as connection:
            return await state.statuses(connection, self.names)

    @contextlib.asynccontextmanager
    async def _reading(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as connection:
            # Reads need no transaction: no BEGIN and ROLLBACK round trips.
            yield await connection.execution_options(isolation_level="AUTOCOMMIT")


def _report_end(task: asyncio.Task[None]) -> None:
    """A runner only ends when stopped; say so loudly if anything else ended it."""
    if not task.cancelled() and task.exception() is not None:
        log.error("%s stopped", task.get_name(), exc_info=task.exception())
