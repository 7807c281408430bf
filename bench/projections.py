"""The projections rebuilt from the whole log, and the read side's filtered case lists.

The rebuilds are what builds the read models for the rest of the run: no
runner is started here, so only `rebuild` applies the log, and a server
started afterwards finds every projection caught up.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime
from functools import partial

import asyncpg
from sqlalchemy.ext.asyncio import create_async_engine

from bench.case_queries import FILTERS, PAGE, Filters
from bench.load import Dataset
from bench.measure import latencies_ms
from bench.progress import bar, say, step
from bench.report import Report
from bench.settings import BenchSettings
from jsd_core.access import Scope
from jsd_core.database import SESSION_SETTINGS, asyncpg_url, create_pool, sqlalchemy_url
from jsd_core.projections import Projections, ReadModels
from jsd_core.projections.rebuild import rebuild
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier

REBUILD_TARGET = 10_000  # events/s
LATENCY_TARGET = 20.0  # ms, p95
REQUESTS = 200
PARTNER_SCOPE = Scope(frozenset({"lantern"}))


async def projection_figures(
    url: str, dataset: Dataset, report: Report, settings: BenchSettings
) -> None:
    engine = create_async_engine(
        sqlalchemy_url(url), pool_size=4, connect_args={"server_settings": SESSION_SETTINGS}
    )
    pool = await create_pool(url, min_size=1, max_size=4)
    store = EventStore(pool, stream_types=frozenset({"Case", "Dialogue"}))
    projections = Projections(engine, store, Notifier(), url)
    try:
        with step("rebuilding the dialogues projection"):
            await rebuild(projections, "dialogues")
        with step(f"rebuilding the cases projection from {dataset.events:,} events"):
            await _rebuild_cases(projections, dataset, report)
        with step("VACUUM (ANALYZE) of the new read models, as autovacuum would do"):
            await _vacuum(url)
        if settings.runs("projections"):
            with step(f"filtered case lists at the read side ({REQUESTS} requests each)"):
                await _case_lists(ReadModels(engine), report)
    finally:
        await pool.close()
        await engine.dispose()


async def _rebuild_cases(projections: Projections, dataset: Dataset, report: Report) -> None:
    applied = 0
    with bar("events", dataset.events) as advance:

        def progress(done: int, total: int) -> None:
            nonlocal applied
            advance(done - applied)
            applied = done

        started = time.perf_counter()
        await rebuild(projections, "cases", on_progress=progress)
        elapsed = time.perf_counter() - started
    rate = applied / elapsed
    report.add(
        "projection_rebuild_cases",
        rate,
        "events/s",
        target=(f"≥ {REBUILD_TARGET:,} events/s", rate >= REBUILD_TARGET),
    )
    report.note("projection_rebuild_cases_events", applied)
    report.note("projection_rebuild_cases_seconds", round(elapsed, 1))


async def _vacuum(url: str) -> None:
    """A rebuild leaves its tables unanalysed and full of dead row versions (each batch
    upserts the rows it changed); autovacuum would clean them up a minute later (it is
    off on some servers, so do it here) and queries are measured on the settled tables."""
    connection = await asyncpg.connect(asyncpg_url(url))
    try:
        tables = await connection.fetch(
            "SELECT format('%I.%I', t.schemaname, t.tablename) AS name FROM pg_tables t "
            "JOIN projection_state s ON t.schemaname = format('rm_%s_%s', s.name, s.generation)"
        )
        for table in tables:
            await connection.execute(f"VACUUM (ANALYZE) {table['name']}")
    finally:
        await connection.close()


async def _case_lists(read_models: ReadModels, report: Report) -> None:
    """ReadModels.cases for one organisation (a partner's scope), one request at a time."""
    today = datetime.now(UTC).date()
    for name, filters in FILTERS.items():
        matches: list[int] = []
        work = partial(_list, read_models, filters, today, matches)
        spent = await latencies_ms({"read_models": work}, REQUESTS)
        report.add_latency(
            f"cases_{name}_read_models", spent["read_models"], p95_below=LATENCY_TARGET
        )
        typical = sorted(matches)[len(matches) // 2]
        report.note(f"cases_{name}_median_matches", typical)
        say(f"{name}: a median of {typical:,} matching cases of the partner's organisation")


async def _list(
    read_models: ReadModels, filters: Filters, today: date, matches: list[int], n: int
) -> None:
    page = await read_models.cases(
        PARTNER_SCOPE, filters(n)[0], first=PAGE, after=None, today=today
    )
    matches.append(page.total_count)
