"""Many concurrent writers, one server process, and a reader on each surface it
serves: the feed, server-sent events, a GraphQL subscription and a webhook
receiver. Each reader sees
every committed event exactly once (webhooks: at least once, exactly once
after de-duplicating by webhook-id), in the global order."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

import httpx

from jsd_core.integrations.webhooks import Webhooks
from tests.support.databases import new_database
from tests.support.events import append_case, writing_store
from tests.support.graphql_client import subscribe
from tests.support.integrations import principal
from tests.support.keys import bearer
from tests.support.receiver import WebhookReceiver
from tests.support.server import running_server
from tests.support.sse import open_sse
from tests.support.writers import write_concurrently

if TYPE_CHECKING:
    from tests.conftest import TestServer

ORGANIZATION = "saaba"


async def poll_feed(client: httpx.AsyncClient, headers: dict[str, str], seen: list[str]) -> None:
    after: str | None = None
    while True:
        params = {"limit": "7", **({"after": after} if after else {})}
        page = (await client.get("/events", params=params, headers=headers)).json()
        seen += [event["id"] for event in page["events"]]
        after = page["next"]
        if not page["events"]:
            await asyncio.sleep(0.02)


async def stream(client: httpx.AsyncClient, headers: dict[str, str], seen: list[str]) -> None:
    async with open_sse(client, "/events/stream", headers=headers) as messages:
        async for message in messages:
            if message.comment is None:
                event: dict[str, Any] = json.loads(message.data)
                assert message.id == event["jsdposition"]
                seen.append(event["id"])


EVENTS = "subscription { events { eventId position } }"


async def subscription(server_url: str, token: str, seen: list[str]) -> None:
    async with subscribe(server_url, token, EVENTS) as events:
        while True:
            envelope = (await events.next())["events"]
            seen.append(envelope["eventId"])


async def test_every_surface_sees_every_event_once_in_order_under_concurrent_writers(
    test_server: TestServer, template_url: str
) -> None:
    database = await new_database(test_server, template_url)
    async with (
        running_server(database) as server,
        writing_store(database, pool_size=12) as store,
        httpx.AsyncClient(base_url=server.url, timeout=30) as client,
    ):
        with WebhookReceiver() as receiver:
            webhooks = Webhooks(store.pool, allow_private=True)
            _, receiver.secret = await webhooks.register(principal(ORGANIZATION), receiver.url)
            headers = await bearer(database, ORGANIZATION, "integration")
            feed_seen: list[str] = []
            sse_seen: list[str] = []
            subscription_seen: list[str] = []
            token = headers["Authorization"].removeprefix("Bearer ")
            readers = [
                asyncio.create_task(poll_feed(client, headers, feed_seen)),
                asyncio.create_task(stream(client, headers, sse_seen)),
                asyncio.create_task(subscription(server.url, token, subscription_seen)),
            ]
            try:
                committed = await write_concurrently(store, [ORGANIZATION, "dakar"])
                # Anything delivered twice would come before this last event.
                committed += await append_case(store, ORGANIZATION)
                ours = [e for e in committed if e.organization == ORGANIZATION]
                last = str(ours[-1].event_id)
                async with asyncio.timeout(90):
                    while not all(last in s for s in (feed_seen, sse_seen, subscription_seen)):
                        await asyncio.sleep(0.05)
                await receiver.wait_for(lambda r: last in [d.message_id for d in r.received()])
            finally:
                for task in readers:
                    task.cancel()
                await asyncio.gather(*readers, return_exceptions=True)

    ours.sort(key=lambda event: event.position)
    expected = [str(event.event_id) for event in ours]
    assert len(expected) > 50
    assert feed_seen == expected
    assert sse_seen == expected
    assert subscription_seen == expected
    assert [d.message_id for d in receiver.unique()] == expected
    assert all(d.verified for d in receiver.received())
