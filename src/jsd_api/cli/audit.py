"""`jsd audit`: a case's history, chain verification, and audit bundles.

Everything is read from the event store itself (never a projection); bundles
are checked with no database at all.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.text import Text

from jsd_core.audit import (
    ChainVerification,
    WorkerFailedError,
    bundle_text,
    case_history,
    changes,
    check_bundle,
    export_case_bundle,
    read_bundle,
    verify_all,
    verify_stream,
)
from jsd_core.audit.reader import run_reading
from jsd_core.store.hashing import format_timestamp
from jsd_core.store.store import utcnow

app = typer.Typer(help="Replay, verify and export the history of cases.", no_args_is_help=True)
CaseId = Annotated[str, typer.Argument(help="The case's id (a UUID).", show_default=False)]


def _console(stderr: bool = False) -> Console:
    # Never wrap: a stream id or a reason cut in two is harder to find and to grep.
    return Console(stderr=stderr, soft_wrap=True, highlight=False)


def _uuid(value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise ValueError(f"'{value[:60]}' is not a case id (a UUID)") from None


def _moment(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--as-of takes an ISO 8601 date-time, got '{value[:60]}'") from None
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


def _verdict(found: ChainVerification) -> Text:
    if found.valid:
        return Text(f"intact: {found.events} events, head hash {found.head_hash}", "green")
    return Text(f"BROKEN at version {found.first_invalid_version}: {found.reason}", "bold red")


@app.command("replay")
def replay(
    case_id: CaseId,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Stop at this moment (ISO 8601; UTC if no offset)."),
    ] = None,
    version: Annotated[int | None, typer.Option(min=1, help="Stop at this version.")] = None,
) -> None:
    """The case's events one by one: when, what, who, and what each changed in its state."""
    stream_id = _uuid(case_id)
    until = _moment(as_of) if as_of else None
    revisions = run_reading(lambda source: case_history(source.store, stream_id))
    if not revisions:
        raise ValueError(f"there is no case {stream_id}")
    shown = [
        revision
        for revision in revisions
        if (version is None or revision.event.version <= version)
        and (until is None or revision.event.recorded_at <= until)
    ]
    if not shown:
        raise ValueError(f"case {stream_id} did not exist yet at {as_of}")
    console = _console()
    console.print(Text(f"Case {stream_id}: {revisions[0].state.title}", "bold"))
    before = None
    for revision in shown:
        event = revision.event
        console.print(
            Text.assemble(
                (f"v{event.version} ", "bold"),
                (event.recorded_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC "), "dim"),
                (event.type, "cyan"),
                f" by {event.actor}",
            )
        )
        for line in changes(before, revision.state) or ["(no change to the state)"]:
            console.print(Text(f"    {line}"))
        before = revision.state
    last = shown[-1].state
    console.print(
        Text(f"as of {format_timestamp(last.as_of)}: {last.status}, version {last.version}")
    )


@app.command("verify")
def verify(
    case: Annotated[
        str | None, typer.Option("--case", help="Check only this case (or any stream) id.")
    ] = None,
) -> None:
    """Recompute hash chains (every stream, or one); exit 1 naming each broken one."""
    console = _console()
    if case is not None:
        stream_id = _uuid(case)
        found = run_reading(lambda source: verify_stream(source.pool, stream_id))
        if found.events == 0:
            raise ValueError(f"there is no stream {stream_id} in the store")
        console.print(Text.assemble(f"stream {stream_id}: ", _verdict(found)))
        if not found.valid:
            raise typer.Exit(1)
        return
    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    bar = Progress(*columns, TimeRemainingColumn(), console=_console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("verifying events", total=None)
        try:
            report = run_reading(
                lambda source: verify_all(
                    source.database_url,
                    lambda done, total: bar.update(task, completed=done, total=total),
                )
            )
        except WorkerFailedError as error:
            typer.echo(f"jsd: verification could not finish: {error}", err=True)
            raise typer.Exit(2) from None
    for stream_id, found in report.broken:
        console.print(Text.assemble(f"stream {stream_id}: ", _verdict(found)))
    summary = f"{report.events} events in {report.streams} streams checked"
    if report.broken:
        console.print(Text(f"{summary}: {len(report.broken)} broken", "bold red"))
        raise typer.Exit(1)
    console.print(Text(f"{summary}: every chain is intact", "green"))


@app.command("export")
def export(
    case_id: CaseId,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Write the case's audit bundle (jsd-audit-bundle/1), checkable offline."""
    stream_id = _uuid(case_id)
    bundle = run_reading(
        lambda source: export_case_bundle(source.store, stream_id, exported_at=utcnow())
    )
    if bundle is None:
        raise ValueError(f"there is no case {stream_id}")
    text = bundle_text(bundle)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ValueError(f"cannot write {output}: {error.strerror or error}") from None
    typer.echo(f"wrote {len(bundle['events'])} events of case {stream_id} to {output}", err=True)


@app.command("check-bundle")
def check_bundle_command(
    file: Annotated[Path, typer.Argument(help="The bundle file.", show_default=False)],
) -> None:
    """Verify a bundle offline, with no database: exit 1 naming the first bad event."""
    checked = check_bundle(read_bundle(file))
    _console().print(
        Text.assemble(
            f"{checked.stream_type} {checked.stream_id} (exported {checked.exported_at}): ",
            _verdict(checked.verification),
        )
    )
    if not checked.verification.valid:
        raise typer.Exit(1)
