"""One webhook endpoint's deliveries: its events, in order, from its own checkpoint.

One event at a time, retried as `retries` decides, each attempt recorded as
`bookkeeping` does; `run` returns once the webhook is deactivated.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import asyncpg
import httpx

from jsd_core.integrations.attempt import attempt_delivery
from jsd_core.integrations.bookkeeping import EndpointState, record_attempt
from jsd_core.integrations.cloudevents import cloudevent_json
from jsd_core.integrations.retries import Step, judge
from jsd_core.store import EventStore, RecordedEvent
from jsd_core.store.follow import BEHIND_BACKOFF, IDLE_RECHECK
from jsd_core.store.notifier import Notifier

BATCH = 100


@dataclass(frozen=True)
class DeliveryPolicy:
    schedule: tuple[float, ...]
    timeout: float
    allow_private: bool


class Endpoint:
    """Delivers one webhook's events; `run` returns once the webhook is deactivated."""

    def __init__(
        self,
        state: EndpointState,
        *,
        store: EventStore,
        notifier: Notifier,
        client: httpx.AsyncClient,
        policy: DeliveryPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self.state = state
        self.store = store
        self.pool: asyncpg.Pool = store.pool
        self.notifier = notifier
        self.client = client
        self.policy = policy
        self.clock = clock

    async def run(self) -> None:
        state, backoff = self.state, 0
        while True:
            token = self.notifier.token()
            page = await self.store.read_log(
                state.position,
                limit=BATCH,
                types=state.types or None,
                organizations=[state.organization],
            )
            for event in page.events:
                if not await self._deliver(event):
                    return
            if page.next > state.position and not await self._checkpoint(page.next):
                return
            if len(page.events) == BATCH:
                continue
            if page.behind:
                await asyncio.sleep(BEHIND_BACKOFF[min(backoff, len(BEHIND_BACKOFF) - 1)])
                backoff += 1
                continue
            backoff = 0
            await self.notifier.wait(token, IDLE_RECHECK)

    async def _deliver(self, event: RecordedEvent) -> bool:
        """Try `event` until it is delivered (True) or the webhook stops (False)."""
        body = cloudevent_json(event)
        while True:
            if self.state.next_attempt_at is not None:
                wait = (self.state.next_attempt_at - self.clock()).total_seconds()
                if wait > 0:
                    await asyncio.sleep(wait)
            started = self.clock()
            outcome = await attempt_delivery(
                self.client,
                url=self.state.url,
                secret=self.state.secret,
                message_id=str(event.event_id),
                body=body,
                moment=started,
                time_limit=self.policy.timeout,
                allow_private=self.policy.allow_private,
            )
            attempt = self.state.failed_attempts + 1
            verdict = judge(outcome, attempt, self.policy.schedule, self.clock())
            step = await record_attempt(self.pool, self.state, event, started, outcome, verdict)
            if step is not Step.RETRY:
                return step is Step.DELIVERED

    async def _checkpoint(self, position: str) -> bool:
        """Skip past events this webhook does not receive; False once it is inactive."""
        row = await self.pool.fetchrow(
            "UPDATE webhooks SET position = $2 WHERE webhook_id = $1 AND active RETURNING position",
            self.state.webhook_id,
            position,
        )
        if row is None:
            return False
        self.state.position = row["position"]
        return True
