"""Listing cases: the filter of the contract and the page the read side returns."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.ids import parse_id
from jsd_api.graphql.loaders import loading
from jsd_api.graphql.types.case import Case, CaseConnection, CaseEdge
from jsd_api.graphql.types.pagination import page_info, page_size
from jsd_api.graphql.types.selection import selected
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus
from jsd_core.projections import read


@strawberry.input(description="Which cases to list; every field given must match.")
class CaseFilter:
    dialogue_id: strawberry.ID | None = None
    country: str | None = strawberry.field(default=None, description="ISO 3166-1 alpha-2.")
    status: list[CaseStatus] | None = None
    category: list[CaseCategory] | None = None
    assignee: str | None = strawberry.field(
        default=None, description="A stakeholder group key: cases with an action assigned to it."
    )
    overdue: bool | None = strawberry.field(
        default=None, description="true: cases with an OPEN action due before today."
    )
    search: str | None = strawberry.field(
        default=None, description="Words in the title or description, in any language."
    )

    def to_read(self) -> read.CaseFilter:
        dialogue_id = self.dialogue_id
        return read.CaseFilter(
            dialogue_id=parse_id(dialogue_id, "Dialogue", ("filter", "dialogueId"))
            if dialogue_id is not None
            else None,
            country=self.country,
            status=tuple(self.status) if self.status is not None else None,
            category=tuple(self.category) if self.category is not None else None,
            assignee=self.assignee,
            overdue=self.overdue,
            search=self.search,
        )


NO_FILTER = read.CaseFilter()


async def list_cases(
    info: Info,
    first: int | None,
    after: str | None,
    filter: CaseFilter | None,
    *,
    dialogue_id: UUID | None = None,
) -> CaseConnection:
    """A page of the cases the caller may see; `dialogue_id` narrows it to one dialogue."""
    size = page_size(first, default=20, maximum=100)
    chosen = filter.to_read() if filter is not None else NO_FILTER
    if dialogue_id is not None:
        if chosen.dialogue_id not in (None, dialogue_id):
            # A filter naming another dialogue than this one matches nothing.
            empty = page_info([], has_next=False, has_previous=False)
            return CaseConnection(edges=[], page_info=empty, total_count=0)
        chosen = dataclasses.replace(chosen, dialogue_id=dialogue_id)
    context = info.context
    page = await context.read_models.cases(
        context.scope, chosen, first=size, after=after, today=context.today
    )
    for row in page.items:
        context.loaders.cases.prime(row.case_id, row)
    wanted = await _read_along(info, page.items)
    nodes = [Case.of(row) for row in page.items]
    for node in nodes:
        node.carry_what_was_read(info, wanted)
    return CaseConnection(
        edges=[
            CaseEdge(cursor=cursor, node=node)
            for node, cursor in zip(nodes, page.cursors, strict=True)
        ],
        page_info=page_info(
            page.cursors, has_next=page.has_next_page, has_previous=page.has_previous_page
        ),
        total_count=page.total_count,
    )


async def _read_along(info: Info, rows: list[read.CaseRow]) -> frozenset[str]:
    """Read the dialogues, actions and groups the operation asks of the page's cases now,
    one batched read each and side by side, so each case answers them without an await;
    the fields selected on each case."""
    wanted = selected(info, "edges", "node")
    loaders = info.context.loaders
    reads: list[asyncio.Future[Any]] = []
    if "dialogue" in wanted:
        reads += [loading(loaders.dialogues, row.dialogue_id) for row in rows]
    if "actions" in wanted:
        reads += [loading(loaders.actions, row.case_id) for row in rows]
        reads += [loading(loaders.groups, row.dialogue_id) for row in rows]
    if reads:
        await asyncio.gather(*reads)
    return wanted
