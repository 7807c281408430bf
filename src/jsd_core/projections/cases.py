"""The cases projection: cases and their actions, with each dialogue's country copied on.

It reads DialogueConvened too, into case_dialogues, so that it never depends
on another projection's tables (each projection rebuilds on its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.projections import tables
from jsd_core.projections.case_changes import HANDLERS, CaseRows, next_due_dates
from jsd_core.projections.projector import Projector
from jsd_core.store import RecordedEvent


class CasesProjector(Projector):
    """Feeds the cases and actions tables (and case_dialogues, for their country)."""

    name: ClassVar[str] = tables.CASES
    types: ClassVar[tuple[str, ...]] = tuple(HANDLERS)

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        batch = CaseRows()
        acted_on = await self._load(connection, batch, events)
        for event in events:
            HANDLERS[event.type](batch, event)
        next_due_dates(batch, acted_on)
        for rows in (batch.dialogues, batch.cases, batch.actions):
            await rows.write(connection)

    @staticmethod
    async def _load(
        connection: AsyncConnection, batch: CaseRows, events: Sequence[RecordedEvent]
    ) -> set[UUID]:
        """Read every existing row the batch touches, one query per table; the cases
        whose actions change (all their actions are loaded)."""
        convened = {e.stream_id for e in events if e.type == "DialogueConvened"}
        raised = {e.stream_id for e in events if e.type == "CaseRaised"}
        dialogue_ids = {UUID(e.data["dialogue_id"]) for e in events if e.type == "CaseRaised"}
        await batch.dialogues.load_keys(connection, dialogue_ids - convened)
        cases = {e.stream_id for e in events if e.stream_type == "Case"} - raised
        await batch.cases.load_keys(connection, cases)
        acted_on = {e.stream_id for e in events if e.type.startswith("Action")}
        if acted_on - raised:
            await batch.actions.load(connection, tables.actions.c.case_id.in_(acted_on - raised))
        return acted_on
