"""Telling the person running `make bench` what is going on: steps, bars, and timings.

With `profile_steps(folder)` (JSD_BENCH_PROFILE), each step of the bench process
also runs under cProfile and is written to `<folder>/<NN>-<step>.prof`.
"""

from __future__ import annotations

import cProfile
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = Console()
_STARTED = time.perf_counter()
_PROFILES: list[Path] = []  # the folder steps are profiled into, when asked


def profile_steps(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    _PROFILES.append(folder)


def say(message: str) -> None:
    """One line, stamped with the seconds since the run started."""
    console.print(f"[dim]{time.perf_counter() - _STARTED:7.1f}s[/dim] {message}")


@contextmanager
def step(name: str) -> Iterator[None]:
    """Announce a step, then say how long it took."""
    say(f"[bold]{name}[/bold] …")
    profiler = cProfile.Profile() if _PROFILES else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    yield
    if profiler is not None:
        profiler.disable()
        folder = _PROFILES[-1]
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
        profiler.dump_stats(folder / f"{len(list(folder.glob('*.prof'))):02d}-{slug}.prof")
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
