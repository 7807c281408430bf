"""Appends: the store's path against raw asyncpg INSERTs and the eventsourcing recorder.

One event per append, each append its own transaction, durable commits; each
writer appends to a stream of its own.
"""

from __future__ import annotations

import asyncio
import json
import time
from uuid import uuid4

import asyncpg

from bench.peer import peer_appends
from bench.report import Report
from jsd_core.database import asyncpg_url, create_pool
from jsd_core.store import NEW_STREAM, EventMetadata, EventStore, NewEvent

DATA = {
    "title": "Clashes between sports fans and church-goers",
    "category": "VIOLENT_CLASH",
    "locality": "Dakar",
}
RAW_TABLE = """
DROP TABLE IF EXISTS limit_events;
CREATE TABLE limit_events (
  position bigserial PRIMARY KEY,
  stream_id uuid NOT NULL,
  version int NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, version)
);
"""
RAW_INSERT = (
    "INSERT INTO limit_events (stream_id, version, type, data, metadata) "
    "VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)"
)
NOTIFY_INSERT = f"WITH inserted AS ({RAW_INSERT} RETURNING 1) SELECT pg_notify('bench', '')"


async def raw_appends(url: str, events: int, concurrency: int, *, notify: bool = False) -> float:
    """Events/s of plain INSERTs, as ../shared/bench/limit_asyncpg.py does them."""
    pool = await asyncpg.create_pool(asyncpg_url(url), min_size=concurrency, max_size=concurrency)
    await pool.execute(RAW_TABLE)
    data = json.dumps(DATA)
    meta = json.dumps({"actor": "facilitator-1", "correlation_id": str(uuid4())})
    per = events // concurrency

    async def writer() -> None:
        stream = uuid4()
        async with pool.acquire() as connection:
            statement = await connection.prepare(NOTIFY_INSERT if notify else RAW_INSERT)
            for version in range(per):
                async with connection.transaction():
                    await statement.fetch(stream, version, "CaseRaised", data, meta)

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return per * concurrency / elapsed


async def store_appends(url: str, events: int, concurrency: int) -> float:
    """Events/s through EventStore.append (hash chain, idempotency record, checks)."""
    pool = await create_pool(url, min_size=concurrency, max_size=concurrency)
    store = EventStore(pool, stream_types=frozenset({"Case"}))
    per = events // concurrency

    async def writer() -> None:
        stream, version = uuid4(), NEW_STREAM
        correlation = uuid4()
        for _ in range(per):
            metadata = EventMetadata("facilitator-1", "bench", uuid4(), correlation)
            result = await store.append(
                stream, "Case", version, [NewEvent("CaseRaised", DATA)], metadata
            )
            version = result.version

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    await pool.close()
    return per * concurrency / elapsed


async def append_figures(url: str, events: int, report: Report) -> None:
    """Each concurrency: raw INSERTs, the store, and the eventsourcing recorder, back to back."""
    for concurrency in (1, 8, 32):
        raw = await raw_appends(url, events, concurrency)
        ours = await store_appends(url, events, concurrency)
        peer = await asyncio.to_thread(peer_appends, url, events, concurrency)
        report.add(f"append_c{concurrency}_raw", raw, "events/s")
        report.add(f"append_c{concurrency}_peer", peer, "events/s")
        report.add(f"append_c{concurrency}", ours, "events/s", baselines={"raw": raw, "peer": peer})
    raw = await raw_appends(url, events, 32)
    notifying = await raw_appends(url, events, 32, notify=True)
    report.add("append_c32_raw_again", raw, "events/s")
    report.add(
        "append_c32_raw_notify_in_transaction", notifying, "events/s", baselines={"raw": raw}
    )
