"""The `jsd` command line."""

from __future__ import annotations

import sys

import asyncpg
import typer

from jsd_api.cli import audit, keys, projections
from jsd_api.cli.demo import demo_command
from jsd_api.cli.serve import migrate_command, serve_command
from jsd_api.graphql.export import schema_command
from jsd_core.store import EventStoreError

app = typer.Typer(
    name="jsd",
    help="The Justice and Security Dialogues ledger.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("serve")(serve_command)
app.command("migrate")(migrate_command)
app.command("demo")(demo_command)
app.command("schema")(schema_command)
app.add_typer(keys.app, name="keys")
app.add_typer(projections.app, name="projections")
app.add_typer(audit.app, name="audit")


def main() -> None:
    """Entry point of the `jsd` console script: failures are one line on stderr."""
    try:
        app()
    except (EventStoreError, ValueError) as error:
        typer.echo(f"jsd: {error}", err=True)
        sys.exit(1)
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
        typer.echo(f"jsd: the database could not be used: {error}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
