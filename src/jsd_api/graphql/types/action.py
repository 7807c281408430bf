"""Actions: what one group committed to, by when, and what became of it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol
from uuid import UUID

import strawberry

from jsd_api.graphql.types.groups import Groups, StakeholderGroup
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


# Every field is a plain value, groups included: a page of cases or a long history
# lists thousands of actions, and a resolver per field would cost more than the data.
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
    assignee: StakeholderGroup = strawberry.field(
        description="The group that committed to the action."
    )
    verified_by: StakeholderGroup | None = strawberry.field(
        description="The other group that confirmed it was done."
    )

    @classmethod
    def of(cls, action: ActionLike, groups: Groups, today: date) -> Action:
        """`groups` holds the groups of the action's dialogue (see `groups_of`)."""
        status = action.status
        verified_by = action.verified_by
        return cls(
            action_id=strawberry.ID(str(action.action_id)),
            description=action.description,
            due_on=action.due_on,
            status=status,
            overdue=status == ActionStatus.OPEN and action.due_on < today,
            completed_on=action.completed_on,
            assignee=groups[action.assignee],
            verified_by=groups[verified_by] if verified_by is not None else None,
        )


def group_keys(actions: Iterable[ActionLike]) -> set[str]:
    """The keys of every group the actions name (assignees and verifiers)."""
    keys: set[str] = set()
    for action in actions:
        keys.add(action.assignee)
        if action.verified_by is not None:
            keys.add(action.verified_by)
    return keys
