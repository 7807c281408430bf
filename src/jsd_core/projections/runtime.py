"""Starting the read side of one server process (called by the composition root)."""

from __future__ import annotations

from contextlib import AsyncExitStack

from sqlalchemy.ext.asyncio import create_async_engine

from jsd_core.config import Settings
from jsd_core.database import SESSION_SETTINGS, sqlalchemy_url
from jsd_core.projections.generations import PROJECTIONS
from jsd_core.projections.read import ReadModels
from jsd_core.projections.runner import Projections
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier


async def start_projections(
    stack: AsyncExitStack,
    settings: Settings,
    database_url: str,
    store: EventStore,
    notifier: Notifier,
    *,
    run: bool = True,
) -> tuple[ReadModels, Projections]:
    """The read models and the projection runners, on an engine of their own; with
    `run`, the runners start now and stop (before the engine is disposed) when
    `stack` closes."""
    # Runners and rebuilds write in transactions on a small engine of their own.
    engine = create_async_engine(
        sqlalchemy_url(database_url),
        pool_size=len(PROJECTIONS) + 2,
        max_overflow=2,
        pool_pre_ping=True,
        connect_args={"server_settings": SESSION_SETTINGS},
    )
    stack.push_async_callback(engine.dispose)
    # Queries get the read engine: autocommit from the moment a connection opens,
    # so no query wraps itself in BEGIN and ROLLBACK; a fixed size, so that a burst
    # of requests waits a moment for a connection instead of opening (and closing)
    # overflow ones; and no liveness check per checkout: ReadModels runs a read that
    # finds its connection dropped once more, and the pool then replaces them all.
    reads = create_async_engine(
        sqlalchemy_url(database_url),
        isolation_level="AUTOCOMMIT",
        pool_size=settings.pool_size,
        max_overflow=0,
        connect_args={"server_settings": SESSION_SETTINGS},
    )
    stack.push_async_callback(reads.dispose)
    projections = Projections(engine, store, notifier, database_url)
    if run:
        await projections.start()
        stack.push_async_callback(projections.stop)
    return ReadModels(reads), projections
