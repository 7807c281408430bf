"""Webhooks through GraphQL on a real server: an integration key registers one, a
facilitator's mutations reach the receiver signed, every attempt is listed, and a
deactivated webhook receives nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx

from tests.support.databases import new_database
from tests.support.graphql_client import over_http
from tests.support.graphql_story import Story
from tests.support.keys import bearer
from tests.support.receiver import WebhookReceiver, scripted
from tests.support.server import running_server
from tests.support.waiting import until

if TYPE_CHECKING:
    from tests.conftest import TestServer

REGISTER = """mutation ($url: String!) { registerWebhook(input: {url: $url, types: ["CaseRaised"]})
  { webhook { webhookId url types active } secret userErrors { code message } } }"""
DELIVERIES = """query ($id: ID!) { webhookDeliveries(webhookId: $id)
  { eventId attempt statusCode succeeded error } }"""
DEACTIVATE = """mutation ($id: ID!) { deactivateWebhook(webhookId: $id)
  { webhook { active } secret userErrors { code } } }"""


async def token(database: str, role: str) -> str:
    return (await bearer(database, "lantern", role))["Authorization"].removeprefix("Bearer ")


async def test_a_webhook_registered_through_graphql_receives_signed_events_until_deactivated(
    test_server: TestServer, template_url: str
) -> None:
    database = await new_database(test_server, template_url)
    integration, facilitator = (
        await token(database, "integration"),
        await token(database, "facilitator"),
    )
    with WebhookReceiver(respond=scripted([503])) as receiver:
        async with (
            running_server(database, env={"JSD_WEBHOOK_RETRY_SCHEDULE": "0.2,0.5,1"}) as server,
            httpx.AsyncClient(base_url=server.url, timeout=60) as client,
        ):
            registered = (await over_http(client, integration, REGISTER, url=receiver.url))["data"][
                "registerWebhook"
            ]
            receiver.secret = registered["secret"]
            webhook = registered["webhook"]
            story = Story(client, facilitator)
            dialogue = await story.convene(
                name="Dialogue de Saaba",
                country="BF",
                locality="Saaba",
                languages=["fr"],
                convenedOn="2015-03-02",
            )
            await story.groups(
                dialogue, ("police", "POLICE", "Commissariat"), ("femmes", "WOMEN", "Femmes")
            )
            case = await story.raise_case(
                dialogue,
                title="Cambriolages au marché",
                description="Des boutiques sont cambriolées la nuit.",
                category="ROBBERY_BURGLARY",
                severity=4,
                raisedBy="femmes",
            )
            await receiver.wait_for(lambda r: len(r.unique()) >= 1)

            async def both_attempts() -> list[dict[str, Any]]:
                answer = await over_http(client, integration, DELIVERIES, id=webhook["webhookId"])
                listed: list[dict[str, Any]] = answer["data"]["webhookDeliveries"]
                return listed if len(listed) == 2 else []

            attempts = await until(both_attempts)
            deactivated = (
                await over_http(client, integration, DEACTIVATE, id=webhook["webhookId"])
            )["data"]["deactivateWebhook"]
            second = await story.raise_case(
                dialogue,
                title="Vols de motos",
                description="Des motos disparaissent devant la mairie.",
                category="ROBBERY_BURGLARY",
                severity=3,
                raisedBy="police",
            )
            timeline = await story.query(
                "query ($id: ID!) { case(id: $id) { timeline { edges { node { ... on CaseEvent"
                " { eventId } } } } } }",
                id=case,
            )

    assert registered["userErrors"] == []
    assert registered["secret"].startswith("whsec_")
    assert webhook["active"] is True
    assert webhook["types"] == ["CaseRaised"]
    raised = timeline["case"]["timeline"]["edges"][0]["node"]["eventId"]
    (delivered,) = receiver.unique()
    assert delivered.message_id == raised
    assert delivered.verified
    assert delivered.event["type"] == "jsd.CaseRaised"
    assert delivered.event["source"] == "/jsd/lantern"
    assert delivered.event["subject"] == f"cases/{case}"
    assert [(a["attempt"], a["succeeded"]) for a in reversed(attempts)] == [(1, False), (2, True)]
    assert attempts[-1]["statusCode"] == 503
    assert deactivated["webhook"]["active"] is False
    assert deactivated["secret"] is None
    assert second not in {d.event["subject"].removeprefix("cases/") for d in receiver.received()}
