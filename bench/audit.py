"""The auditors' tools at the function level, beside raw asyncpg reading the same rows.

- `verify_all(database_url)` over the whole store (as `jsd audit verify` runs it,
  on every core) against one connection reading every event in the verifier's
  own order and columns (keyset pages on (stream_id, version));
- `case_history` of the 1,000-event case against one SELECT of its rows.
(caseHistory through GraphQL over HTTP is in `server_audit`.)
"""

from __future__ import annotations

import time
from uuid import UUID

from bench.load import Dataset
from bench.measure import latencies_ms
from bench.progress import bar, step
from bench.reads import STREAM
from bench.report import Report
from jsd_core.audit import case_history, verify_all
from jsd_core.audit.scan import FIRST_UUID, LAST_UUID, PAGE, PAGE_SIZE
from jsd_core.database import create_pool
from jsd_core.store import EventStore

VERIFY_TARGET = 50_000  # events/s
HISTORY_TARGET = 100.0  # ms
HISTORY_REQUESTS = 50


async def audit_figures(url: str, dataset: Dataset, report: Report) -> None:
    with step(f"verifying every hash chain ({dataset.events:,} events)"):
        await _verify(url, dataset, report)
    with step("the history of the 1,000-event case, rebuilt by the domain"):
        await _history(url, dataset.long_case_id, report)


async def _raw_scan(url: str) -> int:
    pool = await create_pool(url, min_size=1, max_size=1)
    seen, after = 0, (FIRST_UUID, -(2**31))
    try:
        async with pool.acquire() as connection:
            statement = await connection.prepare(PAGE)
            while rows := await statement.fetch(*after, LAST_UUID, PAGE_SIZE):
                seen += len(rows)
                after = (rows[-1]["stream_id"], rows[-1]["version"])
    finally:
        await pool.close()
    return seen


async def _verify(url: str, dataset: Dataset, report: Report) -> None:
    started = time.perf_counter()
    read = await _raw_scan(url)
    raw = read / (time.perf_counter() - started)
    with bar("events", dataset.events) as advance:
        checked = 0

        def progress(done: int, total: int) -> None:
            nonlocal checked
            advance(done - checked)
            checked = done

        started = time.perf_counter()
        result = await verify_all(url, progress)
        rate = result.events / (time.perf_counter() - started)
    if not result.valid:
        raise RuntimeError(f"the generated chains do not verify: {result.broken[:3]}")
    report.add("audit_verify_all_raw", raw, "events/s")
    report.add(
        "audit_verify_all",
        rate,
        "events/s",
        baselines={"raw": raw},
        target=(f"≥ {VERIFY_TARGET:,} events/s", rate >= VERIFY_TARGET),
    )


async def _history(url: str, case_id: UUID, report: Report) -> None:
    pool = await create_pool(url, min_size=1, max_size=2)
    store = EventStore(pool, stream_types=frozenset({"Case", "Dialogue"}))

    async def raw(_: int) -> None:
        async with pool.acquire() as connection:
            rows = await connection.fetch(STREAM, case_id)
        assert len(rows) == 1000

    async def function(_: int) -> None:
        revisions = await case_history(store, case_id)
        assert len(revisions) == 1000

    try:
        spent = await latencies_ms({"raw": raw, "function": function}, HISTORY_REQUESTS)
    finally:
        await pool.close()
    report.add_latency("case_history_1000_raw", spent["raw"])
    report.add_latency(
        "case_history_1000_function",
        spent["function"],
        baselines={"raw": spent["raw"]},
        p95_below=HISTORY_TARGET,
    )
