"""The partners' API over HTTP, against a real server on the bench database.

- raiseCase mutations at concurrency 32 (32 callers, each on a keep-alive connection
  of its own), beside raw asyncpg appends at concurrency 32 measured just before on the
  same database, and beside requests that do nothing (`{ __typename }`) at the same
  concurrency: what HTTP, keys and GraphQL alone allow on the machine of the run;
- the filtered `cases` query through GraphQL, one request at a time, as a partner.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from functools import partial
from itertools import count
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

import httpx
import orjson

from bench.appends import raw_appends
from bench.case_queries import CASES_QUERY, FILTERS, PAGE, Filters
from bench.measure import latencies_ms
from bench.progress import step
from bench.projections import LATENCY_TARGET, REQUESTS
from bench.report import Report
from bench.server import Server, graphql
from bench.templates import GROUPS
from bench.texts import PROBLEMS

CONCURRENCY = 32
COMMAND_TARGET = 0.5  # of raw asyncpg appends at the same concurrency
BARE_REQUESTS = 5000  # a few seconds: they cost a tenth of a command
CONVENE = """
mutation Convene($input: ConveneDialogueInput!) {
  conveneDialogue(input: $input) { dialogue { dialogueId } userErrors { code message } }
}"""
ADD_GROUP = """
mutation Group($input: AddStakeholderGroupInput!) {
  addStakeholderGroup(input: $input) { dialogue { version } userErrors { code message } }
}"""
BARE_QUERY = "{ __typename }"
RAISE = """
mutation Raise($input: RaiseCaseInput!) {
  raiseCase(input: $input) { case { caseId status } position userErrors { code message } }
}"""


async def api_figures(server: Server, url: str, commands: int, report: Report) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        dialogue_id = await convene(client, server.keys["facilitator"], "Grand Yoff")
        token = server.keys["facilitator"]
        with step(
            f"raiseCase × {commands:,} at concurrency {CONCURRENCY}, "
            "after raw appends and requests that do nothing"
        ):
            raw = await raw_appends(url, commands, CONCURRENCY)
            bare = await _at_concurrency(server.url, token, BARE_REQUESTS, _bare)
            ours = await _raise_cases(server.url, token, dialogue_id, commands)
        report.add(f"append_c{CONCURRENCY}_raw_before_raise_case", raw, "events/s")
        report.add(
            f"graphql_http_bare_request_c{CONCURRENCY}", bare, "requests/s", baselines={"raw": raw}
        )
        report.add(
            f"graphql_raise_case_c{CONCURRENCY}",
            ours,
            "commands/s",
            baselines={"raw": raw, "bare_request": bare},
            target=(f"≥ {COMMAND_TARGET}× raw", ours / raw >= COMMAND_TARGET),
        )
        with step(f"filtered case lists through GraphQL over HTTP ({REQUESTS} requests each)"):
            await _case_lists(server.url, server.keys["partner"], report)


async def convene(client: httpx.AsyncClient, token: str, locality: str) -> str:
    """A new dialogue of the key's organisation, with the groups every generated one has."""
    convened = await graphql(
        client,
        token,
        CONVENE,
        input={
            "name": f"Dialogue Sécurité et Justice de {locality}",
            "country": "SN",
            "locality": locality,
            "languages": ["fr", "wo"],
            "convenedOn": "2026-01-05",
        },
    )
    dialogue_id = str(_payload(convened, "conveneDialogue")["dialogue"]["dialogueId"])
    for key, kind, name in GROUPS:
        group = {"dialogueId": dialogue_id, "key": key, "kind": kind.value, "name": name}
        _payload(await graphql(client, token, ADD_GROUP, input=group), "addStakeholderGroup")
    return dialogue_id


def _payload(data: dict[str, Any], field: str) -> dict[str, Any]:
    payload: dict[str, Any] = data[field]
    if payload["userErrors"]:
        raise RuntimeError(f"{field} refused: {payload['userErrors']}")
    return payload


