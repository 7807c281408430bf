"""The stored events of a case, one GraphQL type per event type, as domain.md names them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.groups import StakeholderGroup, stakeholder_group, stakeholder_groups
from jsd_api.graphql.types.vocabulary import CaseCategory, CloseReason


@strawberry.interface(description="Every stored event, as the log holds it.")
class CaseEvent:
    event_id: strawberry.ID
    position: str = strawberry.field(description="Opaque cursor of the global order.")
    version: int = strawberry.field(description="The event's version within its case, from 1.")
    type: str = strawberry.field(description='The stored event type, e.g. "CaseRaised".')
    recorded_at: datetime
    actor: str = strawberry.field(description="The principal that issued the command.")
    hash: str = strawberry.field(description="Hex sha256 of this event, chained to the last.")
    dialogue_id: strawberry.Private[UUID]


@strawberry.type(description="A group of the dialogue brought a problem to it.")
class CaseRaised(CaseEvent):
    title: str
    description: str
    category: CaseCategory
    severity: int
    location: str | None
    raised_by_key: strawberry.Private[str]

    @strawberry.field(description="The group that raised the case.")
    async def raised_by(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.raised_by_key)


@strawberry.type(description="Providers and community agreed the problem is theirs to solve.")
class CaseAgreed(CaseEvent):
    priority: int | None
    statement: str | None
    agreed_by_keys: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The groups that agreed, providers and community together.")
    async def agreed_by(self, info: Info) -> list[StakeholderGroup]:
        return await stakeholder_groups(info, self.dialogue_id, self.agreed_by_keys)


@strawberry.type(description="A group committed to a concrete step by a date.")
class ActionAssigned(CaseEvent):
    action_id: strawberry.ID
    description: str
    due_on: date
    assignee_key: strawberry.Private[str]

    @strawberry.field(description="The group that committed to the action.")
    async def assignee(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.assignee_key)


@strawberry.type(description="Word on how an open action is going.")
class ActionProgressReported(CaseEvent):
    action_id: strawberry.ID
    note: str


@strawberry.type(description="An open action's due date moved.")
class ActionRescheduled(CaseEvent):
    action_id: strawberry.ID
    due_on: date
    reason: str


@strawberry.type(description="The assignee reported the action done.")
class ActionCompleted(CaseEvent):
    action_id: strawberry.ID
    completed_on: date
    note: str | None


@strawberry.type(description="Another group confirmed the action was really done.")
class ActionVerified(CaseEvent):
    action_id: strawberry.ID
    note: str | None
    verified_by_key: strawberry.Private[str]

    @strawberry.field(description="The group that confirmed it, never the assignee.")
    async def verified_by(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.verified_by_key)


@strawberry.type(description="An open action was dropped.")
class ActionCancelled(CaseEvent):
    action_id: strawberry.ID
    reason: str


@strawberry.type(description="The case was taken to a body beyond the dialogue.")
class CaseEscalated(CaseEvent):
    escalated_to: str
    reason: str


@strawberry.type(description="Every action finished, at least one done: what changed.")
class CaseResolved(CaseEvent):
    outcome: str


@strawberry.type(description="The problem came back, or the case was closed too soon.")
class CaseReopened(CaseEvent):
    reason: str


@strawberry.type(description="The case was closed, resolved or for another reason.")
class CaseClosed(CaseEvent):
    reason: CloseReason
    note: str | None
    duplicate_of: strawberry.ID | None


CaseTimelineItem = Annotated[
    CaseRaised
    | CaseAgreed
    | ActionAssigned
    | ActionProgressReported
    | ActionRescheduled
    | ActionCompleted
    | ActionVerified
    | ActionCancelled
    | CaseEscalated
    | CaseResolved
    | CaseReopened
    | CaseClosed,
    strawberry.union("CaseTimelineItem", description="One event of a case's history."),
]

ITEM_TYPES: dict[str, type[CaseEvent]] = {
    cls.__name__: cls
    for cls in (
        CaseRaised,
        CaseAgreed,
        ActionAssigned,
        ActionProgressReported,
        ActionRescheduled,
        ActionCompleted,
        ActionVerified,
        ActionCancelled,
        CaseEscalated,
        CaseResolved,
        CaseReopened,
        CaseClosed,
    )
}
