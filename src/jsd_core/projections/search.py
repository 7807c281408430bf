"""Pages of the cases a search matches (CaseFilter.search), through `case_search`.

Counting the matches exactly reads each match's `case_search` row (a GIN
index cannot answer alone), so the page is then taken the cheaper of two ways:
with many matches, by walking the cases newest first and stopping at the page's
end; with few, by sorting the matches (walking would pass over most cases).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.projections.case_queries import CASE_COLUMNS, case_row
from jsd_core.projections.paging import SortKey
from jsd_core.projections.rows import CaseRow
from jsd_core.projections.tables import case_search, cases

# From this many matches on, a page is found by walking: among N visible cases
# it passes about first × N / matches of them.
WALK_FROM_MATCHES = 4000


async def search_page(
    connection: AsyncConnection,
    found: sa.ColumnElement[bool],
    condition: sa.ColumnElement[bool],
    values: dict[str, Any],
    after: SortKey | None,
    first: int,
) -> tuple[list[CaseRow], int]:
    """Up to first + 1 cases after the sort key, newest first, and how many match in all.

    `found` (the search, and the caller's scope) holds on `case_search`;
    `condition` (the scope, and the other filters if any, whose parameters are
    `values`) on `cases`."""
    s, c = case_search.c, cases.c
    narrowed = bool(values)
    matched = sa.exists().where(s.case_id == c.case_id, found)
    if narrowed:
        counted = sa.select(sa.func.count()).select_from(cases).where(condition, matched)
    else:  # the scope holds on case_search too: no need to look at cases at all
        counted = sa.select(sa.func.count()).select_from(case_search).where(found)
    total = await connection.scalar(counted, values) or 0
    if not total:
        return [], 0
    newest_first = (c.raised_at.desc(), c.case_id.desc())
    later = sa.tuple_(c.raised_at, c.case_id) < after if after is not None else sa.true()
    if total >= WALK_FROM_MATCHES:
        query = sa.select(*CASE_COLUMNS).where(condition, later, matched)
    else:
        keys = sa.select(s.raised_at, s.case_id).where(found)
        if narrowed:
            keys = keys.join(cases, s.case_id == c.case_id).where(condition)
        matches = keys.cte("matches").prefix_with("MATERIALIZED")
        m = matches.c
        page = sa.select(m.case_id).order_by(m.raised_at.desc(), m.case_id.desc())
        if after is not None:
            page = page.where(sa.tuple_(m.raised_at, m.case_id) < after)
        chosen = page.limit(first + 1).subquery("chosen")
        query = sa.select(*CASE_COLUMNS).join(chosen, chosen.c.case_id == c.case_id)
    rows = await connection.execute(query.order_by(*newest_first).limit(first + 1), values)
    return [case_row(row) for row in rows], total
