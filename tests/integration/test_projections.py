"""Projections: every table fed from the log, once, in one transaction with the checkpoint."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.access import Scope
from jsd_core.domain.vocabulary import (
    ActionStatus,
    CaseCategory,
    CaseStatus,
    CloseReason,
    DialogueStatus,
    SessionKind,
    StakeholderKind,
)
from jsd_core.projections import CaseFilter, ProjectionStatus
from jsd_core.projections.cases import CasesProjector
from jsd_core.projections.dialogues import DialoguesProjector
from jsd_core.store import RecordedEvent
from jsd_core.store.cursor import START
from tests.integration.test_projection_events import Stack, at, read_side

EVERYONE = Scope(None)
NEPAL_GROUPS = {
    "prahari": (StakeholderKind.POLICE, "नेपाल प्रहरी"),
    "nagarik": (StakeholderKind.CIVIL_SOCIETY, "नागरिक समाज"),
}


async def until(stack: Stack, name: str, check: str) -> ProjectionStatus:
    """Poll the status until the projection's state starts with `check` (generous deadline)."""
    async with asyncio.timeout(20):
        while True:
            found = {s.name: s for s in await stack.projections.status()}[name]
            if found.state.startswith(check):
                return found
            await asyncio.sleep(0.02)


async def test_the_dialogues_tables_hold_every_dialogue_event(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        saaba = await writer.convene()
        session = await writer.on_dialogue(
            saaba,
            lambda d: d.hold_session(
                SessionKind.COMMITTEE,
                date(2015, 4, 1),
                {"police": 4, "femmes": 12},
                "Réunion au marché : les commerçants témoignent.",
            ),
        )
        for wave, score in ((1, 31.5), (2, 58.0)):
            await writer.on_dialogue(
                saaba,
                lambda d, w=wave, s=score: d.record_trust_survey(
                    w, date(2015, 3 + w, 20), "femmes", 40, s
                ),
            )
        nepal = await writer.convene(
            name="प्रहरी र नागरिक संवाद",
            country="NP",
            locality="काठमाडौं",
            languages=("ne", "en"),
            convened_on=date(2007, 5, 1),
            groups=NEPAL_GROUPS,
        )
        await writer.on_dialogue(nepal, lambda d: d.conclude(date(2008, 6, 30), "सम्पन्न भयो"))
        await stack.caught_up(writer)
        rows = await stack.read_models.dialogues_by_id(EVERYONE, [saaba, nepal])
        groups = await stack.read_models.groups_by_dialogue(EVERYONE, [saaba, nepal])
        sessions = await stack.read_models.sessions_by_dialogue(EVERYONE, [saaba])
        surveys = await stack.read_models.surveys_by_dialogue(EVERYONE, [saaba, nepal])
    assert rows[saaba].name == "Dialogue de Saaba"
    assert rows[saaba].languages == ("fr", "mos")
    assert rows[saaba].status is DialogueStatus.ACTIVE
    assert rows[saaba].version == 7  # convened, 3 groups, a session, 2 surveys
    assert rows[nepal].name == "प्रहरी र नागरिक संवाद"
    assert rows[nepal].concluded_on == date(2008, 6, 30)
    assert rows[nepal].summary == "सम्पन्न भयो"
    assert rows[nepal].status is DialogueStatus.CONCLUDED
    assert [g.key for g in groups[saaba]] == ["police", "koglweogo", "femmes"]
    assert groups[nepal][0].name == "नेपाल प्रहरी"
    assert groups[nepal][1].kind is StakeholderKind.CIVIL_SOCIETY
    (held,) = sessions[saaba]
    assert held.session_id == session
    assert held.attendance == {"police": 4, "femmes": 12}
    assert held.summary == "Réunion au marché : les commerçants témoignent."
    assert [(s.wave, s.trust_score, s.respondents) for s in surveys[saaba]] == [
        (1, 31.5, 40),
        (2, 58.0, 40),
    ]
    assert surveys[nepal] == []


async def test_the_cases_tables_follow_a_case_through_its_whole_life(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene(name="حوار الأمن", country="TN", languages=("ar",))
        case = await writer.raise_case(
            dialogue,
            title="سرقات في السوق",
            description="تتكرر السرقات ليلا في السوق المركزي",
            at=at(date(2015, 4, 1)),
        )
        await writer.agree(case)
        done = await writer.assign(case, "police", date(2015, 5, 1))
        dropped = await writer.assign(case, "koglweogo", date(2015, 5, 2))
        await writer.on_case(case, lambda c, d: c.report_progress(done, "Patrouilles lancées"))
        await writer.on_case(
            case, lambda c, d: c.reschedule_action(d, done, date(2015, 5, 10), "Saison des pluies")
        )
        await writer.on_case(case, lambda c, d: c.complete_action(d, done, date(2015, 5, 8)))
        await writer.on_case(case, lambda c, d: c.verify_action(d, done, "femmes", "Confirmé"))
        await writer.on_case(case, lambda c, d: c.cancel_action(dropped, "Plus nécessaire"))
        await writer.on_case(case, lambda c, d: c.escalate("Ministère", "Besoin de moyens"))
        await writer.on_case(case, lambda c, d: c.resolve("Plus de vols"), at(date(2015, 6, 1)))
        await stack.caught_up(writer)
        resolved = (await stack.read_models.cases_by_id(EVERYONE, [case]))[case]
        await writer.on_case(case, lambda c, d: c.close(CloseReason.RESOLVED))
        await writer.on_case(case, lambda c, d: c.reopen("Les vols reprennent"))
        await stack.caught_up(writer)
        reopened = (await stack.read_models.cases_by_id(EVERYONE, [case]))[case]
        actions = (await stack.read_models.actions_by_case(EVERYONE, [case]))[case]
    assert resolved.title == "سرقات في السوق"
    assert resolved.country == "TN"
    assert resolved.organization == "lantern"
    assert resolved.dialogue_id == dialogue
    assert resolved.category is CaseCategory.ROBBERY_BURGLARY
    assert resolved.location == "Marché central"
    assert resolved.agreed_by == ("police", "femmes")
    assert (resolved.priority, resolved.statement) == (2, "Patrouilles conjointes")
    assert resolved.status is CaseStatus.RESOLVED
    assert resolved.outcome == "Plus de vols"
    assert resolved.raised_at == at(date(2015, 4, 1))
    assert resolved.resolved_at == resolved.updated_at == at(date(2015, 6, 1))
    assert resolved.version == 11
    assert reopened.status is CaseStatus.IN_PROGRESS
    assert (reopened.outcome, reopened.close_reason, reopened.resolved_at) == (None, None, None)
    assert reopened.version == 13
    assert [a.action_id for a in actions] == [done, dropped]
    assert actions[0].status is ActionStatus.VERIFIED
    assert actions[0].due_on == date(2015, 5, 10)
    assert actions[0].completed_on == date(2015, 5, 8)
    assert actions[0].verified_by == "femmes"
    assert actions[1].status is ActionStatus.CANCELLED


async def test_a_closed_case_keeps_its_reason_and_the_case_it_duplicates(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        original = await writer.raise_case(dialogue)
        copy = await writer.raise_case(dialogue, title="Vols au marché (bis)")
        await writer.on_case(
            copy, lambda c, d: c.close(CloseReason.DUPLICATE, "Déjà traité", original)
        )
        unagreed = await writer.raise_case(dialogue, title="Bruit la nuit")
        await writer.on_case(unagreed, lambda c, d: c.close(CloseReason.WITHDRAWN))
        await writer.on_case(unagreed, lambda c, d: c.reopen("Le bruit revient"))
        await stack.caught_up(writer)
        rows = await stack.read_models.cases_by_id(EVERYONE, [copy, unagreed])
    assert rows[copy].status is CaseStatus.CLOSED
    assert rows[copy].close_reason is CloseReason.DUPLICATE
    assert rows[copy].duplicate_of == original
    assert rows[unagreed].status is CaseStatus.RAISED  # reopened with no agreement, no actions


async def test_a_case_raised_before_location_existed_reads_without_one(
    fresh_database_url: str,
) -> None:
    from jsd_core.store import EventMetadata, NewEvent

    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        data = {
            "dialogue_id": str(dialogue),
            "title": "Vols de bétail",
            "description": "Des troupeaux disparaissent.",
            "category": "ROBBERY_BURGLARY",
            "severity": 3,
            "raised_by": "koglweogo",
        }
        old = UUID("5f0e6b7e-2a7c-4c33-9a43-0d6a2b1c9e01")
        meta = EventMetadata("lantern/tester", "lantern", old, old)
        result = await stack.store.append(old, "Case", 0, [NewEvent("CaseRaised", data, 1)], meta)
        assert await stack.projections.wait_for(result.position, 20.0)
        row = (await stack.read_models.cases_by_id(EVERYONE, [old]))[old]
    assert row.location is None
    assert row.title == "Vols de bétail"


async def test_overdue_follows_reschedules_completions_and_cancellations(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        case = await writer.raise_case(dialogue)
        await writer.agree(case)
        first = await writer.assign(case, "police", date(2015, 5, 1))
        second = await writer.assign(case, "femmes", date(2015, 6, 1))

        async def overdue_on(*days: date) -> list[bool]:
            await stack.caught_up(writer)
            late = CaseFilter(overdue=True)
            pages = [
                await stack.read_models.cases(EVERYONE, late, first=5, after=None, today=day)
                for day in days
            ]
            return [page.total_count == 1 for page in pages]

        may, june, july = date(2015, 5, 15), date(2015, 6, 15), date(2015, 7, 15)
        assert await overdue_on(may, june, july) == [True, True, True]
        await writer.on_case(
            case, lambda c, d: c.reschedule_action(d, first, date(2015, 7, 1), "Pluies")
        )
        assert await overdue_on(may, june, july) == [False, True, True]
        await writer.on_case(case, lambda c, d: c.cancel_action(second, "Remplacée"))
        assert await overdue_on(may, june, july) == [False, False, True]
        await writer.complete(case, first, date(2015, 6, 20))
        assert await overdue_on(may, june, july) == [False, False, False]
        actions = (await stack.read_models.actions_by_case(EVERYONE, [case]))[case]
    assert [a.overdue(july) for a in actions] == [False, False]
    assert [a.status for a in actions] == [ActionStatus.COMPLETED, ActionStatus.CANCELLED]


class FlakyCases(CasesProjector):
    """The real cases projector, made to fail after its writes while `broken`."""

    def __init__(self) -> None:
        self.broken = True
        self.applied: list[RecordedEvent] = []

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        await super().apply(connection, events)
        if self.broken:
            raise RuntimeError("the disk is on fire")
        self.applied.extend(events)


async def test_a_failing_batch_leaves_neither_its_writes_nor_its_checkpoint(
    fresh_database_url: str,
) -> None:
    flaky = FlakyCases()
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        case = await writer.raise_case(dialogue)
        await writer.agree(case)
        await writer.assign(case, "police", date(2015, 5, 1))
        async with read_side(
            fresh_database_url, projectors=[DialoguesProjector(), flaky]
        ) as runner:
            failed = await until(runner, "cases", "failed: the disk is on fire")
            assert failed.position == START.cursor()
            assert failed.lag == 7  # convened, 3 groups, raised, agreed, assigned
            page = await stack.read_models.cases(
                EVERYONE, CaseFilter(), first=10, after=None, today=date(2015, 1, 1)
            )
            assert page.total_count == 0
            assert (await stack.read_models.actions_by_case(EVERYONE, [case]))[case] == []
            flaky.broken = False
            await runner.caught_up(writer)
            await until(runner, "cases", "running")
        row = (await stack.read_models.cases_by_id(EVERYONE, [case]))[case]
        actions = (await stack.read_models.actions_by_case(EVERYONE, [case]))[case]
    assert [e.type for e in flaky.applied] == [
        "DialogueConvened",
        "CaseRaised",
        "CaseAgreed",
        "ActionAssigned",
    ]
    assert row.version == 3
    assert row.status is CaseStatus.IN_PROGRESS
    assert len(actions) == 1


class CountingCases(CasesProjector):
    def __init__(self, seen: list[UUID]) -> None:
        self.seen = seen

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        await super().apply(connection, events)
        self.seen.extend(event.event_id for event in events)


async def test_two_processes_never_both_apply_and_a_standby_takes_over(
    fresh_database_url: str,
) -> None:
    first: list[UUID] = []
    second: list[UUID] = []
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        one = read_side(fresh_database_url, projectors=[CountingCases(first)], batch_size=7)
        two = read_side(fresh_database_url, projectors=[CountingCases(second)], batch_size=7)
        async with one as process_one, two as process_two:
            await asyncio.gather(
                *(writer.raise_case(dialogue, title=f"Cas {n}") for n in range(40))
            )
            await process_one.caught_up(writer)
            await process_two.caught_up(writer)
            assert not (first and second)  # the lock holder did it all
            holder = process_one if first else process_two
            await holder.projections.stop()
            await asyncio.gather(
                *(writer.raise_case(dialogue, title=f"Suite {n}") for n in range(10))
            )
            await (process_two if holder is process_one else process_one).caught_up(writer)
        log = await stack.store.read_log(None, limit=1000, types=CasesProjector.types)
        total = (
            await stack.read_models.cases(
                EVERYONE, CaseFilter(), first=0, after=None, today=date(2015, 1, 1)
            )
        ).total_count
    applied = first + second
    assert sorted(applied) == sorted(event.event_id for event in log.events)
    assert len(set(applied)) == len(applied) == 51  # the dialogue and 50 cases, each once
    assert first
    assert second
    assert total == 50


async def test_wait_for_answers_once_every_projection_passed_the_position(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url, start=False) as idle:
        writer = idle.writer("lantern")
        await writer.convene()
        assert not await idle.projections.wait_for(writer.position, 0.2)
        async with read_side(fresh_database_url) as running:
            assert await running.projections.wait_for(writer.position, 20.0)
            # Another process's runner did the work: this one sees it by polling.
            assert await idle.projections.wait_for(writer.position, 20.0)
            await writer.convene(name="Dialogue de Dakar", country="SN")
            assert await idle.projections.wait_for(writer.position, 20.0)


async def test_status_shows_generation_position_lag_and_state(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue = await writer.convene()
        await writer.raise_case(dialogue)
        before = {s.name: s for s in await stack.projections.status()}
        async with read_side(fresh_database_url) as running:
            await running.caught_up(writer)
            after = {s.name: s for s in await stack.projections.status()}
    assert before["cases"].lag == before["dialogues"].lag == 5
    assert before["cases"].state == "stopped: no process runs it"
    assert before["cases"].generation == 1
    assert after["cases"].lag == after["dialogues"].lag == 0
    assert after["dialogues"].state == after["cases"].state == "running"
    assert after["cases"].position >= writer.position
