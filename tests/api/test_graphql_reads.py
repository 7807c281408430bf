"""Reading dialogues, cases, timelines and reports through the schema, as each role would.

Two organisations each have the Saaba story (12 case events); `lantern` also has
a Dakar dialogue with an open, overdue action. The events are stored through
the real event store and projected by the real runner.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING
from uuid import UUID

import pytest

from jsd_core.store.hashing import format_timestamp
from tests.support.databases import new_database
from tests.support.graphql_client import InProcess
from tests.support.graphql_world import World, relay_id, two_organisations

if TYPE_CHECKING:
    from tests.conftest import TestServer

CASE_FIELDS = """
  id caseId title status category severity location priority statement version
  raisedAt updatedAt resolvedAt closeReason outcome
  dialogue { id name organization }
  raisedBy { key kind name }
  agreedBy { key }
  actions { actionId description status overdue dueOn completedOn
            assignee { key name } verifiedBy { key } }
"""


@pytest.fixture(scope="module")
async def world(test_server: TestServer, template_url: str) -> AsyncIterator[World]:
    async with two_organisations(await new_database(test_server, template_url)) as built:
        yield built


async def test_a_partner_lists_only_its_organisations_dialogues(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    data = await partner("{ dialogues { totalCount edges { node { name organization } } } }")
    names = {edge["node"]["name"] for edge in data["dialogues"]["edges"]}
    assert names == {"Dialogue de Saaba", "Dialogue de la Médina"}
    assert data["dialogues"]["totalCount"] == 2


async def test_an_auditor_lists_every_organisations_dialogues(world: World) -> None:
    auditor = await world.caller("cabinet-audit", "auditor")
    data = await auditor("{ dialogues(first: 10) { totalCount edges { node { organization } } } }")
    organizations = [edge["node"]["organization"] for edge in data["dialogues"]["edges"]]
    assert sorted(organizations) == ["autre-org", "lantern", "lantern"]
    assert data["dialogues"]["totalCount"] == 3


async def test_dialogues_page_with_first_and_after(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    query = """query ($after: String) { dialogues(first: 1, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { name } } } }"""
    first = (await partner(query, after=None))["dialogues"]
    second = (await partner(query, after=first["pageInfo"]["endCursor"]))["dialogues"]
    assert first["pageInfo"]["hasNextPage"]
    assert not second["pageInfo"]["hasNextPage"]
    assert second["pageInfo"]["hasPreviousPage"]
    assert first["edges"][0]["node"]["name"] == "Dialogue de la Médina"  # most recent first
    assert second["edges"][0]["node"]["name"] == "Dialogue de Saaba"
    assert first["totalCount"] == second["totalCount"] == 2


async def test_a_dialogue_is_found_by_relay_id_and_by_uuid_with_its_groups_and_report(
    world: World,
) -> None:
    partner = await world.caller("lantern", "partner")
    query = """query ($id: ID!) { dialogue(id: $id) {
      id dialogueId name country languages convenedOn status version
      groups { key kind name }
      accountability { openCases resolvedCases byGroup { group { key } assigned overdue } } } }"""
    uuid = world.dakar.id
    by_uuid = (await partner(query, id=str(uuid)))["dialogue"]
    by_relay = (await partner(query, id=relay_id("Dialogue", uuid)))["dialogue"]
    assert by_uuid == by_relay
    assert by_uuid["id"] == relay_id("Dialogue", uuid)
    assert by_uuid["dialogueId"] == str(uuid)
    assert by_uuid["languages"] == ["fr", "wo"]
    assert by_uuid["convenedOn"] == "2019-01-10"
    assert [g["key"] for g in by_uuid["groups"]] == ["police", "fans", "church"]
    report = by_uuid["accountability"]
    assert report["openCases"] == 1
    assert report["byGroup"] == [{"group": {"key": "police"}, "assigned": 1, "overdue": 1}]


async def test_a_case_shows_its_groups_actions_and_dialogue(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    data = await partner(
        f"query ($id: ID!) {{ case(id: $id) {{ {CASE_FIELDS} }} }}", id=str(world.lantern.case_id)
    )
    case = data["case"]
    assert case["title"] == "Cambriolages au marché"
    assert case["status"] == "IN_PROGRESS"  # reopened with actions
    assert case["version"] == 12
    assert case["raisedBy"] == {
        "key": "koglweogo",
        "kind": "INFORMAL_SECURITY",
        "name": "Koglweogo",
    }
    assert [group["key"] for group in case["agreedBy"]] == ["police", "koglweogo"]
    assert case["dialogue"]["name"] == "Dialogue de Saaba"
    patrols, lighting = case["actions"]
    assert patrols["status"] == "VERIFIED"
    assert patrols["verifiedBy"] == {"key": "koglweogo"}
    assert patrols["assignee"]["name"] == "Commissariat de Saaba"
    assert patrols["completedOn"] == "2015-06-28"
    assert patrols["dueOn"] == "2015-07-01"
    assert lighting["status"] == "CANCELLED"
    assert not lighting["overdue"]
    assert case["raisedAt"] == format_timestamp(world.lantern.steps["raised"])


async def test_node_finds_a_case_and_a_dialogue_of_the_callers_organisation(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    query = """query ($id: ID!) { node(id: $id) {
      __typename id ... on Case { title } ... on Dialogue { name } } }"""
    case = (await partner(query, id=relay_id("Case", world.clash.id)))["node"]
    dialogue = (await partner(query, id=relay_id("Dialogue", world.dakar.id)))["node"]
    assert case == {
        "__typename": "Case",
        "id": relay_id("Case", world.clash.id),
        "title": "Affrontements devant l'église",
    }
    assert dialogue["__typename"] == "Dialogue"
    assert dialogue["name"] == "Dialogue de la Médina"


async def test_a_nodes_id_is_its_relay_id_on_the_plain_path_and_through_its_resolver(
    world: World,
) -> None:
    partner = await world.caller("lantern", "partner")
    # Under a directive a field is graphql-core's, answered by its resolver.
    query = """{ cases(first: 5) { edges { node {
      id caseId again: id @include(if: true) dialogue { id dialogueId again: id @skip(if: false) }
    } } } }"""
    nodes = [edge["node"] for edge in (await partner(query))["cases"]["edges"]]
    assert nodes
    for node in nodes:
        dialogue = node["dialogue"]
        assert node["id"] == node["again"] == relay_id("Case", UUID(node["caseId"]))
        assert (
            dialogue["id"]
            == dialogue["again"]
            == relay_id("Dialogue", UUID(dialogue["dialogueId"]))
        )


async def test_the_timeline_is_the_stored_history_filtered_and_paged(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    query = """query ($id: ID!, $after: String, $types: [String!]) { case(id: $id) {
      timeline(first: 2, after: $after, types: $types) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { __typename ... on CaseEvent { version type recordedAt actor hash
                                                           position }
                              ... on ActionAssigned { actionId assignee { key } dueOn }
                              ... on CaseRaised { raisedBy { key } location } } } } } }"""
    stored = await world.services.store.read_stream(world.lantern.case_id)
    types = ["CaseRaised", "ActionAssigned"]
    first = (await partner(query, id=str(world.lantern.case_id), types=types))["case"]["timeline"]
    assert first["totalCount"] == 3
    raised, patrols = (edge["node"] for edge in first["edges"])
    assert raised["__typename"] == "CaseRaised"
    assert raised["raisedBy"] == {"key": "koglweogo"}
    assert raised["hash"] == stored[0].hash
    assert raised["position"] == stored[0].position
    assert raised["recordedAt"] == format_timestamp(stored[0].recorded_at)
    assert raised["actor"] == "lantern/facilitator"
    assert raised["location"] == "Marché central"
    assert patrols["actionId"] == str(world.lantern.patrols)
    assert patrols["dueOn"] == "2015-06-01"
    assert first["pageInfo"]["hasNextPage"]
    rest = await partner(
        query, id=str(world.lantern.case_id), types=types, after=first["pageInfo"]["endCursor"]
    )
    last = rest["case"]["timeline"]
    assert [edge["node"]["assignee"]["key"] for edge in last["edges"]] == ["women"]
    assert not last["pageInfo"]["hasNextPage"]


async def test_the_whole_timeline_has_every_event_in_version_order(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    data = await partner(
        """query ($id: ID!) { case(id: $id) { timeline { totalCount
           edges { node { ... on CaseEvent { version type } } } } } }""",
        id=relay_id("Case", world.lantern.case_id),
    )
    timeline = data["case"]["timeline"]
    assert timeline["totalCount"] == 12
    assert [edge["node"]["version"] for edge in timeline["edges"]] == list(range(1, 13))
    assert timeline["edges"][-1]["node"]["type"] == "CaseReopened"


async def test_accountability_by_dialogue_id_reports_the_saaba_groups(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    data = await partner(
        """query ($id: ID!) { accountability(dialogueId: $id) {
           openCases resolvedCases medianDaysToResolution
           byGroup { group { key } assigned completed verified overdue onTimeRate } } }""",
        id=str(world.lantern.dialogue.id),
    )
    report = data["accountability"]
    assert report["openCases"] == 1
    assert report["resolvedCases"] == 0
    police = next(g for g in report["byGroup"] if g["group"]["key"] == "police")
    assert police == {
        "group": {"key": "police"},
        "assigned": 1,
        "completed": 1,
        "verified": 1,
        "overdue": 0,
        "onTimeRate": 1.0,
    }


CASES = """query ($filter: CaseFilter, $first: Int, $after: String) {
  cases(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { title } } } }"""


async def titles(caller: InProcess, **variables: object) -> list[str]:
    data = await caller(CASES, **variables)
    return [edge["node"]["title"] for edge in data["cases"]["edges"]]


@pytest.mark.parametrize(
    ("case_filter", "expected"),
    [
        ({}, ["Affrontements devant l'église", "Cambriolages au marché"]),
        ({"country": "SN"}, ["Affrontements devant l'église"]),
        ({"status": ["IN_PROGRESS"], "category": ["ROBBERY_BURGLARY"]}, ["Cambriolages au marché"]),
        ({"status": ["RESOLVED", "CLOSED"]}, []),
        ({"assignee": "women"}, ["Cambriolages au marché"]),
        ({"overdue": True}, ["Affrontements devant l'église"]),
        ({"overdue": False}, ["Cambriolages au marché"]),
        ({"search": "boutiques"}, ["Cambriolages au marché"]),
    ],
)
async def test_every_case_filter_field_narrows_the_callers_cases(
    world: World, case_filter: dict[str, object], expected: list[str]
) -> None:
    partner = await world.caller("lantern", "partner")
    assert await titles(partner, filter=case_filter) == expected


async def test_the_dialogue_filter_takes_a_relay_id_or_a_uuid(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    by_uuid = await titles(partner, filter={"dialogueId": str(world.dakar.id)})
    by_relay = await titles(partner, filter={"dialogueId": relay_id("Dialogue", world.dakar.id)})
    assert by_uuid == by_relay == ["Affrontements devant l'église"]


async def test_cases_page_with_first_and_after_and_count_every_match(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    first = (await partner(CASES, first=1))["cases"]
    second = (await partner(CASES, first=1, after=first["pageInfo"]["endCursor"]))["cases"]
    assert first["totalCount"] == second["totalCount"] == 2
    assert first["pageInfo"]["hasNextPage"]
    assert not second["pageInfo"]["hasNextPage"]
    assert second["pageInfo"]["hasPreviousPage"]
    assert first["edges"][0]["cursor"] == first["pageInfo"]["startCursor"]
    assert [first["edges"][0]["node"]["title"], second["edges"][0]["node"]["title"]] == [
        "Affrontements devant l'église",
        "Cambriolages au marché",
    ]


async def test_a_dialogues_cases_are_its_own(world: World) -> None:
    partner = await world.caller("lantern", "partner")
    data = await partner(
        """query ($id: ID!, $saaba: ID) { dialogue(id: $id) {
           cases { totalCount edges { node { title } } }
           other: cases(filter: {dialogueId: $saaba}) { totalCount } } }""",
        id=str(world.dakar.id),
        saaba=str(world.lantern.dialogue.id),
    )
    cases = data["dialogue"]["cases"]
    assert [edge["node"]["title"] for edge in cases["edges"]] == ["Affrontements devant l'église"]
    assert data["dialogue"]["other"]["totalCount"] == 0


async def test_the_events_query_reads_the_callers_log_in_pages(world: World) -> None:
    integration = await world.caller("lantern", "integration")
    query = """query ($after: String, $types: [String!]) {
      events(first: 5, after: $after, types: $types) {
        pageInfo { hasNextPage hasPreviousPage endCursor }
        edges { cursor node { eventId position streamId streamType version type recordedAt
                              actor organization data hash } } } }"""
    seen: list[dict[str, object]] = []
    after = None
    while True:
        page = (await integration(query, after=after))["events"]
        seen += [edge["node"] for edge in page["edges"]]
        after = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    assert {event["organization"] for event in seen} == {"lantern"}
    assert len(seen) == 4 + 12 + 4 + 3  # Saaba's dialogue and case, Dakar's dialogue and case
    positions = [str(event["position"]) for event in seen]
    assert positions == sorted(positions)
    stored = await world.services.store.read_stream(world.clash.id)
    last = seen[-1]
    assert last["eventId"] == str(stored[-1].event_id)
    assert last["data"] == stored[-1].data
    assert last["recordedAt"] == format_timestamp(stored[-1].recorded_at)
    tail = (await integration(query, after=after))["events"]
    assert tail["edges"] == []


async def test_the_events_query_filters_by_type(world: World) -> None:
    integration = await world.caller("lantern", "integration")
    data = await integration(
        '{ events(types: ["CaseRaised"]) { edges { node { type streamId } } } }'
    )
    raised = data["events"]["edges"]
    assert {edge["node"]["type"] for edge in raised} == {"CaseRaised"}
    assert {edge["node"]["streamId"] for edge in raised} == {
        str(world.lantern.case_id),
        str(world.clash.id),
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ('{ case(id: "not-an-id") { title } }', ["id"]),
        ('{ dialogue(id: "Q2FzZTox") { name } }', ["id"]),
        ('{ accountability(dialogueId: "42") { openCases } }', ["dialogueId"]),
        ("{ cases(first: 1000) { totalCount } }", ["first"]),
        ('{ cases(after: "nonsense") { totalCount } }', ["after"]),
        ('{ events(after: "nonsense") { edges { cursor } } }', None),
        ('{ events(types: ["CaseCreated"]) { edges { cursor } } }', ["types"]),
        ('{ node(id: "nonsense") { id } }', ["id"]),
    ],
)
async def test_a_malformed_argument_is_a_validation_error_naming_it(
    world: World, query: str, field: list[str] | None
) -> None:
    partner = await world.caller("lantern", "partner")
    result = await partner.result(query)
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions == {"code": "VALIDATION", "field": field}
    assert error.message.startswith("VALIDATION: ")
