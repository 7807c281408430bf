"""GET /events: the caller's organisation's events as CloudEvents, page by page,
in global order, through a real server process."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from uuid import uuid4

import httpx
import pytest

from jsd_core.integrations.cloudevents import to_cloudevent
from jsd_core.store import EventStore, RecordedEvent
from tests.support.databases import new_database
from tests.support.events import append_case, writing_store
from tests.support.keys import bearer
from tests.support.server import ServerProcess, running_server

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture(scope="module")
async def database(test_server: TestServer, template_url: str) -> str:
    return await new_database(test_server, template_url)


@pytest.fixture(scope="module")
async def server(database: str) -> AsyncIterator[ServerProcess]:
    async with running_server(database) as server:
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


async def read_until(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    last: RecordedEvent,
    after: str | None = None,
    **params: Any,
) -> tuple[list[dict[str, Any]], str]:
    """Every page after `after` (from the beginning) until the one holding `last`,
    and the `next` cursor of that page.

    An empty page only says nothing more is readable yet: the log becomes
    readable up to the oldest transaction still open anywhere on the database
    server, so a reader keeps asking.
    """
    events: list[dict[str, Any]] = []
    async with asyncio.timeout(60):
        while str(last.event_id) not in [event["id"] for event in events]:
            query = {**params, **({"after": after} if after else {})}
            response = await client.get("/events", params=query, headers=headers)
            assert response.status_code == 200, response.text
            page = response.json()
            if not page["events"]:
                await asyncio.sleep(0.05)
            events += page["events"]
            after = page["next"]
    assert after is not None
    return events, after


async def test_the_feed_pages_through_the_callers_organisation_in_global_order(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours, theirs = org(), org()
    expected: list[RecordedEvent] = []
    for _ in range(3):
        expected += await append_case(store, ours, updates=2)
        await append_case(store, theirs, updates=1)
    headers = await bearer(database, ours, "integration")
    events, _ = await read_until(client, headers, expected[-1], limit="2")
    assert events == [to_cloudevent(event) for event in expected]


async def test_a_cloudevent_carries_the_mapping_of_the_architecture(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    [event] = await append_case(store, ours, title="Vols à Saaba")
    [cloudevent], _ = await read_until(client, await bearer(database, ours, "partner"), event)
    assert cloudevent == {
        "specversion": "1.0",
        "id": str(event.event_id),
        "source": f"/jsd/{ours}",
        "type": "jsd.CaseRaised",
        "subject": f"cases/{event.stream_id}",
        "time": event.recorded_at.isoformat(timespec="microseconds"),
        "datacontenttype": "application/json",
        "data": {"title": "Vols à Saaba", "severity": 3},
        "jsdposition": event.position,
        "jsdversion": 1,
        "jsdactor": f"{ours}/tester",
        "jsdhash": event.hash,
    }


@pytest.mark.parametrize("role", ["facilitator", "partner", "integration"])
async def test_every_role_reads_only_its_own_organisations_events(
    client: httpx.AsyncClient, store: EventStore, database: str, role: str
) -> None:
    ours, theirs = org(), org()
    mine = await append_case(store, ours)
    await append_case(store, theirs)
    events, _ = await read_until(client, await bearer(database, ours, role), mine[-1])
    assert [e["id"] for e in events] == [str(e.event_id) for e in mine]


@pytest.mark.parametrize("role", ["auditor", "admin"])
async def test_auditors_and_admins_read_every_organisations_events(
    client: httpx.AsyncClient, store: EventStore, database: str, role: str
) -> None:
    first = await append_case(store, org())
    second = await append_case(store, org())
    headers = await bearer(database, org(), role)
    events, _ = await read_until(client, headers, second[-1], limit="1000")
    seen = [e["id"] for e in events]
    assert {str(e.event_id) for e in first + second} <= set(seen)
    assert seen.index(str(first[0].event_id)) < seen.index(str(second[0].event_id))


async def test_types_filter_the_feed(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    raised = [(await append_case(store, ours, updates=2))[0] for _ in range(3)]
    headers = await bearer(database, ours, "integration")
    events, _ = await read_until(client, headers, raised[-1], types="CaseRaised, CaseClosed")
    assert [e["id"] for e in events] == [str(e.event_id) for e in raised]


async def test_next_resumes_after_the_last_event_seen(
    client: httpx.AsyncClient, store: EventStore, database: str
) -> None:
    ours = org()
    headers = await bearer(database, ours, "integration")
    early = await append_case(store, ours)
    _, cursor = await read_until(client, headers, early[-1])
    later = await append_case(store, ours, updates=1)
    events, cursor = await read_until(client, headers, later[-1], after=cursor)
    assert [e["id"] for e in events] == [str(e.event_id) for e in later]
    rest = (await client.get("/events", params={"after": cursor}, headers=headers)).json()
    assert rest["events"] == []
    assert rest["next"] >= cursor


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"after": "not-a-cursor"}, "is not a cursor"),
        ({"limit": "0"}, "limit must be a whole number from 1 to 1000"),
        ({"limit": "1001"}, "limit must be a whole number from 1 to 1000"),
        ({"limit": "ten"}, "limit must be a whole number from 1 to 1000"),
        ({"types": "CaseCreated"}, "unknown event type 'CaseCreated'"),
    ],
)
async def test_bad_parameters_get_a_400_that_says_why(
    client: httpx.AsyncClient, database: str, params: dict[str, str], message: str
) -> None:
    response = await client.get(
        "/events", params=params, headers=await bearer(database, org(), "integration")
    )
    assert response.status_code == 400
    assert message in response.json()["detail"]


async def test_the_feed_needs_a_valid_key(client: httpx.AsyncClient) -> None:
    assert (await client.get("/events")).status_code == 401
    bad = {"Authorization": "Bearer jsd_" + "0" * 32 + "_" + "x" * 40}
    assert (await client.get("/events", headers=bad)).status_code == 401
