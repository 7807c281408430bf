"""Real `jsd serve` processes for end-to-end tests and benchmarks.

    async with running_server(database_url) as server:
        async with httpx.AsyncClient(base_url=server.url) as client:
            ...

`ServerProcess.start` runs `jsd serve --no-demo` on a free port of 127.0.0.1
with `JSD_DATABASE_URL` set and, unless `env` says otherwise, webhooks allowed
to private addresses (`JSD_WEBHOOK_ALLOW_PRIVATE=true`) and a short retry
schedule (`JSD_WEBHOOK_RETRY_SCHEDULE=0.2,0.5,1`); other `JSD_` variables of
the calling environment are not passed on. It returns once `/readyz` answers
200. `kill()` sends SIGKILL (the process gets no chance to clean up),
`stop()` SIGTERM; `restart()` starts a new process on the same port and
settings. The server's output goes to a log file; its tail is in the error
raised when the server does not get ready.
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
from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import httpx

DEFAULT_ENV = {
    "JSD_WEBHOOK_ALLOW_PRIVATE": "true",
    "JSD_WEBHOOK_RETRY_SCHEDULE": "0.2,0.5,1",
}
_LAUNCH = "from jsd_api.cli import main; main()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerStartError(RuntimeError):
    """The server process exited or did not get ready in time."""


class ServerProcess:
    """One `jsd serve` process; see the module docstring."""

    def __init__(self, database_url: str, env: Mapping[str, str], port: int) -> None:
        self.database_url = database_url
        self.env = dict(env)
        self.port = port
        self.workdir = Path(tempfile.mkdtemp(prefix="jsd-server-"))
        self.log_path = self.workdir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @classmethod
    async def start(
        cls,
        database_url: str,
        *,
        env: Mapping[str, str] | None = None,
        port: int | None = None,
        ready_within: float = 90.0,
    ) -> ServerProcess:
        server = cls(database_url, {**DEFAULT_ENV, **(env or {})}, port or free_port())
        await server._launch(ready_within)
        return server

    async def restart(self, ready_within: float = 90.0) -> None:
        """Start a new process (after `kill` or `stop`) on the same port and settings."""
        if self.running:
            await self.stop()
        await self._launch(ready_within)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL: the process dies at once, mid-whatever it was doing."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    async def stop(self, grace: float = 20.0) -> None:
        """SIGTERM, then SIGKILL if it has not exited within `grace` seconds."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.to_thread(process.wait, grace)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    async def _launch(self, ready_within: float) -> None:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("JSD_")}
        environment.update(self.env, JSD_DATABASE_URL=self.database_url, PYTHONUNBUFFERED="1")
        command = [sys.executable, "-c", _LAUNCH, "serve", "--no-demo"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: ASYNC220 (returns at once)
                command,
                env=environment,
                cwd=self.workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        await self._wait_ready(ready_within)

    async def _wait_ready(self, ready_within: float) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=2) as client:
            loop = asyncio.get_running_loop()
            deadline = loop.time() + ready_within
            while loop.time() < deadline:
                if not self.running:
                    raise ServerStartError(f"the server exited:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/readyz")).status_code == 200:
                        return
                await asyncio.sleep(0.1)
        self.kill()
        raise ServerStartError(
            f"the server was not ready within {ready_within} s:\n{self.log_tail()}"
        )


@contextlib.asynccontextmanager
async def running_server(
    database_url: str, *, env: Mapping[str, str] | None = None
) -> AsyncIterator[ServerProcess]:
    """A server for the duration of the block; stopped (or killed) on the way out."""
    server = await ServerProcess.start(database_url, env=env)
    try:
        yield server
    finally:
        await server.stop()
