"""`jsd demo` and `jsd serve`'s first start, through the real command line in a subprocess."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from jsd_core.access import Role
from jsd_core.access.keys import ApiKeys
from jsd_core.database import create_pool
from tests.support.cli import LAUNCH, environment, jsd
from tests.support.server import free_port
from tests.support.waiting import until

KEY = re.compile(r"^\s+(jsd_[0-9a-f]{32}_\S+)$", re.MULTILINE)


async def test_jsd_demo_run_twice_adds_nothing_the_second_time(fresh_database_url: str) -> None:
    first = await jsd(fresh_database_url, "demo")
    second = await jsd(fresh_database_url, "demo")

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    added = [re.search(r"added (\d+) events", run.stdout) for run in (first, second)]
    assert added[0] is not None
    assert int(added[0].group(1)) > 200
    assert added[1] is not None
    assert added[1].group(1) == "0"


async def serve_once(database_url: str, log: Path) -> str:
    """Start `jsd serve` (demo on), wait until it is ready, stop it; what it printed."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: ASYNC220 (returns at once)
            [sys.executable, "-c", LAUNCH, "serve", "--port", str(port)],
            env=environment(database_url),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=2) as client:

            async def ready() -> bool:
                assert process.poll() is None, "jsd serve exited before it was ready"
                try:
                    return (await client.get("/readyz")).status_code == 200
                except httpx.HTTPError:
                    return False

            await until(ready, within=180)
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.to_thread(process.wait, 60)
    return await asyncio.to_thread(log.read_text)


async def test_the_first_start_loads_the_demo_and_prints_an_admin_key_once(
    fresh_database_url: str, tmp_path: Path
) -> None:
    first = await serve_once(fresh_database_url, tmp_path / "first.log")
    later = await serve_once(fresh_database_url, tmp_path / "later.log")

    assert "/graphql" in first
    assert re.search(r"added [1-9]\d* events", first)
    [token] = KEY.findall(first)
    pool = await create_pool(fresh_database_url, max_size=1)
    try:
        admin = await ApiKeys(pool).authenticate(token)
    finally:
        await pool.close()
    assert admin is not None
    assert admin.role is Role.ADMIN
    assert "added 0 events" in later
    assert not KEY.findall(later)
    assert "jsd keys create" in later
