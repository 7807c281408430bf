"""The one place a caller's scope limits what it reads from the read models."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from jsd_core.access import Scope

Visible = Callable[[sa.Table], sa.ColumnElement[bool]]
"""A scope as a condition on any read-model table: its rows the caller may see."""


def visible_to(scope: Scope) -> Visible:
    """Every read-model table carries `organization`; outside the scope, rows do not exist."""

    def condition(table: sa.Table) -> sa.ColumnElement[bool]:
        if scope.organizations is None:
            return sa.true()
        return table.c.organization.in_(sorted(scope.organizations))

    return condition
