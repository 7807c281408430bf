"""The composition root: builds every service of one process from its settings."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import asyncpg

from jsd_core.access.keys import ApiKeys
from jsd_core.application.ledger import Ledger
from jsd_core.config import Settings
from jsd_core.database import create_pool, resolve_database_url
from jsd_core.integrations.runtime import start_integrations
from jsd_core.integrations.webhooks import Webhooks
from jsd_core.projections import Projections, ReadModels
from jsd_core.projections.runtime import start_projections
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier
from jsd_core.store.store import AppendResult, utcnow

STREAM_TYPES = frozenset({"Dialogue", "Case"})


@dataclass
class Services:
    """What one process of the service runs on."""

    settings: Settings
    database_url: str
    pool: asyncpg.Pool
    store: EventStore
    notifier: Notifier
    keys: ApiKeys
    clock: Callable[[], datetime]
    webhooks: Webhooks
    read_models: ReadModels
    projections: Projections
    ledger: Ledger


@asynccontextmanager
async def bootstrap(
    settings: Settings, *, clock: Callable[[], datetime] = utcnow, background: bool = True
) -> AsyncIterator[Services]:
    """Open the pool, the store and the wake-ups; close them all on the way out.

    `background` starts this process's share of the projection runners, webhook
    delivery and the NATS relay; command-line tools that only read or write
    leave it off."""
    database_url = resolve_database_url(settings.database_url, settings.data_dir)
    async with AsyncExitStack() as stack:
        pool = await create_pool(database_url, max_size=settings.pool_size)
        stack.push_async_callback(pool.close)
        notifier = Notifier(database_url)
        await notifier.start()
        stack.push_async_callback(notifier.stop)

        def after_append(_: AppendResult) -> None:
            notifier.poke()

        store = EventStore(
            pool,
            stream_types=STREAM_TYPES,
            max_event_bytes=settings.max_event_bytes,
            clock=clock,
            on_append=after_append,
        )
        webhooks = await start_integrations(
            stack, settings, database_url, store, notifier, clock, run=background
        )
        read_models, projections = await start_projections(
            stack, settings, database_url, store, notifier, run=background
        )
        yield Services(
            settings=settings,
            database_url=database_url,
            pool=pool,
            store=store,
            notifier=notifier,
            keys=ApiKeys(pool),
            clock=clock,
            webhooks=webhooks,
            read_models=read_models,
            projections=projections,
            ledger=Ledger(store, clock=clock),
        )
