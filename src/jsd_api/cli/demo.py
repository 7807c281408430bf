"""`jsd demo`, and the demo's loading when `jsd serve` starts."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jsd_api.cli.runtime import run_with_services
from jsd_core.access import ForbiddenError
from jsd_core.access.keys import ApiKeys
from jsd_core.application.results import NotFoundError
from jsd_core.bootstrap import STREAM_TYPES, Services
from jsd_core.config import Settings
from jsd_core.database import create_pool
from jsd_core.demo.loader import DemoReport, demo_stories, load_demo
from jsd_core.demo.loader import Progress as OnStep
from jsd_core.demo.story import Story
from jsd_core.domain import DomainError
from jsd_core.store import EventStore, EventStoreError


@contextmanager
def story_progress() -> Iterator[OnStep]:
    """A progress bar per story on stderr, and the callback that advances them."""
    with Progress(
        TextColumn("{task.description:>6}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("commands"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as bars:
        tasks = {
            story.key: bars.add_task(story.key, total=len(story.steps)) for story in demo_stories()
        }

        def advance(story: Story, done: int) -> None:
            bars.update(tasks[story.key], completed=done)

        yield advance


def demo_command() -> None:
    """Load the demo stories (Nepal, Saaba, Dakar, Jos) through the command handlers.

    Idempotent: a second run replays every command and adds nothing."""
    with story_progress() as advance:

        async def work(services: Services) -> DemoReport:
            return await load_demo(services.store, progress=advance)

        report = run_with_services(work)
    typer.echo(summary(report))


def summary(report: DemoReport) -> str:
    already = report.commands - report.added
    return (
        f"demo: added {report.added} events "
        f"({report.commands} commands of {len(report.stories)} stories, {already} already applied)"
    )


async def load_on_start(database_url: str, settings: Settings, on_step: OnStep) -> DemoReport:
    """What `jsd serve` runs before serving: the demo, and an admin key if there is none."""
    pool = await create_pool(database_url, max_size=2)
    try:
        store = EventStore(
            pool, stream_types=STREAM_TYPES, max_event_bytes=settings.max_event_bytes
        )
        return await load_demo(store, keys=ApiKeys(pool), progress=on_step)
    finally:
        await pool.close()


def load_before_serving(database_url: str, settings: Settings) -> str | None:
    """Load the demo before `jsd serve` starts serving; the admin key made on first start.

    Runs in the plain process, before uvicorn starts its event loop. A demo that
    cannot be loaded (e.g. a database holding an older version of the stories)
    is reported on one line, and the service starts without it."""
    try:
        with story_progress() as advance:
            report = asyncio.run(load_on_start(database_url, settings, advance))
    except (EventStoreError, DomainError, NotFoundError, ForbiddenError) as error:
        typer.echo(f"jsd: the demo stories were not loaded: {error}", err=True)
        return None
    typer.echo(summary(report), err=True)
    return report.admin_key


def key_notice(admin_key: str | None) -> str:
    """How to call the API: the new admin key, shown once, or how to create a key."""
    if admin_key is None:
        return "create an API key with: jsd keys create --org ORG --role ROLE"
    return (
        "an admin key was created for this first start; it is shown once, keep it:\n"
        f"    {admin_key}\n"
        "send it as the header  Authorization: Bearer <key>"
    )
