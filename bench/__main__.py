"""`make bench`: every benchmark the issues name, each beside its baseline, in one run.

The appends run on a fresh database of their own (their events are not domain
events); everything else runs on a second fresh database holding the generated
dataset (about 1,000,000 events), then against a `jsd serve` process on it.
Prints progress as it goes and writes bench/results.json; see bench/settings.py
for the knobs.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit

from bench.api import api_figures
from bench.appends import append_figures
from bench.audit import audit_figures
from bench.database import bench_server, fresh_database
from bench.feed import feed_figures
from bench.history import history_figures
from bench.load import Dataset, load_dataset
from bench.progress import profile_steps, say, step
from bench.projections import projection_figures
from bench.reads import read_figures
from bench.report import Report
from bench.server import Server, running_server
from bench.settings import DATASET_SECTIONS, SERVER_SECTIONS, BenchSettings
from bench.subscribers import subscription_figures
from bench.webhooks import webhook_figures

WEBHOOK_DELIVERIES = 1000


async def on_dataset(url: str, settings: BenchSettings, report: Report) -> None:
    dataset = await load_dataset(url, settings.size(1_000_000))
    report.note("dataset_events", dataset.events)
    report.note("dataset_cases", dataset.cases)
    if settings.runs("reads"):
        await read_figures(url, dataset, report, settings)
    # The server needs the read models: rebuilding them is the projections' benchmark.
    if settings.runs("projections", *SERVER_SECTIONS):
        await projection_figures(url, dataset, report, settings)
    if settings.runs("audit"):
        await audit_figures(url, dataset, report)
    if settings.runs(*SERVER_SECTIONS):
        say(f"starting jsd serve on the dataset with {settings.workers} worker processes")
        async with running_server(url, settings.profile, settings.workers) as server:
            await against_server(server, url, dataset, settings, report)


async def against_server(
    server: Server, url: str, dataset: Dataset, settings: BenchSettings, report: Report
) -> None:
    if settings.runs("api"):
        # raiseCase runs at tens of commands/s: 1,000 give a steady state in under a minute.
        await api_figures(server, url, min(settings.events, 1000), report)
    if settings.runs("audit"):
        with step("caseHistory of the 1,000-event case through GraphQL over HTTP"):
            await history_figures(server, url, dataset.long_case_id, report)
    if settings.runs("integrations"):
        events = settings.size(100_000)
        with step(f"the feed: {events:,} events in pages of 1,000"):
            await feed_figures(server, url, events, report)
        with step("SSE and GraphQL subscription latency while 8 writers append"):
            await subscription_figures(server, url, report)
        with step(f"{WEBHOOK_DELIVERIES:,} webhook deliveries"):
            await webhook_figures(server, url, WEBHOOK_DELIVERIES, report)


async def main() -> None:
    settings = BenchSettings.from_environment()
    if settings.profile is not None:
        profile_steps(settings.profile)
    report = Report()
    started = time.perf_counter()
    say(f"sections: {', '.join(sorted(settings.only))}; scale {settings.scale:g}")
    async with bench_server() as server:
        if settings.runs("appends"):
            async with fresh_database(server) as url:
                with step(f"appends: {settings.events:,} events at concurrency 1, 8 and 32"):
                    await append_figures(url, settings.events, report)
        if settings.only & DATASET_SECTIONS:
            async with fresh_database(server) as url:
                await on_dataset(url, settings, report)
        location = urlsplit(server)
        elapsed = time.perf_counter() - started
        report.write(f"{location.hostname}:{location.port}", elapsed, sorted(settings.only))


if __name__ == "__main__":
    asyncio.run(main())
