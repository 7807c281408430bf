"""A real `jsd serve --no-demo` process on the bench database, and API keys for it.

The server runs `workers` processes (`jsd serve --workers`) and gets only the
environment it needs (JSD_DATABASE_URL, webhooks allowed to 127.0.0.1); its
output goes to a log file whose tail is shown if it does not get ready. With
JSD_BENCH_PROFILE it runs under cProfile and writes `server.prof` there when stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from jsd_core.access.keys import ApiKeys
from jsd_core.database import create_pool

ENVIRONMENT = {"JSD_WEBHOOK_ALLOW_PRIVATE": "true", "JSD_WEBHOOK_RETRY_SCHEDULE": "0.2,0.5,1"}
LAUNCH = "from jsd_api.cli import main; main()"
PROFILED = (
    "import cProfile, sys; from jsd_api.cli import main; cProfile.run('main()', sys.argv.pop(1))"
)
ROLES = ("facilitator", "partner", "auditor", "integration")


@dataclass(frozen=True)
class Server:
    url: str
    keys: dict[str, str]  # role: token, all of organisation "lantern"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def running_server(
    database_url: str, profile: Path | None, workers: int = 1
) -> AsyncIterator[Server]:
    port = _free_port()
    workdir = Path(tempfile.mkdtemp(prefix="jsd-bench-server-"))
    environment = {k: v for k, v in os.environ.items() if not k.startswith("JSD_")}
    environment.update(ENVIRONMENT, JSD_DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    command = [sys.executable, "-c", LAUNCH]
    if profile is not None:
        await asyncio.to_thread(profile.mkdir, parents=True, exist_ok=True)
        command = [sys.executable, "-c", PROFILED, str(profile / "server.prof")]
    command += ["serve", "--no-demo", "--workers", str(workers)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    log_path = workdir / "server.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: ASYNC220 (returns at once)
            command, env=environment, cwd=workdir, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        url = f"http://127.0.0.1:{port}"
        await _wait_ready(url, process, log_path)
        yield Server(url, await _keys(database_url))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, 60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=2) as client:
        for _ in range(900):
            if process.poll() is not None:
                break
            with contextlib.suppress(httpx.HTTPError):
                if (await client.get("/readyz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    process.kill()
    text = await asyncio.to_thread(log.read_text, errors="replace")
    tail = "\n".join(text.splitlines()[-30:])
    raise RuntimeError(f"the server did not get ready:\n{tail}")


async def _keys(database_url: str) -> dict[str, str]:
    pool = await create_pool(database_url, min_size=1, max_size=1)
    try:
        keys = ApiKeys(pool)
        return {role: (await keys.create("lantern", role, f"bench {role}"))[1] for role in ROLES}
    finally:
        await pool.close()


async def graphql(
    client: httpx.AsyncClient, token: str, query: str, **variables: object
) -> dict[str, Any]:
    """POST /graphql; the data, or an error naming what the server answered."""
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    answer = response.json()
    if response.status_code != 200 or answer.get("errors"):
        raise RuntimeError(f"GraphQL answered {response.status_code}: {response.text[:500]}")
    data: dict[str, Any] = answer["data"]
    return data
