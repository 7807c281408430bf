"""The event store: append-only streams in PostgreSQL, read by stream or in global order."""

from __future__ import annotations

import gc
import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import asyncpg
from orjson import loads

from jsd_core.store import sql
from jsd_core.store.cursor import START, LogPosition, parse_cursor
from jsd_core.store.errors import (
    ChainIntegrityError,
    IdempotencyMismatchError,
    InvalidAppendError,
    VersionConflictError,
)
from jsd_core.store.records import EventMetadata, EventText, NewEvent, RecordedEvent
from jsd_core.store.sealing import append_statement, recorded, seal
from jsd_core.store.validation import check_append, encode_json

NEW_STREAM = 0


@dataclass(frozen=True)
class AppendResult:
    """What an append stored; `replayed` when a retried command found it already stored."""

    stream_id: UUID
    events: tuple[RecordedEvent, ...]
    replayed: bool = False

    @property
    def version(self) -> int:
        return self.events[-1].version

    @property
    def position(self) -> str:
        return self.events[-1].position


@dataclass(frozen=True)
class LogPage:
    """A page of the global log and the cursor to continue from.

    `behind` says some committed events are not readable yet because an older
    transaction is still open; a tailing reader should look again shortly.
    """

    events: tuple[RecordedEvent, ...]
    next: str
    behind: bool


@dataclass(frozen=True)
class LogTextPage:
    """A page of the global log as EventText; otherwise as LogPage."""

    events: tuple[EventText, ...]
    next: str
    behind: bool


@dataclass(frozen=True)
class _Head:
    version: int
    hash: str
    recorded_at: datetime
    stream_type: str


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_fingerprint(
    stream_id: UUID,
    stream_type: str,
    expected_version: int,
    events: Sequence[NewEvent],
    data_texts: Sequence[str],
) -> str:
    """What identifies an append for idempotency when the caller gives no fingerprint:
    the stream, the expected version, and each event's type and canonical data."""
    body = [str(stream_id), stream_type, expected_version]
    body += [[event.type, text] for event, text in zip(events, data_texts, strict=True)]
    return hashlib.sha256(json.dumps(body).encode()).hexdigest()


