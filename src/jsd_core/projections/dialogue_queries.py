"""The queries of the dialogues read model and how its rows become DialogueRow and friends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.domain.vocabulary import DialogueStatus, SessionKind, StakeholderKind
from jsd_core.projections.case_queries import storable
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import DialogueRow, GroupRow, SessionRow, SurveyRow
from jsd_core.projections.tables import (
    dialogue_sessions,
    dialogues,
    stakeholder_groups,
    trust_surveys,
)
from jsd_core.projections.visibility import ScopedSelect

_NEWEST_FIRST = (dialogues.c.convened_on.desc(), dialogues.c.dialogue_id.desc())


def in_country(country: str | None) -> sa.ColumnElement[bool]:
    if country is None:
        return sa.true()
    return dialogues.c.country == storable(country, "country", ()).upper()


def _dialogue(row: Any) -> DialogueRow:
    return DialogueRow(
        dialogue_id=row.dialogue_id,
        organization=row.organization,
        name=row.name,
        country=row.country,
        region=row.region,
        locality=row.locality,
        languages=tuple(row.languages),
        convened_on=row.convened_on,
        concluded_on=row.concluded_on,
        summary=row.summary,
        status=DialogueStatus(row.status),
        version=row.version,
    )


_DIALOGUES_BY_ID = ScopedSelect(
    lambda visible, ids: sa.select(dialogues).where(
        visible(dialogues), dialogues.c.dialogue_id == sa.any_(ids)
    ),
    sa.Uuid(),
)


async def dialogue_rows(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, DialogueRow]:
    """The dialogues with these ids that exist and the scope may see."""
    rows = await connection.execute(*_DIALOGUES_BY_ID.bound(scope, ids))
    return {row.dialogue_id: _dialogue(row) for row in rows}


async def dialogue_page(
    connection: AsyncConnection,
    condition: sa.ColumnElement[bool],
    after: SortKey | None,
    first: int,
) -> tuple[list[DialogueRow], int]:
    """Up to first + 1 dialogues after the sort key, and how many match in all."""
    query = sa.select(dialogues).where(condition)
    if after is not None:
        query = query.where(sa.tuple_(dialogues.c.convened_on, dialogues.c.dialogue_id) < after)
    rows = await connection.execute(query.order_by(*_NEWEST_FIRST).limit(first + 1))
    total = await connection.scalar(
        sa.select(sa.func.count()).select_from(dialogues).where(condition)
    )
    return [_dialogue(row) for row in rows], total or 0


def _by_dialogue(table: sa.Table, *order: sa.ColumnElement[Any]) -> ScopedSelect:
    return ScopedSelect(
        lambda visible, ids: (
            sa.select(table)
            .where(visible(table), table.c.dialogue_id == sa.any_(ids))
            .order_by(*order)
        ),
        sa.Uuid(),
    )


_GROUPS = _by_dialogue(stakeholder_groups, stakeholder_groups.c.version)
_SESSIONS = _by_dialogue(
    dialogue_sessions, dialogue_sessions.c.held_on, dialogue_sessions.c.version
)
_SURVEYS = _by_dialogue(
    trust_surveys, trust_surveys.c.wave, trust_surveys.c.group_key, trust_surveys.c.version
)


async def _each_dialogue(
    connection: AsyncConnection, select: ScopedSelect, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[Any]]:
    found: dict[UUID, list[Any]] = {dialogue_id: [] for dialogue_id in ids}
    for row in await connection.execute(*select.bound(scope, ids)):
        found[row.dialogue_id].append(row)
    return found


async def groups(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[GroupRow]]:
    rows = await _each_dialogue(connection, _GROUPS, scope, ids)
    return {
        dialogue_id: [
            GroupRow(r.dialogue_id, r.key, StakeholderKind(r.kind), r.name) for r in found
        ]
        for dialogue_id, found in rows.items()
    }


async def sessions(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[SessionRow]]:
    rows = await _each_dialogue(connection, _SESSIONS, scope, ids)
    return {
        dialogue_id: [
            SessionRow(
                r.dialogue_id, r.session_id, SessionKind(r.kind), r.held_on, r.attendance, r.summary
            )
            for r in found
        ]
        for dialogue_id, found in rows.items()
    }


async def surveys(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[SurveyRow]]:
    rows = await _each_dialogue(connection, _SURVEYS, scope, ids)
    return {
        dialogue_id: [
            SurveyRow(
                r.dialogue_id, r.wave, r.surveyed_on, r.group_key, r.respondents, r.trust_score
            )
            for r in found
        ]
        for dialogue_id, found in rows.items()
    }
