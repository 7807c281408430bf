"""Webhook delivery through real server processes: a receiver that fails, stalls
and comes back, and a server killed (SIGKILL) mid-delivery and restarted; in
both, every event arrives, in order, exactly once after de-duplication."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from jsd_core.integrations.webhooks import Webhooks
from jsd_core.store import RecordedEvent
from tests.support.databases import new_database
from tests.support.events import append_case, writing_store
from tests.support.integrations import principal, recorded_deliveries
from tests.support.receiver import STALL, WebhookReceiver, scripted
from tests.support.server import running_server
from tests.support.waiting import until
from tests.support.writers import write_concurrently

if TYPE_CHECKING:
    from tests.conftest import TestServer

ORGANIZATION = "jos"


def in_order(events: list[RecordedEvent]) -> list[str]:
    mine = sorted((e for e in events if e.organization == ORGANIZATION), key=lambda e: e.position)
    return [str(event.event_id) for event in mine]


async def test_a_receiver_that_fails_stalls_and_comes_back_loses_nothing(
    test_server: TestServer, template_url: str
) -> None:
    database = await new_database(test_server, template_url)
    settings = {"JSD_WEBHOOK_TIMEOUT": "0.5", "JSD_WEBHOOK_RETRY_SCHEDULE": "0.2,0.5,1,1,1,1"}
    respond = scripted([503, 500, 502, STALL, 503])
    async with running_server(database, env=settings), writing_store(database) as store:
        with WebhookReceiver(respond) as receiver:
            webhooks = Webhooks(store.pool, allow_private=True)
            caller = principal(ORGANIZATION)
            webhook, receiver.secret = await webhooks.register(caller, receiver.url)
            events = await write_concurrently(store, [ORGANIZATION], writers=4, appends=10)
            expected = in_order(events)
            await receiver.wait_for(lambda r: len(r.unique()) >= len(expected))
            deliveries = await recorded_deliveries(
                webhooks, caller, webhook.webhook_id, len(expected)
            )

    assert [d.message_id for d in receiver.unique()] == expected
    assert [d.attempt for d in reversed(deliveries)][:6] == [1, 2, 3, 4, 5, 6]
    assert sum(d.succeeded for d in deliveries) == len(expected)
    assert all(d.verified for d in receiver.received())


async def test_a_server_killed_mid_delivery_resumes_from_its_checkpoint_and_loses_nothing(
    test_server: TestServer, template_url: str
) -> None:
    database = await new_database(test_server, template_url)
    async with running_server(database) as server, writing_store(database) as store:
        # A slow receiver, so the kill lands while deliveries are in flight.
        with WebhookReceiver(pause=0.02) as receiver:
            webhooks = Webhooks(store.pool, allow_private=True)
            caller = principal(ORGANIZATION)
            webhook, receiver.secret = await webhooks.register(caller, receiver.url)
            writing = asyncio.create_task(
                write_concurrently(store, [ORGANIZATION, "nepal"], writers=6, appends=25)
            )
            await receiver.wait_for(lambda r: len(r.received()) >= 20)
            server.kill()
            killed_at = len(receiver.unique())
            events = await writing
            await server.restart()
            events += await append_case(store, ORGANIZATION)
            expected = in_order(events)
            await receiver.wait_for(lambda r: expected[-1] in [d.message_id for d in r.received()])

            async def checkpoint_reached() -> bool:
                position = await store.pool.fetchval(
                    "SELECT position FROM webhooks WHERE webhook_id = $1", webhook.webhook_id
                )
                return bool(position >= events[-1].position)

            await until(checkpoint_reached)

    assert killed_at < len(expected)
    assert [d.message_id for d in receiver.unique()] == expected
    # At least once: a delivery the kill interrupted is repeated, nothing else.
    assert len(receiver.received()) - len(expected) <= 1
