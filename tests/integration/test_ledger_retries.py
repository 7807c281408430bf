"""Retried commands when the state has moved on: the first result, however the state now
answers the command; and what a handled command hands back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from uuid import uuid4

import asyncpg
import pytest

from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.store import EventStore, IdempotencyMismatchError
from tests.support.ledger_world import stored, world


@pytest.fixture
def ledger(store: EventStore) -> Ledger:
    return Ledger(store)


async def test_a_retry_the_current_state_would_refuse_still_returns_the_first_result(
    ledger: Ledger, pool: asyncpg.Pool
) -> None:
    w = await world(ledger)
    resolve = c.ResolveCase(command_id=uuid4(), case_id=w.case_id, outcome="Les vols ont cessé.")
    action = c.AssignAction(
        case_id=w.case_id, description="Patrouilles", assignee="police", due_on=date(2015, 6, 1)
    )
    assigned = await ledger.assign_action(w.facilitator, action)
    assert assigned.action_id is not None
    done = c.CompleteAction(
        case_id=w.case_id, action_id=assigned.action_id, completed_on=date(2015, 5, 20)
    )
    await ledger.complete_action(w.facilitator, done)
    first = await ledger.resolve_case(w.facilitator, resolve)
    before = await stored(pool)

    # A RESOLVED case refuses to be resolved again; the retry is answered all the same.
    again = await ledger.resolve_case(w.facilitator, resolve)

    assert again == replace(first, replayed=True)
    assert await stored(pool) == before


async def test_a_command_id_of_another_command_is_a_mismatch_even_when_refused(
    ledger: Ledger,
) -> None:
    w = await world(ledger)
    command_id = uuid4()
    escalate = c.EscalateCase(
        command_id=command_id, case_id=w.case_id, escalated_to="Mairie", reason="A"
    )
    await ledger.escalate_case(w.facilitator, escalate)
    # The same id on a command the state refuses (agreeing twice): still the mismatch.
    agree = c.AgreeCase(command_id=command_id, case_id=w.case_id, agreed_by=("police",))
    with pytest.raises(IdempotencyMismatchError):
        await ledger.agree_case(w.facilitator, agree)


async def test_a_handled_command_hands_back_the_events_it_stored(ledger: Ledger) -> None:
    w = await world(ledger)
    escalate = c.EscalateCase(case_id=w.case_id, escalated_to="Mairie", reason="Trop lent")
    result = await ledger.escalate_case(w.facilitator, escalate)
    stored_events = await ledger.store.read_stream(w.case_id)
    assert result.events == (stored_events[-1],)
    assert result.events[0].data["escalated_to"] == "Mairie"
