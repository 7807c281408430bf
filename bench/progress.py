"""Telling the person running `make bench` what is going on: steps, bars, and timings."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console()
_STARTED = time.perf_counter()


def say(message: str) -> None:
    """One line, stamped with the seconds since the run started."""
    console.print(f"[dim]{time.perf_counter() - _STARTED:7.1f}s[/dim] {message}")


@contextmanager
def step(name: str) -> Iterator[None]:
    """Announce a step, then say how long it took."""
    say(f"[bold]{name}[/bold] …")
    started = time.perf_counter()
    yield
    say(f"{name}: done in {time.perf_counter() - started:.1f} s")


@contextmanager
def bar(description: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar; the block gets a function that advances it by n."""
    columns = (
        TextColumn("        {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n: progress.advance(task, n)
