"""Commands on cases read their dialogue as it stands, whoever changed it last.

Two Ledgers on one store stand for two server processes: what one does to a
dialogue, the other's next command on a case sees.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.domain import CaseCategory, StakeholderKind
from jsd_core.domain.errors import DialogueConcludedError, UnknownGroupError
from jsd_core.store import EventStore
from tests.support.ledger_world import convene, principal, raise_case


def _raise(dialogue_id: UUID, raised_by: str) -> c.RaiseCase:
    return c.RaiseCase(
        dialogue_id=dialogue_id,
        title="Vols de bétail",
        description="Des troupeaux disparaissent la nuit.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=3,
        raised_by=raised_by,
    )


async def test_a_case_is_refused_once_another_process_concluded_its_dialogue(
    store: EventStore,
) -> None:
    here, there = Ledger(store), Ledger(store)
    facilitator = principal("lantern")
    dialogue_id = await convene(here, facilitator)
    await raise_case(here, facilitator, dialogue_id, "Avant la clôture")

    concluding = c.ConcludeDialogue(dialogue_id=dialogue_id, concluded_on=date(2016, 6, 30))
    await there.conclude_dialogue(facilitator, concluding)

    with pytest.raises(DialogueConcludedError):
        await raise_case(here, facilitator, dialogue_id, "Après la clôture")


async def test_a_group_another_process_added_may_raise_a_case_at_once(
    store: EventStore,
) -> None:
    here, there = Ledger(store), Ledger(store)
    facilitator = principal("lantern")
    dialogue_id = await convene(here, facilitator)
    with pytest.raises(UnknownGroupError):
        await here.raise_case(facilitator, _raise(dialogue_id, "eleveurs"))

    joined = c.AddStakeholderGroup(
        dialogue_id=dialogue_id, key="eleveurs", kind=StakeholderKind.RESIDENTS, name="Éleveurs"
    )
    await there.add_stakeholder_group(facilitator, joined)

    raised = await here.raise_case(facilitator, _raise(dialogue_id, "eleveurs"))
    case = await here.load_case(raised.stream_id)
    assert case is not None
    assert case.raised_by == "eleveurs"


async def test_a_dialogue_changed_here_is_read_anew_by_the_next_case(store: EventStore) -> None:
    ledger = Ledger(store)
    facilitator = principal("lantern")
    dialogue_id = await convene(ledger, facilitator)
    await raise_case(ledger, facilitator, dialogue_id, "Avant")
    joined = c.AddStakeholderGroup(
        dialogue_id=dialogue_id, key="eleveurs", kind=StakeholderKind.RESIDENTS, name="Éleveurs"
    )

    added = await ledger.add_stakeholder_group(facilitator, joined)
    raised = await ledger.raise_case(facilitator, _raise(dialogue_id, "eleveurs"))

    dialogue = await ledger.load_dialogue(dialogue_id)
    assert dialogue is not None
    assert dialogue.version == added.version
    assert "eleveurs" in dialogue.groups
    assert raised.version == 1
