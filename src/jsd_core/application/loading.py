"""Aggregates as their stored events replay them (old schema versions upcast on the way)."""

from __future__ import annotations

from collections import OrderedDict
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


class ReadDialogues:
    """Dialogues that commands on cases read and never change, replayed once per version.

    Every command on a case reads its dialogue (is it active, which groups it
    has), and a dialogue's history grows with every session and survey: replaying
    all of it for each command costs more than the command. The dialogue is kept
    as last replayed, and used again only while the stream's version in the store
    is still the version it was replayed at; so a command reads exactly what a
    replay would give, as of the same moment. The aggregates handed out are
    shared: whoever changes a dialogue loads one of its own (`load_dialogue`).
    """

    def __init__(self, store: EventStore, size: int = 1000) -> None:
        self.store = store
        self.size = size
        self._known: OrderedDict[UUID, Dialogue] = OrderedDict()

    async def read(self, dialogue_id: UUID) -> Dialogue | None:
        """The dialogue as it stands now; None when there is none (or the id names a case)."""
        known = self._known.get(dialogue_id)
        if known is not None and await self.store.stream_version(dialogue_id) == known.version:
            self._known.move_to_end(dialogue_id)
            return known
        dialogue = await load_dialogue(self.store, dialogue_id)
        if dialogue is None:
            self._known.pop(dialogue_id, None)
            return None
        self._known[dialogue_id] = dialogue
        self._known.move_to_end(dialogue_id)
        if len(self._known) > self.size:
            self._known.popitem(last=False)
        return dialogue
