"""GraphQL clients for tests: in process (the schema itself), over HTTP, over WebSocket.

caller = InProcess(services, principal)          # schema.execute, no HTTP
data = await caller(QUERY, id=case_id)           # fails the test on any error
result = await caller.result(QUERY, id=case_id)  # the raw ExecutionResult

async with httpx.AsyncClient(base_url=server.url) as client:
    data = await over_http(client, token, QUERY, id=case_id)

async with subscribe(server.url, token, SUBSCRIPTION, caseId=...) as stream:
    item = await stream.next()
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import httpx
import websockets
from strawberry.types import ExecutionResult

from jsd_api.graphql import build_schema
from jsd_api.graphql.context import Context
from jsd_api.metrics import Metrics
from jsd_core.access import Principal
from jsd_core.bootstrap import Services

SCHEMA = build_schema()
PROTOCOL = "graphql-transport-ws"


class OperationError(AssertionError):
    """An operation that should have succeeded answered with errors."""


class InProcess:
    """One caller running operations on the schema, with the services of a test."""

    def __init__(self, services: Services, principal: Principal) -> None:
        self.services = services
        self.principal = principal
        self.metrics = Metrics()

    async def result(self, query: str, **variables: Any) -> ExecutionResult:
        context = Context(self.services, self.metrics, self.principal)
        return await SCHEMA.execute(query, variable_values=variables, context_value=context)

    async def subscribe(self, query: str, **variables: Any) -> AsyncIterator[ExecutionResult]:
        """The subscription's results, one per pushed event (or one with its errors)."""
        context = Context(self.services, self.metrics, self.principal)
        results = await SCHEMA.subscribe(query, variable_values=variables, context_value=context)
        if isinstance(results, ExecutionResult):
            return _once(results)
        return results

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        result = await self.result(query, **variables)
        if result.errors:
            raise OperationError([error.formatted for error in result.errors])
        assert result.data is not None
        return result.data


async def _once(result: ExecutionResult) -> AsyncIterator[ExecutionResult]:
    yield result


async def over_http(
    client: httpx.AsyncClient, token: str, query: str, **variables: Any
) -> dict[str, Any]:
    """POST /graphql with the key; the whole JSON answer (data and errors)."""
    response = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def websocket_url(base_url: str) -> str:
    return base_url.replace("http://", "ws://", 1) + "/graphql"


class Subscription:
    """One graphql-transport-ws operation on its own connection."""

    def __init__(self, connection: websockets.ClientConnection, operation_id: str) -> None:
        self.connection = connection
        self.operation_id = operation_id

    async def next(self) -> dict[str, Any]:
        """The next `next` payload's data; fails on an `error` or `complete` message."""
        while True:
            message = json.loads(await self.connection.recv())
            if message["type"] == "ping":
                await self.connection.send(json.dumps({"type": "pong"}))
                continue
            if message["type"] == "next" and message["id"] == self.operation_id:
                payload: dict[str, Any] = message["payload"]
                if payload.get("errors"):
                    raise OperationError(payload["errors"])
                return payload["data"]
            raise OperationError([message])

    async def message(self) -> dict[str, Any]:
        """The next message as it comes, whatever its type."""
        message: dict[str, Any] = json.loads(await self.connection.recv())
        return message


@contextlib.asynccontextmanager
async def subscribe(
    base_url: str, token: str, query: str, **variables: Any
) -> AsyncIterator[Subscription]:
    """Connect with the key in connection_init, subscribe, and close on the way out."""
    async with websockets.connect(websocket_url(base_url), subprotocols=[PROTOCOL]) as ws:  # type: ignore[list-item]
        init = {"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}
        await ws.send(json.dumps(init))
        acknowledged = json.loads(await ws.recv())
        assert acknowledged["type"] == "connection_ack", acknowledged
        operation_id = uuid4().hex
        payload = {"query": query, "variables": variables}
        await ws.send(json.dumps({"type": "subscribe", "id": operation_id, "payload": payload}))
        yield Subscription(ws, operation_id)
