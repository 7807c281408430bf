"""Projections in real server processes, `/metrics`, and the `jsd projections` commands."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import httpx

from tests.integration.test_projection_events import Stack, Writer, read_side
from tests.support.server import running_server

_CLI = "from jsd_api.cli import main; main()"


def jsd(database_url: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JSD_")}
    environment["JSD_DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-c", _CLI, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


async def some_cases(writer: Writer, count: int) -> None:
    dialogue = await writer.convene()
    for n in range(count):
        await writer.raise_case(dialogue, title=f"Cas {n}")


def lag(metrics: str, projection: str) -> float:
    prefix = f'jsd_projection_lag_events{{projection="{projection}"}} '
    (line,) = (line for line in metrics.splitlines() if line.startswith(prefix))
    return float(line.removeprefix(prefix))


async def test_each_server_runs_the_projections_and_a_standby_takes_over(
    fresh_database_url: str,
) -> None:
    # `start=False`: this process only writes and watches; the servers project.
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 3)
        async with running_server(fresh_database_url) as first:
            assert await stack.projections.wait_for(writer.position, 30.0)
            async with (
                running_server(fresh_database_url) as second,
                httpx.AsyncClient(base_url=second.url) as client,
            ):
                first.kill()  # the lock holder dies without a word
                await some_cases(writer, 2)
                assert await stack.projections.wait_for(writer.position, 30.0)
                metrics = (await client.get("/metrics")).text
    assert lag(metrics, "cases") == 0
    assert lag(metrics, "dialogues") == 0
    assert 'jsd_projection_generation{projection="cases"} 1.0' in metrics


async def test_the_status_command_shows_each_projection(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 2)
    shown = await asyncio.to_thread(jsd, fresh_database_url, "projections", "status")
    assert shown.returncode == 0, shown.stderr
    for word in ("projection", "generation", "lag", "dialogues", "cases"):
        assert word in shown.stdout


async def test_the_rebuild_command_switches_to_a_new_generation(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 4)
        done = await asyncio.to_thread(jsd, fresh_database_url, "projections", "rebuild", "cases")
        assert done.returncode == 0, done.stderr
        assert "cases rebuilt: generation 2" in done.stdout
        statuses = await _statuses(stack)
    assert statuses["cases"] == 2
    assert statuses["dialogues"] == 1


async def test_rebuilding_an_unknown_projection_fails_in_one_line(fresh_database_url: str) -> None:
    failed = await asyncio.to_thread(jsd, fresh_database_url, "projections", "rebuild", "case")
    assert failed.returncode == 1
    assert failed.stderr.strip().splitlines() == [
        "jsd: there is no projection 'case' (known: dialogues, cases)"
    ]


async def _statuses(stack: Stack) -> dict[str, int]:
    return {s.name: s.generation for s in await stack.projections.status()}
