"""The NATS JetStream relay: every event, once, to `jsd.<organization>.<EventType>`.

One relay works at a time (an advisory lock; the other server processes stand
by). It creates its stream if missing, publishes the log in global order, one
acknowledged message after another, with `Nats-Msg-Id` = event id, and keeps
its checkpoint in the database after each page. After a crash it resumes from
the later of its checkpoint and the last message the stream holds, so what it
had published but not yet checkpointed is not published again; JetStream's
duplicate window (keyed on `Nats-Msg-Id`) covers the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from dataclasses import dataclass

import asyncpg
import nats
import nats.errors
import nats.js.errors
from nats.js import JetStreamContext

from jsd_core.integrations.cloudevents import cloudevent_json
from jsd_core.integrations.locks import AdvisoryLocks
from jsd_core.integrations.tasks import report_crash
from jsd_core.store import EventStore, RecordedEvent, parse_cursor
from jsd_core.store.errors import InvalidCursorError
from jsd_core.store.follow import BEHIND_BACKOFF, IDLE_RECHECK
from jsd_core.store.notifier import Notifier

log = logging.getLogger(__name__)
_TRANSIENT = (OSError, ConnectionError, asyncpg.PostgresError, asyncpg.InterfaceError)
_NOT_A_TOKEN = re.compile(r"[^A-Za-z0-9_-]")
_SAVE = """
INSERT INTO integration_checkpoints (name, position) VALUES ($1, $2)
ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = now()
"""


@dataclass(frozen=True)
class RelayTarget:
    url: str
    stream: str = "JSD"
    subject_prefix: str = "jsd"

    def subject(self, event: RecordedEvent) -> str:
        # Organisations are slugs; anything else must still make one subject token.
        organization = _NOT_A_TOKEN.sub("_", event.organization) or "_"
        return f"{self.subject_prefix}.{organization}.{event.type}"


class NatsRelay:
    """Publishes the global log to JetStream from a checkpoint; `start`, then `stop`."""

    def __init__(
        self,
        target: RelayTarget,
        database_url: str,
        store: EventStore,
        notifier: Notifier,
        *,
        batch: int = 100,
        retry_delay: float = 2.0,
    ) -> None:
        self.target = target
        self.store = store
        self.notifier = notifier
        self.batch = batch
        self.retry_delay = retry_delay
        self.checkpoint_name = f"nats-relay:{target.stream}"
        self._locks = AdvisoryLocks(database_url)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="jsd-nats-relay")
        self._task.add_done_callback(report_crash)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                await self._relay_while_holding_the_lock()
            except (*_TRANSIENT, nats.errors.Error, TimeoutError) as error:
                log.warning("NATS relay: %s; trying again in %g s", error, self.retry_delay)
            finally:
                await self._locks.close()
            await asyncio.sleep(self.retry_delay)

    async def _relay_while_holding_the_lock(self) -> None:
        await self._locks.open()
        # Another process relays while it holds the lock; stand by and look again.
        while not await self._locks.try_acquire(f"jsd.relay.{self.target.stream}"):  # noqa: ASYNC110
            await asyncio.sleep(self.retry_delay)
        client = await nats.connect(
            self.target.url, connect_timeout=5, max_reconnect_attempts=3, error_cb=_log_error
        )
        try:
            stream = client.jetstream()
            await self._ensure_stream(stream)
            work = asyncio.create_task(self._publish(stream, await self._resume(stream)))
            lost = asyncio.create_task(self._locks.lost.wait())
            try:
                await asyncio.wait({work, lost}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (work, lost):
                    task.cancel()
                await asyncio.wait({work, lost})
            if work.cancelled():
                raise ConnectionError("the relay lost its lock connection")
            work.result()
        finally:
            with contextlib.suppress(nats.errors.Error, OSError):
                await client.close()

    async def _ensure_stream(self, stream: JetStreamContext) -> None:
        try:
            await stream.stream_info(self.target.stream)
        except nats.js.errors.NotFoundError:
            await stream.add_stream(
                name=self.target.stream, subjects=[f"{self.target.subject_prefix}.>"]
            )

    async def _resume(self, stream: JetStreamContext) -> str | None:
        """The later of the checkpoint and the position of the stream's last message."""
        checkpoint: str | None = await self.store.pool.fetchval(
            "SELECT position FROM integration_checkpoints WHERE name = $1", self.checkpoint_name
        )
        info = await stream.stream_info(self.target.stream)
        if not info.state.last_seq:
            return checkpoint
        try:
            last = await stream.get_msg(self.target.stream, info.state.last_seq)
            published = str(json.loads(last.data or b"{}").get("jsdposition", ""))
            parse_cursor(published)
        except (nats.js.errors.NotFoundError, ValueError, AttributeError, InvalidCursorError):
            return checkpoint
        return max(published, checkpoint or "")

    async def _publish(self, stream: JetStreamContext, position: str | None) -> None:
        backoff = 0
        while True:
            token = self.notifier.token()
            page = await self.store.read_log(position, limit=self.batch)
            for event in page.events:
                await stream.publish(
                    self.target.subject(event),
                    cloudevent_json(event).encode(),
                    timeout=5,
                    stream=self.target.stream,
                    headers={"Nats-Msg-Id": str(event.event_id)},
                )
            if page.next != position:
                await self.store.pool.execute(_SAVE, self.checkpoint_name, page.next)
                position = page.next
            if len(page.events) == self.batch:
                continue
            if page.behind:
                await asyncio.sleep(BEHIND_BACKOFF[min(backoff, len(BEHIND_BACKOFF) - 1)])
                backoff += 1
                continue
            backoff = 0
            await self.notifier.wait(token, IDLE_RECHECK)


async def _log_error(error: Exception) -> None:
    log.warning("NATS: %s", error)
