"""Rebuilding a projection from the start of the log, while the old tables keep serving.

The next generation's tables are created with their primary keys only and
filled from the log in very big batches (so a case is written a few times, not
once per thousand events) while the runners keep the active generation up to
date. Then they get their secondary indexes, built once over whole tables, and
are vacuumed and analysed, ready to be queried the moment they serve. Until
then every statement commits on its own: nobody reads these tables yet, a
failure drops them anyway, and no long transaction holds back the readers of
the log (they stop at the oldest open one). The tables catch up in ordinary
batches; finally one transaction takes the projection's state row (so the
runner pauses between batches), applies the last events, and switches the
generation and the checkpoint together. Readers see the switch on their next
query; the old generation is dropped a moment later, when queries already
under way are done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import asyncpg
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.database import SESSION_SETTINGS, asyncpg_url
from jsd_core.projections import state
from jsd_core.projections.generations import (
    add_indexes,
    apply_batch,
    create_generation,
    drop_generation,
)
from jsd_core.projections.projector import Projector
from jsd_core.projections.runner import Projections
from jsd_core.store import EventStore, LogPage
from jsd_core.store.cursor import START

Progress = Callable[[int, int], None]  # (events applied, events to apply so far)
_COUNT = sa.text("SELECT count(*) FROM events WHERE type = ANY(:types)")


async def rebuild(
    projections: Projections,
    name: str,
    *,
    on_progress: Progress | None = None,
    batch_size: int = 5000,
    bulk_batch_size: int = 100_000,
    drop_delay: float = 1.0,
) -> int:
    """Rebuild the projection `name` into fresh tables and switch to them; the new generation.

    `bulk_batch_size` events at a time go into the tables before they have
    indexes, `batch_size` at a time after."""
    projector = projections.projector(name)
    guard = await asyncpg.connect(
        asyncpg_url(projections.database_url), server_settings=SESSION_SETTINGS
    )
    try:
        if not await state.try_lock(guard, state.REBUILD_LOCKS, name):
            raise ValueError(f"a rebuild of the {name} projection is already running")
        sizes = (bulk_batch_size, batch_size)
        return await _rebuild(projections, projector, on_progress, sizes, drop_delay)
    finally:
        await guard.close()


async def _rebuild(
    projections: Projections,
    projector: Projector,
    on_progress: Progress | None,
    sizes: tuple[int, int],
    drop_delay: float,
) -> int:
    engine, name = projections.engine, projector.name
    async with engine.begin() as connection:
        old, _ = await state.checkpoint(connection, name)
        new = old + 1
        await create_generation(connection, name, new, indexes=False)
        total = await connection.scalar(_COUNT, {"types": list(projector.types)}) or 0
    filler = _Filler(projections.store, projector, new, sizes[0], total, on_progress)
    try:
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            while await filler.step(autocommit):
                pass
            await add_indexes(autocommit, name, new)
        filler.batch_size = sizes[1]
        while await filler.step_in_own_transaction(projections):
            pass
        async with engine.begin() as connection:
            generation, live = await state.checkpoint(connection, name, for_update=True)
            if generation != old:
                raise ValueError(f"the {name} projection changed generation during the rebuild")
            await filler.finish(connection, live)
            await state.move(connection, name, filler.cursor, generation=new)
    except BaseException:
        filler.stop()
        with contextlib.suppress(OSError, asyncpg.PostgresError, sa.exc.SQLAlchemyError):
            async with engine.begin() as connection:
                await drop_generation(connection, name, new)
        raise
    await asyncio.sleep(drop_delay)  # let queries that picked the old generation finish
    async with engine.begin() as connection:
        await drop_generation(connection, name, old)
    return new


class _Filler:
    """Reads the log from the start and applies it to the new generation, batch by batch."""

    def __init__(
        self,
        store: EventStore,
        projector: Projector,
        generation: int,
        batch_size: int,
        total: int,
        on_progress: Progress | None,
    ) -> None:
        self.store, self.projector, self.generation = store, projector, generation
        self.batch_size, self.total, self.on_progress = batch_size, total, on_progress
        self.cursor = START.cursor()
        self.done = 0
        self._ahead: asyncio.Task[LogPage] | None = None
        self._report()

    async def step_in_own_transaction(self, projections: Projections) -> bool:
        async with projections.engine.begin() as connection:
            return await self.step(connection)

    async def step(self, connection: AsyncConnection) -> bool:
        """Apply the next batch; False once the log holds no full batch more."""
        page = await (self._ahead or self._read(self.cursor))
        self._ahead = None
        full = len(page.events) == self.batch_size
        if full:  # read the next page while this one is written
            self._ahead = asyncio.create_task(self._read(page.next))
        await apply_batch(connection, self.projector, self.generation, page.events)
        self.cursor = page.next
        self.done += len(page.events)
        self.total = max(self.total, self.done)
        self._report()
        return full

    def stop(self) -> None:
        if self._ahead is not None:
            self._ahead.cancel()

    async def _read(self, cursor: str) -> LogPage:
        return await self.store.read_log(cursor, limit=self.batch_size, types=self.projector.types)

    async def finish(self, connection: AsyncConnection, live: str) -> None:
        """Apply the rest of the log, at least up to where the live runner got."""
        while True:
            before = self.cursor
            if not await self.step(connection) and self.cursor >= live:
                return
            if self.cursor == before:
                raise RuntimeError(f"the log cannot be read up to {live} yet")

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.done, self.total)
