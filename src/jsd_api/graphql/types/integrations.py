"""What integrations read: the global log's events, and their webhooks."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from jsd_api.graphql.types.pagination import PageInfo
from jsd_core.integrations.webhooks import Webhook as WebhookRecord
from jsd_core.integrations.webhooks import WebhookDelivery as DeliveryRecord
from jsd_core.store import RecordedEvent


@strawberry.type(description="One event of the global log, for integrations.")
class EventEnvelope:
    event_id: strawberry.ID
    position: str = strawberry.field(description="Opaque cursor of the global order.")
    stream_id: strawberry.ID
    stream_type: str = strawberry.field(description='"Case" or "Dialogue".')
    version: int
    type: str
    recorded_at: datetime
    actor: str
    organization: str
    data: JSON = strawberry.field(description="The event's data, as stored.")
    hash: str

    @classmethod
    def of(cls, event: RecordedEvent) -> EventEnvelope:
        return cls(
            event_id=strawberry.ID(str(event.event_id)),
            position=event.position,
            stream_id=strawberry.ID(str(event.stream_id)),
            stream_type=event.stream_type,
            version=event.version,
            type=event.type,
            recorded_at=event.recorded_at,
            actor=event.actor,
            organization=event.organization,
            data=JSON(event.data),
            hash=event.hash,
        )


@strawberry.type
class EventEdge:
    cursor: str
    node: EventEnvelope


@strawberry.type(description="A page of the global log, in global order.")
class EventConnection:
    edges: list[EventEdge]
    page_info: PageInfo


@strawberry.type(description="An endpoint that receives the organisation's events.")
class Webhook:
    webhook_id: strawberry.ID
    url: str
    types: list[str] = strawberry.field(description="Event types delivered; empty = all.")
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, webhook: WebhookRecord) -> Webhook:
        return cls(
            webhook_id=strawberry.ID(str(webhook.webhook_id)),
            url=webhook.url,
            types=list(webhook.types),
            active=webhook.active,
            created_at=webhook.created_at,
        )


@strawberry.type(description="One attempt to deliver one event to a webhook.")
class WebhookDelivery:
    event_id: strawberry.ID
    attempt: int
    status_code: int | None
    succeeded: bool
    attempted_at: datetime
    error: str | None

    @classmethod
    def of(cls, delivery: DeliveryRecord) -> WebhookDelivery:
        return cls(
            event_id=strawberry.ID(str(delivery.event_id)),
            attempt=delivery.attempt,
            status_code=delivery.status_code,
            succeeded=delivery.succeeded,
            attempted_at=delivery.attempted_at,
            error=delivery.error,
        )
