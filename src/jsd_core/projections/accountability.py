"""The accountability report of one dialogue, computed from cases and actions for a given day.

Nothing here is stored: "overdue" depends on the day asked about, so the
report is a query run for the `today` the caller passes.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.domain.vocabulary import ActionStatus, CaseStatus, CloseReason
from jsd_core.projections.rows import AccountabilityRow, GroupAccountabilityRow
from jsd_core.projections.tables import actions, cases
from jsd_core.projections.visibility import Visible

_OPEN = [CaseStatus.RAISED.value, CaseStatus.AGREED.value, CaseStatus.IN_PROGRESS.value]
_DONE = [ActionStatus.COMPLETED.value, ActionStatus.VERIFIED.value]
_SECONDS_PER_DAY = 86400.0


def _count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.count().filter(condition)


async def accountability(
    connection: AsyncConnection, visible: Visible, dialogue_id: UUID, today: date
) -> AccountabilityRow:
    """Open and resolved cases, time to resolution, and each assignee group's record.

    `visible(table)` is the caller's scope as a condition on that table's rows.
    """
    c, a = cases.c, actions.c
    resolved = sa.or_(
        c.status == CaseStatus.RESOLVED.value,
        sa.and_(c.status == CaseStatus.CLOSED.value, c.close_reason == CloseReason.RESOLVED.value),
    )
    days = sa.extract("epoch", c.resolved_at - c.raised_at) / _SECONDS_PER_DAY
    totals = (
        await connection.execute(
            sa.select(
                _count(c.status.in_(_OPEN)),
                _count(resolved),
                sa.func.percentile_cont(0.5).within_group(days).filter(resolved),
            ).where(c.dialogue_id == dialogue_id, visible(cases))
        )
    ).one()
    done = a.status.in_(_DONE)
    groups = await connection.execute(
        sa.select(
            a.assignee,
            sa.func.count(),
            _count(done),
            _count(a.status == ActionStatus.VERIFIED.value),
            _count(sa.and_(a.status == ActionStatus.OPEN.value, a.due_on < today)),
            _count(sa.and_(done, a.completed_on <= a.due_on)),
        )
        .where(
            a.dialogue_id == dialogue_id,
            a.status != ActionStatus.CANCELLED.value,
            visible(actions),
        )
        .group_by(a.assignee)
        .order_by(a.assignee)
    )
    return AccountabilityRow(
        open_cases=totals[0],
        resolved_cases=totals[1],
        median_days_to_resolution=float(totals[2]) if totals[2] is not None else None,
        by_group=[
            GroupAccountabilityRow(
                group_key=key,
                assigned=assigned,
                completed=completed,
                verified=verified,
                overdue=overdue,
                on_time_rate=on_time / completed if completed else None,
            )
            for key, assigned, completed, verified, overdue, on_time in groups
        ],
    )
