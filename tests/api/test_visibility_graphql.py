"""Nobody sees another organisation's data by any GraphQL path, unless auditor or admin.

Both organisations hold the same Saaba story, so a leak would show as a second
row, a larger total, a non-null lookup or a different error message.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any
from uuid import uuid4

import pytest
from strawberry.types import ExecutionResult

from tests.support.databases import new_database
from tests.support.graphql_world import World, relay_id, two_organisations

if TYPE_CHECKING:
    from tests.conftest import TestServer

READERS = ["facilitator", "partner", "integration"]


@pytest.fixture(scope="module")
async def world(test_server: TestServer, template_url: str) -> AsyncIterator[World]:
    async with two_organisations(await new_database(test_server, template_url)) as built:
        yield built


def only_error(result: ExecutionResult) -> tuple[str, dict[str, Any] | None]:
    assert result.errors is not None
    (error,) = result.errors
    return error.message, error.extensions


@pytest.mark.parametrize("role", READERS)
async def test_lists_and_totals_hold_only_the_callers_organisation(world: World, role: str) -> None:
    caller = await world.caller("autre-org", role)
    data = await caller(
        """{ dialogues { totalCount edges { node { organization } } }
             cases { totalCount edges { node { dialogue { organization } } } }
             searched: cases(filter: {search: "boutiques"}) { totalCount }
             overdue: cases(filter: {overdue: true}) { totalCount } }"""
    )
    assert data["dialogues"]["totalCount"] == 1
    assert [e["node"]["organization"] for e in data["dialogues"]["edges"]] == ["autre-org"]
    assert data["cases"]["totalCount"] == 1
    assert data["cases"]["edges"][0]["node"]["dialogue"]["organization"] == "autre-org"
    assert data["searched"]["totalCount"] == 1
    assert data["overdue"]["totalCount"] == 0  # lantern's Dakar case is the overdue one


@pytest.mark.parametrize("role", READERS)
async def test_lookups_of_another_organisations_objects_are_null(world: World, role: str) -> None:
    caller = await world.caller("autre-org", role)
    query = """query ($case: ID!, $dialogue: ID!, $caseNode: ID!, $dialogueNode: ID!) {
      case(id: $case) { title } dialogue(id: $dialogue) { name }
      caseNode: node(id: $caseNode) { id } dialogueNode: node(id: $dialogueNode) { id }
      relayCase: case(id: $caseNode) { title } relayDialogue: dialogue(id: $dialogueNode) { name }
      filtered: cases(filter: {dialogueId: $dialogue}) { totalCount } }"""
    data = await caller(
        query,
        case=str(world.lantern.case_id),
        dialogue=str(world.lantern.dialogue.id),
        caseNode=relay_id("Case", world.lantern.case_id),
        dialogueNode=relay_id("Dialogue", world.lantern.dialogue.id),
    )
    assert data == {
        "case": None,
        "dialogue": None,
        "caseNode": None,
        "dialogueNode": None,
        "relayCase": None,
        "relayDialogue": None,
        "filtered": {"totalCount": 0},
    }


async def test_another_organisations_report_is_not_found_like_a_missing_one(world: World) -> None:
    caller = await world.caller("autre-org", "partner")
    query = "query ($id: ID!) { accountability(dialogueId: $id) { openCases } }"
    hidden, missing = str(world.lantern.dialogue.id), str(uuid4())
    hidden_message, hidden_extensions = only_error(await caller.result(query, id=hidden))
    missing_message, missing_extensions = only_error(await caller.result(query, id=missing))
    assert hidden_extensions == missing_extensions == {"code": "NOT_FOUND", "field": ["dialogueId"]}
    assert hidden_message.replace(hidden, "ID") == missing_message.replace(missing, "ID")


@pytest.mark.parametrize("role", READERS)
async def test_the_events_query_holds_only_the_callers_organisation(
    world: World, role: str
) -> None:
    caller = await world.caller("autre-org", role)
    data = await caller("{ events(first: 1000) { edges { node { organization streamId } } } }")
    events = [edge["node"] for edge in data["events"]["edges"]]
    assert {event["organization"] for event in events} == {"autre-org"}
    assert str(world.lantern.case_id) not in {event["streamId"] for event in events}


@pytest.mark.parametrize("role", ["auditor", "admin"])
async def test_auditors_and_admins_see_every_organisation(world: World, role: str) -> None:
    caller = await world.caller("cabinet", role)
    data = await caller(
        """query ($id: ID!) { case(id: $id) { title } cases { totalCount }
           events(first: 1000) { edges { node { organization } } } }""",
        id=str(world.lantern.case_id),
    )
    assert data["case"] == {"title": "Cambriolages au marché"}
    assert data["cases"]["totalCount"] == 3
    organizations = {edge["node"]["organization"] for edge in data["events"]["edges"]}
    assert organizations == {"lantern", "autre-org"}


@pytest.mark.parametrize("role", [*READERS])
@pytest.mark.parametrize(
    "field",
    [
        "caseHistory(id: $id) { state { title } }",
        "caseAsOf(id: $id) { title }",
        "verifyCase(id: $id) { valid }",
    ],
)
async def test_auditor_fields_are_forbidden_to_other_roles_even_on_their_own_cases(
    world: World, role: str, field: str
) -> None:
    caller = await world.caller("lantern", role)
    result = await caller.result(f"query ($id: ID!) {{ {field} }}", id=str(world.lantern.case_id))
    message, extensions = only_error(result)
    assert not any((result.data or {}).values())  # nothing of the case comes back
    assert extensions is not None
    assert extensions["code"] == "FORBIDDEN"
    assert "only auditors and admins" in message


async def first_result(results: AsyncIterator[ExecutionResult]) -> ExecutionResult:
    return await asyncio.wait_for(anext(aiter(results)), 30)


@pytest.mark.parametrize("role", READERS)
async def test_a_subscription_to_another_organisations_case_is_not_found(
    world: World, role: str
) -> None:
    caller = await world.caller("autre-org", role)
    query = "subscription ($id: ID!) { caseEvents(caseId: $id) { ... on CaseEvent { type } } }"
    hidden = await first_result(await caller.subscribe(query, id=str(world.lantern.case_id)))
    missing = await first_result(await caller.subscribe(query, id=str(uuid4())))
    hidden_message, hidden_extensions = only_error(hidden)
    missing_message, missing_extensions = only_error(missing)
    assert hidden_extensions == missing_extensions == {"code": "NOT_FOUND", "field": ["caseId"]}
    assert hidden_message.replace(str(world.lantern.case_id), "ID") == missing_message.replace(
        missing_message.split()[-1], "ID"
    )


async def test_the_events_subscription_pushes_only_the_callers_organisation(world: World) -> None:
    caller = await world.caller("autre-org", "integration")
    results = await caller.subscribe("subscription { events { organization type } }")
    seen = []
    for _ in range(16):  # autre-org's whole history: its dialogue (4) and its case (12)
        result = await first_result(results)
        assert result.errors is None
        assert result.data is not None
        seen.append(result.data["events"])
    assert {event["organization"] for event in seen} == {"autre-org"}
    assert seen[-1]["type"] == "CaseReopened"
    await results.aclose()  # type: ignore[attr-defined]


async def test_webhooks_of_another_organisation_are_neither_listed_nor_found(
    world: World,
) -> None:
    lantern = await world.caller("lantern", "integration")
    other = await world.caller("autre-org", "integration")
    registered = await lantern(
        'mutation { registerWebhook(input: {url: "http://127.0.0.1:9/hook"}) '
        "{ webhook { webhookId } secret userErrors { code } } }"
    )
    webhook_id = registered["registerWebhook"]["webhook"]["webhookId"]
    assert registered["registerWebhook"]["secret"].startswith("whsec_")
    listed = await other("{ webhooks { webhookId } }")
    assert webhook_id not in [w["webhookId"] for w in listed["webhooks"]]
    query = "query ($id: ID!) { webhookDeliveries(webhookId: $id) { attempt } }"
    _, hidden = only_error(await other.result(query, id=webhook_id))
    _, missing = only_error(await other.result(query, id=str(uuid4())))
    assert hidden == missing == {"code": "NOT_FOUND", "field": ["webhookId"]}
    deactivated = await other(
        "mutation ($id: ID!) { deactivateWebhook(webhookId: $id) { webhook { active } "
        "userErrors { code field } } }",
        id=webhook_id,
    )
    assert deactivated["deactivateWebhook"] == {
        "webhook": None,
        "userErrors": [{"code": "NOT_FOUND", "field": ["webhookId"]}],
    }


# Each mutation on an existing object, with an input that would otherwise be valid.
ON_DIALOGUE = {
    "addStakeholderGroup": 'key: "youth", kind: YOUTH, name: "Jeunes"',
    "recordSession": 'kind: DIALOGUE, heldOn: "2015-04-01", '
    'attendance: [{group: "police", count: 3}]',
    "recordTrustSurvey": 'wave: 1, surveyedOn: "2015-04-01", group: "police", respondents: 5, '
    "trustScore: 50",
    "concludeDialogue": 'concludedOn: "2016-01-01"',
    "raiseCase": 'title: "Vols", description: "Des vols", category: ROBBERY_BURGLARY, '
    'severity: 2, raisedBy: "police"',
}
ON_CASE = {
    "agreeCase": 'agreedBy: ["police", "koglweogo"]',
    "assignAction": 'description: "Patrouille", assignee: "police", dueOn: "2016-01-01"',
    "reportActionProgress": 'actionId: "%(action)s", note: "En cours"',
    "rescheduleAction": 'actionId: "%(action)s", dueOn: "2016-02-01", reason: "Pluie"',
    "completeAction": 'actionId: "%(action)s", completedOn: "2015-09-01"',
    "verifyAction": 'actionId: "%(action)s", verifiedBy: "koglweogo"',
    "cancelAction": 'actionId: "%(action)s", reason: "Inutile"',
    "escalateCase": 'escalatedTo: "Ministère", reason: "Urgent"',
    "resolveCase": 'outcome: "Résolu"',
    "reopenCase": 'reason: "Encore"',
    "closeCase": "reason: WITHDRAWN",
}


def mutation(name: str, target_field: str, target: str, rest: str) -> str:
    return (
        f'mutation {{ {name}(input: {{{target_field}: "{target}", {rest}}}) '
        "{ userErrors { code message field } } }"
    )


@pytest.mark.parametrize("name", [*ON_DIALOGUE, *ON_CASE])
async def test_another_organisations_facilitator_gets_not_found_as_for_a_missing_object(
    world: World, name: str
) -> None:
    facilitator = await world.caller("autre-org", "facilitator")
    if name in ON_DIALOGUE:
        field, hidden, rest = "dialogueId", str(world.lantern.dialogue.id), ON_DIALOGUE[name]
    else:
        field, hidden = "caseId", str(world.lantern.case_id)
        rest = ON_CASE[name] % {"action": world.lantern.patrols}
    missing = str(uuid4())
    hidden_answer = await facilitator(mutation(name, field, hidden, rest))
    missing_answer = await facilitator(mutation(name, field, missing, rest))
    (hidden_error,) = hidden_answer[name]["userErrors"]
    (missing_error,) = missing_answer[name]["userErrors"]
    assert hidden_error["code"] == missing_error["code"] == "NOT_FOUND"
    assert hidden_error["field"] == missing_error["field"] == [field]
    assert hidden_error["message"].replace(hidden, "ID") == missing_error["message"].replace(
        missing, "ID"
    )
    stored = await world.services.store.read_stream(world.lantern.case_id)
    assert len(stored) == 12  # nothing was appended to lantern's case


async def test_a_facilitator_may_not_convene_a_dialogue_for_another_organisation(
    world: World,
) -> None:
    facilitator = await world.caller("autre-org", "facilitator")
    answer = await facilitator(
        """mutation { conveneDialogue(input: {name: "Dialogue", country: "BF",
             locality: "Saaba", languages: ["fr"], convenedOn: "2020-01-01",
             organization: "lantern"}) { dialogue { id } userErrors { code } } }"""
    )
    assert answer["conveneDialogue"] == {"dialogue": None, "userErrors": [{"code": "FORBIDDEN"}]}
