"""What auditors read: a case's state rebuilt from its events, and its hash chain checked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import strawberry

from jsd_api.graphql.types.action import Action
from jsd_api.graphql.types.case_events import CaseTimelineItem
from jsd_api.graphql.types.groups import Groups
from jsd_api.graphql.types.timeline import timeline_item
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus, CloseReason
from jsd_core.audit.chain import ChainVerification as ChainResult
from jsd_core.audit.history import CaseRevision as Revision
from jsd_core.audit.state import ActionState
from jsd_core.audit.state import CaseState as ReplayedState


# Plain values only: a history of 1,000 events is some 20,000 fields, and a resolver
# per field would cost more than everything else the query does.
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


@strawberry.type(description="One event of a case and the state right after it.")
class CaseRevision:
    event: CaseTimelineItem
    state: CaseState


class Revisions:
    """Turns replayed states into GraphQL ones, sharing what one state has in common with
    the last: the replay keeps an unchanged action as the same object, and on the same
    day its GraphQL action is the same too."""

    def __init__(self, groups: Groups | None) -> None:
        # Every group the states' actions name; None when the operation does not ask
        # for the actions at all (they are then left out: nothing would read them).
        self.groups = groups
        # By identity, as the replay shares them; keeping each action alive in the value
        # means its id cannot be taken by another object meanwhile.
        self._actions: dict[tuple[int, date], tuple[ActionState, Action]] = {}

    def state(self, state: ReplayedState) -> CaseState:
        day = state.as_of.date()
        return CaseState(
            case_id=strawberry.ID(str(state.case_id)),
            version=state.version,
            as_of=state.as_of,
            title=state.title,
            # The replay's values are the domain's enums, which are the API's too.
            status=state.status,
            category=state.category,
            severity=state.severity,
            priority=state.priority,
            agreed_by=list(state.agreed_by),
            actions=[self._action(action, day) for action in state.actions]
            if self.groups is not None
            else [],
            close_reason=state.close_reason,
            outcome=state.outcome,
        )

    def revisions(self, revisions: Sequence[Revision]) -> list[CaseRevision]:
        return [
            CaseRevision(
                event=timeline_item(revision.event, revision.state.dialogue_id, revision.change),
                state=self.state(revision.state),
            )
            for revision in revisions
        ]

    def _action(self, action: ActionState, day: date) -> Action:
        key = (id(action), day)
        known = self._actions.get(key)
        if known is None:
            groups = self.groups or {}
            known = self._actions[key] = (action, Action.of(action, groups, day))
        return known[1]


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
