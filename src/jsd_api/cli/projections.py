"""`jsd projections`: how far each read model has got, and rebuilding one from the log."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from jsd_api.cli.runtime import run_with_services
from jsd_core.bootstrap import Services
from jsd_core.projections import ProjectionStatus
from jsd_core.projections.generations import check_projection
from jsd_core.projections.rebuild import rebuild

app = typer.Typer(help="See and rebuild the read models.", no_args_is_help=True)


@app.command("status")
def status() -> None:
    """Each projection's generation, log position, lag (events after it) and state."""

    async def work(services: Services) -> list[ProjectionStatus]:
        return await services.projections.status()

    table = Table("projection", "generation", "position", "lag", "state")
    for row in run_with_services(work):
        table.add_row(row.name, str(row.generation), row.position, str(row.lag), row.state)
    Console().print(table)


@app.command("rebuild")
def rebuild_command(
    name: Annotated[str, typer.Argument(help="The projection: dialogues or cases.")],
) -> None:
    """Rebuild one projection from the start of the log into fresh tables, then switch.

    Queries keep being answered from the current tables until the switch."""
    check_projection(name)
    console = Console(stderr=True)
    with Progress(
        TextColumn(f"rebuilding {name}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("events"),
        TimeElapsedColumn(),
        console=console,
    ) as progress:
        task = progress.add_task(name, total=None)

        def show(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        async def work(services: Services) -> int:
            return await rebuild(services.projections, name, on_progress=show)

        generation = run_with_services(work)
    typer.echo(f"{name} rebuilt: generation {generation} now answers queries")
