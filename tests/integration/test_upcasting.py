"""Upcasting on events stored in PostgreSQL: a schema-v1 CaseRaised, stored before `location`
existed, is read as a v2 CaseRaised with no location, and the case goes on."""

from __future__ import annotations

from uuid import UUID, uuid4

from jsd_core.access import Principal
from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.domain import CaseStatus
from jsd_core.store import EventMetadata, EventStore, NewEvent
from tests.support.ledger_world import convene, principal, raise_case


async def raise_under_v1(store: EventStore, facilitator: Principal, dialogue_id: UUID) -> UUID:
    """A CaseRaised as the first release wrote it: no "location", schema version 1."""
    case_id = uuid4()
    data = {
        "dialogue_id": str(dialogue_id),
        "title": "Cambriolages au marché",
        "description": "Des boutiques sont cambriolées la nuit.",
        "category": "ROBBERY_BURGLARY",
        "severity": 4,
        "raised_by": "koglweogo",
    }
    await store.append(
        case_id,
        "Case",
        0,
        [NewEvent("CaseRaised", data, schema_version=1)],
        EventMetadata(facilitator.actor, facilitator.organization, uuid4(), uuid4()),
    )
    return case_id


async def test_a_case_raised_under_schema_version_1_reads_with_no_location(
    store: EventStore,
) -> None:
    ledger = Ledger(store)
    facilitator = principal("lantern")
    dialogue_id = await convene(ledger, facilitator)
    old = await raise_under_v1(store, facilitator, dialogue_id)
    new = await raise_case(ledger, facilitator, dialogue_id, "Vols de bétail")

    case = await ledger.load_case(old)

    assert case is not None
    assert (case.location, case.title, case.version) == (None, "Cambriolages au marché", 1)
    [raised_now] = await store.read_stream(new)
    assert (raised_now.schema_version, raised_now.data["location"]) == (2, None)


async def test_commands_go_on_from_a_case_raised_under_schema_version_1(
    store: EventStore,
) -> None:
    ledger = Ledger(store)
    facilitator = principal("lantern")
    case_id = await raise_under_v1(store, facilitator, await convene(ledger, facilitator))

    agreed = await ledger.agree_case(
        facilitator, c.AgreeCase(case_id=case_id, agreed_by=("police", "femmes"))
    )

    assert agreed.version == 2
    case = await ledger.load_case(case_id)
    assert case is not None
    assert case.status is CaseStatus.AGREED
    raised, agreement = await store.read_stream(case_id)
    # The stored event is never rewritten: it keeps the data and version it was written with.
    assert "location" not in raised.data
    assert (raised.schema_version, agreement.schema_version) == (1, 1)
