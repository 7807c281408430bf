"""The shapes events take on their way into and out of the event store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

JSONObject = dict[str, Any]


@dataclass(frozen=True)
class NewEvent:
    """An event about to be appended: what the caller decides."""

    type: str
    data: JSONObject
    schema_version: int = 1


@dataclass(frozen=True)
class EventMetadata:
    """Who caused an append and why; stored with every event it appends."""

    actor: str
    organization: str
    command_id: UUID
    correlation_id: UUID
    causation_id: UUID | None = None

    def as_json(self, schema_version: int) -> JSONObject:
        return {
            "actor": self.actor,
            "organization": self.organization,
            "command_id": str(self.command_id),
            "correlation_id": str(self.correlation_id),
            "causation_id": str(self.causation_id) if self.causation_id else None,
            "schema_version": schema_version,
        }


class RecordedEvent(NamedTuple):
    """An event as the store holds it, with its place in the stream and the log.

    Immutable; a named tuple because readers build many thousands a second.
    """

    event_id: UUID
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    data: JSONObject
    metadata: JSONObject
    recorded_at: datetime
    prev_hash: str | None
    hash: str
    position: str = ""

    @property
    def actor(self) -> str:
        return str(self.metadata.get("actor", ""))

    @property
    def organization(self) -> str:
        return str(self.metadata.get("organization", ""))

    @property
    def schema_version(self) -> int:
        return int(self.metadata.get("schema_version", 1))


class EventText(NamedTuple):
    """A stored event for passing on rather than reading: its data the stored JSON
    text, and of its metadata only who appended it for which organisation.

    What the HTTP feed sends, without decoding data only to encode it again.
    """

    event_id: UUID
    stream_id: UUID
    stream_type: str
    version: int
    type: str
    data_json: str
    actor: str
    organization: str
    time: str  # recorded_at as hashing.format_timestamp writes it
    hash: str
    position: str