class _Caller:
    """One caller of the raiseCase figure: a keep-alive HTTP/1.1 connection that posts
    GraphQL as JSON and reads each answer by its Content-Length.

    httpx spends about 1 ms of CPU per request (3 ms when 32 callers share one
    client), which is as much as the server spends on a command: on a machine of two
    cores, the figure measured the client as much as the server. This spends a
    tenth of that. Whatever it does not expect (another status, an answer without a
    length, GraphQL errors) fails the run."""

    def __init__(self, url: str, token: str) -> None:
        location = urlsplit(url)
        self.host, self.port = location.hostname or "127.0.0.1", location.port or 80
        self.head = (
            f"POST /graphql HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n"
        ).encode()

    async def __aenter__(self) -> _Caller:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *_: object) -> None:
        self.writer.close()
        await self.writer.wait_closed()

    async def graphql(self, query: str, **variables: object) -> dict[str, Any]:
        body = orjson.dumps({"query": query, "variables": variables})
        self.writer.write(self.head + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        fields = dict(line.lower().split(":", 1) for line in head[1:] if ":" in line)
        if "content-length" not in fields:
            raise RuntimeError(f"GraphQL answered {status} without a Content-Length")
        text = await self.reader.readexactly(int(fields["content-length"]))
        answer = orjson.loads(text)
        if status != 200 or answer.get("errors"):
            raise RuntimeError(f"GraphQL answered {status}: {text[:500]!r}")
        data: dict[str, Any] = answer["data"]
        return data


async def _raise_cases(url: str, token: str, dialogue_id: str, commands: int) -> float:
    """Commands/s of `CONCURRENCY` callers raising cases in the dialogue."""

    async def raise_case(connection: _Caller, n: int) -> None:
        category, title, description = PROBLEMS[n % len(PROBLEMS)]
        case = {
            "commandId": str(uuid4()),
            "dialogueId": dialogue_id,
            "title": title,
            "description": description,
            "category": category.value,
            "severity": 1 + n % 5,
            "location": "Liberté 6",
            "raisedBy": "residents",
        }
        _payload(await connection.graphql(RAISE, input=case), "raiseCase")

    return await _at_concurrency(url, token, commands, raise_case)


async def _at_concurrency(
    url: str, token: str, requests: int, send: Callable[[_Caller, int], Awaitable[object]]
) -> float:
    """Requests/s of `CONCURRENCY` callers, each on a connection of its own, sending
    `requests` in all (each with its number)."""
    numbers = count()

    async def caller(connection: _Caller) -> None:
        while (n := next(numbers)) < requests:
            await send(connection, n)

    async with AsyncExitStack() as stack:
        callers = [await stack.enter_async_context(_Caller(url, token)) for _ in range(CONCURRENCY)]
        started = time.perf_counter()
        await asyncio.gather(*(caller(connection) for connection in callers))
        return requests / (time.perf_counter() - started)


async def _case_lists(url: str, token: str, report: Report) -> None:
    """The partner's GraphQL query: a page of 20 with each case's dialogue and actions,
    one request at a time on a keep-alive connection (a `_Caller`: the client's own
    CPU time would count as latency). In turns with it, the baseline: a request that
    reads nothing (`{ __typename }`), what HTTP, authentication and GraphQL alone
    cost on the machine of the run."""
    bare: list[float] = []
    async with _Caller(url, token) as connection:
        for name, filters in FILTERS.items():
            works = {
                "graphql": partial(_list, connection, filters),
                "bare": partial(_bare, connection),
            }
            spent = await latencies_ms(works, REQUESTS)
            report.add_latency(
                f"cases_{name}_graphql_http",
                spent["graphql"],
                baselines={"bare_request": spent["bare"]},
                p95_below=LATENCY_TARGET,
            )
            bare += spent["bare"]
    report.add_latency("graphql_http_bare_request", bare)


async def _list(connection: _Caller, filters: Filters, n: int) -> None:
    await connection.graphql(CASES_QUERY, filter=filters(n)[1], first=PAGE)


async def _bare(connection: _Caller, n: int) -> None:
    await connection.graphql(BARE_QUERY)
