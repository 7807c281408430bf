"""Dialogues: who takes part, when they met, how far they trust each other, their cases."""

from __future__ import annotations

from datetime import date
from typing import Self

import strawberry
from strawberry import relay

from jsd_api.graphql.context import Info
from jsd_api.graphql.types.accountability import AccountabilityReport
from jsd_api.graphql.types.case import CaseConnection
from jsd_api.graphql.types.case_list import CaseFilter, list_cases
from jsd_api.graphql.types.groups import StakeholderGroup
from jsd_api.graphql.types.meetings import DialogueSession, TrustSurvey
from jsd_api.graphql.types.node import node_id
from jsd_api.graphql.types.pagination import PageInfo
from jsd_api.graphql.types.vocabulary import DialogueStatus
from jsd_core.projections.read import DialogueRow


@strawberry.type(description="A Justice and Security Dialogue in one locality.")
class Dialogue(relay.Node):
    dialogue_id: strawberry.ID = strawberry.field(description="The aggregate's UUID.")
    name: str
    country: str = strawberry.field(description="ISO 3166-1 alpha-2.")
    region: str | None
    locality: str
    organization: str = strawberry.field(description="The partner organisation running it.")
    languages: list[str] = strawberry.field(description="BCP 47 tags.")
    convened_on: date
    concluded_on: date | None
    summary: str | None = strawberry.field(description="Said when it concluded.")
    status: DialogueStatus
    version: int = strawberry.field(description="The number of events the dialogue has.")
    row: strawberry.Private[DialogueRow]

    _id = node_id()

    @classmethod  # Relay's way to the id, which Strawberry asks of every node
    def resolve_id(cls, root: Self, *, info: Info) -> str:
        return root.global_id.node_id

    @property
    def global_id(self) -> relay.GlobalID:
        return relay.GlobalID(type_name="Dialogue", node_id=self.dialogue_id)

    @strawberry.field(description="The stakeholder groups, in the order they joined.")
    async def groups(self, info: Info) -> list[StakeholderGroup]:
        rows = await info.context.loaders.groups.load(self.row.dialogue_id)
        return [StakeholderGroup(key=r.key, kind=r.kind, name=r.name) for r in rows]

    @strawberry.field(description="The sessions held, oldest first.")
    async def sessions(self, info: Info) -> list[DialogueSession]:
        rows = await info.context.loaders.sessions.load(self.row.dialogue_id)
        return [
            DialogueSession(
                session_id=strawberry.ID(str(r.session_id)),
                kind=r.kind,
                held_on=r.held_on,
                summary=r.summary,
                row=r,
            )
            for r in rows
        ]

    @strawberry.field(description="The trust surveys, by wave and group.")
    async def trust_surveys(self, info: Info) -> list[TrustSurvey]:
        rows = await info.context.loaders.surveys.load(self.row.dialogue_id)
        return [
            TrustSurvey(
                wave=r.wave,
                surveyed_on=r.surveyed_on,
                respondents=r.respondents,
                trust_score=r.trust_score,
                row=r,
            )
            for r in rows
        ]

    @strawberry.field(description="The dialogue's cases, newest first.")
    async def cases(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: CaseFilter | None = None,
    ) -> CaseConnection:
        return await list_cases(info, first, after, filter, dialogue_id=self.row.dialogue_id)

    @strawberry.field(description="Cases and commitments of the dialogue, as of today.")
    async def accountability(self, info: Info) -> AccountabilityReport:
        row = await info.context.loaders.accountability.load(self.row.dialogue_id)
        if row is None:
            raise LookupError(f"dialogue {self.row.dialogue_id} has no accountability report")
        return AccountabilityReport.of(row, self.row.dialogue_id)

    @classmethod
    def of(cls, row: DialogueRow) -> Dialogue:
        return cls(
            dialogue_id=strawberry.ID(str(row.dialogue_id)),
            name=row.name,
            country=row.country,
            region=row.region,
            locality=row.locality,
            organization=row.organization,
            languages=list(row.languages),
            convened_on=row.convened_on,
            concluded_on=row.concluded_on,
            summary=row.summary,
            status=row.status,
            version=row.version,
            row=row,
        )


@strawberry.type
class DialogueEdge:
    cursor: str
    node: Dialogue


@strawberry.type(description="A page of dialogues, most recently convened first.")
class DialogueConnection:
    edges: list[DialogueEdge]
    page_info: PageInfo
    total_count: int
