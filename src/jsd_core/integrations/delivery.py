"""The webhook delivery worker: runs in every server process, one endpoint per lock.

Every `scan_interval` seconds (at once after a registration in this process)
the worker lists the active webhooks, takes the advisory lock of each one no
other process holds, and runs an `Endpoint` loop for it. A webhook that was
deactivated is let go; a loop that failed is restarted at the next scan. If
the lock connection goes, every loop stops at once, since another process may
now hold those locks.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from uuid import UUID

import asyncpg

from jsd_core.integrations.attempt import new_client
from jsd_core.integrations.bookkeeping import EndpointState
from jsd_core.integrations.endpoint import DeliveryPolicy, Endpoint
from jsd_core.integrations.locks import AdvisoryLocks
from jsd_core.integrations.tasks import report_crash
from jsd_core.store import EventStore
from jsd_core.store.notifier import Notifier

log = logging.getLogger(__name__)
_STATE = (
    "SELECT webhook_id, organization, url, types, secret, position, failed_attempts, "
    "next_attempt_at FROM webhooks WHERE webhook_id = $1 AND active"
)
_TRANSIENT = (OSError, ConnectionError, asyncpg.PostgresError, asyncpg.InterfaceError)


def lock_name(webhook_id: UUID) -> str:
    return f"jsd.webhook.{webhook_id}"


class DeliveryWorker:
    """Delivers every active webhook this process holds the lock of; `start`, then `stop`."""

    def __init__(
        self,
        database_url: str,
        store: EventStore,
        notifier: Notifier,
        policy: DeliveryPolicy,
        *,
        clock: Callable[[], datetime],
        scan_interval: float = 1.0,
    ) -> None:
        self.store = store
        self.notifier = notifier
        self.policy = policy
        self.clock = clock
        self.scan_interval = scan_interval
        self._locks = AdvisoryLocks(database_url)
        self._client = new_client(policy.timeout)
        self._endpoints: dict[UUID, asyncio.Task[None]] = {}
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._supervise(), name="jsd-webhook-delivery")
        self._task.add_done_callback(report_crash)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._drop_all()
        await self._client.aclose()

    def wake(self) -> None:
        """Look at the webhooks now (a registration or deactivation happened)."""
        self._wakeup.set()

    async def _supervise(self) -> None:
        while True:
            try:
                if self._locks.lost.is_set():
                    await self._drop_all()
                if not self._locks.is_open:
                    await self._locks.open()
                await self._scan()
            except _TRANSIENT as error:
                log.warning("webhook delivery: %s; trying again", error)
                await self._drop_all()
                await asyncio.sleep(self.scan_interval)
                continue
            self._wakeup.clear()
            waits = [asyncio.create_task(e.wait()) for e in (self._wakeup, self._locks.lost)]
            try:
                await asyncio.wait(
                    waits, timeout=self.scan_interval, return_when=asyncio.FIRST_COMPLETED
                )
            finally:
                for waiting in waits:
                    waiting.cancel()

    async def _scan(self) -> None:
        active = {
            row["webhook_id"]
            for row in await self.store.pool.fetch("SELECT webhook_id FROM webhooks WHERE active")
        }
        for webhook_id, task in list(self._endpoints.items()):
            if task.done() or webhook_id not in active:
                await self._let_go(webhook_id)
        for webhook_id in active - self._endpoints.keys():
            if not await self._locks.try_acquire(lock_name(webhook_id)):
                continue
            # Read the state only now: until the lock was ours, another process
            # may have moved this webhook on.
            row = await self.store.pool.fetchrow(_STATE, webhook_id)
            if row is None:
                await self._locks.release(lock_name(webhook_id))
                continue
            state = EndpointState(**{**dict(row), "types": tuple(row["types"])})
            endpoint = Endpoint(
                state,
                store=self.store,
                notifier=self.notifier,
                client=self._client,
                policy=self.policy,
                clock=self.clock,
            )
            self._endpoints[webhook_id] = asyncio.create_task(
                endpoint.run(), name=f"jsd-webhook-{webhook_id}"
            )

    async def _let_go(self, webhook_id: UUID) -> None:
        task = self._endpoints.pop(webhook_id)
        await _finish(webhook_id, task)
        if not self._locks.lost.is_set():
            await self._locks.release(lock_name(webhook_id))

    async def _drop_all(self) -> None:
        """Stop every loop and give up every lock (closing the lock session does that)."""
        endpoints, self._endpoints = self._endpoints, {}
        for webhook_id, task in endpoints.items():
            await _finish(webhook_id, task)
        await self._locks.close()


async def _finish(webhook_id: UUID, task: asyncio.Task[None]) -> None:
    """Stop a loop (if it still runs) and report how it failed, if it did."""
    if not task.done():
        task.cancel()
        await asyncio.wait([task])
    if not task.cancelled() and task.exception() is not None:
        log.error(
            "webhook %s: the delivery loop failed; it restarts at the next scan",
            webhook_id,
            exc_info=task.exception(),
        )
