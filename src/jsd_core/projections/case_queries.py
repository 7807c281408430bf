"""How a CaseFilter becomes SQL, and how rows of cases and actions become CaseRow and ActionRow."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.domain.errors import InvalidInputError
from jsd_core.domain.vocabulary import ActionStatus, CaseCategory, CaseStatus, CloseReason
from jsd_core.projections import direct
from jsd_core.projections.rows import ActionRow, CaseFilter, CaseRow
from jsd_core.projections.tables import actions, by_position, cases, columns_for
from jsd_core.projections.visibility import ScopedSelect

_TEXTS = postgresql.ARRAY(sa.Text)

Columns = sa.ColumnCollection[str, sa.ColumnElement[Any]]

SEARCH_LIMIT = 200
CASE_COLUMNS = columns_for(cases, CaseRow)
ACTION_COLUMNS = columns_for(actions, ActionRow)


class FilterShape(NamedTuple):
    """Which fields of a CaseFilter are set (and for `overdue`, to what): the statements
    of a list depend on this alone, its values are parameters."""

    dialogue: bool
    country: bool
    status: bool
    category: bool
    assignee: bool
    overdue: bool | None


def filter_values(filter: CaseFilter, today: date) -> tuple[FilterShape, dict[str, Any]]:
    """The filter's shape, and its values as the parameters of `filter_conditions`;
    InvalidInputError for a value no case could hold (nothing is read)."""
    values: dict[str, Any] = {}
    if filter.dialogue_id is not None:
        values["dialogue_id"] = filter.dialogue_id
    if filter.country is not None:
        values["country"] = storable(filter.country, "country").upper()
    if filter.status is not None:
        values["statuses"] = _values(CaseStatus, filter.status, "status")
    if filter.category is not None:
        values["categories"] = _values(CaseCategory, filter.category, "category")
    if filter.assignee is not None:
        values["assignee"] = [storable(filter.assignee, "assignee")]
    if filter.overdue is not None:
        values["today"] = today
    shape = FilterShape(
        dialogue="dialogue_id" in values,
        country="country" in values,
        status="statuses" in values,
        category="categories" in values,
        assignee="assignee" in values,
        overdue=filter.overdue,
    )
    return shape, values


def filter_conditions(shape: FilterShape, c: Columns = cases.c) -> list[sa.ColumnElement[bool]]:
    """One condition per field set, on the columns of `cases` or of a selection of them,
    each value a bound parameter named as `filter_values` names it."""
    conditions: list[sa.ColumnElement[bool]] = []
    if shape.dialogue:
        conditions.append(c.dialogue_id == sa.bindparam("dialogue_id", type_=sa.Uuid()))
    if shape.country:
        conditions.append(c.country == sa.bindparam("country", type_=sa.Text))
    if shape.status:
        conditions.append(c.status == sa.any_(sa.bindparam("statuses", type_=_TEXTS)))
    if shape.category:
        conditions.append(c.category == sa.any_(sa.bindparam("categories", type_=_TEXTS)))
    if shape.assignee:
        conditions.append(c.assignees.contains(sa.bindparam("assignee", type_=_TEXTS)))
    if shape.overdue is not None:
        today = sa.bindparam("today", type_=sa.Date)
        if shape.overdue:
            conditions.append(c.next_due_on < today)
        else:
            conditions.append(sa.or_(c.next_due_on.is_(None), c.next_due_on >= today))
    return conditions


def search_text(filter: CaseFilter) -> str | None:
    """The filter's search, checked; None without one."""
    if filter.search is None or not filter.search.strip():
        return None
    if len(filter.search) > SEARCH_LIMIT:
        raise InvalidInputError(
            f"search may hold at most {SEARCH_LIMIT} characters", ("filter", "search")
        )
    return storable(filter.search, "search")


def storable(text: str, name: str, path: tuple[str, ...] = ("filter",)) -> str:
    """Text PostgreSQL can compare: a NUL character would fail the query, not match."""
    if "\x00" in text:
        raise InvalidInputError(f"{name} contains a NUL character", (*path, name))
    return text


def _values(enum: type[StrEnum], members: Iterable[str], name: str) -> list[str]:
    try:
        return [enum(member).value for member in members]
    except ValueError:
        known = ", ".join(enum)
        raise InvalidInputError(f"{name} takes only {known}", ("filter", name)) from None


_CASES_BY_ID = ScopedSelect(
    lambda visible, ids: sa.select(*CASE_COLUMNS).where(
        visible(cases), cases.c.case_id == sa.any_(ids)
    ),
    sa.Uuid(),
)
_ACTIONS_BY_CASE = ScopedSelect(
    lambda visible, ids: (
        sa.select(*ACTION_COLUMNS)
        .where(visible(actions), actions.c.case_id == sa.any_(ids))
        .order_by(actions.c.case_id, actions.c.version)
    ),
    sa.Uuid(),
)


async def case_rows(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, CaseRow]:
    """The cases with these ids that exist and the scope may see."""
    rows = await direct.rows(connection, *_CASES_BY_ID.bound(scope, ids))
    return {case.case_id: case for case in map(case_row, rows)}


async def actions_of(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[ActionRow]]:
    """Each case's actions in the order they were assigned; [] for unknown or hidden ones."""
    rows = await direct.rows(connection, *_ACTIONS_BY_CASE.bound(scope, ids))
    found: dict[UUID, list[ActionRow]] = {case_id: [] for case_id in ids}
    for action in map(action_row, rows):
        found[action.case_id].append(action)
    return found


# Rows read with CASE_COLUMNS and ACTION_COLUMNS.
case_row = by_position(
    CaseRow,
    category=CaseCategory,
    status=CaseStatus,
    agreed_by=tuple,
    close_reason=CloseReason,
)
action_row = by_position(ActionRow, status=ActionStatus)