class EventStore:
    """Appends with optimistic concurrency and idempotency; reads streams and the log."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        stream_types: frozenset[str],
        max_event_bytes: int = 1024 * 1024,
        clock: Callable[[], datetime] = utcnow,
        on_append: Callable[[AppendResult], None] | None = None,
        head_cache_size: int = 100_000,
    ) -> None:
        self.pool = pool
        self.stream_types = stream_types
        self.max_event_bytes = max_event_bytes
        self.clock = clock
        self.on_append = on_append
        self._heads: OrderedDict[UUID, _Head] = OrderedDict()
        self._head_cache_size = head_cache_size

    # ------------------------------------------------------------------ append

    async def append(
        self,
        stream_id: UUID,
        stream_type: str,
        expected_version: int,
        events: Sequence[NewEvent],
        metadata: EventMetadata,
        *,
        fingerprint: str | None = None,
        recorded_at: datetime | None = None,
        connection: asyncpg.Connection | None = None,
    ) -> AppendResult:
        """Append `events` to a stream at `expected_version` (0: a new stream), atomically.

        Raises VersionConflictError when the stream is elsewhere, and
        IdempotencyMismatchError when `metadata.command_id` was used for another
        append; a retried append returns the original result. Nothing is stored
        when it raises. With `connection`, the append joins the caller's open
        transaction, and the caller tells readers once it has committed.
        """
        check_append(stream_type, self.stream_types, expected_version, events)
        data_texts = [encode_json(event.data, f"{event.type}.data") for event in events]
        fingerprint = fingerprint or default_fingerprint(
            stream_id, stream_type, expected_version, events, data_texts
        )
        head = await self._head(stream_id, expected_version)
        if head is not None and head.stream_type != stream_type:
            raise InvalidAppendError(
                f"stream {stream_id} is a {head.stream_type} stream, not a {stream_type} stream"
            )
        moment = recorded_at or self.clock()
        if head is not None and moment < head.recorded_at:
            moment = head.recorded_at  # a stream's times never go backwards
        moment = moment.astimezone(UTC)
        sealed = seal(
            stream_id,
            stream_type,
            expected_version,
            events,
            data_texts,
            metadata,
            moment,
            head.hash if head else None,
            self.max_event_bytes,
        )
        statement, arguments = append_statement(
            sealed, stream_id, stream_type, moment, metadata.command_id, fingerprint
        )
        try:
            if connection is not None:
                stored = await connection.fetch(statement, *arguments)
            else:
                async with self.pool.acquire() as pooled:
                    stored = await pooled.fetch(statement, *arguments)
        except asyncpg.UniqueViolationError as error:
            if connection is not None:
                # The caller's transaction is aborted: report without looking further.
                if error.constraint_name == sql.STREAM_VERSION_KEY:
                    raise VersionConflictError(stream_id, expected_version, None) from error
                raise
            return await self._after_refusal(
                error, stream_id, expected_version, metadata.command_id, fingerprint
            )
        except asyncpg.IntegrityConstraintViolationError as error:
            raise ChainIntegrityError(str(error)) from error
        result = AppendResult(
            stream_id,
            tuple(
                recorded(event, stream_id, stream_type, moment, row[2], row[1])
                for event, row in zip(sealed, stored, strict=True)
            ),
        )
        if connection is None:
            last = result.events[-1]
            self._remember(stream_id, _Head(last.version, last.hash, moment, stream_type))
            if self.on_append is not None:
                self.on_append(result)
        return result

    async def _after_refusal(
        self,
        error: asyncpg.UniqueViolationError,
        stream_id: UUID,
        expected_version: int,
        command_id: UUID,
        fingerprint: str,
    ) -> AppendResult:
        original = await self.find_command(command_id)
        if original is not None:
            stored_fingerprint, result = original
            if stored_fingerprint != fingerprint:
                raise IdempotencyMismatchError(command_id) from error
            return result
        if error.constraint_name == sql.STREAM_VERSION_KEY:
            actual = await self.stream_version(stream_id)
            raise VersionConflictError(stream_id, expected_version, actual) from error
        raise error

    # ------------------------------------------------------------------ reads

    async def find_command(self, command_id: UUID) -> tuple[str, AppendResult] | None:
        """The fingerprint and result of an append already stored for this command id."""
        async with self.pool.acquire() as connection:
            command = await connection.fetchrow(sql.FIND_COMMAND, command_id)
            if command is None:
                return None
            rows = await connection.fetch(
                sql.READ_STREAM_RANGE,
                command["stream_id"],
                command["first_version"],
                command["last_version"],
            )
        events = tuple(_events(rows))
        return command["fingerprint"], AppendResult(command["stream_id"], events, replayed=True)

    async def stream_version(self, stream_id: UUID) -> int:
        """The stream's current version; 0 when it does not exist."""
        async with self.pool.acquire() as connection:
            version: int | None = await connection.fetchval(sql.STREAM_VERSION, stream_id)
        return version or 0

    async def read_stream(
        self,
        stream_id: UUID,
        *,
        to_version: int | None = None,
        until: datetime | None = None,
    ) -> list[RecordedEvent]:
        """A stream's events in version order, up to a version and/or a moment (inclusive)."""
        async with self.pool.acquire() as connection:
            query = sql.read_stream(to_version=to_version is not None, until=until is not None)
            bounds = [bound for bound in (to_version, until) if bound is not None]
            rows = await connection.fetch(query, stream_id, *bounds)
        events = _events(rows)
        if events and to_version is None and until is None:
            last = events[-1]
            self._remember(
                stream_id, _Head(last.version, last.hash, last.recorded_at, last.stream_type)
            )
        return events

    async def read_log(
        self,
        after: str | None = None,
        *,
        limit: int = 100,
        types: Sequence[str] | None = None,
        organizations: Sequence[str] | None = None,
        stream_id: UUID | None = None,
    ) -> LogPage:
        """Up to `limit` events after the cursor, in global order, that match the filters.

        Only events below the oldest open transaction are read, so an event
        that commits late is never skipped by a reader that moved past it.
        """
        start = parse_cursor(after)
        rows = await self._log_rows(start, limit, types, organizations, stream_id, texts=False)
        events = tuple(_page_events(rows))
        return LogPage(events, *_continuation(rows, events, start, limit))

    async def read_log_texts(
        self,
        after: str | None = None,
        *,
        limit: int = 100,
        types: Sequence[str] | None = None,
        organizations: Sequence[str] | None = None,
        stream_id: UUID | None = None,
    ) -> LogTextPage:
        """The page `read_log` reads, as EventText: for readers that pass events on."""
        start = parse_cursor(after)
        rows = await self._log_rows(start, limit, types, organizations, stream_id, texts=True)
        events = tuple(_page_texts(rows))
        return LogTextPage(events, *_continuation(rows, events, start, limit))

    async def _log_rows(
        self,
        start: LogPosition,
        limit: int,
        types: Sequence[str] | None,
        organizations: Sequence[str] | None,
        stream_id: UUID | None,
        *,
        texts: bool,
    ) -> list[asyncpg.Record]:
        if limit < 1:
            raise InvalidAppendError("limit must be 1 or more")
        query = sql.read_log(
            types=types is not None,
            organizations=None if organizations is None else len(organizations),
            stream=stream_id is not None,
            texts=texts,
        )
        arguments: list[Any] = [str(start.transaction_id), start.position, limit]
        if types is not None:
            arguments.append(list(types))
        if organizations is not None:
            single = len(organizations) == 1
            arguments.append(organizations[0] if single else list(organizations))
        if stream_id is not None:
            arguments.append(stream_id)
        async with self.pool.acquire() as connection:
            rows: list[asyncpg.Record] = await connection.fetch(query, *arguments)
        return rows

    async def log_head(self) -> str:
        """The cursor of the newest readable event (the start when the log is empty)."""
        async with self.pool.acquire() as connection:
            cursor: str | None = await connection.fetchval(sql.LOG_HEAD)
        return cursor or START.cursor()

    # ------------------------------------------------------------------ cache

    async def _head(self, stream_id: UUID, expected_version: int) -> _Head | None:
        if expected_version == NEW_STREAM:
            return None
        cached = self._heads.get(stream_id)
        if cached is not None and cached.version == expected_version:
            self._heads.move_to_end(stream_id)
            return cached
        async with self.pool.acquire() as connection:
            row = await connection.fetchrow(sql.EVENT_AT_VERSION, stream_id, expected_version)
        if row is None:
            actual = await self.stream_version(stream_id)
            raise VersionConflictError(stream_id, expected_version, actual)
        return _Head(expected_version, row["hash"], row["recorded_at"], row["stream_type"])

    def _remember(self, stream_id: UUID, head: _Head) -> None:
        known = self._heads.get(stream_id)
        if known is not None and known.version > head.version:
            return
        self._heads[stream_id] = head
        self._heads.move_to_end(stream_id)
        if len(self._heads) > self._head_cache_size:
            self._heads.popitem(last=False)


