"""The accountability report: who committed to what, and whether it was done."""

from __future__ import annotations

from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.groups import StakeholderGroup, stakeholder_group
from jsd_core.projections.read import AccountabilityRow


@strawberry.type(description="One group's record on the actions it committed to.")
class GroupAccountability:
    assigned: int = strawberry.field(
        description="Actions ever assigned to the group, cancelled ones excluded."
    )
    completed: int = strawberry.field(description="Of those, done: COMPLETED or VERIFIED.")
    verified: int = strawberry.field(description="Of those, confirmed by another group.")
    overdue: int = strawberry.field(description="OPEN actions due before today.")
    on_time_rate: float | None = strawberry.field(
        description="Done by the due date, divided by completed; null when none completed."
    )
    dialogue_id: strawberry.Private[UUID]
    group_key: strawberry.Private[str]

    @strawberry.field(description="The group.")
    async def group(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.group_key)


@strawberry.type(description="A dialogue's cases and commitments, as of today.")
class AccountabilityReport:
    open_cases: int = strawberry.field(description="Cases RAISED, AGREED or IN_PROGRESS.")
    resolved_cases: int = strawberry.field(
        description="Cases RESOLVED, or CLOSED with reason RESOLVED."
    )
    median_days_to_resolution: float | None = strawberry.field(
        description="From raisedAt to the CaseResolved event, over resolved cases."
    )
    by_group: list[GroupAccountability]

    @classmethod
    def of(cls, row: AccountabilityRow, dialogue_id: UUID) -> AccountabilityReport:
        return cls(
            open_cases=row.open_cases,
            resolved_cases=row.resolved_cases,
            median_days_to_resolution=row.median_days_to_resolution,
            by_group=[
                GroupAccountability(
                    assigned=group.assigned,
                    completed=group.completed,
                    verified=group.verified,
                    overdue=group.overdue,
                    on_time_rate=group.on_time_rate,
                    dialogue_id=dialogue_id,
                    group_key=group.group_key,
                )
                for group in row.by_group
            ],
        )
