"""Making the big dataset: generated on every core, sorted by time, bulk-loaded with COPY.

The chain-check trigger (`events_chain`) looks up each event's predecessor,
one query per row; the generated chains are valid (the audit benchmark
verifies them), so it is disabled for the load and enabled again after.
"""

from __future__ import annotations

import asyncio
import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import get_context
from operator import itemgetter
from uuid import UUID

import asyncpg

from bench.dataset import (
    COLUMNS,
    CaseJob,
    DialogueRef,
    Period,
    Row,
    average_events,
    clone_case,
    generate_cases,
)
from bench.dialogues import generate_dialogue
from bench.lifecycles import long_case_template
from bench.progress import bar, say, step
from jsd_core.database import asyncpg_url

SEED = 20261127
DIALOGUES = 40
LONG_CASE_EVENTS = 1000
CASES_PER_JOB = 2500
ROWS_PER_TRANSACTION = 100_000


@dataclass(frozen=True)
class Dataset:
    """What the benchmarks need to know of the loaded events."""

    events: int
    cases: int
    dialogues: tuple[DialogueRef, ...]
    long_case_id: UUID  # a case of LONG_CASE_EVENTS events


async def load_dataset(url: str, events: int) -> Dataset:
    """Generate about `events` events and load them into the (empty) events table."""
    end = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    period = Period(end - timedelta(days=365), end)
    rng = random.Random(SEED)
    with step(f"generating about {events:,} events"):
        refs, rows = [], []
        for index in range(DIALOGUES):
            ref, dialogue_rows = generate_dialogue(rng, index, period)
            refs.append(ref)
            rows += dialogue_rows
        raised = period.start + timedelta(days=3, hours=10)
        long_case = clone_case(rng, long_case_template(LONG_CASE_EVENTS), refs[0], raised)
        rows += long_case
        cases = max(int((events - len(rows)) / average_events()), 1)
        rows += await _generate(cases, tuple(refs), period)
        rows.sort(key=itemgetter(7))  # the log in the order things happened
        say(f"{len(rows):,} events: {cases + 1:,} cases in {DIALOGUES} dialogues")
    with step("loading them with COPY"):
        await _copy(url, rows)
    return Dataset(len(rows), cases + 1, tuple(refs), UUID(long_case[0][1]))


async def _generate(cases: int, dialogues: tuple[DialogueRef, ...], period: Period) -> list[Row]:
    counts = [CASES_PER_JOB] * (cases // CASES_PER_JOB)
    if cases % CASES_PER_JOB:
        counts.append(cases % CASES_PER_JOB)
    jobs = [CaseJob(SEED + n + 1, count, dialogues, period) for n, count in enumerate(counts)]
    loop = asyncio.get_running_loop()
    rows: list[Row] = []
    # spawn: a fork of this process would copy its event loop and open connections.
    context = get_context("spawn")
    with (
        ProcessPoolExecutor(os.cpu_count() or 1, mp_context=context) as pool,
        bar("cases", cases) as advance,
    ):
        futures = [loop.run_in_executor(pool, generate_cases, job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            rows += await future
            advance(job.count)
    return rows


async def _copy(url: str, rows: list[Row]) -> None:
    connection = await asyncpg.connect(asyncpg_url(url))
    try:
        await connection.execute("ALTER TABLE events DISABLE TRIGGER events_chain")
        with bar("events", len(rows)) as advance:
            for start in range(0, len(rows), ROWS_PER_TRANSACTION):
                chunk = rows[start : start + ROWS_PER_TRANSACTION]
                async with connection.transaction():
                    await connection.copy_records_to_table("events", records=chunk, columns=COLUMNS)
                advance(len(chunk))
        await connection.execute("ALTER TABLE events ENABLE TRIGGER events_chain")
        # As autovacuum would have by then: statistics, hint bits and the visibility map.
        await connection.execute("VACUUM (ANALYZE) events")
    finally:
        await connection.close()
