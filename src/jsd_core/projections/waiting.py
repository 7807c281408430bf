"""Read-your-writes: waiting until every projection has applied the log up to a position.

Where a projection's runner works in this process (it holds the lock), the
runner reports each checkpoint it commits and waiters wake on it: no query.
For projections run by another process, one poller per process reads the
checkpoints while anyone waits, however many wait. Checkpoints only move
forward, so whatever is known of them is never ahead of the truth.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import asyncpg
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

ReadCheckpoints = Callable[[], Awaitable[dict[str, str]]]


class Checkpoints:
    """What this process knows of each projection's checkpoint, and waiting on it."""

    def __init__(self, names: list[str], read: ReadCheckpoints, poll: float) -> None:
        self.names, self._read, self._poll = names, read, poll
        self.polls = 0  # how many times the checkpoints were read (for tests and curiosity)
        self._held: dict[str, str] = {}  # projections this process's runners hold
        self._polled: dict[str, str] = {}
        self._changed = asyncio.Event()
        self._waiters = 0
        self._poller: asyncio.Task[None] | None = None

    @property
    def held(self) -> frozenset[str]:
        """The projections whose runner works in this process now."""
        return frozenset(self._held)

    def applied(self, name: str, position: str) -> None:
        """A runner of this process holds the projection and has committed up to `position`."""
        self._held[name] = position
        self._wake()

    def released(self, name: str) -> None:
        """This process's runner no longer holds the projection."""
        if self._held.pop(name, None) is not None:
            self._wake()

    def reached(self, position: str) -> bool:
        return all(
            max(self._held.get(name, ""), self._polled.get(name, "")) >= position
            for name in self.names
        )

    async def wait_for(self, position: str, timeout: float) -> bool:  # noqa: ASYNC109
        """True once every projection has passed `position`; False after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self._waiters += 1
        try:
            while not self.reached(position):
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return False
                if not self.held.issuperset(self.names) and self._poller is None:
                    self._poller = asyncio.create_task(self._polling(), name="jsd-checkpoints")
                changed = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), remaining)
            return True
        finally:
            self._waiters -= 1

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    async def _polling(self) -> None:
        """Read the checkpoints every `poll` seconds while anyone waits on one held elsewhere."""
        try:
            while self._waiters and not self.held.issuperset(self.names):
                self.polls += 1
                try:
                    found = await self._read()
                except (OSError, asyncpg.PostgresError, SQLAlchemyError) as error:
                    log.warning("could not read the projections' checkpoints: %s", error)
                else:
                    for name, position in found.items():
                        self._polled[name] = max(self._polled.get(name, ""), position)
                    self._wake()
                await asyncio.sleep(self._poll)
        finally:
            self._poller = None

    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()
