"""The four demo stories, told end to end through the Ledger on PostgreSQL.

Each story is loaded as its facilitators issued it; the tests read the final
states back through the Ledger and check the stored events and their metadata.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

import asyncpg
import pytest

from jsd_core.application.ledger import Ledger
from jsd_core.database import create_pool
from jsd_core.demo.loader import DemoReport, load_demo
from jsd_core.demo.story import Story
from jsd_core.domain import (
    ActionStatus,
    Case,
    CaseStatus,
    CloseReason,
    Dialogue,
    DialogueStatus,
)
from jsd_core.store import EventStore
from tests.conftest import STREAM_TYPES
from tests.support.databases import new_database

if TYPE_CHECKING:
    from tests.conftest import TestServer

TODAY = datetime.now(UTC).date()
DONE = {ActionStatus.VERIFIED, ActionStatus.CANCELLED}


@dataclass
class Demo:
    pool: asyncpg.Pool
    store: EventStore
    ledger: Ledger
    report: DemoReport

    def story(self, key: str) -> Story:
        return next(story for story in self.report.stories if story.key == key)

    async def dialogue(self, key: str) -> Dialogue:
        dialogue = await self.ledger.load_dialogue(self.story(key).dialogue_id)
        assert dialogue is not None
        return dialogue

    async def case(self, key: str, name: str) -> Case:
        case = await self.ledger.load_case(self.story(key).cases[name])
        assert case is not None
        return case

    async def types(self, stream_id: UUID) -> list[str]:
        return [event.type for event in await self.store.read_stream(stream_id)]


@pytest.fixture(scope="module")
async def demo(test_server: TestServer, template_url: str) -> AsyncIterator[Demo]:
    pool = await create_pool(await new_database(test_server, template_url), max_size=4)
    store = EventStore(pool, stream_types=STREAM_TYPES)
    report = await load_demo(store)
    yield Demo(pool, store, Ledger(store), report)
    await pool.close()


async def test_every_command_of_the_four_stories_stored_one_event(demo: Demo) -> None:
    assert [story.key for story in demo.report.stories] == ["nepal", "saaba", "dakar", "jos"]
    assert demo.report.added == demo.report.commands
    assert await demo.pool.fetchval("SELECT count(*) FROM events") == demo.report.added


async def test_events_name_the_stories_facilitators_and_at_least_two_organisations(
    demo: Demo,
) -> None:
    organizations = set()
    for story in demo.report.stories:
        command_ids = {str(step.command.command_id) for step in story.steps}
        for stream_id in (story.dialogue_id, *story.cases.values()):
            for event in await demo.store.read_stream(stream_id):
                assert event.organization == story.organization
                assert event.actor == f"{story.organization}/{story.facilitator}"
                assert event.metadata["command_id"] in command_ids
        organizations.add(story.organization)
    assert len(organizations) >= 2


@pytest.mark.parametrize(
    ("key", "first_year", "last_year"),
    [("nepal", 2007, 2008), ("saaba", 2015, 2016), ("dakar", 2016, 2017), ("jos", 2017, 2019)],
)
async def test_each_story_is_recorded_over_a_year_or_more_of_its_real_dates(
    demo: Demo, key: str, first_year: int, last_year: int
) -> None:
    story = demo.story(key)
    moments = [
        event.recorded_at
        for stream_id in (story.dialogue_id, *story.cases.values())
        for event in await demo.store.read_stream(stream_id)
    ]
    assert (min(moments).year, max(moments).year) == (first_year, last_year)
    assert (max(moments) - min(moments)).days >= 365


@pytest.mark.parametrize("key", ["nepal", "saaba", "dakar", "jos"])
async def test_each_dialogue_has_both_sides_sessions_with_attendance_and_survey_waves(
    demo: Demo, key: str
) -> None:
    dialogue = await demo.dialogue(key)
    groups = dialogue.groups.values()
    assert any(g.is_provider for g in groups)
    assert any(not g.is_provider for g in groups)
    assert len(dialogue.sessions) >= 5
    assert all(sum(session.attendance.values()) > 0 for session in dialogue.sessions)
    waves: dict[str, set[int]] = {}
    for survey in dialogue.trust_surveys:
        waves.setdefault(survey.group, set()).add(survey.wave)
    assert sum(len(seen) >= 2 for seen in waves.values()) >= 3


async def test_nepal_drug_abuse_is_resolved_and_verified_and_its_repeat_is_a_duplicate(
    demo: Demo,
) -> None:
    drugs = await demo.case("nepal", "drugs")
    assert (drugs.status, drugs.close_reason) == (CaseStatus.CLOSED, CloseReason.RESOLVED)
    assert {a.status for a in drugs.actions.values()} == {ActionStatus.VERIFIED}
    repeat = await demo.case("nepal", "drugs-school")
    assert (repeat.close_reason, repeat.duplicate_of) == (CloseReason.DUPLICATE, drugs.id)
    assert repeat.title == "बसपार्क नजिक विद्यार्थीलाई लागूऔषध बिक्री"
    rumours = await demo.case("nepal", "rumours")
    assert rumours.status is CaseStatus.RESOLVED
    assert rumours.escalations
    assert (await demo.case("nepal", "women-desk")).status is CaseStatus.RAISED
    assert (await demo.dialogue("nepal")).status is DialogueStatus.CONCLUDED


async def test_saaba_police_and_koglweogo_end_up_working_together(demo: Demo) -> None:
    robberies = await demo.case("saaba", "cambriolages")
    assert {"police", "koglweogo"} <= set(robberies.agreed_by)
    assert robberies.close_reason is CloseReason.RESOLVED
    patrols = robberies.actions[demo.story("saaba").actions["patrouilles-mixtes"]]
    assert (patrols.status, patrols.verified_by) == (ActionStatus.VERIFIED, "commercants")
    assert {a.status for a in robberies.actions.values()} == DONE
    abuse = await demo.case("saaba", "chatiments")
    assert abuse.status is CaseStatus.IN_PROGRESS
    assert (await demo.types(abuse.id)).count("CaseReopened") == 1
    assert (await demo.case("saaba", "betail")).status is CaseStatus.RAISED
    assert (await demo.dialogue("saaba")).status is DialogueStatus.ACTIVE


async def test_dakar_moves_the_stadium_entrance_and_the_clashes_stop(demo: Demo) -> None:
    clashes = await demo.case("dakar", "affrontements")
    assert clashes.close_reason is CloseReason.RESOLVED
    entrance = clashes.actions[demo.story("dakar").actions["nouvelle-entree"]]
    assert (entrance.status, entrance.verified_by) == (ActionStatus.VERIFIED, "paroisse")
    assert "ActionRescheduled" in await demo.types(clashes.id)
    repeat = await demo.case("dakar", "bagarres-sortie-messe")
    assert repeat.duplicate_of == clashes.id
    attacks = await demo.case("dakar", "agressions-gare")
    assert attacks.status is CaseStatus.IN_PROGRESS
    assert [a.description for a in attacks.actions.values() if a.is_overdue(TODAY)] == [
        "Réparer l'éclairage public de la rue de la gare routière"
    ]
    assert (await demo.dialogue("dakar")).status is DialogueStatus.CONCLUDED


async def test_jos_police_return_to_a_station_the_community_built(demo: Demo) -> None:
    station = await demo.case("jos", "station")
    assert station.status is CaseStatus.RESOLVED
    assert {a.status for a in station.actions.values()} == {ActionStatus.VERIFIED}
    land = station.actions[demo.story("jos").actions["land"]]
    assert (land.assignee, land.verified_by) == ("elders", "lga")
    assert [e.escalated_to for e in station.escalations] == ["Plateau State Police Command"]
    mob = await demo.case("jos", "mob-justice")
    hotline = mob.actions[demo.story("jos").actions["hotline"]]
    assert mob.status is CaseStatus.IN_PROGRESS
    assert hotline.is_overdue(TODAY)
    assert hotline.due_on < date(2020, 1, 1)
    assert (await demo.case("jos", "checkpoint")).status is CaseStatus.AGREED


async def test_the_cases_cover_every_status_and_both_kinds_of_closing(demo: Demo) -> None:
    cases = [
        await demo.case(story.key, name) for story in demo.report.stories for name in story.cases
    ]
    assert {case.status for case in cases} == set(CaseStatus)
    assert {CloseReason.RESOLVED, CloseReason.DUPLICATE} <= {case.close_reason for case in cases}


async def test_loading_the_demo_again_stores_nothing(demo: Demo) -> None:
    before = await demo.pool.fetchval("SELECT count(*) FROM events")

    again = await load_demo(demo.store)

    assert (again.commands, again.added) == (demo.report.commands, 0)
    assert await demo.pool.fetchval("SELECT count(*) FROM events") == before
