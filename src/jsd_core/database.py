"""Where the database is: a configured server, or the embedded one, and its migrations."""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any

import asyncpg

EMBEDDED_SUBDIR = "postgres"
# Keep transactions short: an open transaction holds back every reader of the log.
SESSION_SETTINGS = {"idle_in_transaction_session_timeout": "30s"}


class EmbeddedPostgres:
    """The PostgreSQL server shipped as a wheel (pgserver), with its data under a folder."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.expanduser().resolve() / EMBEDDED_SUBDIR
        self._server: Any = None

    def start(self) -> str:
        """Start (or join) the server and return its `postgresql://` URL."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import pgserver

        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        self._forget_dead_processes()
        self._server = pgserver.get_server(self.data_dir, cleanup_mode="stop")
        return str(self._server.get_uri())

    def _forget_dead_processes(self) -> None:
        """pgserver stops the server when its last user exits; a user that was
        killed never says so, so drop the processes that are gone."""
        handles = self.data_dir / ".handle_pids.json"
        try:
            pids = json.loads(handles.read_text())
        except (OSError, ValueError):
            return
        alive = [pid for pid in pids if isinstance(pid, int) and _is_alive(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))

    def stop(self) -> None:
        """Stop the server unless another process still uses it."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def resolve_database_url(url: str | None = None, data_dir: Path = Path(".jsd")) -> str:
    """The configured URL, or the embedded server's (started if need be)."""
    if url:
        return url
    return EmbeddedPostgres(data_dir).start()


def asyncpg_url(url: str) -> str:
    """asyncpg takes plain `postgresql://` URLs."""
    for prefix in ("postgresql+asyncpg://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql://" + url[len(prefix) :]
    return url


def sqlalchemy_url(url: str) -> str:
    """SQLAlchemy needs to be told to use asyncpg."""
    return "postgresql+asyncpg://" + asyncpg_url(url)[len("postgresql://") :]


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Pooled connections hold no session state (LISTEN, advisory locks and SET
    live on dedicated connections), so returning one to the pool costs no round
    trip; asyncpg still rolls back a transaction left open."""


async def create_pool(url: str, *, min_size: int = 1, max_size: int = 20) -> asyncpg.Pool:
    pool: asyncpg.Pool = await asyncpg.create_pool(
        asyncpg_url(url),
        min_size=min_size,
        max_size=max_size,
        server_settings=SESSION_SETTINGS,
        reset=_keep_session,
    )
    return pool
