"""Histories, time travel and hash-chain verification: auditors and admins only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.ids import parse_id
from jsd_api.graphql.types.audit import CaseRevision, CaseState, ChainVerification
from jsd_core.access import check_audit
from jsd_core.audit.history import case_as_of, case_history
from jsd_core.audit.verify import verify_stream


class CanAudit(BasePermission):
    """Auditors and admins; anyone else gets FORBIDDEN naming the permission, never data."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        check_audit(info.context.principal)  # ForbiddenError: reported as FORBIDDEN
        return True


@strawberry.type
class AuditQueries:
    @strawberry.field(
        description="Every event of a case with the state right after it (auditors).",
        permission_classes=[CanAudit],
    )
    async def case_history(self, info: Info, id: strawberry.ID) -> list[CaseRevision]:
        case_id = parse_id(id, "Case", ("id",))
        revisions = await case_history(info.context.services.store, case_id)
        return [CaseRevision.of(revision) for revision in revisions]

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
        return CaseState.of(state) if state else None

    @strawberry.field(
        description="Recompute the case's hash chain from its stored events (auditors).",
        permission_classes=[CanAudit],
    )
    async def verify_case(self, info: Info, id: strawberry.ID) -> ChainVerification:
        case_id = parse_id(id, "Case", ("id",))
        return ChainVerification.of(await verify_stream(info.context.services.pool, case_id))
