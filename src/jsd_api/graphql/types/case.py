"""Cases: one problem a dialogue identified, with its actions and its history."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self

import strawberry
from strawberry import relay

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.types.action import Action
from jsd_api.graphql.types.groups import StakeholderGroup, stakeholder_group, stakeholder_groups
from jsd_api.graphql.types.pagination import PageInfo, page_info, page_size
from jsd_api.graphql.types.timeline import (
    CaseTimelineConnection,
    CaseTimelineEdge,
    timeline_item,
)
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus, CloseReason
from jsd_core.codec import EVENT_TYPES
from jsd_core.projections.read import CaseRow
from jsd_core.store import parse_cursor

if TYPE_CHECKING:
    from jsd_api.graphql.types.dialogue import Dialogue


@strawberry.type(name="Case", description="One problem a dialogue identified, and its solution.")
class Case(relay.Node):
    case_id: strawberry.ID = strawberry.field(description="The aggregate's UUID.")
    title: str
    description: str
    category: CaseCategory
    severity: int = strawberry.field(description="1 (minor) to 5 (grave).")
    location: str | None
    status: CaseStatus
    priority: int | None
    statement: str | None = strawberry.field(description="What the groups agreed, in words.")
    close_reason: CloseReason | None
    duplicate_of: strawberry.ID | None
    outcome: str | None
    raised_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    version: int = strawberry.field(description="The number of events the case has.")
    row: strawberry.Private[CaseRow]

    @classmethod
    def resolve_id(cls, root: Self, *, info: Info) -> str:
        return str(root.row.case_id)

    @strawberry.field(description="The dialogue the case was raised in.")
    async def dialogue(
        self, info: Info
    ) -> Annotated[Dialogue, strawberry.lazy("jsd_api.graphql.types.dialogue")]:
        from jsd_api.graphql.types.dialogue import Dialogue

        row = await info.context.loaders.dialogues.load(self.row.dialogue_id)
        if row is None:
            raise LookupError(f"case {self.row.case_id} has no visible dialogue")
        return Dialogue.of(row)

    @strawberry.field(description="The group that raised the case.")
    async def raised_by(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.row.dialogue_id, self.row.raised_by)

    @strawberry.field(description="The provider and community groups that agreed on it.")
    async def agreed_by(self, info: Info) -> list[StakeholderGroup]:
        return await stakeholder_groups(info, self.row.dialogue_id, self.row.agreed_by)

    @strawberry.field(description="The actions agreed on, in the order they were assigned.")
    async def actions(self, info: Info) -> list[Action]:
        rows = await info.context.loaders.actions.load(self.row.case_id)
        today = info.context.today
        return [Action.of(row, self.row.dialogue_id, today) for row in rows]

    @strawberry.field(
        description="The case's events as the event store holds them, oldest first; "
        "`after` is an item's cursor, `types` keeps only those event types."
    )
    async def timeline(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        types: list[str] | None = None,
    ) -> CaseTimelineConnection:
        size = page_size(first, default=100, maximum=500)
        unknown = sorted(set(types or ()) - set(EVENT_TYPES["Case"]))
        if unknown:
            known = ", ".join(EVENT_TYPES["Case"])
            raise InputError(f"unknown event types {unknown}; known: {known}", ("types",))
        parse_cursor(after)  # refuses a cursor this service did not hand out
        events = await info.context.loaders.streams.load(self.row.case_id)
        chosen = [e for e in events if types is None or e.type in types]
        later = [e for e in chosen if after is None or e.position > after]
        page = later[:size]
        cursors = [e.position for e in page]
        return CaseTimelineConnection(
            edges=[
                CaseTimelineEdge(cursor=e.position, node=timeline_item(e, self.row.dialogue_id))
                for e in page
            ],
            page_info=page_info(
                cursors, has_next=len(later) > size, has_previous=len(later) < len(chosen)
            ),
            total_count=len(chosen),
        )

    @classmethod
    def of(cls, row: CaseRow) -> Case:
        return cls(
            case_id=strawberry.ID(str(row.case_id)),
            title=row.title,
            description=row.description,
            category=row.category,
            severity=row.severity,
            location=row.location,
            status=row.status,
            priority=row.priority,
            statement=row.statement,
            close_reason=row.close_reason,
            duplicate_of=strawberry.ID(str(row.duplicate_of)) if row.duplicate_of else None,
            outcome=row.outcome,
            raised_at=row.raised_at,
            updated_at=row.updated_at,
            resolved_at=row.resolved_at,
            version=row.version,
            row=row,
        )


@strawberry.type
class CaseEdge:
    cursor: str
    node: Case


@strawberry.type(description="A page of cases, newest first.")
class CaseConnection:
    edges: list[CaseEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Every case matching the filter.")
