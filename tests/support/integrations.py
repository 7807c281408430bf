"""The webhook registry and delivery worker of one simulated server process,
built from the real parts on a test database (no HTTP server around them)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID, uuid4

from jsd_core.access import Principal, Role
from jsd_core.database import create_pool
from jsd_core.integrations.delivery import DeliveryWorker
from jsd_core.integrations.endpoint import DeliveryPolicy
from jsd_core.integrations.webhooks import WebhookDelivery, Webhooks
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier
from jsd_core.store.store import utcnow
from tests.support.events import STREAM_TYPES
from tests.support.waiting import until


def principal(organization: str, role: Role | str = Role.INTEGRATION) -> Principal:
    return Principal(uuid4(), f"{role}-key", organization, Role(role))


@dataclass
class Integrations:
    store: EventStore
    webhooks: Webhooks
    worker: DeliveryWorker


@contextlib.asynccontextmanager
async def running_integrations(
    database_url: str,
    *,
    schedule: tuple[float, ...] = (0.2, 0.5, 1.0),
    answer_within: float = 2.0,
    allow_private: bool = True,
    deliver_to_private: bool | None = None,
) -> AsyncIterator[Integrations]:
    """A store, registry and started delivery worker; `deliver_to_private` (default:
    `allow_private`) is what the worker allows, `allow_private` what registration does."""
    pool = await create_pool(database_url, max_size=10)
    notifier = Notifier(database_url)
    await notifier.start()
    store = EventStore(pool, stream_types=STREAM_TYPES, on_append=lambda _: notifier.poke())
    private = allow_private if deliver_to_private is None else deliver_to_private
    policy = DeliveryPolicy(schedule=schedule, timeout=answer_within, allow_private=private)
    worker = DeliveryWorker(database_url, store, notifier, policy, clock=utcnow, scan_interval=0.2)
    await worker.start()
    try:
        webhooks = Webhooks(pool, allow_private=allow_private, on_change=worker.wake)
        yield Integrations(store, webhooks, worker)
    finally:
        await worker.stop()
        await notifier.stop()
        await pool.close()


async def recorded_deliveries(
    webhooks: Webhooks, caller: Principal, webhook_id: UUID, succeeded: int
) -> list[WebhookDelivery]:
    """The webhook's attempts (up to 1000) once `succeeded` of them are recorded
    as successes: a receiver sees a delivery before the dispatcher records it."""

    async def enough() -> list[WebhookDelivery]:
        found = await webhooks.deliveries(caller, webhook_id, 1000)
        return found if sum(d.succeeded for d in found) >= succeeded else []

    return await until(enough)
