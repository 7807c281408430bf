"""`jsd keys`: create, list and revoke API keys."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.table import Table

from jsd_api.cli.runtime import run_with_services
from jsd_core.bootstrap import Services

app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)


@app.command("create")
def create(
    org: Annotated[str, typer.Option("--org", help="The organisation the key acts for.")],
    role: Annotated[str, typer.Option(help="facilitator, partner, auditor, integration or admin.")],
    name: Annotated[str | None, typer.Option(help="A name to recognise the key by.")] = None,
) -> None:
    """Create a key; it is printed once, alone on the last line, and never shown again."""

    async def work(services: Services) -> str:
        key, token = await services.keys.create(org, role, name)
        typer.echo(f"created key {key.key_id} ({key.role} of {key.organization}, '{key.name}')")
        return token

    typer.echo(run_with_services(work))


@app.command("list")
def list_keys() -> None:
    """Every key: id, name, organisation, role, and whether it is revoked."""
    keys = run_with_services(lambda services: services.keys.list())
    table = Table("key id", "name", "organization", "role", "created", "revoked")
    for key in keys:
        revoked = key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else ""
        created = key.created_at.isoformat(timespec="seconds")
        table.add_row(str(key.key_id), key.name, key.organization, key.role, created, revoked)
    Console().print(table)


@app.command("revoke")
def revoke(
    key_id: Annotated[str, typer.Argument(help="The key id shown by `jsd keys list`.")],
) -> None:
    """Revoke a key: requests with it are refused from now on."""
    try:
        parsed = UUID(key_id)
    except ValueError:
        raise ValueError(f"'{key_id}' is not a key id (see `jsd keys list`)") from None

    async def work(services: Services) -> bool:
        return await services.keys.revoke(parsed)

    if not run_with_services(work):
        raise ValueError(f"there is no active key {parsed}")
    typer.echo(f"revoked key {parsed}")
