"""The HTTP feed: `GET /events?limit=1000` pages, as an integration of one organisation
reads them, beside raw asyncpg reading the same rows (same filter, same columns)."""

from __future__ import annotations

import asyncpg
import httpx

from bench.measure import best_rates
from bench.reads import COLUMNS
from bench.report import Report
from bench.server import Server
from jsd_core.database import create_pool

PAGE = 1000
ORGANIZATIONS = ["lantern"]
RAW_PAGE = f"""
SELECT {COLUMNS} FROM events
 WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
   AND metadata->>'organization' = ANY($3::text[])
 ORDER BY events.transaction_id, events.position LIMIT $4
"""


async def feed_figures(server: Server, url: str, events: int, report: Report) -> None:
    pool = await create_pool(url, min_size=1, max_size=1)
    headers = {"Authorization": f"Bearer {server.keys['integration']}"}
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=60) as client:

            async def feed() -> int:
                seen, after = 0, ""
                while seen < events:
                    response = await client.get("/events", params={"after": after, "limit": PAGE})
                    response.raise_for_status()
                    page = response.json()
                    if not page["events"]:
                        break
                    seen += len(page["events"])
                    after = page["next"]
                return seen

            async def raw() -> int:
                async with pool.acquire() as connection:
                    return await _raw(connection, events)

            rates = await best_rates({"raw": raw, "feed": feed}, rounds=2)
    finally:
        await pool.close()
    name = f"feed_read_{events // 1000}k"
    report.add(f"{name}_raw", rates["raw"], "events/s")
    report.add(name, rates["feed"], "events/s", baselines={"raw": rates["raw"]})


async def _raw(connection: asyncpg.Connection, events: int) -> int:
    statement = await connection.prepare(RAW_PAGE)
    seen, after = 0, ("0", 0)
    while seen < events:
        rows = await statement.fetch(*after, ORGANIZATIONS, PAGE)
        if not rows:
            break
        seen += len(rows)
        after = (rows[-1]["transaction_id"], rows[-1]["position"])
    return seen
