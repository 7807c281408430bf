"""What a handled command returns, and why one is refused outside the domain's rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from jsd_core.store import AppendResult, RecordedEvent


@dataclass(frozen=True)
class CommandResult:
    """The aggregate a command changed, where it now stands, and the log position
    of its last event; `replayed` when a retry found the command already applied.
    `action_id` names the action an action command concerned (the new one for
    AssignAction), `session_id` the session RecordSession recorded; `events` are
    the events the command stored (a replayed one: those it stored the first time),
    so the caller can show the effect without reading it back."""

    stream_id: UUID
    version: int
    position: str
    replayed: bool = False
    action_id: UUID | None = None
    session_id: UUID | None = None
    events: tuple[RecordedEvent, ...] = field(default=(), compare=False, repr=False)


def result_of(appended: AppendResult) -> CommandResult:
    """The result of a command from what the store appended (or found already appended)."""
    last = appended.events[-1]
    action_id, session_id = last.data.get("action_id"), last.data.get("session_id")
    return CommandResult(
        stream_id=appended.stream_id,
        version=last.version,
        position=last.position,
        replayed=appended.replayed,
        action_id=UUID(action_id) if isinstance(action_id, str) else None,
        session_id=UUID(session_id) if isinstance(session_id, str) else None,
        events=appended.events,
    )


class NotFoundError(Exception):
    """The dialogue or case named does not exist, or the caller may not see it."""

    def __init__(self, message: str, field: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
