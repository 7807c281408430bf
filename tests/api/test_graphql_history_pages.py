"""caseHistory a page at a time through GraphQL, and what its revisions name."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from tests.support.databases import new_database
from tests.support.graphql_world import World, relay_id, two_organisations

if TYPE_CHECKING:
    from tests.conftest import TestServer

PAGE = """query ($id: ID!, $first: Int, $after: String) {
  caseHistory(id: $id, first: $first, after: $after) {
    event { ... on CaseEvent { position hash } }
    state { version actions { assignee { key name } verifiedBy { key } } } } }"""


@pytest.fixture(scope="module")
async def world(test_server: TestServer, template_url: str) -> AsyncIterator[World]:
    async with two_organisations(await new_database(test_server, template_url)) as built:
        yield built


async def test_pages_put_together_are_the_whole_history(world: World) -> None:
    auditor = await world.caller("cabinet", "auditor")
    case_id = relay_id("Case", world.other.case_id)
    whole = (await auditor(PAGE, id=case_id))["caseHistory"]
    pages, after = [], None
    while page := (await auditor(PAGE, id=case_id, first=5, after=after))["caseHistory"]:
        pages.append(page)
        after = page[-1]["event"]["position"]
    assert [len(page) for page in pages] == [5, 5, 2]
    assert [revision for page in pages for revision in page] == whole


async def test_the_actions_of_a_past_state_name_their_groups(world: World) -> None:
    admin = await world.caller("cabinet", "admin")
    data = await admin(PAGE, id=str(world.lantern.case_id), first=8)
    patrols = data["caseHistory"][7]["state"]["actions"][0]
    assert patrols == {
        "assignee": {"key": "police", "name": "Commissariat de Saaba"},
        "verifiedBy": {"key": "koglweogo"},
    }


@pytest.mark.parametrize(
    ("arguments", "field"), [({"first": 0}, "first"), ({"after": "not-a-cursor"}, None)]
)
async def test_a_bad_page_is_refused_with_a_validation_error(
    world: World, arguments: dict[str, object], field: str | None
) -> None:
    auditor = await world.caller("cabinet", "auditor")
    result = await auditor.result(PAGE, id=str(world.lantern.case_id), **arguments)
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions is not None
    assert error.extensions["code"] == "VALIDATION"
    assert error.extensions["field"] == ([field] if field else None)
    assert result.data is None


@pytest.mark.parametrize("role", ["facilitator", "partner", "integration"])
async def test_a_page_of_history_is_forbidden_to_other_roles_as_the_whole_is(
    world: World, role: str
) -> None:
    caller = await world.caller("lantern", role)
    result = await caller.result(PAGE, id=str(world.lantern.case_id), first=2)
    assert result.errors is not None
    assert result.errors[0].extensions == {"code": "FORBIDDEN", "field": None}
    assert result.data is None


async def test_actions_asked_through_a_fragment_name_their_groups_too(world: World) -> None:
    auditor = await world.caller("cabinet", "auditor")
    query = """query ($id: ID!) { caseHistory(id: $id, first: 8) { state { ...Actions } } }
      fragment Actions on CaseState { version actions { assignee { key } } }"""
    data = await auditor(query, id=str(world.lantern.case_id))
    assert data["caseHistory"][7]["state"]["actions"][0] == {"assignee": {"key": "police"}}
    bare = await auditor(
        "query ($id: ID!) { caseAsOf(id: $id, version: 8) { version } }",
        id=str(world.lantern.case_id),
    )
    assert bare == {"caseAsOf": {"version": 8}}
