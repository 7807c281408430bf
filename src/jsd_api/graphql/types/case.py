"""Cases: one problem a dialogue identified, with its actions and its history."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self
from uuid import UUID

import strawberry
from strawberry import relay

from jsd_api.graphql.context import Info
from jsd_api.graphql.execution import at_hand
from jsd_api.graphql.loaders import loading
from jsd_api.graphql.types.action import Action, group_keys
from jsd_api.graphql.types.groups import (
    StakeholderGroup,
    groups_at_hand,
    groups_of,
    preload_groups,
    stakeholder_group,
    stakeholder_groups,
)
from jsd_api.graphql.types.node import node_id
from jsd_api.graphql.types.pagination import PageInfo
from jsd_api.graphql.types.timeline import CaseTimelineConnection, case_timeline
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus, CloseReason
from jsd_core.projections.read import ActionRow, CaseRow, DialogueRow

if TYPE_CHECKING:
    from jsd_api.graphql.types.dialogue import Dialogue

DialogueType = Annotated["Dialogue", strawberry.lazy("jsd_api.graphql.types.dialogue")]


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
    case_uuid: strawberry.Private[UUID]
    dialogue_id: strawberry.Private[UUID]
    raised_by_key: strawberry.Private[str]
    agreed_by_keys: strawberry.Private[tuple[str, ...]]
    # The values of `dialogue` and `actions` when the operation has them at hand.
    dialogue_at_hand: strawberry.Private[object] = None
    actions_at_hand: strawberry.Private[list[Action] | None] = None

    _id = node_id()

    @classmethod  # Relay's way to the id, which Strawberry asks of every node
    def resolve_id(cls, root: Self, *, info: Info) -> str:
        return root.global_id.node_id

    @property
    def global_id(self) -> relay.GlobalID:
        return relay.GlobalID(type_name="Case", node_id=self.case_id)

    # `dialogue` and `actions` answer at once when the operation has read them already
    # (a page of cases reads them for all its cases together and hands them to each
    # case, see `case_list`): no await per case. Otherwise they return an awaitable,
    # which graphql-core awaits.
    @strawberry.field(
        description="The dialogue the case was raised in.",
        graphql_type=DialogueType,
        metadata=at_hand("dialogue_at_hand"),
    )
    def dialogue(self, info: Info) -> Dialogue | Awaitable[Dialogue]:
        read = loading(info.context.loaders.dialogues, self.dialogue_id)
        if read.done():
            return self._dialogue(read.result())
        return self._dialogue_later(read)

    def _dialogue(self, row: DialogueRow | None) -> Dialogue:
        from jsd_api.graphql.types.dialogue import Dialogue

        if row is None:
            raise LookupError(f"case {self.case_id} has no visible dialogue")
        return Dialogue.of(row)

    async def _dialogue_later(self, loading: Awaitable[DialogueRow | None]) -> Dialogue:
        return self._dialogue(await loading)

    @strawberry.field(description="The group that raised the case.")
    async def raised_by(self, info: Info) -> StakeholderGroup:
        return await stakeholder_group(info, self.dialogue_id, self.raised_by_key)

    @strawberry.field(description="The provider and community groups that agreed on it.")
    async def agreed_by(self, info: Info) -> list[StakeholderGroup]:
        return await stakeholder_groups(info, self.dialogue_id, self.agreed_by_keys)

    @strawberry.field(
        description="The actions agreed on, in the order they were assigned.",
        graphql_type=list[Action],
        metadata=at_hand("actions_at_hand"),
    )
    def actions(self, info: Info) -> list[Action] | Awaitable[list[Action]]:
        read = loading(info.context.loaders.actions, self.case_uuid)
        if read.done():
            found = self._actions_read(info, read.result())
            if found is not None:
                return found
        else:
            preload_groups(info, self.dialogue_id)  # read in the same batch as the actions
        return self._actions_later(info, read)

    def _actions_read(self, info: Info, rows: list[ActionRow]) -> list[Action] | None:
        """The actions, if the operation has read their groups too; else None."""
        groups = groups_at_hand(info, self.dialogue_id, group_keys(rows))
        if groups is None and rows:
            return None
        return [Action.of(row, groups or {}, info.context.today) for row in rows]

    def carry_what_was_read(self, info: Info, wanted: frozenset[str]) -> None:
        """Carry the `dialogue` and `actions` (of those `wanted`) the operation has read
        already, for the executor to answer them with the case's other fields."""
        if "dialogue" in wanted:
            dialogue = loading(info.context.loaders.dialogues, self.dialogue_id)
            if dialogue.done() and dialogue.result() is not None:
                self.dialogue_at_hand = self._dialogue(dialogue.result())
        if "actions" in wanted:
            actions = loading(info.context.loaders.actions, self.case_uuid)
            if actions.done():
                self.actions_at_hand = self._actions_read(info, actions.result())

    async def _actions_later(self, info: Info, loading: Awaitable[list[ActionRow]]) -> list[Action]:
        rows = await loading
        if not rows:
            return []
        groups = await groups_of(info, self.dialogue_id, group_keys(rows))
        today = info.context.today
        return [Action.of(row, groups, today) for row in rows]

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
        return await case_timeline(info, self.case_uuid, self.dialogue_id, first, after, types)

    @classmethod
    def of(cls, row: CaseRow) -> Case:
        """A case as the read side holds it."""
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
            case_uuid=row.case_id,
            dialogue_id=row.dialogue_id,
            raised_by_key=row.raised_by,
            agreed_by_keys=row.agreed_by,
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
