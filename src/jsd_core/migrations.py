"""Running the Alembic migrations from code (`jsd migrate`, startup, tests)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.ext.asyncio import create_async_engine

from jsd_core.database import sqlalchemy_url

ALEMBIC_DIR = Path(__file__).resolve().parents[2] / "alembic"


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["database_url"] = database_url
    return config


def migrate(database_url: str) -> None:
    """Bring the database to the newest schema. Call it outside a running event loop."""
    command.upgrade(alembic_config(database_url), "head")


async def migrate_async(database_url: str) -> None:
    await asyncio.to_thread(migrate, database_url)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("")).get_current_head()


async def current_revision(database_url: str) -> str | None:
    engine = create_async_engine(sqlalchemy_url(database_url))
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    finally:
        await engine.dispose()
