"""Running a CLI command against the configured database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from jsd_core.bootstrap import Services, bootstrap
from jsd_core.config import Settings
from jsd_core.database import EmbeddedPostgres
from jsd_core.migrations import migrate

T = TypeVar("T")


def run_with_services(work: Callable[[Services], Awaitable[T]]) -> T:
    """Migrate, open the services, run `work`, close everything (the embedded server too)."""
    settings = Settings()
    embedded = None if settings.database_url else EmbeddedPostgres(settings.data_dir)
    url = settings.database_url or (embedded.start() if embedded else "")
    try:
        migrate(url)

        async def main() -> T:
            configured = settings.model_copy(update={"database_url": url})
            async with bootstrap(configured, background=False) as services:
                return await work(services)

        return asyncio.run(main())
    finally:
        if embedded:
            embedded.stop()
