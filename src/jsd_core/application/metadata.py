"""Who issued a command and in answer to what: the metadata stored with its events."""

from __future__ import annotations

from typing import TypedDict
from uuid import UUID

from jsd_core.access import Principal
from jsd_core.store import EventMetadata


class Trace(TypedDict, total=False):
    """The optional ids a caller passes to tie a command to what led to it.

    `correlation_id` groups every command of one conversation or job (it
    defaults to the command's own id); `causation_id` names the event or
    command that caused this one.
    """

    correlation_id: UUID | None
    causation_id: UUID | None


def event_metadata(
    principal: Principal, organization: str, command_id: UUID, trace: Trace
) -> EventMetadata:
    """The metadata of a command's events; `organization` is the dialogue's, never the caller's."""
    return EventMetadata(
        actor=principal.actor,
        organization=organization,
        command_id=command_id,
        correlation_id=trace.get("correlation_id") or command_id,
        causation_id=trace.get("causation_id"),
    )
