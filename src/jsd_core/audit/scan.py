"""Reading stored events for verification: one stream, or a range of streams in pages.

Pages are keyset reads in (stream_id, version) order on the store's unique
index: each is its own short statement, so a long verification never holds a
transaction open (which would hold back every reader of the log).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import asyncpg

from jsd_core.audit.chain import ChainChecker, ChainVerification, StoredFields
from jsd_core.store.hashing import format_timestamp

STREAM = """
SELECT event_id, stream_id, stream_type, version, type, data::text AS data,
       metadata::text AS metadata, recorded_at, prev_hash, hash
  FROM events WHERE stream_id = $1 ORDER BY version
"""
PAGE = """
SELECT event_id, stream_id, stream_type, version, type, data::text AS data,
       metadata::text AS metadata, recorded_at, prev_hash, hash
  FROM events
 WHERE (stream_id, version) > ($1::uuid, $2::int) AND stream_id <= $3::uuid
 ORDER BY stream_id, version LIMIT $4
"""
COUNT = "SELECT count(*) FROM events"
FIRST_UUID = UUID(int=0)
LAST_UUID = UUID(int=2**128 - 1)
_BEFORE_ANY_VERSION = -(2**31)
PAGE_SIZE = 5000
# json.loads without its per-call set-up (jsonb's text is one value, unpadded).
_SCAN: Callable[[str, int], tuple[Any, int]] = getattr(json.JSONDecoder(), "scan_once")  # noqa: B009


def parse_json(text: str) -> Any:
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:  # how the scanner says "no JSON value here"
        return json.loads(text)  # which raises the proper error
    return value if end == len(text) else json.loads(text)


def fields(row: asyncpg.Record) -> StoredFields:
    """The hashed fields of a stored row, in the form they were hashed in."""
    return StoredFields(
        event_id=str(row["event_id"]),
        stream_type=row["stream_type"],
        version=row["version"],
        type=row["type"],
        data=parse_json(row["data"]),
        metadata=parse_json(row["metadata"]),
        recorded_at=format_timestamp(row["recorded_at"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def check(stream_id: UUID, rows: Iterable[asyncpg.Record]) -> ChainVerification:
    checker = ChainChecker(str(stream_id))
    for row in rows:
        checker.add(fields(row))
    return checker.result()


async def pages(
    connection: asyncpg.Connection, first: UUID, last: UUID, size: int = PAGE_SIZE
) -> AsyncIterator[list[asyncpg.Record]]:
    """Every event of the streams whose ids lie in [first, last], page by page."""
    statement = await connection.prepare(PAGE)
    after: tuple[UUID, int] = (first, _BEFORE_ANY_VERSION)
    while True:
        rows = await statement.fetch(*after, last, size)
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        after = (rows[-1]["stream_id"], rows[-1]["version"])


@dataclass
class RangeResult:
    """What checking a range of streams found: counts and each broken stream's verdict."""

    events: int = 0
    streams: int = 0
    broken: list[tuple[UUID, ChainVerification]] = field(default_factory=list)

    def finish(self, stream_id: UUID, verification: ChainVerification) -> None:
        self.streams += 1
        if not verification.valid:
            self.broken.append((stream_id, verification))


async def check_range(
    connection: asyncpg.Connection,
    first: UUID,
    last: UUID,
    advance: Callable[[int], None] | None = None,
) -> RangeResult:
    """Check every stream whose id lies in [first, last]; `advance(n)` after each page."""
    result = RangeResult()
    checker: ChainChecker | None = None  # of the stream being read
    async for rows in pages(connection, first, last):
        for row in rows:
            stream_id = str(row["stream_id"])
            if checker is None or checker.stream_id != stream_id:
                if checker is not None:
                    result.finish(UUID(checker.stream_id), checker.result())
                checker = ChainChecker(stream_id)
            checker.add(fields(row))
        result.events += len(rows)
        if advance is not None:
            advance(len(rows))
    if checker is not None:
        result.finish(UUID(checker.stream_id), checker.result())
    return result
