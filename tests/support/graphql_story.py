"""Telling a dialogue's story as a facilitator would: one GraphQL mutation per step, over HTTP.

    story = Story(client, token)
    dialogue = await story.convene(name=..., country="BF", ...)
    await story.groups(dialogue, ("police", "POLICE", "Commissariat de Saaba"), ...)
    case = await story.raise_case(dialogue, title=..., raisedBy="koglweogo", ...)
    action = await story.assign(case, "Patrouilles mixtes", "police", "2015-06-01")

Every step must succeed: a user error fails the test with its code and message.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.graphql_client import over_http
from tests.support.keys import bearer
from tests.support.server import running_server

# What each mutation's payload names: the id to return from it.
_RETURNS = {
    "DialoguePayload": "dialogue { dialogueId }",
    "CasePayload": "case { caseId }",
    "ActionPayload": "case { caseId } action { actionId }",
}
_PAYLOADS = {
    **dict.fromkeys(
        [
            "conveneDialogue",
            "addStakeholderGroup",
            "recordSession",
            "recordTrustSurvey",
            "concludeDialogue",
        ],
        "DialoguePayload",
    ),
    **dict.fromkeys(
        ["raiseCase", "agreeCase", "escalateCase", "resolveCase", "reopenCase", "closeCase"],
        "CasePayload",
    ),
    **dict.fromkeys(
        [
            "assignAction",
            "reportActionProgress",
            "rescheduleAction",
            "completeAction",
            "verifyAction",
            "cancelAction",
        ],
        "ActionPayload",
    ),
}


class StoryStepError(AssertionError):
    """A step of a story was refused."""


class Story:
    """A facilitator's key issuing a story's commands against a running server."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.token = token

    async def query(self, query: str, **variables: Any) -> dict[str, Any]:
        answer = await over_http(self.client, self.token, query, **variables)
        if answer.get("errors"):
            raise StoryStepError(answer["errors"])
        data: dict[str, Any] = answer["data"]
        return data

    async def command(self, name: str, /, **fields: Any) -> dict[str, Any]:
        """Run mutation `name` with `fields` as its input; its payload."""
        kind = _PAYLOADS[name]
        input_type = name[0].upper() + name[1:] + "Input"
        document = (
            f"mutation ($input: {input_type}!) {{ {name}(input: $input) {{ "
            f"{_RETURNS[kind]} position userErrors {{ code message field }} }} }}"
        )
        payload: dict[str, Any] = (await self.query(document, input=fields))[name]
        if payload["userErrors"]:
            raise StoryStepError(f"{name} was refused: {payload['userErrors']}")
        if any(payload[key] is None for key in ("dialogue", "case", "action") if key in payload):
            # Read-your-writes timed out: the read models lag (see the server's log).
            raise StoryStepError(f"{name} succeeded but its payload lacks the object: {payload}")
        return payload

    # ------------------------------------------------------------ dialogues

    async def convene(self, **fields: Any) -> str:
        payload = await self.command("conveneDialogue", **fields)
        return str(payload["dialogue"]["dialogueId"])

    async def groups(self, dialogue: str, *groups: tuple[str, str, str]) -> None:
        for key, kind, name in groups:
            await self.command(
                "addStakeholderGroup", dialogueId=dialogue, key=key, kind=kind, name=name
            )

    async def session(
        self, dialogue: str, kind: str, held_on: str, attendance: dict[str, int], summary: str
    ) -> None:
        counts = [{"group": group, "count": count} for group, count in attendance.items()]
        await self.command(
            "recordSession",
            dialogueId=dialogue,
            kind=kind,
            heldOn=held_on,
            attendance=counts,
            summary=summary,
        )

    async def survey(
        self, dialogue: str, wave: int, surveyed_on: str, scores: dict[str, tuple[int, float]]
    ) -> None:
        """One wave: {group key: (respondents, trust score)}."""
        for group, (respondents, score) in scores.items():
            await self.command(
                "recordTrustSurvey",
                dialogueId=dialogue,
                wave=wave,
                surveyedOn=surveyed_on,
                group=group,
                respondents=respondents,
                trustScore=score,
            )

    # ------------------------------------------------------------ cases

    async def raise_case(self, dialogue: str, **fields: Any) -> str:
        payload = await self.command("raiseCase", dialogueId=dialogue, **fields)
        return str(payload["case"]["caseId"])

    async def agree(self, case: str, agreed_by: list[str], **fields: Any) -> None:
        await self.command("agreeCase", caseId=case, agreedBy=agreed_by, **fields)

    async def assign(self, case: str, description: str, assignee: str, due_on: str) -> str:
        payload = await self.command(
            "assignAction", caseId=case, description=description, assignee=assignee, dueOn=due_on
        )
        return str(payload["action"]["actionId"])

    async def on_action(self, name: str, case: str, action: str, /, **fields: Any) -> None:
        """reportActionProgress, rescheduleAction, completeAction, verifyAction, cancelAction."""
        await self.command(name, caseId=case, actionId=action, **fields)

    async def on_case(self, name: str, case: str, /, **fields: Any) -> None:
        """escalateCase, resolveCase, reopenCase, closeCase."""
        await self.command(name, caseId=case, **fields)


DIALOGUE = """query ($id: ID!) { dialogue(id: $id) {
  name locality languages status concludedOn
  groups { key kind name }
  sessions { kind heldOn summary attendance { group { key } count } }
  trustSurveys { wave group { key } respondents trustScore }
  cases { totalCount edges { node { caseId title status closeReason outcome
    agreedBy { key } actions { description status overdue assignee { key } verifiedBy { key } }
    timeline { totalCount edges { node { ... on CaseEvent { type actor } } } } } } }
  accountability { openCases resolvedCases medianDaysToResolution
    byGroup { group { key } assigned completed verified overdue onTimeRate } } } }"""


@dataclass
class Stage:
    """A running server, a facilitator telling stories and a partner reading them (lantern)."""

    facilitator: Story
    partner: Story

    async def dialogue(self, dialogue_id: str) -> dict[str, Any]:
        """The dialogue with its groups, sessions, surveys, cases and report, as a partner."""
        data = await self.partner.query(DIALOGUE, id=dialogue_id)
        dialogue: dict[str, Any] = data["dialogue"]
        return dialogue

    @staticmethod
    def cases(dialogue: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """The dialogue's cases by title."""
        return {edge["node"]["title"]: edge["node"] for edge in dialogue["cases"]["edges"]}

    @staticmethod
    def record(dialogue: dict[str, Any], key: str) -> dict[str, Any]:
        """One group's line of the accountability report."""
        by_group = dialogue["accountability"]["byGroup"]
        found: dict[str, Any] = next(g for g in by_group if g["group"]["key"] == key)
        return found


async def _token(database_url: str, role: str) -> str:
    return (await bearer(database_url, "lantern", role))["Authorization"].removeprefix("Bearer ")


@contextlib.asynccontextmanager
async def staged(database_url: str) -> AsyncIterator[Stage]:
    """A `jsd serve` process on the database, with a facilitator's and a partner's keys."""
    facilitator = await _token(database_url, "facilitator")
    partner = await _token(database_url, "partner")
    async with (
        # Generous: a long transaction anywhere on a shared test server holds the log back.
        running_server(database_url, env={"JSD_READ_YOUR_WRITES_TIMEOUT": "60"}) as server,
        httpx.AsyncClient(base_url=server.url, timeout=120) as client,
    ):
        yield Stage(Story(client, facilitator), Story(client, partner))
