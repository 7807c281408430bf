"""Collects figures, prints them as a table and writes bench/results.json."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

RESULTS = Path(__file__).parent / "results.json"


class Report:
    def __init__(self) -> None:
        self.figures: dict[str, float | int | str] = {}
        self.rows: list[tuple[str, str, str, str]] = []

    def add(
        self, name: str, value: float, unit: str, *, baselines: dict[str, float] | None = None
    ) -> None:
        """Record a figure and, for each baseline given, its ratio `<name>_ratio_to_<baseline>`."""
        self.figures[name] = round(value, 3)
        ratios = []
        for label, base in (baselines or {}).items():
            ratio = value / base if base else float("nan")
            self.figures[f"{name}_ratio_to_{label}"] = round(ratio, 3)
            ratios.append(f"{ratio:.2f}× {label}")
        self.rows.append((name, f"{value:,.1f}", unit, ", ".join(ratios)))

    def write(self, database: str) -> None:
        self.figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        self.figures["machine"] = f"{platform.machine()} {platform.python_version()}"
        self.figures["database"] = database
        RESULTS.write_text(json.dumps(self.figures, indent=2, sort_keys=True) + "\n")
        table = Table("figure", "value", "unit", "ratio", title="make bench")
        for row in self.rows:
            table.add_row(*row)
        Console().print(table)
        Console().print(f"written to {RESULTS}")
