"""Timing helpers: throughputs measured side by side, and latency percentiles."""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

from jsd_core.heap import frozen_heap

Work = Callable[[], Awaitable[int]]  # does some work, returns how many items it did


def percentile(values: Sequence[float], share: float) -> float:
    """The value below which `share` (0..1) of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def best_rates(works: Mapping[str, Work], rounds: int) -> dict[str, float]:
    """Items/s of each work, taking turns round after round, so a figure and its baseline
    run back to back; each keeps its fastest round, the least disturbed by whatever
    else the machine is doing."""
    best = dict.fromkeys(works, 0.0)
    # While a figure is measured, the bench process's objects so far stay out of its
    # collector's full passes, as the server does with what it built at startup. The
    # bench holds far more than a client would (the generated dataset's leftovers, the
    # modules of both sides), and a full pass over all of it, every dozen requests with
    # large answers, took some 50 ms: a pause of the load generator, not of the
    # service, counted as latency.
    with frozen_heap():
        for _ in range(rounds):
            for label, work in works.items():
                started = time.perf_counter()
                done = await work()
                best[label] = max(best[label], done / (time.perf_counter() - started))
    return best


async def latencies_ms(
    works: Mapping[str, Callable[[int], Awaitable[object]]], requests: int, warmup: int = 5
) -> dict[str, list[float]]:
    """Milliseconds of each of `requests` calls of each work (called with the request's
    number), one call at a time, the works taking turns; `warmup` calls are not kept."""
    spent: dict[str, list[float]] = {label: [] for label in works}
    with frozen_heap():  # as in best_rates
        for number in range(warmup + requests):
            for label, work in works.items():
                started = time.perf_counter()
                await work(number)
                if number >= warmup:
                    spent[label].append((time.perf_counter() - started) * 1000)
    return spent
