"""The partners' API over HTTP, against a real server on the bench database.

- raiseCase mutations at concurrency 32 (32 callers, each an httpx client of one
  connection), beside raw asyncpg appends at concurrency 32 measured just before on the
  same database;
- the filtered `cases` query through GraphQL, one request at a time, as a partner.
"""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from functools import partial
from itertools import count
from typing import Any
from uuid import uuid4

import httpx

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
CONVENE = """
mutation Convene($input: ConveneDialogueInput!) {
  conveneDialogue(input: $input) { dialogue { dialogueId } userErrors { code message } }
}"""
ADD_GROUP = """
mutation Group($input: AddStakeholderGroupInput!) {
  addStakeholderGroup(input: $input) { dialogue { version } userErrors { code message } }
}"""
RAISE = """
mutation Raise($input: RaiseCaseInput!) {
  raiseCase(input: $input) { case { caseId status } position userErrors { code message } }
}"""


async def api_figures(server: Server, url: str, commands: int, report: Report) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        dialogue_id = await convene(client, server.keys["facilitator"], "Grand Yoff")
        with step(f"raiseCase × {commands:,} at concurrency {CONCURRENCY}, after raw appends"):
            raw = await raw_appends(url, commands, CONCURRENCY)
            ours = await _raise_cases(server.url, server.keys["facilitator"], dialogue_id, commands)
        report.add(f"append_c{CONCURRENCY}_raw_before_raise_case", raw, "events/s")
        report.add(
            f"graphql_raise_case_c{CONCURRENCY}",
            ours,
            "commands/s",
            baselines={"raw": raw},
            target=(f"≥ {COMMAND_TARGET}× raw", ours / raw >= COMMAND_TARGET),
        )
        with step(f"filtered case lists through GraphQL over HTTP ({REQUESTS} requests each)"):
            await _case_lists(client, server.keys["partner"], report)


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


async def _raise_cases(url: str, token: str, dialogue_id: str, commands: int) -> float:
    """Commands/s of `CONCURRENCY` callers, each on a connection of its own.

    One client per caller: a single httpx client shared by 32 callers spends more
    CPU choosing among its pooled connections than the server spends on a
    command, and on a small machine that CPU is the server's."""
    numbers = count()
    single = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def caller(client: httpx.AsyncClient) -> None:
        while (n := next(numbers)) < commands:
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
            _payload(await graphql(client, token, RAISE, input=case), "raiseCase")

    async with AsyncExitStack() as stack:
        clients = [
            await stack.enter_async_context(
                httpx.AsyncClient(base_url=url, limits=single, timeout=60)
            )
            for _ in range(CONCURRENCY)
        ]
        started = time.perf_counter()
        await asyncio.gather(*(caller(client) for client in clients))
        return commands / (time.perf_counter() - started)


async def _case_lists(client: httpx.AsyncClient, token: str, report: Report) -> None:
    """The partner's GraphQL query: a page of 20 with each case's dialogue and actions."""
    for name, filters in FILTERS.items():
        spent = await latencies_ms({"graphql": partial(_list, client, token, filters)}, REQUESTS)
        report.add_latency(f"cases_{name}_graphql_http", spent["graphql"], p95_below=LATENCY_TARGET)


async def _list(client: httpx.AsyncClient, token: str, filters: Filters, n: int) -> None:
    await graphql(client, token, CASES_QUERY, filter=filters(n)[1], first=PAGE)
