"""Pages of the cases a search matches (CaseFilter.search), through `case_search`.

A search for one word, and no other filter, is counted in `case_words`. Any
other is counted by reading each match's `case_search` row (a GIN index cannot
answer alone). The page is then taken the cheaper of two ways: with many
matches, by walking the cases newest first and stopping at the page's end; with
few, by sorting the matches (walking would pass over most cases).

As for the other lists (see `case_pages`), the statements are built once per
shape of the filter and kind of scope. The search's text alone goes into the
statement itself (quoted by SQLAlchemy): how many cases a search matches
decides its plan, and a plan made once for any text (which PostgreSQL settles
on after a few runs of one prepared statement) walks every case for a common
word.
"""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.projections import direct
from jsd_core.projections.case_pages import (
    PageShape,
    cases_of,
    cursor_condition,
    page_limit,
    page_parameters,
)
from jsd_core.projections.case_queries import CASE_COLUMNS, filter_conditions
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import CaseRow
from jsd_core.projections.tables import case_search, case_words, cases
from jsd_core.projections.visibility import Scoped, Visible

# From this many matches on, a page is found by walking: among N visible cases
# it passes about first × N / matches of them.
WALK_FROM_MATCHES = 4000
SEARCH = "search"


class SearchStatements(NamedTuple):
    total: sa.Select[Any]  # how many match
    walk: sa.Select[Any]  # every match, newest first, to the page's end
    sort: sa.Select[Any]  # the matches, sorted


async def search_page(
    connection: AsyncConnection,
    scope: Scope,
    search: str,
    shape: PageShape,
    values: dict[str, Any],
    after: SortKey | None,
    first: int,
) -> tuple[list[CaseRow], int]:
    """Up to first + 1 cases after the sort key, newest first, and how many match in all;
    `values` are the parameters of the other filters (`filter_values`)."""
    statements, visible = _statements(shape).bound(scope)
    parameters = {**page_parameters(values, visible, after, first), SEARCH: search}
    total = await direct.value(connection, statements.total, parameters) or 0
    if not total:
        return [], 0
    chosen = statements.walk if total >= WALK_FROM_MATCHES else statements.sort
    return await cases_of(connection, chosen, parameters), total


@functools.cache
def _statements(shape: PageShape) -> Scoped[SearchStatements]:
    return Scoped(lambda visible: _build(shape, visible))


def _build(shape: PageShape, visible: Visible) -> SearchStatements:
    s, c = case_search.c, cases.c
    text = sa.bindparam(SEARCH, type_=sa.Text, literal_execute=True)
    tsquery = sa.func.websearch_to_tsquery(sa.literal_column("'simple'::regconfig"), text)
    found = sa.and_(visible(case_search), s.words.bool_op("@@")(tsquery))
    filters = filter_conditions(shape.filter)
    condition = sa.and_(visible(cases), *filters)
    later = cursor_condition(shape, c)
    page = page_limit()
    matched = sa.exists().where(s.case_id == c.case_id, found)
    if filters:
        total = sa.select(sa.func.count()).select_from(cases).where(condition, matched)
    else:  # the scope holds on case_search and case_words too: no need to look at cases
        total = _count(visible, tsquery, found)
    newest_first = (c.raised_at.desc(), c.case_id.desc())
    walk = sa.select(*CASE_COLUMNS).where(condition, later, matched)
    keys = sa.select(s.raised_at, s.case_id).where(found)
    if filters:
        keys = keys.join(cases, s.case_id == c.case_id).where(condition)
    m = keys.cte("matches").prefix_with("MATERIALIZED").c
    chosen = sa.select(m.case_id).order_by(m.raised_at.desc(), m.case_id.desc())
    if shape.after:
        chosen = chosen.where(cursor_condition(shape, m))
    picked = chosen.limit(page).subquery("chosen")
    sort = sa.select(*CASE_COLUMNS).join(picked, picked.c.case_id == c.case_id)
    return SearchStatements(
        total,
        walk.order_by(*newest_first).limit(page),
        sort.order_by(*newest_first).limit(page),
    )


def _count(
    visible: Visible, tsquery: sa.ColumnElement[Any], found: sa.ColumnElement[bool]
) -> sa.Select[Any]:
    """How many cases a search without other filters matches: for one word, its counts
    in `case_words` (one row per organisation); else its matches' rows, counted.
    PostgreSQL runs only the branch taken."""
    w = case_words.c
    text = sa.cast(tsquery, sa.Text)  # one word reads 'word', its ' and \\ doubled
    one_word = sa.and_(sa.func.numnode(tsquery) == 1, sa.func.right(text, 1) == "'")
    quoted = sa.func.substr(text, 2, sa.func.length(text) - 2)
    word = sa.func.replace(sa.func.replace(quoted, "''", "'"), "\\\\", "\\")
    in_words = sa.select(sa.func.coalesce(sa.func.sum(w.cases), 0))
    in_words = in_words.where(visible(case_words), w.word == word)
    in_rows = sa.select(sa.func.count()).select_from(case_search).where(found)
    return sa.select(
        sa.case((one_word, in_words.scalar_subquery()), else_=in_rows.scalar_subquery())
    )
