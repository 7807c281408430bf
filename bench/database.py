"""Fresh, migrated databases for one benchmark run, on a server or the embedded one."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from jsd_core.database import EmbeddedPostgres, asyncpg_url
from jsd_core.migrations import migrate


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(asyncpg_url(url))
    return urlunsplit(parts._replace(path=f"/{name}"))


@asynccontextmanager
async def bench_server() -> AsyncIterator[str]:
    """JSD_BENCH_DATABASE_URL names the server; without it, the embedded one under .jsd/."""
    server = os.environ.get("JSD_BENCH_DATABASE_URL")
    if server:
        yield server
        return
    embedded = EmbeddedPostgres(Path(os.environ.get("JSD_DATA_DIR", ".jsd")) / "bench")
    try:
        yield embedded.start()
    finally:
        embedded.stop()


@asynccontextmanager
async def fresh_database(server: str) -> AsyncIterator[str]:
    """A new migrated database on the server, dropped on the way out."""
    name = f"jsd_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(asyncpg_url(server))
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = _with_database(server, name)
    try:
        await asyncio.to_thread(migrate, url)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
