"""The queries of the dialogues read model and how its rows become DialogueRow and friends."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.domain.vocabulary import DialogueStatus, SessionKind, StakeholderKind
from jsd_core.projections import direct
from jsd_core.projections.case_queries import storable
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import DialogueRow, GroupRow, SessionRow, SurveyRow
from jsd_core.projections.tables import (
    by_position,
    columns_for,
    dialogue_sessions,
    dialogues,
    stakeholder_groups,
    trust_surveys,
)
from jsd_core.projections.visibility import ScopedSelect

T = TypeVar("T")

_NEWEST_FIRST = (dialogues.c.convened_on.desc(), dialogues.c.dialogue_id.desc())


def in_country(country: str | None) -> sa.ColumnElement[bool]:
    if country is None:
        return sa.true()
    return dialogues.c.country == storable(country, "country", ()).upper()


DIALOGUE_COLUMNS = columns_for(dialogues, DialogueRow)
# A row read with DIALOGUE_COLUMNS.
_dialogue = by_position(DialogueRow, languages=tuple, status=DialogueStatus)


_DIALOGUES_BY_ID = ScopedSelect(
    lambda visible, ids: sa.select(*DIALOGUE_COLUMNS).where(
        visible(dialogues), dialogues.c.dialogue_id == sa.any_(ids)
    ),
    sa.Uuid(),
)


async def dialogue_rows(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, DialogueRow]:
    """The dialogues with these ids that exist and the scope may see."""
    rows = await direct.rows(connection, *_DIALOGUES_BY_ID.bound(scope, ids))
    return {dialogue.dialogue_id: dialogue for dialogue in map(_dialogue, rows)}


async def dialogue_page(
    connection: AsyncConnection,
    condition: sa.ColumnElement[bool],
    after: SortKey | None,
    first: int,
) -> tuple[list[DialogueRow], int]:
    """Up to first + 1 dialogues after the sort key, and how many match in all."""
    query = sa.select(*DIALOGUE_COLUMNS).where(condition)
    if after is not None:
        query = query.where(sa.tuple_(dialogues.c.convened_on, dialogues.c.dialogue_id) < after)
    rows = await connection.execute(query.order_by(*_NEWEST_FIRST).limit(first + 1))
    total = await connection.scalar(
        sa.select(sa.func.count()).select_from(dialogues).where(condition)
    )
    return [_dialogue(row) for row in rows], total or 0


def _by_dialogue(table: sa.Table, row_type: type, *order: sa.ColumnElement[Any]) -> ScopedSelect:
    """The rows of some dialogues, read with the columns of `row_type` (dialogue_id first)."""
    return ScopedSelect(
        lambda visible, ids: (
            sa.select(*columns_for(table, row_type))
            .where(visible(table), table.c.dialogue_id == sa.any_(ids))
            .order_by(*order)
        ),
        sa.Uuid(),
    )


_GROUPS = _by_dialogue(stakeholder_groups, GroupRow, stakeholder_groups.c.version)
_SESSIONS = _by_dialogue(
    dialogue_sessions, SessionRow, dialogue_sessions.c.held_on, dialogue_sessions.c.version
)
_SURVEYS = _by_dialogue(
    trust_surveys,
    SurveyRow,
    trust_surveys.c.wave,
    trust_surveys.c.group_key,
    trust_surveys.c.version,
)


async def _each_dialogue(
    connection: AsyncConnection,
    select: ScopedSelect,
    scope: Scope,
    ids: Sequence[UUID],
    build: Callable[[Any], T],
) -> dict[UUID, list[T]]:
    """Each dialogue's rows, built; [] for unknown or hidden dialogues."""
    found: dict[UUID, list[T]] = {dialogue_id: [] for dialogue_id in ids}
    for row in await direct.rows(connection, *select.bound(scope, ids)):
        found[row[0]].append(build(row))
    return found


_group = by_position(GroupRow, kind=StakeholderKind)
_session = by_position(SessionRow, kind=SessionKind)
_survey = by_position(SurveyRow)


async def groups(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[GroupRow]]:
    return await _each_dialogue(connection, _GROUPS, scope, ids, _group)


async def sessions(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[SessionRow]]:
    return await _each_dialogue(connection, _SESSIONS, scope, ids, _session)


async def surveys(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[SurveyRow]]:
    return await _each_dialogue(connection, _SURVEYS, scope, ids, _survey)
