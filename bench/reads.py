"""Reads of the event store against raw asyncpg fetching the same rows (same columns).

- one stream of 1,000 events: `EventStore.read_stream` against one SELECT;
- the global log from the start: `EventStore.read_log` in pages of 1,000 against
  keyset pages over (transaction_id, position).

The target is against `raw`: rows fetched and nothing more, data and metadata
left as JSON text. A second baseline, `raw_decoded`, also decodes those two
texts (with orjson), as any consumer of the rows must before it can use an
event; it is reported beside, and the target does not use it.
"""

from __future__ import annotations

from functools import partial
from uuid import UUID

import asyncpg
from orjson import loads

from bench.load import Dataset
from bench.measure import Work, best_rates
from bench.progress import step
from bench.report import Report
from bench.settings import BenchSettings
from jsd_core.database import create_pool
from jsd_core.store import EventStore
from jsd_core.store.cursor import LogPosition

# The columns the store selects, in the form it selects them; but for the place
# in the log, which the store makes into its cursor text in the statement and
# the raw read takes as the two numbers it pages by.
COLUMNS = (
    "event_id, stream_id, stream_type, version, type, data::text AS data, "
    "metadata::text AS metadata, recorded_at, prev_hash, hash, "
    "transaction_id::text AS transaction_id, position"
)
STREAM = f"SELECT {COLUMNS} FROM events WHERE stream_id = $1 ORDER BY version"
LOG_PAGE = f"""
SELECT {COLUMNS} FROM events
 WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
 ORDER BY events.transaction_id, events.position LIMIT $3
"""
PAGE = 1000
TARGET = 0.5  # of raw asyncpg's events/s


async def read_figures(url: str, dataset: Dataset, report: Report, settings: BenchSettings) -> None:
    pool = await create_pool(url, min_size=1, max_size=2)
    store = EventStore(pool, stream_types=frozenset({"Case", "Dialogue"}))
    try:
        with step("reading one stream of 1,000 events"):
            await _one_stream(pool, store, dataset.long_case_id, report)
        with step("tailing the global log"):
            await _log(pool, store, min(settings.size(100_000), dataset.events), report)
    finally:
        await pool.close()


async def _one_stream(pool: asyncpg.Pool, store: EventStore, case_id: UUID, report: Report) -> None:
    async def raw(decode: bool = False) -> int:
        async with pool.acquire() as connection:
            rows = await connection.fetch(STREAM, case_id)
        return len(_decoded(rows) if decode else rows)

    async def ours() -> int:
        return len(await store.read_stream(case_id))

    works: dict[str, Work] = {"raw": raw, "raw_decoded": partial(raw, decode=True), "store": ours}
    _add(report, "read_stream_1000", await best_rates(works, rounds=30))


async def _log(pool: asyncpg.Pool, store: EventStore, events: int, report: Report) -> None:
    async def raw(decode: bool = False) -> int:
        seen, after = 0, (0, 0)
        async with pool.acquire() as connection:
            statement = await connection.prepare(LOG_PAGE)
            while seen < events:
                rows = await statement.fetch(str(after[0]), after[1], PAGE)
                if not rows:
                    break
                seen += len(_decoded(rows) if decode else rows)
                after = (int(rows[-1]["transaction_id"]), rows[-1]["position"])
        return seen

    async def ours() -> int:
        seen, cursor = 0, LogPosition(0, 0).cursor()
        while seen < events:
            page = await store.read_log(cursor, limit=PAGE)
            if not page.events:
                break
            seen += len(page.events)
            cursor = page.next
        return seen

    works: dict[str, Work] = {"raw": raw, "raw_decoded": partial(raw, decode=True), "store": ours}
    _add(report, f"read_log_{events // 1000}k", await best_rates(works, rounds=3))


def _decoded(rows: list[asyncpg.Record]) -> list[tuple[object, object]]:
    """Each row's data and metadata as values: what a consumer of raw rows does first."""
    return [(loads(row["data"]), loads(row["metadata"])) for row in rows]


def _add(report: Report, name: str, rates: dict[str, float]) -> None:
    report.add(f"{name}_raw", rates["raw"], "events/s")
    report.add(f"{name}_raw_decoded", rates["raw_decoded"], "events/s")
    ratio = rates["store"] / rates["raw"]
    report.add(
        name,
        rates["store"],
        "events/s",
        baselines={"raw": rates["raw"], "raw_decoded": rates["raw_decoded"]},
        target=(f"≥ {TARGET}× raw", ratio >= TARGET),
    )
