"""What a run measures and how big, from the environment.

- JSD_BENCH_EVENTS: appends per append figure, and raiseCase commands (default 3000);
- JSD_BENCH_SCALE: multiplies the dataset and read sizes (1M events, 100k read), e.g. 0.1;
- JSD_BENCH_ONLY: comma-separated sections to run (default: all of SECTIONS);
- JSD_BENCH_PROFILE: a folder; each step of the bench process runs under cProfile and
  writes `NN-<step>.prof` there, and the server process writes `server.prof`;
- JSD_BENCH_WORKERS: `jsd serve --workers` of the server (default: one per core, as it
  would be deployed; 1 when profiling, since cProfile sees only the first process).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SECTIONS = ("appends", "reads", "projections", "api", "audit", "integrations")
# Sections that need the big generated dataset, and those that need a server on it.
DATASET_SECTIONS = frozenset(SECTIONS) - {"appends"}
SERVER_SECTIONS = frozenset({"api", "audit", "integrations"})


@dataclass(frozen=True)
class BenchSettings:
    events: int
    scale: float
    only: frozenset[str]
    profile: Path | None
    workers: int

    @classmethod
    def from_environment(cls) -> BenchSettings:
        chosen = os.environ.get("JSD_BENCH_ONLY", "")
        only = frozenset(part.strip() for part in chosen.split(",") if part.strip())
        unknown = only - set(SECTIONS)
        if unknown:
            raise SystemExit(
                f"JSD_BENCH_ONLY: unknown sections {sorted(unknown)}; known: {SECTIONS}"
            )
        profile = os.environ.get("JSD_BENCH_PROFILE")
        per_core = 1 if profile else os.cpu_count() or 1
        workers = int(os.environ.get("JSD_BENCH_WORKERS") or per_core)
        return cls(
            events=int(os.environ.get("JSD_BENCH_EVENTS", "3000")),
            scale=float(os.environ.get("JSD_BENCH_SCALE", "1")),
            only=only or frozenset(SECTIONS),
            profile=Path(profile).resolve() if profile else None,
            workers=max(1, workers),
        )

    def size(self, full: int) -> int:
        """A size of the full run, scaled (never below 1,000)."""
        return max(1000, round(full * self.scale))

    def runs(self, *sections: str) -> bool:
        return any(section in self.only for section in sections)
