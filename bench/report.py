"""Collects figures, prints them as a table and writes bench/results.json.

Each figure may carry its baselines (`<name>_ratio_to_<label>` = value / baseline)
and the target the issues set for it (`<name>_target`, `<name>_target_met`).
results.json holds the latest run's figures, and under `earlier` the runs before
it, newest first (up to EARLIER_RUNS): machines differ, so a figure compares with
its baselines of the same run, and runs with each other through those.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.measure import percentile

RESULTS = Path(__file__).parent / "results.json"
EARLIER_RUNS = 10
Figures = dict[str, float | int | str | bool]


class Report:
    def __init__(self) -> None:
        self.figures: Figures = {}
        self.rows: list[tuple[str, str, str, str, str]] = []

    def add(
        self,
        name: str,
        value: float,
        unit: str,
        *,
        baselines: dict[str, float] | None = None,
        target: tuple[str, bool] | None = None,
    ) -> None:
        """Record a figure and, for each baseline given, its ratio `<name>_ratio_to_<baseline>`;
        `target` is the issue's target in words and whether this run met it."""
        self.figures[name] = round(value, 3)
        ratios = []
        for label, base in (baselines or {}).items():
            ratio = value / base if base else float("nan")
            self.figures[f"{name}_ratio_to_{label}"] = round(ratio, 3)
            ratios.append(f"{ratio:.2f}× {label}")
        verdict = ""
        if target is not None:
            words, met = target
            self.figures[f"{name}_target"] = words
            self.figures[f"{name}_target_met"] = met
            verdict = f"{words} {'[green]met[/green]' if met else '[red]missed[/red]'}"
        self.rows.append((name, f"{value:,.1f}", unit, ", ".join(ratios), verdict))

    def add_latency(
        self,
        name: str,
        values: Sequence[float],
        *,
        baselines: dict[str, Sequence[float]] | None = None,
        p95_below: float | None = None,
    ) -> None:
        """p50 and p95 of `values` (ms) as `<name>_p50_ms` and `<name>_p95_ms`, each beside
        the same percentile of every baseline; `p95_below` is the target in ms."""
        for label, share in (("p50", 0.5), ("p95", 0.95)):
            value = percentile(values, share)
            target = None
            if label == "p95" and p95_below is not None:
                target = (f"p95 < {p95_below:g} ms", value < p95_below)
            self.add(
                f"{name}_{label}_ms",
                value,
                "ms",
                baselines={b: percentile(v, share) for b, v in (baselines or {}).items()},
                target=target,
            )

    def note(self, name: str, value: float | int | str) -> None:
        """A fact of the run kept in results.json (sizes, counts), not printed as a figure."""
        self.figures[name] = value

    def write(self, database: str, wall_seconds: float, sections: Sequence[str]) -> None:
        self.figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        self.figures["machine"] = f"{platform.machine()} {platform.python_version()}"
        self.figures["database"] = database
        self.figures["wall_seconds"] = round(wall_seconds, 1)
        self.figures["sections"] = ",".join(sorted(sections))
        runs = {**dict(sorted(self.figures.items())), "earlier": earlier_runs()[:EARLIER_RUNS]}
        RESULTS.write_text(json.dumps(runs, indent=2) + "\n")
        table = Table("figure", "value", "unit", "ratio", "target", title="make bench")
        for row in self.rows:
            table.add_row(*row)
        console = Console(width=160)
        console.print(table)
        console.print(f"wall time {wall_seconds:.0f} s; written to {RESULTS}")


def earlier_runs() -> list[Figures]:
    """The runs results.json holds now, newest first: its latest, then those before it."""
    try:
        held = json.loads(RESULTS.read_text())
    except (OSError, ValueError):
        return []
    if not isinstance(held, dict):
        return []
    before = held.pop("earlier", [])
    return [held, *(run for run in before if isinstance(run, dict))]
