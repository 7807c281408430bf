"""The one place a caller's scope limits what it reads from the read models."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from jsd_core.access import Scope

Visible = Callable[[sa.Table], sa.ColumnElement[bool]]
"""A scope as a condition on any read-model table: its rows the caller may see."""


def visible_to(scope: Scope) -> Visible:
    """Every read-model table carries `organization`; outside the scope, rows do not exist."""

    def condition(table: sa.Table) -> sa.ColumnElement[bool]:
        if scope.organizations is None:
            return sa.true()
        organizations = sorted(scope.organizations)
        if table.info.get("organization_array_key"):
            # The same condition, in the form in which that table's GIN index has
            # the organisation as a key (`ARRAY[organization]`): the index then
            # yields only the scope's rows, and no row is checked again.
            wanted = sa.cast(organizations, postgresql.ARRAY(sa.Text))
            overlap: sa.ColumnElement[bool] = postgresql.array([table.c.organization]).overlap(
                wanted
            )
            return overlap
        return table.c.organization.in_(organizations)

    return condition
