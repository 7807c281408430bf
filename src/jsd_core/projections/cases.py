"""The cases projection: cases and their actions, with each dialogue's country copied on.

It reads DialogueConvened too, into case_dialogues, so that it never depends
on another projection's tables (each projection rebuilds on its own).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import ClassVar
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.projections import tables
from jsd_core.projections.batch import any_of
from jsd_core.projections.case_changes import HANDLERS, CaseRows, next_due_dates
from jsd_core.projections.projector import Projector
from jsd_core.store import RecordedEvent


class CasesProjector(Projector):
    """Feeds the cases and actions tables (and case_dialogues, for their country)."""

    name: ClassVar[str] = tables.CASES
    types: ClassVar[tuple[str, ...]] = tuple(HANDLERS)

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        batch = CaseRows()
        raised = {e.stream_id for e in events if e.type == "CaseRaised"}
        acted_on = await self._load(connection, batch, events, raised)
        for event in events:
            HANDLERS[event.type](batch, event)
        next_due_dates(batch, acted_on)
        for rows in (batch.dialogues, batch.cases, batch.actions):
            await rows.write(connection)
        await _index_words(connection, raised)

    @staticmethod
    async def _load(
        connection: AsyncConnection,
        batch: CaseRows,
        events: Sequence[RecordedEvent],
        raised: set[UUID],
    ) -> set[UUID]:
        """Read every existing row the batch touches, one query per table; the cases
        whose actions change (all their actions are loaded)."""
        convened = {e.stream_id for e in events if e.type == "DialogueConvened"}
        dialogue_ids = {UUID(e.data["dialogue_id"]) for e in events if e.type == "CaseRaised"}
        await batch.dialogues.load_keys(connection, dialogue_ids - convened)
        cases = {e.stream_id for e in events if e.stream_type == "Case"} - raised
        await batch.cases.load_keys(connection, cases)
        acted_on = {e.stream_id for e in events if e.type.startswith("Action")}
        await batch.actions.load_keys(connection, acted_on - raised, "case_id")
        return acted_on


async def _index_words(connection: AsyncConnection, raised: Collection[UUID]) -> None:
    """The search words of the cases just raised (a case's words never change), and
    each word's count of cases per organisation."""
    if not raised:
        return
    c = tables.cases.c
    words = sa.select(
        c.case_id, c.organization, c.raised_at, sa.literal_column(tables.SEARCH_WORDS)
    )
    await connection.execute(
        sa.insert(tables.case_search).from_select(
            ["case_id", "organization", "raised_at", "words"],
            words.where(any_of(c.case_id, raised)),
        )
    )
    s = tables.case_search.c
    word = sa.func.unnest(sa.func.tsvector_to_array(s.words)).label("word")
    each = sa.select(s.organization, word).where(any_of(s.case_id, raised)).subquery()
    counted = sa.select(each.c.organization, each.c.word, sa.func.count()).group_by(
        each.c.organization, each.c.word
    )
    added = postgresql.insert(tables.case_words).from_select(
        ["organization", "word", "cases"], counted
    )
    total = tables.case_words.c.cases + added.excluded.cases
    await connection.execute(
        added.on_conflict_do_update(index_elements=["organization", "word"], set_={"cases": total})
    )