def _events(rows: Sequence[asyncpg.Record]) -> list[RecordedEvent]:
    """Rows of the store's columns (sql.py) as events: the columns are the event's
    fields in order, so only the JSON is decoded (by orjson) on the way."""
    with _collector_held():
        return [_event(row) for row in rows]


def _page_events(rows: Sequence[asyncpg.Record]) -> list[RecordedEvent]:
    """The events of a page of the log, whose rows end with the tail's two flags."""
    with _collector_held():
        return [_event(row) for row in rows if not row[11]]


def _page_texts(rows: Sequence[asyncpg.Record]) -> list[EventText]:
    """The events of a page of the log read with `texts`: nothing to decode."""
    with _collector_held():
        return [tuple.__new__(EventText, row[:11]) for row in rows if not row[11]]


def _continuation(
    rows: Sequence[asyncpg.Record],
    events: Sequence[RecordedEvent | EventText],
    start: LogPosition,
    limit: int,
) -> tuple[str, bool]:
    """Where the reader of a page goes on from, and whether it is behind."""
    tail = next((row for row in reversed(rows) if row["is_tail"]), None)
    # Cursors compare as strings in the order of the events they point at.
    cursor = events[-1].position if events else start.cursor()
    if len(events) < limit and tail is not None and tail["position"] is not None:
        cursor = max(cursor, tail["position"])
    return cursor, bool(tail is not None and tail["behind"])


def _event(r: asyncpg.Record) -> RecordedEvent:
    # tuple.__new__ makes the named tuple without a call of its Python-level __new__.
    return tuple.__new__(
        RecordedEvent,
        (r[0], r[1], r[2], r[3], r[4], loads(r[5]), loads(r[6]), r[7], r[8], r[9], r[10]),
    )


@contextmanager
def _collector_held() -> Iterator[None]:
    """No cyclic garbage collection while a batch of events is built.

    A page of 1,000 events is thousands of new tuples, dicts and lists, none in
    a cycle; left on, the collector walks and promotes them several times before
    the page is even handed over (reading the log goes some 5% faster without).
    The allocations still count, so a collection that is due runs right after.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
