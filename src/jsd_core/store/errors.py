"""What can go wrong when appending to or reading from the event store."""

from __future__ import annotations

from uuid import UUID


class EventStoreError(Exception):
    """Base of every error the event store raises."""


class VersionConflictError(EventStoreError):
    """The stream is not at the version the caller expected; nothing was stored."""

    def __init__(self, stream_id: UUID, expected: int, actual: int | None) -> None:
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual
        if actual is None:
            found = "has moved on"
        elif actual == 0:
            found = "does not exist"
        else:
            found = f"is at version {actual}"
        super().__init__(
            f"stream {stream_id} was expected at version {expected} but {found}; "
            "reload it and try again"
        )


class IdempotencyMismatchError(EventStoreError):
    """A command id was reused with a different command; nothing was stored."""

    def __init__(self, command_id: UUID) -> None:
        self.command_id = command_id
        super().__init__(f"command id {command_id} was already used for a different command")


class InvalidAppendError(EventStoreError, ValueError):
    """The append itself is malformed (bad stream type, data, version or size)."""


class InvalidCursorError(EventStoreError, ValueError):
    """A cursor string that the store did not hand out."""


class ChainIntegrityError(EventStoreError):
    """The database refused an event that would break its stream's hash chain."""
