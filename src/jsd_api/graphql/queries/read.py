"""Dialogues, cases and reports: what partners and facilitators read."""

from __future__ import annotations

from uuid import UUID

import strawberry
from strawberry import relay

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.ids import global_id, parse_id
from jsd_api.graphql.types.accountability import AccountabilityReport
from jsd_api.graphql.types.case import Case, CaseConnection
from jsd_api.graphql.types.case_list import CaseFilter, list_cases
from jsd_api.graphql.types.dialogue import Dialogue, DialogueConnection, DialogueEdge
from jsd_api.graphql.types.pagination import page_info, page_size
from jsd_core.application.results import NotFoundError


async def _dialogue(info: Info, dialogue_id: UUID) -> Dialogue | None:
    row = await info.context.loaders.dialogues.load(dialogue_id)
    return Dialogue.of(row) if row else None


async def _case(info: Info, case_id: UUID) -> Case | None:
    row = await info.context.loaders.cases.load(case_id)
    return Case.of(row) if row else None


@strawberry.type
class ReadQueries:
    @strawberry.field(
        description="A dialogue or case by its Relay global id; null when there is none "
        "the caller may see."
    )
    async def node(self, info: Info, id: strawberry.ID) -> relay.Node | None:
        parsed = global_id(id)
        if parsed is None:
            raise InputError(f"'{id[:60]}' is not a global id of this service", ("id",))
        type_name, node_id = parsed
        if type_name == "Dialogue":
            return await _dialogue(info, node_id)
        if type_name == "Case":
            return await _case(info, node_id)
        return None

    @strawberry.field(description="The dialogues the caller may see, most recent first.")
    async def dialogues(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        country: str | None = None,
    ) -> DialogueConnection:
        size = page_size(first, default=20, maximum=100)
        context = info.context
        page = await context.read_models.dialogues(
            context.scope, first=size, after=after, country=country
        )
        for row in page.items:
            context.loaders.dialogues.prime(row.dialogue_id, row)
        return DialogueConnection(
            edges=[
                DialogueEdge(cursor=cursor, node=Dialogue.of(row))
                for row, cursor in zip(page.items, page.cursors, strict=True)
            ],
            page_info=page_info(
                page.cursors, has_next=page.has_next_page, has_previous=page.has_previous_page
            ),
            total_count=page.total_count,
        )

    @strawberry.field(description="A dialogue by its Relay id or UUID; null when not visible.")
    async def dialogue(self, info: Info, id: strawberry.ID) -> Dialogue | None:
        return await _dialogue(info, parse_id(id, "Dialogue", ("id",)))

    @strawberry.field(description="The cases the caller may see, newest first, filtered.")
    async def cases(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        filter: CaseFilter | None = None,
    ) -> CaseConnection:
        return await list_cases(info, first, after, filter)

    @strawberry.field(description="A case by its Relay id or UUID; null when not visible.")
    async def case(self, info: Info, id: strawberry.ID) -> Case | None:
        return await _case(info, parse_id(id, "Case", ("id",)))

    @strawberry.field(description="A dialogue's cases and commitments, as of today.")
    async def accountability(self, info: Info, dialogue_id: strawberry.ID) -> AccountabilityReport:
        dialogue = parse_id(dialogue_id, "Dialogue", ("dialogueId",))
        row = await info.context.loaders.accountability.load(dialogue)
        if row is None:
            raise NotFoundError(f"there is no dialogue {dialogue_id}", ("dialogueId",))
        return AccountabilityReport.of(row, dialogue)
