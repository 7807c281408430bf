"""Dakar and Jos, played as GraphQL mutations against a real server process and checked
with queries, as a partner of the organisation reads them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest

from tests.support.databases import new_database
from tests.support.graphql_story import Stage, staged

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture(scope="module")
async def stage(test_server: TestServer, template_url: str) -> AsyncIterator[Stage]:
    async with staged(await new_database(test_server, template_url)) as built:
        yield built


async def test_dakar_moves_the_stadium_entrance_away_from_the_church(stage: Stage) -> None:
    story = stage.facilitator
    medina = await story.convene(
        name="Dialogue communautaire de la Médina",
        country="SN",
        region="Dakar",
        locality="Médina",
        languages=["fr", "wo"],
        convenedOn="2018-01-15",
    )
    await story.groups(
        medina,
        ("police", "POLICE", "Commissariat de la Médina"),
        ("mairie", "LOCAL_GOVERNMENT", "Mairie de la Médina"),
        ("supporters", "YOUTH", "Association des supporters"),
        ("paroisse", "RELIGIOUS_LEADERS", "Paroisse Saint-Joseph"),
        ("habitants", "RESIDENTS", "Habitants du quartier"),
    )
    await story.survey(medina, 1, "2018-01-20", {"habitants": (120, 18.0)})
    clashes = await story.raise_case(
        medina,
        title="Affrontements entre supporters et fidèles",
        description="Les jours de match, l'entrée du stade donne sur l'église.",
        category="VIOLENT_CLASH",
        severity=5,
        location="Entrée nord du stade",
        raisedBy="paroisse",
    )
    await story.agree(clashes, ["police", "mairie", "supporters", "paroisse"], priority=1)
    entrance = await story.assign(clashes, "Déplacer l'entrée du stade", "mairie", "2018-06-30")
    escort = await story.assign(clashes, "Escorte les jours de match", "police", "2018-04-30")
    await story.on_case(
        "escalateCase",
        clashes,
        escalatedTo="Ministère des Sports",
        reason="Les travaux dépassent le budget de la mairie",
    )
    await story.on_action(
        "rescheduleAction", clashes, entrance, dueOn="2018-09-30", reason="Financement du ministère"
    )
    await story.on_action("completeAction", clashes, escort, completedOn="2018-04-20")
    await story.on_action("verifyAction", clashes, escort, verifiedBy="supporters")
    await story.on_action("completeAction", clashes, entrance, completedOn="2018-09-15")
    await story.on_action(
        "verifyAction",
        clashes,
        entrance,
        verifiedBy="paroisse",
        note="La nouvelle entrée donne sur l'avenue",
    )
    await story.on_case("resolveCase", clashes, outcome="Plus d'affrontement depuis septembre")
    repeat = await story.raise_case(
        medina,
        title="Bagarres à l'entrée du stade",
        description="Le même problème, signalé par les habitants.",
        category="VIOLENT_CLASH",
        severity=3,
        raisedBy="habitants",
    )
    await story.on_case("closeCase", repeat, reason="DUPLICATE", duplicateOf=clashes)
    await story.survey(medina, 2, "2019-01-20", {"habitants": (130, 64.0)})

    dialogue = await stage.dialogue(medina)
    cases = stage.cases(dialogue)
    case = cases["Affrontements entre supporters et fidèles"]
    assert case["status"] == "RESOLVED"
    entrance_action, escort_action = case["actions"]
    assert entrance_action["verifiedBy"] == {"key": "paroisse"}
    assert escort_action["verifiedBy"] == {"key": "supporters"}
    types = [edge["node"]["type"] for edge in case["timeline"]["edges"]]
    assert types.count("CaseEscalated") == types.count("ActionRescheduled") == 1
    duplicate = cases["Bagarres à l'entrée du stade"]
    assert (duplicate["status"], duplicate["closeReason"]) == ("CLOSED", "DUPLICATE")
    trust = {s["wave"]: s["trustScore"] for s in dialogue["trustSurveys"]}
    assert trust == {1: 18.0, 2: 64.0}  # residents who saw adversaries now see partners
    # Done by its rescheduled date: on time, as the action's dueOn now reads.
    assert stage.record(dialogue, "mairie")["onTimeRate"] == 1.0
    timeline = await stage.partner.query(
        """query ($id: ID!) { case(id: $id) { timeline(types: ["ActionRescheduled"]) {
             edges { node { ... on ActionRescheduled { dueOn reason } } } } } }""",
        id=clashes,
    )
    (rescheduled,) = timeline["case"]["timeline"]["edges"]
    assert rescheduled["node"] == {"dueOn": "2018-09-30", "reason": "Financement du ministère"}


async def test_jos_rebuilds_its_police_station_on_donated_land(stage: Stage) -> None:
    story = stage.facilitator
    jos = await story.convene(
        name="Angwan Rukuba security dialogue",
        country="NG",
        region="Plateau",
        locality="Angwan Rukuba, Jos",
        languages=["en", "ha"],
        convenedOn="2016-02-01",
    )
    await story.groups(
        jos,
        ("police", "POLICE", "Nigeria Police Force, Jos North"),
        ("residents", "RESIDENTS", "Angwan Rukuba residents"),
        ("elders", "TRADITIONAL_LEADERS", "Ward head and elders"),
    )
    await story.session(
        jos,
        "COMMITTEE",
        "2016-02-20",
        {"police": 3, "residents": 25, "elders": 4},
        "Why the station burned",
    )
    station = await story.raise_case(
        jos,
        title="No police station since it was burned",
        description="Residents burned the station and forced the police out.",
        category="INFRASTRUCTURE",
        severity=5,
        raisedBy="elders",
    )
    await story.agree(station, ["police", "residents", "elders"], priority=1)
    land = await story.assign(station, "Donate land for a new station", "elders", "2016-09-30")
    await story.on_action("completeAction", station, land, completedOn="2016-08-20")
    await story.on_action("verifyAction", station, land, verifiedBy="police")
    build = await story.assign(station, "Help build the new station", "residents", "2017-03-31")
    await story.on_action("reportActionProgress", station, build, note="Walls are up")
    mob = await story.raise_case(
        jos,
        title="Mob justice at the market",
        description="Suspected thieves are beaten by crowds.",
        category="MOB_JUSTICE",
        severity=4,
        raisedBy="police",
    )
    await story.agree(mob, ["police", "residents"])
    hand_over = await story.assign(mob, "Hand suspects to the police", "residents", "2016-12-31")
    await story.on_action("completeAction", mob, hand_over, completedOn="2016-11-30")
    await story.on_action("verifyAction", mob, hand_over, verifiedBy="police")
    await story.on_case("resolveCase", mob, outcome="No beating reported for three months")
    await story.on_case("closeCase", mob, reason="RESOLVED")
    await story.on_case("reopenCase", mob, reason="A suspect was beaten again in May")

    dialogue = await stage.dialogue(jos)
    cases = stage.cases(dialogue)
    building = cases["No police station since it was burned"]
    assert building["status"] == "IN_PROGRESS"
    assert [(a["status"], a["overdue"]) for a in building["actions"]] == [
        ("VERIFIED", False),
        ("OPEN", True),  # due 2017-03-31 and still open
    ]
    reopened = cases["Mob justice at the market"]
    assert (reopened["status"], reopened["closeReason"]) == ("IN_PROGRESS", None)
    assert [e["node"]["type"] for e in reopened["timeline"]["edges"]][-2:] == [
        "CaseClosed",
        "CaseReopened",
    ]
    assert stage.record(dialogue, "residents")["overdue"] == 1
    report = dialogue["accountability"]
    assert (report["openCases"], report["resolvedCases"]) == (2, 0)
    overdue = await stage.partner.query(
        """query ($id: ID) { cases(filter: {dialogueId: $id, overdue: true}) {
             totalCount edges { node { title } } } }""",
        id=jos,
    )
    assert overdue["cases"]["totalCount"] == 1
    assert overdue["cases"]["edges"][0]["node"]["title"] == "No police station since it was burned"
