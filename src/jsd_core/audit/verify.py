"""Verifying the store's hash chains: one stream (verifyCase), or all (`jsd audit verify`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import asyncpg

from jsd_core.audit import scan
from jsd_core.audit.chain import ChainVerification
from jsd_core.audit.parallel import check_in_processes
from jsd_core.database import create_pool

# Below this many events, starting worker processes costs more than it saves.
PARALLEL_FROM = 100_000

Progress = Callable[[int, int], None]
"""Called with (events checked so far, events in the store) as verification goes."""


@dataclass(frozen=True)
class VerifyReport:
    """The outcome of checking every stream of the store."""

    events: int
    streams: int
    broken: list[tuple[UUID, ChainVerification]]

    @property
    def valid(self) -> bool:
        return not self.broken


async def verify_stream(pool: asyncpg.Pool, stream_id: UUID) -> ChainVerification:
    """Recompute one stream's chain from its stored events (0 events: no such stream)."""
    async with pool.acquire() as connection:
        rows = await connection.fetch(scan.STREAM, stream_id)
    return scan.check(stream_id, rows)


async def verify_all(
    database_url_or_pool: str | asyncpg.Pool,
    progress: Progress | None = None,
    *,
    workers: int | None = None,
) -> VerifyReport:
    """Recompute every stream's chain; a URL lets large stores be checked on every core.

    `workers` defaults to the number of CPUs for stores of PARALLEL_FROM events
    or more (and to 1 below); with a pool, the work stays in this process.
    """
    source = database_url_or_pool
    if isinstance(source, str):
        pool = await create_pool(source, min_size=1, max_size=2)
        try:
            return await _verify(pool, source, progress, workers)
        finally:
            await pool.close()
    return await _verify(source, None, progress, 1)


async def _verify(
    pool: asyncpg.Pool, url: str | None, progress: Progress | None, workers: int | None
) -> VerifyReport:
    total: int = await pool.fetchval(scan.COUNT)
    done = 0

    def advance(events: int) -> None:
        nonlocal done
        done += events
        if progress is not None:
            progress(done, max(total, done))  # the store may grow while it is checked

    advance(0)
    if workers is None:
        workers = (os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
    if url is not None and workers > 1:
        results = await check_in_processes(url, workers, advance)
    else:
        async with pool.acquire() as connection:
            results = [await scan.check_range(connection, scan.FIRST_UUID, scan.LAST_UUID, advance)]
    broken = sorted((pair for r in results for pair in r.broken), key=lambda pair: pair[0])
    return VerifyReport(
        events=sum(r.events for r in results),
        streams=sum(r.streams for r in results),
        broken=broken,
    )
