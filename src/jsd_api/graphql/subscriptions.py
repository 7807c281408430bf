"""Subscriptions over graphql-transport-ws: history from a cursor, then live.

`follow` reads the log and then waits for new events in one loop, so there is
no seam between history and live where an event could slip through.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator
from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.ids import parse_id
from jsd_api.graphql.queries.integrations import check_types
from jsd_api.graphql.types.case_events import CaseTimelineItem
from jsd_api.graphql.types.integrations import EventEnvelope
from jsd_api.graphql.types.timeline import timeline_item
from jsd_core.application.results import NotFoundError
from jsd_core.store import parse_cursor
from jsd_core.store.follow import follow


async def _case_dialogue(info: Info, case_id: UUID, given: str) -> UUID:
    """The dialogue of a case the caller may see; NOT_FOUND alike for missing and hidden."""
    context = info.context
    first = await context.services.store.read_stream(case_id, to_version=1)
    if (
        not first
        or first[0].stream_type != "Case"
        or not context.scope.allows(first[0].organization)
    ):
        raise NotFoundError(f"there is no case {given}", ("caseId",))
    return UUID(str(first[0].data["dialogue_id"]))


@strawberry.type(description="Events as they happen, resumable from a cursor.")
class Subscription:
    @strawberry.subscription(
        description="Every event of one case, from `after` (exclusive; null = from the start), "
        "then live."
    )
    async def case_events(
        self, info: Info, case_id: strawberry.ID, after: str | None = None
    ) -> AsyncGenerator[CaseTimelineItem, None]:
        context = info.context
        stream_id = parse_id(case_id, "Case", ("caseId",))
        parse_cursor(after)
        dialogue_id = await _case_dialogue(info, stream_id, case_id)
        services = context.services
        async for event in follow(
            services.store,
            services.notifier,
            after,
            stream_id=stream_id,
            organizations=context.organizations,
        ):
            context.renew_loaders()
            yield timeline_item(event, dialogue_id)

    @strawberry.subscription(
        description="The global log the caller may see, from `after` (exclusive; null = from "
        "the start), then live; `types` keeps only those event types."
    )
    async def events(
        self, info: Info, after: str | None = None, types: list[str] | None = None
    ) -> AsyncGenerator[EventEnvelope, None]:
        context = info.context
        parse_cursor(after)
        services = context.services
        async for event in follow(
            services.store,
            services.notifier,
            after,
            types=check_types(types),
            organizations=context.organizations,
        ):
            yield EventEnvelope.of(event)
