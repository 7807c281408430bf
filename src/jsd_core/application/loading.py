"""Aggregates as their stored events replay them (old schema versions upcast on the way)."""

from __future__ import annotations

from uuid import UUID

from jsd_core import codec
from jsd_core.domain import Case, Dialogue
from jsd_core.store import EventStore


async def load_dialogue(store: EventStore, dialogue_id: UUID) -> Dialogue | None:
    """The dialogue with this id; None when there is none (or the id names a case)."""
    events = await store.read_stream(dialogue_id)
    if not events or events[0].stream_type != "Dialogue":
        return None
    return codec.rebuild("Dialogue", events)


async def load_case(store: EventStore, case_id: UUID) -> Case | None:
    """The case with this id; None when there is none (or the id names a dialogue)."""
    events = await store.read_stream(case_id)
    if not events or events[0].stream_type != "Case":
        return None
    return codec.rebuild("Case", events)
