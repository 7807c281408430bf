"""Commit-to-subscriber latency: SSE (`GET /events/stream`) and a GraphQL subscription
(graphql-transport-ws), both open at once, while 8 writers append in the bench process.

Latency = when the subscriber received the event − when `EventStore.append` returned
(one clock: both ends are in this process). The writers are paced (each appends
every INTERVAL seconds) so the figure is the latency of a steadily loaded server,
not of a queue growing without end.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import httpx
import websockets

from bench.report import Report
from bench.server import Server
from bench.writers import CaseWriter, new_dialogue, notifying_store

WRITERS = 8
APPENDS_PER_WRITER = 150
INTERVAL = 0.04  # seconds between one writer's appends: 200 events/s in all
SUBSCRIPTION = "subscription Events($after: String) { events(after: $after) { eventId } }"
Received = dict[str, float]


async def _sse(server: Server, after: str, received: Received) -> None:
    headers = {"Authorization": f"Bearer {server.keys['integration']}"}
    timeout = httpx.Timeout(30, read=None)
    async with (
        httpx.AsyncClient(base_url=server.url, timeout=timeout) as client,
        client.stream("GET", "/events/stream", params={"after": after}, headers=headers) as stream,
    ):
        stream.raise_for_status()
        async for line in stream.aiter_lines():
            if line.startswith("data:"):
                received.setdefault(json.loads(line[5:])["id"], time.perf_counter())


async def _graphql_ws(server: Server, after: str, received: Received) -> None:
    url = server.url.replace("http://", "ws://", 1) + "/graphql"
    protocol = websockets.Subprotocol("graphql-transport-ws")
    async with websockets.connect(url, subprotocols=[protocol]) as socket:
        token = server.keys["integration"]
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        await socket.send(json.dumps(init))
        if json.loads(await socket.recv())["type"] != "connection_ack":
            raise RuntimeError("the GraphQL subscription was not acknowledged")
        payload = {"query": SUBSCRIPTION, "variables": {"after": after}}
        await socket.send(json.dumps({"type": "subscribe", "id": "1", "payload": payload}))
        async for raw in socket:
            message = json.loads(raw)
            if message["type"] == "next":
                event_id = message["payload"]["data"]["events"]["eventId"]
                received.setdefault(event_id, time.perf_counter())
            elif message["type"] == "ping":
                await socket.send(json.dumps({"type": "pong"}))
            else:
                raise RuntimeError(f"the subscription answered {message}")


async def _until(condition: Callable[[], bool], within: float, what: str) -> None:
    deadline = time.perf_counter() + within
    while not condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what} did not happen within {within} s")
        await asyncio.sleep(0.01)


async def subscription_figures(server: Server, url: str, report: Report) -> None:
    async with notifying_store(url, WRITERS) as store:
        dialogue = await new_dialogue(store)
        writers = [await CaseWriter.start(store, dialogue) for _ in range(WRITERS)]
        after = await store.log_head()
        sse: Received = {}
        graphql: Received = {}
        readers = [asyncio.create_task(_sse(server, after, sse))]
        readers.append(asyncio.create_task(_graphql_ws(server, after, graphql)))
        try:
            # A first event both subscribers see: from then on they are live.
            first = str((await writers[0].report()).events[-1].event_id)
            await _until(lambda: first in sse and first in graphql, 30, "the first delivery")
            appended: Received = {}
            await asyncio.gather(*(_write(writer, appended) for writer in writers))
            await _until(
                lambda: appended.keys() <= sse.keys() and appended.keys() <= graphql.keys(),
                60,
                "every delivery",
            )
        finally:
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)
    for name, received in (("sse", sse), ("graphql_subscription", graphql)):
        spent = [(received[e] - appended[e]) * 1000 for e in appended]
        report.add_latency(f"{name}_commit_to_subscriber", spent)
    report.note("subscription_events_per_second", WRITERS / INTERVAL)


async def _write(writer: CaseWriter, appended: Received) -> None:
    for _ in range(APPENDS_PER_WRITER):
        started = time.perf_counter()
        result = await writer.report()
        appended[str(result.events[-1].event_id)] = time.perf_counter()
        await asyncio.sleep(max(0.0, INTERVAL - (time.perf_counter() - started)))
