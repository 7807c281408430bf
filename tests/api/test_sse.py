"""GET /events/stream: history, then live, as server-sent events; resuming with
Last-Event-ID misses nothing and repeats nothing; heartbeats; visibility."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from uuid import uuid4

import httpx
import pytest

from jsd_core.integrations.cloudevents import to_cloudevent
from jsd_core.store import EventStore
from tests.support.databases import new_database
from tests.support.events import append_case, writing_store
from tests.support.keys import bearer
from tests.support.server import ServerProcess, running_server
from tests.support.sse import SseMessage, open_sse

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture(scope="module")
async def database(test_server: TestServer, template_url: str) -> str:
    return await new_database(test_server, template_url)


@pytest.fixture(scope="module")
async def server(database: str) -> AsyncIterator[ServerProcess]:
    async with running_server(database, env={"JSD_SSE_HEARTBEAT": "0.3"}) as server:
        yield server


@pytest.fixture(scope="module")
async def store(database: str) -> AsyncIterator[EventStore]:
    async with writing_store(database) as store:
        yield store


@pytest.fixture
async def client(server: ServerProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield client


def org() -> str:
    return f"org-{uuid4().hex[:10]}"


async def take(messages: AsyncIterator[SseMessage], count: int) -> list[SseMessage]:
    """The next `count` event messages (heartbeats skipped)."""
    taken: list[SseMessage] = []
    async with asyncio.timeout(60):
        while len(taken) < count:
            message = await anext(messages)
            if message.comment is None:
                taken.append(message)
    return taken


async def test_the_stream_sends_history_then_live_events(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    history = await append_case(store, ours, updates=2)
    headers = await bearer(database, ours, "integration")
    async with open_sse(client, "/events/stream", headers=headers) as stream:
        messages = aiter(stream)
        first = await take(messages, len(history))
        live = await append_case(store, ours, updates=1)
        second = await take(messages, len(live))
    events = history + live
    assert [m.id for m in first + second] == [e.position for e in events]
    assert [json.loads(m.data) for m in first + second] == [to_cloudevent(e) for e in events]


async def test_a_client_that_reconnects_with_its_last_id_misses_nothing_and_repeats_nothing(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    events = await append_case(store, ours, updates=5)
    headers = await bearer(database, ours, "integration")
    async with open_sse(client, "/events/stream", headers=headers) as stream:
        before = await take(aiter(stream), 3)
    more = await append_case(store, ours, updates=1)
    # A browser reconnects to the same URL and adds Last-Event-ID, which wins.
    resume = {**headers, "Last-Event-ID": before[-1].id or ""}
    params = {"after": events[0].position}
    async with open_sse(client, "/events/stream", params=params, headers=resume) as stream:
        after = await take(aiter(stream), len(events) + len(more) - 3)
    assert [m.id for m in before + after] == [e.position for e in events + more]


async def test_after_starts_the_stream_after_a_cursor(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    events = await append_case(store, ours, updates=3)
    headers = await bearer(database, ours, "partner")
    params = {"after": events[1].position}
    async with open_sse(client, "/events/stream", params=params, headers=headers) as stream:
        rest = await take(aiter(stream), 2)
    assert [m.id for m in rest] == [e.position for e in events[2:]]


async def test_the_stream_shows_only_the_callers_organisation_unless_auditor(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours, theirs = org(), org()
    headers = await bearer(database, ours, "facilitator")
    auditor = await bearer(database, org(), "auditor")
    head = (await client.get("/events", params={"limit": "1000"}, headers=auditor)).json()
    params = {"after": head["next"]}
    async with (
        open_sse(client, "/events/stream", params=params, headers=headers) as mine,
        open_sse(client, "/events/stream", params=params, headers=auditor) as everything,
    ):
        other = await append_case(store, theirs)
        own = await append_case(store, ours)
        seen_by_us = await take(aiter(mine), 1)
        seen_by_auditor = await take(aiter(everything), 2)
    assert [m.id for m in seen_by_us] == [own[0].position]
    assert [m.id for m in seen_by_auditor] == [other[0].position, own[0].position]


async def test_the_stream_filters_by_type(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    first = await append_case(store, ours, updates=2)
    second = await append_case(store, ours, updates=2)
    headers = await bearer(database, ours, "integration")
    params = {"types": "CaseRaised"}
    async with open_sse(client, "/events/stream", params=params, headers=headers) as stream:
        raised = await take(aiter(stream), 2)
    assert [m.id for m in raised] == [first[0].position, second[0].position]


async def test_an_idle_stream_gets_heartbeats(client: httpx.AsyncClient, database: str) -> None:
    headers = await bearer(database, org(), "integration")
    async with open_sse(client, "/events/stream", headers=headers) as stream, asyncio.timeout(30):
        messages = aiter(stream)
        heartbeats = 0
        while heartbeats < 2:
            if (await anext(messages)).comment is not None:
                heartbeats += 1


@pytest.mark.parametrize(
    ("params", "headers", "message"),
    [
        ({"after": "zzz"}, {}, "is not a cursor"),
        ({}, {"Last-Event-ID": "0123"}, "is not a cursor"),
        ({"types": "Nonsense"}, {}, "unknown event type 'Nonsense'"),
    ],
)
async def test_a_bad_cursor_or_type_gets_a_400_before_the_stream_opens(
    client: httpx.AsyncClient,
    database: str,
    params: dict[str, str],
    headers: dict[str, str],
    message: str,
) -> None:
    key = await bearer(database, org(), "integration")
    response = await client.get("/events/stream", params=params, headers={**key, **headers})
    assert response.status_code == 400
    assert message in response.json()["detail"]


async def test_the_stream_needs_a_valid_key(client: httpx.AsyncClient) -> None:
    assert (await client.get("/events/stream")).status_code == 401
