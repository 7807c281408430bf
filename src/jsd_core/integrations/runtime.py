"""Starting the integrations of one server process (called by the composition root)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AsyncExitStack
from datetime import datetime

from jsd_core.config import Settings
from jsd_core.integrations.delivery import DeliveryWorker
from jsd_core.integrations.endpoint import DeliveryPolicy
from jsd_core.integrations.relay import NatsRelay, RelayTarget
from jsd_core.integrations.webhooks import Webhooks
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier


async def start_integrations(
    stack: AsyncExitStack,
    settings: Settings,
    database_url: str,
    store: EventStore,
    notifier: Notifier,
    clock: Callable[[], datetime],
    *,
    run: bool = True,
) -> Webhooks:
    """With `run`, start the delivery worker (and the relay when `nats_url` is set),
    stopped when `stack` closes; return the webhook registry wired to wake the worker."""
    policy = DeliveryPolicy(
        schedule=settings.webhook_retry_schedule,
        timeout=settings.webhook_timeout,
        allow_private=settings.webhook_allow_private,
    )
    worker = DeliveryWorker(database_url, store, notifier, policy, clock=clock)
    if not run:
        return Webhooks(store.pool, allow_private=settings.webhook_allow_private)
    await worker.start()
    stack.push_async_callback(worker.stop)
    if settings.nats_url:
        target = RelayTarget(settings.nats_url, settings.nats_stream, settings.nats_subject_prefix)
        relay = NatsRelay(target, database_url, store, notifier)
        await relay.start()
        stack.push_async_callback(relay.stop)
    return Webhooks(store.pool, allow_private=settings.webhook_allow_private, on_change=worker.wake)
