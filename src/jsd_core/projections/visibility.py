"""The one place a caller's scope limits what it reads from the read models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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


ORGANIZATIONS = "visible_organizations"
IDS = "ids"
Build = Callable[[Visible, sa.BindParameter[Sequence[Any]]], sa.Select[Any]]


class ScopedSelect:
    """A statement built once, with the scope's organisations and the ids it looks up as
    array parameters (`= ANY(...)`): every call finds it compiled, where a statement
    built per call, its lists spelled out, costs more to build and render than the
    read it makes. Built twice: for a scope of some organisations, and for all."""

    def __init__(self, build: Build, id_type: sa.types.TypeEngine[Any]) -> None:
        ids = sa.bindparam(IDS, type_=postgresql.ARRAY(id_type))
        wanted = sa.bindparam(ORGANIZATIONS, type_=postgresql.ARRAY(sa.Text))
        self._some = build(lambda table: table.c.organization == sa.any_(wanted), ids)
        self._all = build(lambda table: sa.true(), ids)

    def bound(self, scope: Scope, ids: Sequence[Any]) -> tuple[sa.Select[Any], dict[str, Any]]:
        """The statement for the scope, and its parameters."""
        if scope.organizations is None:
            return self._all, {IDS: list(ids)}
        return self._some, {IDS: list(ids), ORGANIZATIONS: sorted(scope.organizations)}
