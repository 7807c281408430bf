"""Time travel: a case as it stood at chosen moments of a story told over months.

First a case appended here with the times its steps happened
(`tests.support.auditing`), then the four demo stories as `jsd demo` loads them
(through the Ledger, at their real dates): every demo case at every moment of
its life, and the Saaba robberies case at dates of its story. A test of dates
per demo story can be added the same way as the Saaba one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

import pytest

from jsd_core.audit import CaseState, case_as_of, case_history, verify_all
from jsd_core.database import create_pool
from jsd_core.demo.loader import load_demo
from jsd_core.demo.story import Story
from jsd_core.domain import ActionStatus, CaseStatus, CloseReason
from jsd_core.store import EventStore
from tests.support.auditing import Recorder, SaabaCase, on, saaba_case
from tests.support.databases import new_database

if TYPE_CHECKING:
    from tests.conftest import TestServer


@pytest.fixture
async def saaba(store: EventStore) -> SaabaCase:
    return await saaba_case(store)


async def test_before_the_case_was_raised_there_is_no_case(
    store: EventStore, saaba: SaabaCase
) -> None:
    assert await case_as_of(store, saaba.case_id, at=on("2015-03-31")) is None
    just_before = saaba.steps["raised"] - timedelta(microseconds=1)
    assert await case_as_of(store, saaba.case_id, at=just_before) is None


async def test_the_moment_of_an_event_includes_that_event(
    store: EventStore, saaba: SaabaCase
) -> None:
    state = await case_as_of(store, saaba.case_id, at=saaba.steps["raised"])
    assert state is not None
    assert (state.version, state.status, state.as_of) == (1, CaseStatus.RAISED, on("2015-04-01"))
    assert state.agreed_by == ()
    assert state.actions == ()


async def test_the_saaba_case_at_several_dates_of_its_story(
    store: EventStore, saaba: SaabaCase
) -> None:
    # Mid-April: raised, not yet agreed.
    april = await case_as_of(store, saaba.case_id, at=on("2015-04-10"))
    assert april is not None
    assert april.status is CaseStatus.RAISED
    # Early May: agreed by police and koglweogo, both actions assigned and open.
    may = await case_as_of(store, saaba.case_id, at=on("2015-05-03"))
    assert may is not None
    assert may.status is CaseStatus.IN_PROGRESS
    assert may.agreed_by == ("police", "koglweogo")
    assert may.priority == 1
    assert [(a.action_id, a.status) for a in may.actions] == [
        (saaba.patrols, ActionStatus.OPEN),
        (saaba.lighting, ActionStatus.OPEN),
    ]
    # Mid-June: the patrols were rescheduled to July.
    june = await case_as_of(store, saaba.case_id, at=on("2015-06-15"))
    assert june is not None
    patrols = june.actions[0]
    assert (patrols.due_on.isoformat(), patrols.status) == ("2015-07-01", ActionStatus.OPEN)
    # July 6th: the koglweogo verified the police's patrols.
    july = await case_as_of(store, saaba.case_id, at=on("2015-07-06"))
    assert july is not None
    patrols = july.actions[0]
    assert (patrols.status, patrols.verified_by) == (ActionStatus.VERIFIED, "koglweogo")
    assert patrols.completed_on is not None
    assert patrols.completed_on.isoformat() == "2015-06-28"
    assert july.actions[1].status is ActionStatus.OPEN
    # September: resolved, with its outcome; the lighting was cancelled.
    september = await case_as_of(store, saaba.case_id, at=on("2015-09-01"))
    assert september is not None
    assert september.status is CaseStatus.RESOLVED
    assert september.outcome == "Moins de cambriolages depuis les patrouilles"
    assert september.actions[1].status is ActionStatus.CANCELLED
    assert september.escalated_to == ("Mairie de Saaba",)
    # A year later: reopened, the outcome cleared.
    later = await case_as_of(store, saaba.case_id, at=on("2016-06-01"))
    assert later is not None
    assert (later.status, later.outcome, later.close_reason) == (
        CaseStatus.IN_PROGRESS,
        None,
        None,
    )
    assert later.version == 12


async def test_a_moment_in_the_future_gives_the_current_state(
    store: EventStore, saaba: SaabaCase
) -> None:
    current = await case_as_of(store, saaba.case_id)
    future = await case_as_of(store, saaba.case_id, at=datetime(2100, 1, 1, tzinfo=UTC))
    assert current is not None
    assert future == current
    assert current.version == 12


async def test_a_moment_with_another_offset_is_the_same_instant(
    store: EventStore, saaba: SaabaCase
) -> None:
    in_utc = datetime.fromisoformat("2015-04-15T09:59:59+00:00")
    two_hours_east = datetime.fromisoformat("2015-04-15T11:59:59+02:00")
    before = await case_as_of(store, saaba.case_id, at=in_utc)
    also_before = await case_as_of(store, saaba.case_id, at=two_hours_east)
    assert before is not None
    assert before == also_before
    assert before.status is CaseStatus.RAISED


async def test_a_version_gives_the_state_right_after_that_event(
    store: EventStore, saaba: SaabaCase
) -> None:
    history = await case_history(store, saaba.case_id)
    for revision in history:
        at_version = await case_as_of(store, saaba.case_id, version=revision.event.version)
        assert at_version == revision.state
    beyond = await case_as_of(store, saaba.case_id, version=99)
    assert beyond == history[-1].state


async def test_a_version_and_a_moment_together_stop_at_whichever_comes_first(
    store: EventStore, saaba: SaabaCase
) -> None:
    by_version = await case_as_of(store, saaba.case_id, at=on("2016-01-01"), version=2)
    by_moment = await case_as_of(store, saaba.case_id, at=on("2015-04-10"), version=8)
    assert by_version is not None
    assert by_moment is not None
    assert (by_version.version, by_moment.version) == (2, 1)


async def test_time_travel_refuses_a_moment_without_an_offset_and_a_version_below_one(
    store: EventStore, saaba: SaabaCase
) -> None:
    with pytest.raises(ValueError, match="time zone offset"):
        await case_as_of(store, saaba.case_id, at=datetime(2015, 6, 1))
    with pytest.raises(ValueError, match="version must be 1 or more"):
        await case_as_of(store, saaba.case_id, version=0)


async def test_a_closed_case_shows_its_close_reason_only_while_it_is_closed(
    store: EventStore, saaba: SaabaCase
) -> None:
    saaba.case.resolve("Les patrouilles ont repris, plus de cambriolages")
    saaba.case.close(CloseReason.RESOLVED)
    await Recorder(store, "lantern").save(saaba.case, on("2016-02-01"))
    closed = await case_as_of(store, saaba.case_id, at=on("2016-02-02"))
    reopened = await case_as_of(store, saaba.case_id, at=on("2016-01-31"))
    assert closed is not None
    assert reopened is not None
    assert (closed.status, closed.close_reason) == (CaseStatus.CLOSED, CloseReason.RESOLVED)
    assert reopened.close_reason is None


# ------------------------------------------------------------------ the demo stories


@dataclass
class DemoStore:
    """The demo as `jsd demo` loads it, and the stories that tell which case is which."""

    store: EventStore
    stories: dict[str, Story]

    async def at(self, story: str, case: str, day: str, hour: int = 23) -> CaseState | None:
        case_id = self.stories[story].cases[case]
        return await case_as_of(self.store, case_id, at=on(day, hour))

    def action(self, state: CaseState, story: str, name: str) -> tuple[ActionStatus, str | None]:
        action_id: UUID = self.stories[story].actions[name]
        [found] = [action for action in state.actions if action.action_id == action_id]
        return found.status, found.verified_by


@pytest.fixture(scope="module")
async def demo(test_server: TestServer, template_url: str) -> AsyncIterator[DemoStore]:
    pool = await create_pool(await new_database(test_server, template_url), max_size=4)
    store = EventStore(pool, stream_types=frozenset({"Dialogue", "Case"}))
    try:
        report = await load_demo(store)
        yield DemoStore(store, {story.key: story for story in report.stories})
    finally:
        await pool.close()


async def test_every_demo_case_at_every_moment_of_its_life(demo: DemoStore) -> None:
    assert all(story.cases for story in demo.stories.values())
    for case_id in cases_of(demo):
        history = await case_history(demo.store, case_id)
        first = history[0].event.recorded_at
        assert await case_as_of(demo.store, case_id, at=first - timedelta(seconds=1)) is None
        for earlier, later in zip(history, [*history[1:], None], strict=True):
            moment = earlier.event.recorded_at
            assert await case_as_of(demo.store, case_id, at=moment) == earlier.state
            if later is not None:  # halfway to the next event: still the earlier state
                halfway = moment + (later.event.recorded_at - moment) / 2
                if halfway < later.event.recorded_at:
                    assert await case_as_of(demo.store, case_id, at=halfway) == earlier.state
        future = datetime(2100, 1, 1, tzinfo=UTC)
        assert await case_as_of(demo.store, case_id, at=future) == history[-1].state


async def test_the_saaba_robberies_case_at_dates_of_its_story(demo: DemoStore) -> None:
    story, case = "saaba", "cambriolages"
    # Raised by the traders at the first meeting, 23 March 2015.
    assert await demo.at(story, case, "2015-03-22") is None
    raised = await demo.at(story, case, "2015-04-01")
    assert raised is not None
    assert (raised.status, raised.severity, raised.actions) == (CaseStatus.RAISED, 5, ())
    # 13 April: agreed by police, town hall, Koglweogo and traders; three actions assigned.
    agreed = await demo.at(story, case, "2015-04-13")
    assert agreed is not None
    assert agreed.status is CaseStatus.IN_PROGRESS
    assert agreed.agreed_by == ("police", "mairie", "koglweogo", "commercants")
    assert agreed.priority == 1
    assert [action.status for action in agreed.actions] == [ActionStatus.OPEN] * 3
    # Late June: the hotline verified by the women, the fuel delivered, the patrols late.
    june = await demo.at(story, case, "2015-06-25")
    assert june is not None
    assert demo.action(june, story, "numero-vert") == (ActionStatus.VERIFIED, "femmes")
    assert demo.action(june, story, "carburant") == (ActionStatus.COMPLETED, None)
    assert demo.action(june, story, "patrouilles-mixtes") == (ActionStatus.OPEN, None)
    # 10 August: the traders verified the mixed patrols.
    august = await demo.at(story, case, "2015-08-10")
    assert august is not None
    assert demo.action(august, story, "patrouilles-mixtes") == (
        ActionStatus.VERIFIED,
        "commercants",
    )
    # 28 September resolved, lighting cancelled; 12 October closed as resolved.
    resolved = await demo.at(story, case, "2015-09-28")
    assert resolved is not None
    assert resolved.status is CaseStatus.RESOLVED
    assert demo.action(resolved, story, "eclairage") == (ActionStatus.CANCELLED, None)
    closed = await demo.at(story, case, "2015-10-12")
    assert closed is not None
    assert (closed.status, closed.close_reason) == (CaseStatus.CLOSED, CloseReason.RESOLVED)


async def test_the_demo_as_loaded_has_every_chain_intact(demo: DemoStore) -> None:
    report = await verify_all(demo.store.pool)
    assert (report.broken, report.streams) == ([], 4 + len(cases_of(demo)))


def cases_of(demo: DemoStore) -> list[UUID]:
    return [case_id for story in demo.stories.values() for case_id in story.cases.values()]
