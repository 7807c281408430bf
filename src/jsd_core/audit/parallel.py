"""Checking the whole store on every core: stream id ranges split across worker processes.

Hashing is CPU work in Python, so one process is bounded by one core. Each
worker (`jsd_core.audit.worker`, a fresh interpreter, so it works the same
under any caller: CLI, server, tests, benchmark) opens its own connection and
checks one range of stream ids end to end: a stream never straddles two
ranges, and only counts and broken streams come back.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Callable
from uuid import UUID

from jsd_core.audit.scan import RangeResult
from jsd_core.audit.worker import decode_result


class WorkerFailedError(RuntimeError):
    """A verification worker process ended without a result."""


def id_ranges(count: int) -> list[tuple[UUID, UUID]]:
    """`count` contiguous, inclusive ranges that together cover every UUID."""
    step = 2**128 // count
    bounds = [index * step for index in range(count)] + [2**128]
    return [(UUID(int=bounds[i]), UUID(int=bounds[i + 1] - 1)) for i in range(count)]


async def check_in_processes(
    database_url: str, workers: int, advance: Callable[[int], None]
) -> list[RangeResult]:
    """Check every stream on `workers` processes; `advance(n)` as they report progress."""
    jobs = [_run_worker(database_url, first, last, advance) for first, last in id_ranges(workers)]
    return list(await asyncio.gather(*jobs))


async def _run_worker(
    database_url: str, first: UUID, last: UUID, advance: Callable[[int], None]
) -> RangeResult:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "jsd_core.audit.worker",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    job = {"database_url": database_url, "first": str(first), "last": str(last)}
    process.stdin.write(json.dumps(job).encode() + b"\n")
    await process.stdin.drain()
    process.stdin.close()
    result: RangeResult | None = None
    try:
        async for line in process.stdout:
            kind, _, body = line.decode().partition(" ")
            if kind == "progress":
                advance(int(body))
            elif kind == "result":
                result = decode_result(body)
        _, errors = await process.communicate()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    if result is None:
        lines = errors.decode(errors="replace").strip().splitlines()
        raise WorkerFailedError(lines[-1] if lines else f"exit status {process.returncode}")
    return result
