"""`jsd serve` and `jsd migrate`."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType
from typing import Annotated

import typer
import uvicorn

from jsd_api.cli.demo import key_notice, load_before_serving
from jsd_core.config import Settings
from jsd_core.database import EmbeddedPostgres
from jsd_core.migrations import migrate


def _database_url(settings: Settings) -> tuple[str, EmbeddedPostgres | None]:
    if settings.database_url:
        return settings.database_url, None
    embedded = EmbeddedPostgres(settings.data_dir)
    return embedded.start(), embedded


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    sys.exit(128 + signum)


def migrate_command() -> None:
    """Apply the database migrations (the embedded server's too)."""
    settings = Settings()
    url, embedded = _database_url(settings)
    try:
        migrate(url)
        typer.echo("the database schema is up to date")
    finally:
        if embedded:
            embedded.stop()


def serve_command(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    demo: Annotated[bool, typer.Option("--demo/--no-demo", help="Load the demo stories.")] = True,
) -> None:
    """Migrate, then serve the API (and run the projections and integrations)."""
    settings = Settings()
    # uvicorn re-raises the signal it stopped on: make SIGTERM unwind like Ctrl-C
    # does, so the embedded server is stopped too.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    url, embedded = _database_url(settings)
    try:
        migrate(url)
        # Worker processes build their own app from the environment.
        os.environ["JSD_DATABASE_URL"] = url
        host = host or settings.host
        port = port or settings.port
        admin_key = load_before_serving(url, settings) if demo else None
        typer.echo(f"GraphQL at http://{host}:{port}/graphql", err=True)
        typer.echo(key_notice(admin_key), err=True)
        uvicorn.run(
            "jsd_api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
        )
    finally:
        if embedded:
            embedded.stop()
