"""The Ledger on PostgreSQL: idempotent retries, the metadata of events, and concurrency."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import uuid4

import asyncpg
import pytest

from jsd_core.access import Role
from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.application.results import CommandResult
from jsd_core.domain import ActionStatus, SessionKind
from jsd_core.store import EventStore, IdempotencyMismatchError, VersionConflictError
from tests.support.ledger_world import principal, stored, world

DUE = date(2015, 6, 1)


@pytest.fixture
def ledger(store: EventStore) -> Ledger:
    return Ledger(store)


async def test_a_retried_command_stores_nothing_new_and_returns_the_original_result(
    ledger: Ledger, pool: asyncpg.Pool
) -> None:
    w = await world(ledger)
    assign = c.AssignAction(
        command_id=uuid4(),
        case_id=w.case_id,
        description="Patrouilles",
        assignee="police",
        due_on=DUE,
    )
    first = await ledger.assign_action(w.facilitator, assign)
    before = await stored(pool)

    again = await ledger.assign_action(w.facilitator, assign)

    assert await stored(pool) == before
    assert again == CommandResult(
        first.stream_id, first.version, first.position, replayed=True, action_id=first.action_id
    )
    assert first.action_id is not None
    assert not first.replayed


async def test_a_retry_after_the_case_moved_on_still_returns_the_original_result(
    ledger: Ledger,
) -> None:
    w = await world(ledger)
    assign = c.AssignAction(
        command_id=uuid4(),
        case_id=w.case_id,
        description="Patrouilles",
        assignee="police",
        due_on=DUE,
    )
    first = await ledger.assign_action(w.facilitator, assign)
    assert first.action_id is not None
    progress = c.ReportActionProgress(case_id=w.case_id, action_id=first.action_id, note="En cours")
    await ledger.report_action_progress(w.facilitator, progress)

    again = await ledger.assign_action(w.facilitator, assign)

    assert (again.version, again.action_id, again.replayed) == (
        first.version,
        first.action_id,
        True,
    )


async def test_a_retried_session_returns_the_session_it_recorded(ledger: Ledger) -> None:
    w = await world(ledger)
    session = c.RecordSession(
        command_id=uuid4(),
        dialogue_id=w.dialogue_id,
        kind=SessionKind.DIALOGUE,
        held_on=date(2015, 4, 1),
        attendance={"police": 4, "koglweogo": 9},
    )
    first = await ledger.record_session(w.facilitator, session)
    again = await ledger.record_session(w.facilitator, session)

    dialogue = await ledger.load_dialogue(w.dialogue_id)
    assert dialogue is not None
    assert [s.session_id for s in dialogue.sessions] == [first.session_id]
    assert again.session_id == first.session_id
    assert again.replayed


async def test_a_command_id_reused_for_another_command_is_refused_and_stores_nothing(
    ledger: Ledger, pool: asyncpg.Pool
) -> None:
    w = await world(ledger)
    command_id = uuid4()
    await ledger.escalate_case(
        w.facilitator,
        c.EscalateCase(command_id=command_id, case_id=w.case_id, escalated_to="Mairie", reason="A"),
    )
    before = await stored(pool)

    with pytest.raises(IdempotencyMismatchError):
        await ledger.escalate_case(
            w.facilitator,
            c.EscalateCase(
                command_id=command_id, case_id=w.case_id, escalated_to="Mairie", reason="B"
            ),
        )
    assert await stored(pool) == before


async def test_two_concurrent_requests_with_one_command_id_store_one_action(
    ledger: Ledger,
) -> None:
    w = await world(ledger)
    # No action id in the command: each request draws its own, and only the winner's is kept.
    assign = c.AssignAction(
        command_id=uuid4(),
        case_id=w.case_id,
        description="Patrouilles",
        assignee="police",
        due_on=DUE,
    )

    one, other = await asyncio.gather(
        ledger.assign_action(w.facilitator, assign), ledger.assign_action(w.facilitator, assign)
    )

    case = await ledger.load_case(w.case_id)
    assert case is not None
    assert list(case.actions) == [one.action_id]
    assert (other.stream_id, other.version, other.action_id) == (
        one.stream_id,
        one.version,
        one.action_id,
    )
    assert sorted([one.replayed, other.replayed]) == [False, True]


async def test_events_carry_the_actor_the_dialogue_organisation_and_the_command_ids(
    ledger: Ledger, store: EventStore
) -> None:
    w = await world(ledger, "autre-org")
    admin = principal("jsd", Role.ADMIN)
    command_id, correlation_id, causation_id = uuid4(), uuid4(), uuid4()
    escalate = c.EscalateCase(
        command_id=command_id, case_id=w.case_id, escalated_to="Préfecture", reason="Armes"
    )

    await ledger.escalate_case(
        admin, escalate, correlation_id=correlation_id, causation_id=causation_id
    )
    await ledger.escalate_case(w.facilitator, replace(escalate, command_id=None))

    *_, by_admin, by_facilitator = await store.read_stream(w.case_id)
    assert by_admin.metadata == {
        "actor": admin.actor,
        "organization": "autre-org",
        "command_id": str(command_id),
        "correlation_id": str(correlation_id),
        "causation_id": str(causation_id),
        "schema_version": 1,
    }
    assert by_facilitator.actor == w.facilitator.actor
    own = by_facilitator.metadata
    assert own["correlation_id"] == own["command_id"]
    assert own["causation_id"] is None


async def test_events_are_recorded_at_the_moment_of_the_ledgers_clock(store: EventStore) -> None:
    moment = datetime(2016, 5, 23, 9, 30, tzinfo=UTC)
    ledger = Ledger(store, clock=lambda: moment)
    w = await world(ledger)

    events = await store.read_stream(w.case_id)

    assert {event.recorded_at for event in events} == {moment}


async def test_with_an_expected_version_one_of_two_concurrent_commands_gets_a_conflict(
    ledger: Ledger, store: EventStore
) -> None:
    w = await world(ledger)
    version = await store.stream_version(w.case_id)

    outcomes = await asyncio.gather(
        *(
            ledger.escalate_case(
                w.facilitator,
                c.EscalateCase(
                    case_id=w.case_id, expected_version=version, escalated_to=to, reason="Armes"
                ),
            )
            for to in ("Préfecture", "Gouvernorat")
        ),
        return_exceptions=True,
    )

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "CommandResult",
        "VersionConflictError",
    ]
    assert await store.stream_version(w.case_id) == version + 1


async def test_a_stale_expected_version_is_refused_and_stores_nothing(
    ledger: Ledger, pool: asyncpg.Pool
) -> None:
    w = await world(ledger)
    before = await stored(pool)

    with pytest.raises(VersionConflictError) as refused:
        await ledger.resolve_case(
            w.facilitator, c.ResolveCase(case_id=w.case_id, expected_version=1, outcome="Fini")
        )

    assert (refused.value.expected, refused.value.actual) == (1, 2)
    assert await stored(pool) == before


async def test_without_an_expected_version_concurrent_commands_are_all_applied_in_turn(
    ledger: Ledger, store: EventStore
) -> None:
    w = await world(ledger)
    assigned = await ledger.assign_action(
        w.facilitator,
        c.AssignAction(case_id=w.case_id, description="Patrouilles", assignee="police", due_on=DUE),
    )
    assert assigned.action_id is not None
    notes = [f"Patrouille {n}" for n in range(4)]

    results = await asyncio.gather(
        *(
            ledger.report_action_progress(
                w.facilitator,
                c.ReportActionProgress(case_id=w.case_id, action_id=assigned.action_id, note=note),
            )
            for note in notes
        )
    )

    assert sorted(r.version for r in results) == list(range(4, 8))
    events = await store.read_stream(w.case_id)
    assert sorted(e.data["note"] for e in events[3:]) == sorted(notes)
    case = await ledger.load_case(w.case_id)
    assert case is not None
    assert case.actions[assigned.action_id].status is ActionStatus.OPEN
