"""Mutations: the payload shows the change at once, and every expected failure is a
UserError with its code, the field concerned, and nothing stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import uuid4

import pytest

from jsd_core.bootstrap import Services, bootstrap
from jsd_core.config import Settings
from tests.support.databases import new_database
from tests.support.graphql_client import InProcess
from tests.support.graphql_world import relay_id

if TYPE_CHECKING:
    from tests.conftest import TestServer

ERRORS = "userErrors { code message field }"
CONVENE = f"""mutation ($input: ConveneDialogueInput!) {{ conveneDialogue(input: $input) {{
  dialogue {{ id dialogueId name languages status version groups {{ key }} }}
  position {ERRORS} }} }}"""
ADD_GROUP = f"""mutation ($input: AddStakeholderGroupInput!) {{
  addStakeholderGroup(input: $input) {{ dialogue {{ version groups {{ key kind name }} }}
  position {ERRORS} }} }}"""
RAISE = f"""mutation ($input: RaiseCaseInput!) {{ raiseCase(input: $input) {{
  case {{ id caseId status version title raisedBy {{ key }} }} position {ERRORS} }} }}"""
AGREE = f"""mutation ($input: AgreeCaseInput!) {{ agreeCase(input: $input) {{
  case {{ status version agreedBy {{ key }} }} position {ERRORS} }} }}"""
ASSIGN = f"""mutation ($input: AssignActionInput!) {{ assignAction(input: $input) {{
  case {{ status version }} action {{ actionId status assignee {{ key }} dueOn }}
  position {ERRORS} }} }}"""
RESOLVE = f"""mutation ($input: ResolveCaseInput!) {{ resolveCase(input: $input) {{
  case {{ status }} {ERRORS} }} }}"""


@dataclass
class Setting:
    services: Services
    facilitator: InProcess
    partner: InProcess
    dialogue_id: str


def payload_of(answer: dict[str, Any]) -> dict[str, Any]:
    (payload,) = answer.values()
    assert isinstance(payload, dict)
    return payload


def only_user_error(answer: dict[str, Any]) -> dict[str, Any]:
    payload = payload_of(answer)
    assert payload.get("position") is None
    assert [key for key, value in payload.items() if value and key != "userErrors"] == []
    (error,) = payload["userErrors"]
    assert isinstance(error, dict)
    return error


async def stored_events(setting: Setting) -> int:
    """Every committed event of the module's database (its log's readable head may lag)."""
    count: int = await setting.services.pool.fetchval("SELECT count(*) FROM events")
    return count


def counted(caller: InProcess, command: str, outcome: str) -> float | None:
    labels = {"command": command, "outcome": outcome}
    return caller.metrics.registry.get_sample_value("jsd_commands_total", labels)


@pytest.fixture(scope="module")
async def setting(test_server: TestServer, template_url: str) -> AsyncIterator[Setting]:
    url = await new_database(test_server, template_url)
    # Generous read-your-writes: a long transaction anywhere on the server holds the log back.
    async with bootstrap(Settings(database_url=url, read_your_writes_timeout=60)) as services:
        facilitator, _ = await services.keys.create("lantern", "facilitator")
        partner, _ = await services.keys.create("lantern", "partner")
        caller = InProcess(services, facilitator.principal())
        convened = await caller(CONVENE, input=dialogue_input())
        dialogue_id = convened["conveneDialogue"]["dialogue"]["dialogueId"]
        for key, kind, name in [
            ("police", "POLICE", "Nigeria Police Force"),
            ("residents", "RESIDENTS", "Residents of Angwan Rukuba"),
        ]:
            group = {"dialogueId": dialogue_id, "key": key, "kind": kind, "name": name}
            await caller(ADD_GROUP, input=group)
        yield Setting(services, caller, InProcess(services, partner.principal()), dialogue_id)


def dialogue_input(**changes: object) -> dict[str, object]:
    return {
        "name": "Jos North dialogue",
        "country": "NG",
        "locality": "Angwan Rukuba, Jos",
        "languages": ["en", "ha"],
        "convenedOn": "2016-02-01",
        **changes,
    }


def raise_input(dialogue_id: str, **changes: object) -> dict[str, object]:
    return {
        "dialogueId": dialogue_id,
        "title": "The police station was burned down",
        "description": "Residents burned the station; the police left the neighbourhood.",
        "category": "INFRASTRUCTURE",
        "severity": 5,
        "raisedBy": "residents",
        **changes,
    }


async def test_convening_returns_the_new_dialogue_and_the_events_position(
    setting: Setting,
) -> None:
    answer = await setting.facilitator(CONVENE, input=dialogue_input(region="Plateau"))
    payload = answer["conveneDialogue"]
    dialogue = payload["dialogue"]
    assert payload["userErrors"] == []
    assert dialogue["id"] == relay_id("Dialogue", dialogue["dialogueId"])
    assert dialogue["status"] == "ACTIVE"
    assert dialogue["version"] == 1
    assert dialogue["languages"] == ["en", "ha"]
    stored = await setting.services.store.read_stream(dialogue["dialogueId"])
    assert payload["position"] == stored[-1].position


async def test_the_payload_and_the_next_query_show_the_change_at_once(setting: Setting) -> None:
    raised = await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id))
    case = raised["raiseCase"]["case"]
    assert case["status"] == "RAISED"
    assert case["raisedBy"] == {"key": "residents"}
    agreed = await setting.facilitator(
        AGREE, input={"caseId": case["id"], "agreedBy": ["police", "residents"]}
    )
    assert agreed["agreeCase"]["case"]["status"] == "AGREED"
    assigned = await setting.facilitator(
        ASSIGN,
        input={
            "caseId": case["caseId"],
            "description": "Rebuild the station on the donated land",
            "assignee": "police",
            "dueOn": "2017-01-31",
        },
    )
    payload = assigned["assignAction"]
    assert payload["case"] == {"status": "IN_PROGRESS", "version": 3}
    assert payload["action"]["status"] == "OPEN"
    assert payload["action"]["assignee"] == {"key": "police"}
    seen = await setting.partner(
        "query ($id: ID!) { case(id: $id) { version actions { actionId } } }", id=case["id"]
    )
    assert seen["case"] == {"version": 3, "actions": [{"actionId": payload["action"]["actionId"]}]}


async def test_a_rule_of_the_domain_is_a_validation_error_naming_its_field(
    setting: Setting,
) -> None:
    answer = await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id, title="  "))
    assert only_user_error(answer) == {
        "code": "VALIDATION",
        "message": "title must not be empty",
        "field": ["title"],
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"dialogueId": "not-an-id"}, ["dialogueId"]),
        ({"dialogueId": relay_id("Case", uuid4())}, ["dialogueId"]),
        ({"commandId": "42"}, ["commandId"]),
        ({"raisedBy": "nobody"}, ["raisedBy"]),
        ({"severity": 9}, ["severity"]),
    ],
)
async def test_bad_input_is_a_validation_error_and_stores_nothing(
    setting: Setting, changes: dict[str, object], field: list[str]
) -> None:
    before = await stored_events(setting)
    answer = await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id, **changes))
    error = only_user_error(answer)
    assert error["code"] == "VALIDATION"
    assert error["field"] == field
    assert await stored_events(setting) == before


async def test_a_missing_case_is_not_found(setting: Setting) -> None:
    missing = str(uuid4())
    answer = await setting.facilitator(RESOLVE, input={"caseId": missing, "outcome": "Done"})
    assert only_user_error(answer) == {
        "code": "NOT_FOUND",
        "message": f"there is no case {missing}",
        "field": ["caseId"],
    }


@pytest.mark.parametrize("role", ["partner", "auditor", "integration"])
async def test_roles_that_only_read_are_forbidden_to_write(setting: Setting, role: str) -> None:
    key, _ = await setting.services.keys.create("lantern", role)
    reader = InProcess(setting.services, key.principal())
    answer = await reader(RAISE, input=raise_input(setting.dialogue_id))
    assert only_user_error(answer)["code"] == "FORBIDDEN"


async def test_a_command_not_allowed_in_the_cases_state_is_an_invalid_transition(
    setting: Setting,
) -> None:
    raised = await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id))
    case_id = raised["raiseCase"]["case"]["caseId"]
    answer = await setting.facilitator(RESOLVE, input={"caseId": case_id, "outcome": "Done"})
    error = only_user_error(answer)
    assert error["code"] == "INVALID_TRANSITION"
    assert "RAISED" in error["message"]


async def test_a_stale_expected_version_is_a_version_conflict(setting: Setting) -> None:
    raised = await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id))
    case_id = raised["raiseCase"]["case"]["caseId"]
    answer = await setting.facilitator(
        AGREE,
        input={"caseId": case_id, "expectedVersion": 5, "agreedBy": ["police", "residents"]},
    )
    error = only_user_error(answer)
    assert error["code"] == "VERSION_CONFLICT"
    assert error["field"] == ["expectedVersion"]


async def test_a_retried_command_returns_the_first_result_and_stores_nothing_new(
    setting: Setting,
) -> None:
    command = raise_input(setting.dialogue_id, commandId=str(uuid4()))
    first = (await setting.facilitator(RAISE, input=command))["raiseCase"]
    again = (await setting.facilitator(RAISE, input=command))["raiseCase"]
    assert again == first
    assert counted(setting.facilitator, "RaiseCase", "replayed") == 1


async def test_a_command_id_reused_for_another_command_is_an_idempotency_mismatch(
    setting: Setting,
) -> None:
    command_id = str(uuid4())
    await setting.facilitator(RAISE, input=raise_input(setting.dialogue_id, commandId=command_id))
    answer = await setting.facilitator(
        RAISE, input=raise_input(setting.dialogue_id, commandId=command_id, severity=1)
    )
    error = only_user_error(answer)
    assert error["code"] == "IDEMPOTENCY_MISMATCH"
    assert error["field"] == ["commandId"]


async def test_every_outcome_is_counted_by_command(setting: Setting) -> None:
    caller = InProcess(setting.services, setting.facilitator.principal)
    await caller(RAISE, input=raise_input(setting.dialogue_id))
    await caller(RAISE, input=raise_input(setting.dialogue_id, title=""))
    assert counted(caller, "RaiseCase", "ok") == 1
    assert counted(caller, "RaiseCase", "VALIDATION") == 1


REGISTER = f"""mutation ($input: RegisterWebhookInput!) {{ registerWebhook(input: $input) {{
  webhook {{ webhookId }} secret {ERRORS} }} }}"""


async def test_only_integration_and_admin_keys_register_webhooks(setting: Setting) -> None:
    answer = await setting.partner(REGISTER, input={"url": "https://hooks.example.org/jsd"})
    assert only_user_error(answer)["code"] == "FORBIDDEN"


@pytest.mark.parametrize(
    ("webhook", "field"),
    [
        ({"url": "ftp://hooks.example.org/jsd"}, None),
        ({"url": "http://127.0.0.1:9/jsd"}, None),  # private addresses are refused here
        ({"url": "https://hooks.example.org/jsd", "types": ["CaseCreated"]}, ["types"]),
    ],
)
async def test_a_webhook_the_service_will_not_call_is_a_validation_error(
    setting: Setting, webhook: dict[str, object], field: list[str] | None
) -> None:
    key, _ = await setting.services.keys.create("lantern", "integration")
    integration = InProcess(setting.services, key.principal())
    error = only_user_error(await integration(REGISTER, input=webhook))
    assert error["code"] == "VALIDATION"
    assert error["field"] == field
