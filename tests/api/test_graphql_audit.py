"""Auditors read a case's history, travel back in time and check its hash chain."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from jsd_core.store.hashing import format_timestamp
from tests.support.databases import new_database
from tests.support.graphql_world import World, relay_id, two_organisations

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture(scope="module")
async def world(test_server: TestServer, template_url: str) -> AsyncIterator[World]:
    async with two_organisations(await new_database(test_server, template_url)) as built:
        yield built


async def test_the_history_has_every_event_with_the_state_right_after_it(world: World) -> None:
    auditor = await world.caller("cabinet", "auditor")
    data = await auditor(
        """query ($id: ID!) { caseHistory(id: $id) {
             event { ... on CaseEvent { version type hash recordedAt } }
             state { version status asOf agreedBy actions { status assignee { key } } } } }""",
        id=relay_id("Case", world.lantern.case_id),
    )
    history = data["caseHistory"]
    stored = await world.services.store.read_stream(world.lantern.case_id)
    assert [r["event"]["hash"] for r in history] == [e.hash for e in stored]
    assert [r["state"]["version"] for r in history] == list(range(1, 13))
    assert [r["state"]["asOf"] for r in history] == [r["event"]["recordedAt"] for r in history]
    statuses = [r["state"]["status"] for r in history]
    assert statuses[:3] == ["RAISED", "AGREED", "IN_PROGRESS"]
    assert statuses[-2:] == ["RESOLVED", "IN_PROGRESS"]
    assert history[1]["state"]["agreedBy"] == ["police", "koglweogo"]
    assert history[7]["state"]["actions"][0] == {
        "status": "VERIFIED",
        "assignee": {"key": "police"},
    }


async def test_a_case_as_of_a_moment_or_a_version(world: World) -> None:
    admin = await world.caller("cabinet", "admin")
    query = """query ($id: ID!, $at: DateTime, $version: Int) {
      caseAsOf(id: $id, at: $at, version: $version) {
        caseId version status asOf priority actions { actionId status overdue } } }"""
    steps = world.lantern.steps
    agreed = await admin(query, id=str(world.lantern.case_id), at=format_timestamp(steps["agreed"]))
    assert agreed["caseAsOf"]["status"] == "AGREED"
    assert agreed["caseAsOf"]["version"] == 2
    assert agreed["caseAsOf"]["asOf"] == format_timestamp(steps["agreed"])
    third = await admin(query, id=str(world.lantern.case_id), version=3)
    (patrols,) = third["caseAsOf"]["actions"]
    # Judged on the day of that state (2015-05-02), the patrols were not yet overdue.
    assert patrols == {"actionId": str(world.lantern.patrols), "status": "OPEN", "overdue": False}
    before = steps["raised"] - timedelta(days=1)
    earlier = await admin(query, id=str(world.lantern.case_id), at=format_timestamp(before))
    assert earlier["caseAsOf"] is None


async def test_a_moment_without_an_offset_is_refused(world: World) -> None:
    auditor = await world.caller("cabinet", "auditor")
    case_id = world.lantern.case_id
    result = await auditor.result(
        f'query {{ caseAsOf(id: "{case_id}", at: "2015-05-01T10:00:00") {{ version }} }}'
    )
    assert result.errors is not None
    assert "has no offset" in result.errors[0].message


async def test_verifying_a_case_recomputes_its_chain(world: World) -> None:
    auditor = await world.caller("cabinet", "auditor")
    data = await auditor(
        """query ($id: ID!) { verifyCase(id: $id) {
             valid events headHash firstInvalidVersion reason } }""",
        id=str(world.other.case_id),
    )
    stored = await world.services.store.read_stream(world.other.case_id)
    assert data["verifyCase"] == {
        "valid": True,
        "events": 12,
        "headHash": stored[-1].hash,
        "firstInvalidVersion": None,
        "reason": None,
    }
