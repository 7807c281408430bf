"""caseHistory's engine: every stored event replayed by the domain model, a state after each."""

from __future__ import annotations

from uuid import uuid4

from jsd_core import codec
from jsd_core.audit import case_as_of, case_history, changes
from jsd_core.domain import ActionStatus, CaseStatus
from jsd_core.store import EventStore
from tests.support.auditing import SaabaCase, saaba_case


async def test_the_history_has_every_event_in_order_with_the_state_right_after_it(
    store: EventStore,
) -> None:
    saaba = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    stored = await store.read_stream(saaba.case_id)
    assert [revision.event for revision in history] == stored
    assert [revision.state.version for revision in history] == list(range(1, 13))
    assert [revision.state.as_of for revision in history] == [e.recorded_at for e in stored]
    assert [revision.state.status for revision in history] == [
        CaseStatus.RAISED,
        CaseStatus.AGREED,
        *[CaseStatus.IN_PROGRESS] * 8,
        CaseStatus.RESOLVED,
        CaseStatus.IN_PROGRESS,
    ]


async def test_each_state_is_what_the_domain_rebuilds_from_the_events_up_to_it(
    store: EventStore,
) -> None:
    saaba = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    stored = await store.read_stream(saaba.case_id)
    for revision in history:
        case = codec.rebuild("Case", stored[: revision.event.version])
        assert case is not None
        assert revision.state.status is case.status
        assert revision.state.agreed_by == case.agreed_by
        assert [a.status for a in revision.state.actions] == [
            a.status for a in case.actions.values()
        ]


async def test_a_later_event_does_not_change_an_earlier_state(store: EventStore) -> None:
    saaba = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    assigned, verified = history[2].state, history[7].state
    assert assigned.actions[0].status is ActionStatus.OPEN
    assert assigned.actions[0].due_on.isoformat() == "2015-06-01"
    assert verified.actions[0].status is ActionStatus.VERIFIED
    assert verified.actions[0].due_on.isoformat() == "2015-07-01"


async def test_the_history_keeps_unicode_texts_exactly(store: EventStore) -> None:
    saaba = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    assert history[0].state.title == "Cambriolages au marché"
    assert history[3].state.actions[1].description == "Éclairage du marché"


async def test_an_unknown_id_or_a_dialogue_has_no_case_history(store: EventStore) -> None:
    saaba = await saaba_case(store)
    assert await case_history(store, uuid4()) == []
    assert await case_history(store, saaba.dialogue.id) == []
    assert await case_as_of(store, uuid4()) is None
    assert await case_as_of(store, saaba.dialogue.id) is None


async def test_replay_describes_what_each_event_changed(store: EventStore) -> None:
    saaba: SaabaCase = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    described = [
        changes(before.state if before else None, revision.state)
        for before, revision in zip([None, *history], history, strict=False)
    ]
    assert described[0][:2] == ["title: Cambriolages au marché", "status: RAISED"]
    assert described[1] == [
        "status: RAISED → AGREED",
        "priority: — → 1",
        "agreed by: — → police, koglweogo",
    ]
    assert described[2] == [
        "status: AGREED → IN_PROGRESS",
        "action “Patrouilles de nuit” assigned to police, due 2015-06-01",
    ]
    assert described[5] == [
        "action “Patrouilles de nuit”: due on 2015-06-01 → 2015-07-01; note “Manque de carburant”"
    ]
    assert described[7] == [
        "action “Patrouilles de nuit”: status COMPLETED → VERIFIED; verified by — → koglweogo; "
        "note “Vu au marché”"
    ]
    assert described[9] == ["escalated to: — → Mairie de Saaba"]
