"""The one place a caller's scope limits what it reads from the read models."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

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


ORGANIZATION = "visible_organization"
ORGANIZATIONS = "visible_organizations"
IDS = "ids"
S = TypeVar("S")
Build = Callable[[Visible, sa.BindParameter[Sequence[Any]]], sa.Select[Any]]


class Scoped(Generic[S]):
    """Statements built once per kind of scope, with the scope's organisations as
    parameters: every call finds them compiled, where statements built per call cost
    more to build and render than the reads they make. Three kinds: one organisation
    (`organization = :visible_organization`: an index led by the organisation then
    walks in its order), several (`= ANY(:visible_organizations)`), and all. A table
    whose index has the organisation as an array key (see `visible_to`) gets the
    condition in that form, `ARRAY[organization] && :visible_organizations`."""

    def __init__(self, build: Callable[[Visible], S]) -> None:
        one = sa.bindparam(ORGANIZATION, type_=sa.Text)
        some = sa.bindparam(ORGANIZATIONS, type_=postgresql.ARRAY(sa.Text))

        def scoped(equal: Callable[[sa.Table], sa.ColumnElement[bool]]) -> Visible:
            def condition(table: sa.Table) -> sa.ColumnElement[bool]:
                if table.info.get("organization_array_key"):
                    overlap: sa.ColumnElement[bool] = postgresql.array(
                        [table.c.organization]
                    ).overlap(some)
                    return overlap
                return equal(table)

            return condition

        self._one = build(scoped(lambda table: table.c.organization == one))
        self._some = build(scoped(lambda table: table.c.organization == sa.any_(some)))
        self._all = build(lambda table: sa.true())

    def bound(self, scope: Scope) -> tuple[S, dict[str, Any]]:
        """What was built for the scope, and the scope's parameters."""
        organizations = scope.organizations
        if organizations is None:
            return self._all, {}
        wanted = sorted(organizations)
        if len(wanted) == 1:
            return self._one, {ORGANIZATION: wanted[0], ORGANIZATIONS: wanted}
        return self._some, {ORGANIZATIONS: wanted}


class ScopedSelect:
    """A lookup by ids, built once per kind of scope (`Scoped`), the ids an array
    parameter (`= ANY(:ids)`)."""

    def __init__(self, build: Build, id_type: sa.types.TypeEngine[Any]) -> None:
        ids = sa.bindparam(IDS, type_=postgresql.ARRAY(id_type))
        self._statements = Scoped(lambda visible: build(visible, ids))

    def bound(self, scope: Scope, ids: Sequence[Any]) -> tuple[sa.Select[Any], dict[str, Any]]:
        """The statement for the scope, and its parameters."""
        statement, parameters = self._statements.bound(scope)
        return statement, {**parameters, IDS: list(ids)}
