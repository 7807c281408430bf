"""Histories, time travel and hash-chain verification: auditors and admins only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.ids import parse_id
from jsd_api.graphql.types.action import group_keys
from jsd_api.graphql.types.audit import CaseRevision, CaseState, ChainVerification, Revisions
from jsd_api.graphql.types.groups import groups_of
from jsd_api.graphql.types.selection import selected
from jsd_core.access import check_audit
from jsd_core.audit.history import case_as_of, case_history
from jsd_core.audit.state import CaseState as ReplayedState
from jsd_core.audit.verify import verify_stream
from jsd_core.store import parse_cursor


class CanAudit(BasePermission):
    """Auditors and admins; anyone else gets FORBIDDEN naming the permission, never data."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        check_audit(info.context.principal)  # ForbiddenError: reported as FORBIDDEN
        return True


def _check_page(first: int | None, after: str | None) -> None:
    if first is not None and first < 1:
        raise InputError(f"first must be 1 or more, got {first}", ("first",))
    parse_cursor(after)  # refuses a cursor this service did not hand out


async def _revisions(info: Info, states: Sequence[ReplayedState], *path: str) -> Revisions:
    """What turns the states into GraphQL ones, with the groups their actions name when
    the operation asks for their actions (at `path`)."""
    if "actions" not in selected(info, *path):
        return Revisions(None)
    if not states:
        return Revisions({})
    keys = group_keys(action for state in states for action in state.actions)
    return Revisions(await groups_of(info, states[0].dialogue_id, keys))


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="Every event of a case with the state right after it (auditors); "
        "`after` (an event's `position`) and `first` read it a page at a time.",
        permission_classes=[CanAudit],
    )
    async def case_history(
        self, info: Info, id: strawberry.ID, first: int | None = None, after: str | None = None
    ) -> list[CaseRevision]:
        case_id = parse_id(id, "Case", ("id",))
        _check_page(first, after)
        store = info.context.services.store
        page = await case_history(store, case_id, after=after, first=first)
        revisions = await _revisions(info, [revision.state for revision in page], "state")
        return revisions.revisions(page)

    @strawberry.field(
        description="A case as it stood at a moment or a version (auditors); null before it "
        "existed.",
        permission_classes=[CanAudit],
    )
    async def case_as_of(
        self,
        info: Info,
        id: strawberry.ID,
        at: datetime | None = None,
        version: int | None = None,
    ) -> CaseState | None:
        case_id = parse_id(id, "Case", ("id",))
        if version is not None and version < 1:
            raise InputError(f"version must be 1 or more, got {version}", ("version",))
        state = await case_as_of(info.context.services.store, case_id, at=at, version=version)
        if state is None:
            return None
        return (await _revisions(info, [state])).state(state)

    @strawberry.field(
        description="Recompute the case's hash chain from its stored events (auditors).",
        permission_classes=[CanAudit],
    )
    async def verify_case(self, info: Info, id: strawberry.ID) -> ChainVerification:
        case_id = parse_id(id, "Case", ("id",))
        return ChainVerification.of(await verify_stream(info.context.services.pool, case_id))
