"""The four stories of domain.md, played as GraphQL mutations against a real server process
and checked with queries, as a partner of the organisation reads them."""

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


async def test_nepal_police_and_civil_society_resolve_drug_abuse_after_the_war(
    stage: Stage,
) -> None:
    story = stage.facilitator
    nepal = await story.convene(
        name="प्रहरी–नागरिक समाज संवाद",
        country="NP",
        region="Bagmati",
        locality="Kathmandu",
        languages=["ne", "en"],
        convenedOn="2007-03-01",
    )
    await story.groups(
        nepal,
        ("police", "POLICE", "Nepal Police, Kathmandu Valley"),
        ("civil-society", "CIVIL_SOCIETY", "नागरिक समाज मञ्च"),
        ("youth", "YOUTH", "Youth clubs"),
    )
    await story.session(
        nepal,
        "DIALOGUE",
        "2007-03-20",
        {"police": 6, "civil-society": 14, "youth": 9},
        "First meeting since the peace agreement",
    )
    drugs = await story.raise_case(
        nepal,
        title="Drug abuse near the schools",
        description="Young people buy drugs near two schools; groups blame each other.",
        category="DRUG_ABUSE",
        severity=4,
        raisedBy="civil-society",
    )
    await story.agree(drugs, ["police", "civil-society", "youth"], priority=1)
    patrols = await story.assign(drugs, "Patrols at school gates", "police", "2007-06-30")
    outreach = await story.assign(drugs, "Peer outreach in every ward", "youth", "2007-07-31")
    await story.on_action("completeAction", drugs, patrols, completedOn="2007-06-15")
    await story.on_action("verifyAction", drugs, patrols, verifiedBy="civil-society")
    await story.on_action("completeAction", drugs, outreach, completedOn="2007-08-10")
    await story.on_case("resolveCase", drugs, outcome="Fewer sales; the groups meet monthly")
    await story.on_case("closeCase", drugs, reason="RESOLVED", note="Handed to the ward forum")
    await story.command("concludeDialogue", dialogueId=nepal, concludedOn="2008-03-01")

    dialogue = await stage.dialogue(nepal)
    assert dialogue["name"] == "प्रहरी–नागरिक समाज संवाद"  # stored exactly as given
    assert dialogue["status"] == "CONCLUDED"
    assert dialogue["concludedOn"] == "2008-03-01"
    case = stage.cases(dialogue)["Drug abuse near the schools"]
    assert (case["status"], case["closeReason"]) == ("CLOSED", "RESOLVED")
    assert [a["status"] for a in case["actions"]] == ["VERIFIED", "COMPLETED"]
    assert case["timeline"]["totalCount"] == 9
    (actor,) = {edge["node"]["actor"] for edge in case["timeline"]["edges"]}
    assert actor.startswith("lantern/")  # the facilitator's key, on every event
    report = dialogue["accountability"]
    assert (report["openCases"], report["resolvedCases"]) == (0, 1)
    assert stage.record(dialogue, "youth")["onTimeRate"] == 0.0  # done after its due date
    assert stage.record(dialogue, "police")["onTimeRate"] == 1.0


async def test_saaba_police_and_the_koglweogo_patrol_together(stage: Stage) -> None:
    story = stage.facilitator
    saaba = await story.convene(
        name="Dialogue de Saaba",
        country="BF",
        locality="Saaba",
        languages=["fr", "mos"],
        convenedOn="2015-03-02",
    )
    await story.groups(
        saaba,
        ("police", "POLICE", "Commissariat de police de Saaba"),
        ("koglweogo", "INFORMAL_SECURITY", "Koglweogo de Saaba"),
        ("femmes", "WOMEN", "Association des femmes commerçantes"),
    )
    await story.survey(saaba, 1, "2015-03-10", {"femmes": (40, 31.5), "koglweogo": (25, 22.0)})
    await story.session(
        saaba,
        "DIALOGUE",
        "2015-04-01",
        {"police": 5, "koglweogo": 12, "femmes": 18},
        "Les vols au marché et la méfiance entre police et koglweogo",
    )
    robberies = await story.raise_case(
        saaba,
        title="Cambriolages au marché",
        description="Des boutiques sont cambriolées la nuit; la police et les koglweogo "
        "s'accusent mutuellement.",
        category="ROBBERY_BURGLARY",
        severity=4,
        location="Marché central",
        raisedBy="femmes",
    )
    await story.agree(
        robberies, ["police", "koglweogo", "femmes"], priority=1, statement="Patrouilles mixtes"
    )
    patrols = await story.assign(robberies, "Patrouilles mixtes de nuit", "police", "2015-06-01")
    await story.on_action("reportActionProgress", robberies, patrols, note="Deux nuits par semaine")
    await story.on_action("completeAction", robberies, patrols, completedOn="2015-05-28")
    await story.on_action(
        "verifyAction", robberies, patrols, verifiedBy="koglweogo", note="Vu au marché"
    )
    await story.on_case("resolveCase", robberies, outcome="Plus de cambriolage depuis avril")
    await story.survey(saaba, 2, "2015-09-10", {"femmes": (42, 68.0), "koglweogo": (25, 61.5)})

    dialogue = await stage.dialogue(saaba)
    case = stage.cases(dialogue)["Cambriolages au marché"]
    assert case["status"] == "RESOLVED"
    assert [g["key"] for g in case["agreedBy"]] == ["police", "koglweogo", "femmes"]
    (action,) = case["actions"]
    assert action["verifiedBy"] == {"key": "koglweogo"}
    assert action["assignee"] == {"key": "police"}
    waves = {(s["wave"], s["group"]["key"]): s["trustScore"] for s in dialogue["trustSurveys"]}
    assert waves[(2, "femmes")] > waves[(1, "femmes")]
    (session,) = dialogue["sessions"]
    assert {a["group"]["key"]: a["count"] for a in session["attendance"]} == {
        "police": 5,
        "koglweogo": 12,
        "femmes": 18,
    }
    assert stage.record(dialogue, "police") == {
        "group": {"key": "police"},
        "assigned": 1,
        "completed": 1,
        "verified": 1,
        "overdue": 0,
        "onTimeRate": 1.0,
    }
