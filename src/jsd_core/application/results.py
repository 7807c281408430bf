"""What a handled command returns, and why one is refused outside the domain's rules."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class CommandResult:
    """The aggregate a command changed, where it now stands, and the log position
    of its last event; `replayed` when a retry found the command already applied."""

    stream_id: UUID
    version: int
    position: str
    replayed: bool = False
    action_id: UUID | None = None


class NotFoundError(Exception):
    """The dialogue or case named does not exist, or the caller may not see it."""

    def __init__(self, message: str, field: tuple[str, ...] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
