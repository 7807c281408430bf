"""What auditors read: a case's state rebuilt from its events, and its hash chain checked."""

from __future__ import annotations

from datetime import datetime

import strawberry

from jsd_api.graphql.types.action import Action
from jsd_api.graphql.types.case_events import CaseTimelineItem
from jsd_api.graphql.types.timeline import timeline_item
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus, CloseReason
from jsd_core.audit.chain import ChainVerification as ChainResult
from jsd_core.audit.history import CaseRevision as Revision
from jsd_core.audit.state import CaseState as ReplayedState


@strawberry.type(description="The state of a case as the domain model rebuilds it from its events.")
class CaseState:
    case_id: strawberry.ID
    version: int
    as_of: datetime = strawberry.field(description="recordedAt of the last event applied.")
    title: str
    status: CaseStatus
    category: CaseCategory
    severity: int
    priority: int | None
    agreed_by: list[str] = strawberry.field(description="Group keys.")
    actions: list[Action] = strawberry.field(
        description="Its actions; `overdue` is judged on the day of `asOf`."
    )
    close_reason: CloseReason | None
    outcome: str | None

    @classmethod
    def of(cls, state: ReplayedState) -> CaseState:
        day = state.as_of.date()
        return cls(
            case_id=strawberry.ID(str(state.case_id)),
            version=state.version,
            as_of=state.as_of,
            title=state.title,
            status=CaseStatus(state.status),
            category=CaseCategory(state.category),
            severity=state.severity,
            priority=state.priority,
            agreed_by=list(state.agreed_by),
            actions=[Action.of(action, state.dialogue_id, day) for action in state.actions],
            close_reason=CloseReason(state.close_reason) if state.close_reason else None,
            outcome=state.outcome,
        )


@strawberry.type(description="One event of a case and the state right after it.")
class CaseRevision:
    event: CaseTimelineItem
    state: CaseState

    @classmethod
    def of(cls, revision: Revision) -> CaseRevision:
        return cls(
            event=timeline_item(revision.event, revision.state.dialogue_id),
            state=CaseState.of(revision.state),
        )


@strawberry.type(description="The result of recomputing a stream's hash chain.")
class ChainVerification:
    valid: bool
    events: int = strawberry.field(description="How many events were checked.")
    head_hash: str | None
    first_invalid_version: int | None = strawberry.field(description="Null when valid.")
    reason: str | None = strawberry.field(description="Null when valid.")

    @classmethod
    def of(cls, result: ChainResult) -> ChainVerification:
        return cls(
            valid=result.valid,
            events=result.events,
            head_hash=result.head_hash,
            first_invalid_version=result.first_invalid_version,
            reason=result.reason,
        )
