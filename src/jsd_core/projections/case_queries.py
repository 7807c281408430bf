"""How a CaseFilter becomes SQL, and how rows of cases and actions become CaseRow and ActionRow."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.domain.errors import InvalidInputError
from jsd_core.domain.vocabulary import ActionStatus, CaseCategory, CaseStatus, CloseReason
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import ActionRow, CaseFilter, CaseRow
from jsd_core.projections.tables import actions, case_search, cases
from jsd_core.projections.visibility import ScopedSelect

Columns = sa.ColumnCollection[str, sa.ColumnElement[Any]]

SEARCH_LIMIT = 200
# How a page is taken from the matches (see case_page): walked to from this many on,
# else first looked for among the newest WALK visible cases.
SORT_MATCHES_BELOW = 20_000
WALK = 5000
# What `cases_by_organization` holds besides its keys: a filter on these alone is
# decided while walking that index, without reading the table (an assignee is not
# among them: a filter on one sorts its matches).
WALKED_COLUMNS = [
    cases.c[name]
    for name in (
        "raised_at",
        "case_id",
        "dialogue_id",
        "country",
        "status",
        "category",
        "next_due_on",
    )
]
CASE_COLUMNS = [cases.c[field.name] for field in dataclasses.fields(CaseRow)]
ACTION_COLUMNS = [
    actions.c[name]
    for name in (
        "action_id",
        "case_id",
        "description",
        "assignee",
        "due_on",
        "status",
        "completed_on",
        "verified_by",
    )
]


def case_conditions(
    filter: CaseFilter, today: date, c: Columns = cases.c
) -> list[sa.ColumnElement[bool]]:
    """One condition per field of the filter that is set, on the columns of `cases` or
    of a selection of them."""
    conditions: list[sa.ColumnElement[bool]] = []
    if filter.dialogue_id is not None:
        conditions.append(c.dialogue_id == filter.dialogue_id)
    if filter.country is not None:
        conditions.append(c.country == storable(filter.country, "country").upper())
    if filter.status is not None:
        conditions.append(c.status.in_(_values(CaseStatus, filter.status, "status")))
    if filter.category is not None:
        conditions.append(c.category.in_(_values(CaseCategory, filter.category, "category")))
    if filter.assignee is not None:
        conditions.append(c.assignees.contains([storable(filter.assignee, "assignee")]))
    if filter.overdue is True:
        conditions.append(c.next_due_on < today)
    elif filter.overdue is False:
        conditions.append(sa.or_(c.next_due_on.is_(None), c.next_due_on >= today))
    return conditions


def search_condition(filter: CaseFilter) -> sa.ColumnElement[bool] | None:
    """The filter's search, as a condition on `case_search`; None without one."""
    if filter.search is None or not filter.search.strip():
        return None
    if len(filter.search) > SEARCH_LIMIT:
        raise InvalidInputError(
            f"search may hold at most {SEARCH_LIMIT} characters", ("filter", "search")
        )
    # The text goes into the statement itself (quoted by SQLAlchemy): how many cases
    # a search matches decides its plan, and a plan made once for any text (which
    # PostgreSQL settles on after a few runs of one prepared statement) walks every
    # case for a common word.
    text = sa.literal(storable(filter.search, "search"), sa.Text, literal_execute=True)
    words = sa.func.websearch_to_tsquery(sa.literal_column("'simple'::regconfig"), text)
    return case_search.c.words.bool_op("@@")(words)


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


