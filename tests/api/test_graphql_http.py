"""/graphql through a real `jsd serve` process: keys, GraphiQL, limits and subscriptions."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest
import websockets
from graphql import get_introspection_query

from jsd_core.store import RecordedEvent
from tests.support.databases import new_database
from tests.support.events import writing_store
from tests.support.graphql_client import PROTOCOL, over_http, subscribe, websocket_url
from tests.support.keys import bearer
from tests.support.recorded import Recorder, SaabaCase, on, saaba_case
from tests.support.server import ServerProcess, running_server
from tests.support.waiting import until

if TYPE_CHECKING:
    from tests.conftest import TestServer

TYPES = "{ __typename }"


@dataclass
class Served:
    server: ServerProcess
    client: httpx.AsyncClient
    database_url: str
    token: str
    other_token: str
    story: SaabaCase


async def token_of(database_url: str, organization: str, role: str) -> str:
    return (await bearer(database_url, organization, role))["Authorization"].removeprefix("Bearer ")


@pytest.fixture(scope="module")
async def served(test_server: TestServer, template_url: str) -> AsyncIterator[Served]:
    url = await new_database(test_server, template_url)
    async with writing_store(url) as store:
        story = await saaba_case(store, "lantern")
    token = await token_of(url, "lantern", "partner")
    other = await token_of(url, "autre-org", "partner")
    async with (
        running_server(url, env={"JSD_MAX_REQUEST_BYTES": "20000"}) as server,
        httpx.AsyncClient(base_url=server.url, timeout=30) as client,
    ):
        yield Served(server, client, url, token, other, story)


@pytest.mark.parametrize("authorization", [None, "Bearer jsd_nope", "Basic abc", "Bearer"])
async def test_an_operation_without_a_valid_key_is_refused_with_401(
    served: Served, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = await served.client.post("/graphql", json={"query": TYPES}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "data" not in response.json()


async def test_a_get_without_a_key_that_is_not_a_browser_is_refused(served: Served) -> None:
    response = await served.client.get("/graphql", params={"query": TYPES})
    assert response.status_code == 401


async def test_graphiql_is_served_to_a_browser_without_a_key(served: Served) -> None:
    response = await served.client.get("/graphql", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
async def test_operations_endpoints_stay_open(served: Served, path: str) -> None:
    assert (await served.client.get(path)).status_code == 200


async def test_a_valid_key_reads_its_organisations_case(served: Served) -> None:
    async def projected() -> dict[str, object] | None:
        answer = await over_http(
            served.client,
            served.token,
            "query ($id: ID!) { case(id: $id) { title raisedBy { name } } }",
            id=str(served.story.case_id),
        )
        return answer if answer["data"]["case"] else None

    # The story was stored before the server started: its projections catch up first.
    answer = await until(projected)
    assert answer == {
        "data": {"case": {"title": "Cambriolages au marché", "raisedBy": {"name": "Koglweogo"}}}
    }


@pytest.mark.parametrize("body", ["{not json", '{"query": 42}', '{"variables": {}}'])
async def test_a_malformed_request_is_a_client_error_never_a_500(served: Served, body: str) -> None:
    response = await served.client.post(
        "/graphql",
        content=body,
        headers={"Authorization": f"Bearer {served.token}", "Content-Type": "application/json"},
    )
    assert 400 <= response.status_code < 500 or response.json()["errors"]


async def test_a_body_over_the_size_limit_is_refused_with_413(served: Served) -> None:
    padding = "x" * 30_000
    response = await served.client.post(
        "/graphql",
        content=json.dumps({"query": TYPES, "variables": {"padding": padding}}),
        headers={"Authorization": f"Bearer {served.token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413


async def test_a_chunked_body_over_the_size_limit_is_refused_with_413(served: Served) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(30):
            yield b" " * 1000

    response = await served.client.post(
        "/graphql",
        content=chunks(),
        headers={"Authorization": f"Bearer {served.token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("query", "words"),
    [
        (
            "{ cases { edges { node { dialogue { cases { edges { node { dialogue { cases"
            " { edges { node { title } } } } } } } } } } } }",
            "exceeds maximum operation depth",
        ),
        ("{ " + " ".join(f"a{n}: __typename" for n in range(20)) + " }", "aliases"),
        ("{ " + "a " * 2100 + "}", "token"),
    ],
)
async def test_deep_aliased_or_long_documents_are_refused(
    served: Served, query: str, words: str
) -> None:
    answer = await over_http(served.client, served.token, query)
    assert answer.get("data") is None
    assert words in answer["errors"][0]["message"]


async def test_graphiqls_introspection_query_fits_within_the_limits(served: Served) -> None:
    query = get_introspection_query(descriptions=True, input_value_deprecation=True)
    answer = await over_http(served.client, served.token, query)
    assert "errors" not in answer
    assert answer["data"]["__schema"]["queryType"]["name"] == "Query"


async def test_a_websocket_without_a_key_is_closed_with_4401(served: Served) -> None:
    async with websockets.connect(
        websocket_url(served.server.url),
        subprotocols=[PROTOCOL],  # type: ignore[list-item]
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 30)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4401


async def test_a_websocket_with_the_key_in_its_headers_is_acknowledged(served: Served) -> None:
    async with websockets.connect(
        websocket_url(served.server.url),
        subprotocols=[PROTOCOL],  # type: ignore[list-item]
        additional_headers={"Authorization": f"Bearer {served.token}"},
    ) as ws:
        await ws.send(json.dumps({"type": "connection_init"}))
        assert json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] == "connection_ack"


CASE_EVENTS = """subscription ($id: ID!, $after: String) {
  caseEvents(caseId: $id, after: $after) {
    __typename ... on CaseEvent { version type position }
    ... on CaseEscalated { escalatedTo } } }"""


async def test_case_events_push_the_history_then_live_events_without_a_gap(
    served: Served,
) -> None:
    story = served.story
    stored = await served_history(served)
    async with subscribe(
        served.server.url, served.token, CASE_EVENTS, id=str(story.case_id), after=None
    ) as stream:
        history = [(await asyncio.wait_for(stream.next(), 60))["caseEvents"] for _ in stored]
        assert [event["version"] for event in history] == [e.version for e in stored]
        # Now live: a new event appended by another writer arrives next.
        async with writing_store(served.database_url) as store:
            story.case.escalate("Ministère de la Sécurité", "Les cambriolages ont repris")
            await Recorder(store, "lantern").save(story.case, on("2015-10-15"))
        live = (await asyncio.wait_for(stream.next(), 60))["caseEvents"]
    assert live == {
        "__typename": "CaseEscalated",
        "version": len(stored) + 1,
        "type": "CaseEscalated",
        "position": live["position"],
        "escalatedTo": "Ministère de la Sécurité",
    }


async def test_case_events_resume_after_a_cursor(served: Served) -> None:
    stored = await served_history(served)
    middle = stored[4]
    async with subscribe(
        served.server.url,
        served.token,
        CASE_EVENTS,
        id=str(served.story.case_id),
        after=middle.position,
    ) as stream:
        resumed = (await asyncio.wait_for(stream.next(), 60))["caseEvents"]
    assert resumed["version"] == middle.version + 1


async def test_the_events_subscription_pushes_only_the_callers_organisation_live(
    served: Served,
) -> None:
    query = "subscription ($after: String) { events(after: $after) { organization type } }"
    async with writing_store(served.database_url) as store:
        head = await store.log_head()
        async with subscribe(served.server.url, served.other_token, query, after=head) as stream:
            served.story.case.escalate("Gouverneur", "Toujours pas d'éclairage")
            await Recorder(store, "lantern").save(served.story.case, on("2015-11-01"))
            other = await saaba_case(store, "autre-org")
            first = (await asyncio.wait_for(stream.next(), 60))["events"]
    assert first == {"organization": "autre-org", "type": "DialogueConvened"}
    assert other.case_id  # its events followed; lantern's progress report never came


async def served_history(served: Served) -> list[RecordedEvent]:
    async with writing_store(served.database_url) as store:
        return list(await store.read_stream(served.story.case_id))
