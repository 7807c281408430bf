"""What a dialogue records of its meetings: sessions with attendance, and trust surveys."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.groups import StakeholderGroup, stakeholder_group
from jsd_api.graphql.types.vocabulary import SessionKind
from jsd_core.projections.read import SessionRow, SurveyRow


@strawberry.type(description="How many people of one group came to a session.")
class Attendance:
    count: int
    dialogue_id: strawberry.Private[UUID]
    group_key: strawberry.Private[str]

    @strawberry.field(description="The group.")
    async def group(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.group_key)


@strawberry.type(description="A meeting of the dialogue.")
class DialogueSession:
    session_id: strawberry.ID
    kind: SessionKind
    held_on: date
    summary: str | None
    row: strawberry.Private[SessionRow]

    @strawberry.field(description="How many of each group attended.")
    def attendance(self) -> list[Attendance]:
        return [
            Attendance(count=count, dialogue_id=self.row.dialogue_id, group_key=key)
            for key, count in self.row.attendance.items()
        ]


@strawberry.type(description="One wave of a group's perception survey: trust, 0..100.")
class TrustSurvey:
    wave: int
    surveyed_on: date
    respondents: int
    trust_score: float = strawberry.field(description="0 (no trust) to 100.")
    row: strawberry.Private[SurveyRow]

    @strawberry.field(description="The group surveyed.")
    async def group(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.row.dialogue_id, self.row.group_key)
