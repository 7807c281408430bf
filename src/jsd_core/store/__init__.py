"""The PostgreSQL event store: streams, the hash chain and the global log."""

from jsd_core.store.cursor import LogPosition, parse_cursor
from jsd_core.store.errors import (
    ChainIntegrityError,
    EventStoreError,
    IdempotencyMismatchError,
    InvalidAppendError,
    InvalidCursorError,
    VersionConflictError,
)
from jsd_core.store.records import EventMetadata, NewEvent, RecordedEvent
from jsd_core.store.store import NEW_STREAM, AppendResult, EventStore, LogPage

__all__ = [
    "NEW_STREAM",
    "AppendResult",
    "ChainIntegrityError",
    "EventMetadata",
    "EventStore",
    "EventStoreError",
    "IdempotencyMismatchError",
    "InvalidAppendError",
    "InvalidCursorError",
    "LogPage",
    "LogPosition",
    "NewEvent",
    "RecordedEvent",
    "VersionConflictError",
    "parse_cursor",
]
