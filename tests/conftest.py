"""Fixtures shared by every test: a real PostgreSQL database, fresh for each run.

With JSD_TEST_DATABASE_URL the run creates its databases on that server and
drops them afterwards; without it, on the embedded PostgreSQL (pgserver).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import pytest

from jsd_core.database import EmbeddedPostgres, asyncpg_url, create_pool
from jsd_core.migrations import migrate
from jsd_core.store import EventStore

STREAM_TYPES = frozenset({"Dialogue", "Case"})


def with_database(url: str, name: str) -> str:
    parts = urlsplit(asyncpg_url(url))
    return urlunsplit(parts._replace(path=f"/{name}"))


class TestServer:
    """A PostgreSQL server on which the run creates (and drops) its own databases."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.prefix = f"jsd_test_{secrets.token_hex(4)}"
        self.created: list[str] = []

    async def _admin(self) -> asyncpg.Connection:
        return await asyncpg.connect(asyncpg_url(self.url))

    async def create(self, template: str | None = None) -> str:
        name = f"{self.prefix}_{len(self.created)}"
        connection = await self._admin()
        try:
            suffix = f' TEMPLATE "{template}"' if template else ""
            await connection.execute(f'CREATE DATABASE "{name}"{suffix}')
        finally:
            await connection.close()
        self.created.append(name)
        return with_database(self.url, name)

    async def drop_all(self) -> None:
        connection = await self._admin()
        try:
            for name in reversed(self.created):
                await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    configured = os.environ.get("JSD_TEST_DATABASE_URL")
    if configured:
        yield configured
        return
    folder = Path(tempfile.mkdtemp(prefix="jsd-pg-"))
    embedded = EmbeddedPostgres(folder)
    try:
        yield embedded.start()
    finally:
        embedded.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
async def test_server(server_url: str) -> AsyncIterator[TestServer]:
    server = TestServer(server_url)
    yield server
    await server.drop_all()


@pytest.fixture(scope="session")
async def template_url(test_server: TestServer) -> str:
    """A migrated database that fresh databases are copied from."""
    import asyncio

    url = await test_server.create()
    await asyncio.to_thread(migrate, url)
    return url


@pytest.fixture(scope="session")
async def database_url(test_server: TestServer, template_url: str) -> str:
    """The run's shared database; tests on it use their own streams."""
    return await test_server.create(template=urlsplit(template_url).path.lstrip("/"))


@pytest.fixture
async def fresh_database_url(test_server: TestServer, template_url: str) -> str:
    """A database of this test's own, for tests that need the whole log to themselves."""
    return await test_server.create(template=urlsplit(template_url).path.lstrip("/"))


@pytest.fixture(scope="session")
async def pool(database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await create_pool(database_url, max_size=40)
    yield pool
    await pool.close()


@pytest.fixture
def store(pool: asyncpg.Pool) -> EventStore:
    return EventStore(pool, stream_types=STREAM_TYPES)
