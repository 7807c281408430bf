"""Pages of a filtered case list (without a search, see `search` for that), newest first.

The statements of a list depend only on which filter fields are set, whether it
continues after a cursor, and the kind of scope; each is built once, its values
bound as parameters (`filter_values`), so a list costs its reads and little more.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.projections import direct
from jsd_core.projections.case_queries import (
    CASE_COLUMNS,
    Columns,
    FilterShape,
    case_row,
    filter_conditions,
)
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import CaseRow
from jsd_core.projections.tables import cases
from jsd_core.projections.visibility import Scoped, Visible

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


class PageShape(NamedTuple):
    filter: FilterShape
    after: bool  # continues after a cursor


class PageStatements(NamedTuple):
    total: sa.Select[Any]  # how many match
    walk: sa.Select[Any]  # every match, newest first, to the page's end
    newest: sa.Select[Any] | None  # the matches among the newest WALK visible cases
    sort: sa.Select[Any]  # the matches, sorted


async def case_page(
    connection: AsyncConnection,
    scope: Scope,
    shape: PageShape,
    values: dict[str, Any],
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
    statements, visible = _statements(shape).bound(scope)
    parameters = {**page_parameters(values, visible, after, first), "walk": WALK}
    total = await direct.value(connection, statements.total, parameters)
    if not total:
        return [], 0
    if total >= SORT_MATCHES_BELOW:
        return await cases_of(connection, statements.walk, parameters), total
    if statements.newest is not None:
        found = await cases_of(connection, statements.newest, parameters)
        if len(found) > first:
            return found, total
    return await cases_of(connection, statements.sort, parameters), total


async def cases_of(
    connection: AsyncConnection, statement: sa.Select[Any], parameters: dict[str, Any]
) -> list[CaseRow]:
    """The rows a page's statement reads, as CaseRow."""
    return [case_row(row) for row in await direct.rows(connection, statement, parameters)]


@functools.cache
def _statements(shape: PageShape) -> Scoped[PageStatements]:
    return Scoped(lambda visible: _build(shape, visible))


def _build(shape: PageShape, visible: Visible) -> PageStatements:
    c = cases.c
    seen = visible(cases)
    condition = sa.and_(seen, *filter_conditions(shape.filter))
    later = cursor_condition(shape, c)
    page = page_limit()
    newest_first = (c.raised_at.desc(), c.case_id.desc())
    total = sa.select(sa.func.count()).select_from(cases).where(condition)
    walk = sa.select(*CASE_COLUMNS).where(condition, later).order_by(*newest_first).limit(page)
    newest = None
    if not shape.filter.assignee:
        walked = (
            sa.select(*WALKED_COLUMNS)
            .where(seen, later)
            .order_by(*newest_first)
            .limit(sa.bindparam("walk", type_=sa.Integer))
            .subquery("walked")
        )
        w = walked.c
        matches = sa.select(w.case_id, w.raised_at).where(*filter_conditions(shape.filter, w))
        newest = _page_of(matches.subquery("matches"), page)
    matches = sa.select(c.case_id, c.raised_at).where(condition, later)
    sort = _page_of(matches.cte("matches").prefix_with("MATERIALIZED"), page)
    return PageStatements(total, walk, newest, sort)


def cursor_condition(shape: PageShape, c: Columns) -> sa.ColumnElement[bool]:
    """Newer than the cursor's sort key (its parameters `after_raised_at` and
    `after_case_id`) for a list that continues after one; else always true."""
    if not shape.after:
        return sa.true()
    cursor = sa.tuple_(
        sa.bindparam("after_raised_at", type_=sa.DateTime(timezone=True)),
        sa.bindparam("after_case_id", type_=sa.Uuid()),
    )
    return sa.tuple_(c.raised_at, c.case_id) < cursor


def page_parameters(
    values: dict[str, Any], visible: dict[str, Any], after: SortKey | None, first: int
) -> dict[str, Any]:
    """The parameters of a page's statements: the filter's values, the scope's, the
    page's size (`page_limit`) and the cursor's sort key (`cursor_condition`)."""
    parameters = {**values, **visible, "page": first + 1}
    if after is not None:
        parameters["after_raised_at"], parameters["after_case_id"] = after
    return parameters


def page_limit() -> sa.BindParameter[int]:
    """The page's size and one more (parameter `page`): whether there is a next page."""
    return sa.bindparam("page", type_=sa.Integer)


def _page_of(keys: sa.Subquery | sa.CTE, page: sa.BindParameter[int]) -> sa.Select[Any]:
    """The cases of the newest `page` of these keys (case_id, raised_at)."""
    chosen = (
        sa.select(keys.c.case_id)
        .order_by(keys.c.raised_at.desc(), keys.c.case_id.desc())
        .limit(page)
        .subquery("chosen")
    )
    c = cases.c
    query = sa.select(*CASE_COLUMNS).join(chosen, chosen.c.case_id == c.case_id)
    return query.order_by(c.raised_at.desc(), c.case_id.desc())
