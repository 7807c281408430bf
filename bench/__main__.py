"""Run every benchmark on one fresh database and write bench/results.json."""

from __future__ import annotations

import asyncio
import os

from bench.appends import raw_appends, store_appends
from bench.database import bench_database
from bench.peer import peer_appends
from bench.report import Report

EVENTS = int(os.environ.get("JSD_BENCH_EVENTS", "3000"))


async def appends(url: str, report: Report) -> None:
    for concurrency in (1, 8, 32):
        raw = await raw_appends(url, EVENTS, concurrency)
        ours = await store_appends(url, EVENTS, concurrency)
        peer = await asyncio.to_thread(peer_appends, url, EVENTS, concurrency)
        report.add(f"append_c{concurrency}_raw", raw, "events/s")
        report.add(f"append_c{concurrency}_peer", peer, "events/s")
        report.add(f"append_c{concurrency}", ours, "events/s", baselines={"raw": raw, "peer": peer})
    raw = await raw_appends(url, EVENTS, 32)
    notifying = await raw_appends(url, EVENTS, 32, notify=True)
    report.add("append_c32_raw_again", raw, "events/s")
    report.add(
        "append_c32_raw_notify_in_transaction", notifying, "events/s", baselines={"raw": raw}
    )


async def main() -> None:
    report = Report()
    async with bench_database() as url:
        await appends(url, report)
        report.write(url.rsplit("@", 1)[-1])


if __name__ == "__main__":
    asyncio.run(main())
