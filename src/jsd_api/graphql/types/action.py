"""Actions: what one group committed to, by when, and what became of it."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.groups import StakeholderGroup, stakeholder_group
from jsd_api.graphql.types.vocabulary import ActionStatus


class ActionLike(Protocol):
    """An action as the read model or an audit replay holds it."""

    @property
    def action_id(self) -> UUID: ...
    @property
    def description(self) -> str: ...
    @property
    def assignee(self) -> str: ...
    @property
    def due_on(self) -> date: ...
    @property
    def status(self) -> ActionStatus: ...
    @property
    def completed_on(self) -> date | None: ...
    @property
    def verified_by(self) -> str | None: ...


@strawberry.type(description="A concrete step one group committed to, by a date.")
class Action:
    action_id: strawberry.ID
    description: str
    due_on: date
    status: ActionStatus
    overdue: bool = strawberry.field(
        description="OPEN and due before today (for a past state: before that state's day)."
    )
    completed_on: date | None
    dialogue_id: strawberry.Private[UUID]
    assignee_key: strawberry.Private[str]
    verified_by_key: strawberry.Private[str | None]

    @strawberry.field(description="The group that committed to the action.")
    async def assignee(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.assignee_key)

    @strawberry.field(description="The other group that confirmed it was done.")
    async def verified_by(self, info: Info) -> StakeholderGroup | None:
        if self.verified_by_key is None:
            return None
        return await stakeholder_group(info, self.dialogue_id, self.verified_by_key)

    @classmethod
    def of(cls, action: ActionLike, dialogue_id: UUID, today: date) -> Action:
        status = ActionStatus(action.status)
        return cls(
            action_id=strawberry.ID(str(action.action_id)),
            description=action.description,
            due_on=action.due_on,
            status=status,
            overdue=status is ActionStatus.OPEN and action.due_on < today,
            completed_on=action.completed_on,
            dialogue_id=dialogue_id,
            assignee_key=action.assignee,
            verified_by_key=action.verified_by,
        )
