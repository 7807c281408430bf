"""The global log and webhooks, for integrations."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.ids import parse_uuid
from jsd_api.graphql.types.integrations import (
    EventConnection,
    EventEdge,
    EventEnvelope,
    Webhook,
    WebhookDelivery,
)
from jsd_api.graphql.types.pagination import PageInfo, page_size
from jsd_core.codec import EVENT_TYPES

KNOWN_TYPES = frozenset(name for names in EVENT_TYPES.values() for name in names)


def check_types(types: list[str] | None) -> list[str] | None:
    """Event type names as domain.md spells them; a misspelt one would silently match nothing."""
    unknown = sorted(set(types or ()) - KNOWN_TYPES)
    if unknown:
        raise InputError(f"unknown event types {unknown}", ("types",))
    return types


@strawberry.type
class IntegrationQueries:
    @strawberry.field(
        description="The global log the caller may see, in global order, after a cursor."
    )
    async def events(
        self,
        info: Info,
        after: str | None = None,
        first: int | None = None,
        types: list[str] | None = None,
    ) -> EventConnection:
        size = page_size(first, default=100, maximum=1000)
        context = info.context
        # One more than asked tells whether another page follows.
        page = await context.services.store.read_log(
            after, limit=size + 1, types=check_types(types), organizations=context.organizations
        )
        events = page.events[:size]
        more = len(page.events) > size
        return EventConnection(
            edges=[EventEdge(cursor=e.position, node=EventEnvelope.of(e)) for e in events],
            page_info=PageInfo(
                has_next_page=more,
                has_previous_page=after is not None,
                start_cursor=events[0].position if events else None,
                # Past the last page, the log's readable tail: resuming there skips nothing.
                end_cursor=events[-1].position if more else page.next,
            ),
        )

    @strawberry.field(description="The webhooks of the caller's organisation.")
    async def webhooks(self, info: Info) -> list[Webhook]:
        context = info.context
        return [Webhook.of(w) for w in await context.services.webhooks.list(context.principal)]

    @strawberry.field(description="The latest delivery attempts to a webhook, newest first.")
    async def webhook_deliveries(
        self, info: Info, webhook_id: strawberry.ID, first: int | None = None
    ) -> list[WebhookDelivery]:
        context = info.context
        found = await context.services.webhooks.deliveries(
            context.principal,
            parse_uuid(webhook_id, ("webhookId",)),
            page_size(first, default=50, maximum=500),
        )
        return [WebhookDelivery.of(delivery) for delivery in found]