async def case_page(
    connection: AsyncConnection,
    visible: sa.ColumnElement[bool],
    filter: CaseFilter,
    today: date,
    after: SortKey | None,
    first: int,
) -> tuple[list[CaseRow], int]:
    """Up to first + 1 cases after the sort key, newest first, and how many match in all.

    Many matches (SORT_MATCHES_BELOW or more): walk the cases newest first until the
    page is full. Fewer: first walk only the newest WALK visible cases, through the
    index that holds what the filters test (a tenth of the cost of sorting every
    match when a page's worth is among them, as with overdue cases, mostly old ones
    but some recent); if the page is not full there, sort the matches (walking on
    would pass over most of the table before finding rare ones)."""
    c = cases.c
    condition = sa.and_(visible, *case_conditions(filter, today))
    total = await connection.scalar(sa.select(sa.func.count()).select_from(cases).where(condition))
    if not total:
        return [], 0
    later = sa.tuple_(c.raised_at, c.case_id) < after if after is not None else sa.true()
    newest_first = (c.raised_at.desc(), c.case_id.desc())
    if total >= SORT_MATCHES_BELOW:
        query = sa.select(*CASE_COLUMNS).where(condition, later).limit(first + 1)
        return await _cases(connection, query.order_by(*newest_first)), total
    if filter.assignee is None:
        walked = (
            sa.select(*WALKED_COLUMNS)
            .where(visible, later)
            .order_by(*newest_first)
            .limit(WALK)
            .subquery("walked")
        )
        w = walked.c
        keys = sa.select(w.case_id, w.raised_at).where(*case_conditions(filter, today, w))
        found = await _cases(connection, _page_of(keys.subquery("matches"), first))
        if len(found) > first:
            return found, total
    keys = sa.select(c.case_id, c.raised_at).where(condition, later)
    return await _cases(connection, _page_of(keys.cte().prefix_with("MATERIALIZED"), first)), total


def _page_of(keys: sa.Subquery | sa.CTE, first: int) -> sa.Select[Any]:
    """The cases of the newest first + 1 of these keys (case_id, raised_at)."""
    chosen = (
        sa.select(keys.c.case_id)
        .order_by(keys.c.raised_at.desc(), keys.c.case_id.desc())
        .limit(first + 1)
        .subquery("chosen")
    )
    c = cases.c
    query = sa.select(*CASE_COLUMNS).join(chosen, chosen.c.case_id == c.case_id)
    return query.order_by(c.raised_at.desc(), c.case_id.desc())


async def _cases(connection: AsyncConnection, query: sa.Select[Any]) -> list[CaseRow]:
    return [case_row(row) for row in await connection.execute(query)]


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
    rows = await connection.execute(*_CASES_BY_ID.bound(scope, ids))
    return {row.case_id: case_row(row) for row in rows}


async def actions_of(
    connection: AsyncConnection, scope: Scope, ids: Sequence[UUID]
) -> dict[UUID, list[ActionRow]]:
    """Each case's actions in the order they were assigned; [] for unknown or hidden ones."""
    rows = await connection.execute(*_ACTIONS_BY_CASE.bound(scope, ids))
    found: dict[UUID, list[ActionRow]] = {case_id: [] for case_id in ids}
    for row in rows:
        found[row.case_id].append(action_row(row))
    return found


def case_row(row: Any) -> CaseRow:
    return CaseRow(
        case_id=row.case_id,
        dialogue_id=row.dialogue_id,
        organization=row.organization,
        country=row.country,
        title=row.title,
        description=row.description,
        category=CaseCategory(row.category),
        severity=row.severity,
        location=row.location,
        status=CaseStatus(row.status),
        raised_by=row.raised_by,
        agreed_by=tuple(row.agreed_by),
        priority=row.priority,
        statement=row.statement,
        close_reason=CloseReason(row.close_reason) if row.close_reason else None,
        duplicate_of=row.duplicate_of,
        outcome=row.outcome,
        raised_at=row.raised_at,
        updated_at=row.updated_at,
        resolved_at=row.resolved_at,
        version=row.version,
    )


def action_row(row: Any) -> ActionRow:
    return ActionRow(
        action_id=row.action_id,
        case_id=row.case_id,
        description=row.description,
        assignee=row.assignee,
        due_on=row.due_on,
        status=ActionStatus(row.status),
        completed_on=row.completed_on,
        verified_by=row.verified_by,
    )
