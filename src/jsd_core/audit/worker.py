"""A worker process of `verify_all`: checks one range of stream ids and reports on stdout.

Run as `python -m jsd_core.audit.worker`; it reads its job as one JSON line on
stdin ({"database_url", "first", "last"}: the URL never shows in a process
list), prints `progress N` after each page of N events, and ends with
`result {...}`: the counts and every broken stream with its first bad version.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import sys
from typing import Any
from uuid import UUID

import asyncpg

from jsd_core.audit.chain import ChainVerification
from jsd_core.audit.scan import RangeResult, check_range
from jsd_core.database import SESSION_SETTINGS, asyncpg_url


def encode_result(result: RangeResult) -> str:
    broken = [[str(stream_id), dataclasses.asdict(found)] for stream_id, found in result.broken]
    return json.dumps({"events": result.events, "streams": result.streams, "broken": broken})


def decode_result(text: str) -> RangeResult:
    body: dict[str, Any] = json.loads(text)
    broken = [(UUID(stream_id), ChainVerification(**found)) for stream_id, found in body["broken"]]
    return RangeResult(events=body["events"], streams=body["streams"], broken=broken)


async def run(database_url: str, first: UUID, last: UUID) -> RangeResult:
    connection = await asyncpg.connect(asyncpg_url(database_url), server_settings=SESSION_SETTINGS)

    def advance(events: int) -> None:
        print(f"progress {events}", flush=True)

    try:
        return await check_range(connection, first, last, advance)
    finally:
        await connection.close()


def main() -> None:
    job = json.loads(sys.stdin.readline())
    result = asyncio.run(run(job["database_url"], UUID(job["first"]), UUID(job["last"])))
    print(f"result {encode_result(result)}", flush=True)


if __name__ == "__main__":
    main()
