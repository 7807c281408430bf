"""Who may issue commands through the Ledger, and what a caller of another organisation sees.

A dialogue or case of another organisation is reported exactly as a missing
one; a role that may not write is refused; nothing is stored either way.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import asyncpg
import pytest

from jsd_core.access import ForbiddenError, Role
from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.application.results import NotFoundError
from jsd_core.domain import CaseStatus, CloseReason
from jsd_core.domain.errors import DialogueConcludedError, DuplicateOfError
from jsd_core.store import EventStore, IdempotencyMismatchError
from tests.support.ledger_world import World, convene, principal, raise_case, stored, world


@pytest.fixture
def ledger(store: EventStore) -> Ledger:
    return Ledger(store)


@pytest.fixture
async def theirs(ledger: Ledger) -> World:
    return await world(ledger, "autre-org")


def escalation(w: World) -> c.EscalateCase:
    return c.EscalateCase(case_id=w.case_id, escalated_to="Mairie", reason="Éclairage")


def joining(w: World) -> c.AddStakeholderGroup:
    return c.AddStakeholderGroup(dialogue_id=w.dialogue_id, key="jeunes", kind="YOUTH", name="J")


async def test_a_facilitator_of_another_organisation_finds_no_such_case(
    ledger: Ledger, theirs: World, pool: asyncpg.Pool
) -> None:
    outsider = principal("lantern")
    before = await stored(pool)

    missing_id = uuid4()
    with pytest.raises(NotFoundError) as hidden:
        await ledger.escalate_case(outsider, escalation(theirs))
    missing_case = c.EscalateCase(case_id=missing_id, escalated_to="M", reason="R")
    with pytest.raises(NotFoundError) as missing:
        await ledger.escalate_case(outsider, missing_case)

    # One message for both, but for the id the caller gave.
    assert hidden.value.message == f"there is no case {theirs.case_id}"
    assert missing.value.message == f"there is no case {missing_id}"
    assert hidden.value.field == missing.value.field == ("caseId",)
    assert await stored(pool) == before


async def test_a_facilitator_of_another_organisation_finds_no_such_dialogue(
    ledger: Ledger, theirs: World
) -> None:
    outsider = principal("lantern")
    raising = c.RaiseCase(
        dialogue_id=theirs.dialogue_id,
        title="Vols",
        description="Vols de bétail",
        category="ROBBERY_BURGLARY",
        severity=3,
        raised_by="femmes",
    )

    with pytest.raises(NotFoundError, match=f"^there is no dialogue {theirs.dialogue_id}$"):
        await ledger.add_stakeholder_group(outsider, joining(theirs))
    with pytest.raises(NotFoundError) as refused:
        await ledger.raise_case(outsider, raising)
    assert refused.value.field == ("dialogueId",)


@pytest.mark.parametrize("role", [Role.PARTNER, Role.AUDITOR, Role.INTEGRATION])
async def test_roles_that_only_read_may_not_issue_commands(
    ledger: Ledger, theirs: World, pool: asyncpg.Pool, role: Role
) -> None:
    reader = principal("autre-org", role)
    before = await stored(pool)

    with pytest.raises(ForbiddenError):
        await ledger.escalate_case(reader, escalation(theirs))
    with pytest.raises(ForbiddenError):
        await ledger.add_stakeholder_group(reader, joining(theirs))
    with pytest.raises(ForbiddenError):
        await convene(ledger, reader)
    assert await stored(pool) == before


async def test_an_admin_may_act_on_any_organisations_dialogue_and_case(
    ledger: Ledger, theirs: World
) -> None:
    admin = principal("jsd", Role.ADMIN)

    await ledger.add_stakeholder_group(admin, joining(theirs))
    result = await ledger.escalate_case(admin, escalation(theirs))

    assert result.version == 3


async def test_only_an_admin_may_convene_a_dialogue_for_another_organisation(
    ledger: Ledger,
) -> None:
    convening = c.ConveneDialogue(
        name="Dialogue de Kaya",
        country="BF",
        locality="Kaya",
        languages=("fr",),
        convened_on=date(2016, 1, 4),
        organization="autre-org",
    )

    with pytest.raises(ForbiddenError, match="only an admin may convene"):
        await ledger.convene_dialogue(principal("lantern"), convening)
    result = await ledger.convene_dialogue(principal("jsd", Role.ADMIN), convening)

    dialogue = await ledger.load_dialogue(result.stream_id)
    assert dialogue is not None
    assert dialogue.organization == "autre-org"


async def test_a_command_id_of_another_organisation_is_not_replayed_to_an_outsider(
    ledger: Ledger, theirs: World
) -> None:
    command = c.EscalateCase(
        command_id=uuid4(), case_id=theirs.case_id, escalated_to="M", reason="R"
    )
    await ledger.escalate_case(theirs.facilitator, command)

    with pytest.raises(IdempotencyMismatchError):
        await ledger.escalate_case(principal("lantern"), command)


async def test_an_id_of_a_case_is_no_dialogue(ledger: Ledger, theirs: World) -> None:
    wrong = c.AddStakeholderGroup(dialogue_id=theirs.case_id, key="j", kind="YOUTH", name="J")

    with pytest.raises(NotFoundError):
        await ledger.add_stakeholder_group(theirs.facilitator, wrong)
    assert await ledger.load_dialogue(theirs.case_id) is None
    assert await ledger.load_case(theirs.dialogue_id) is None


async def test_a_duplicate_names_a_visible_case_of_the_same_dialogue(
    ledger: Ledger, theirs: World
) -> None:
    ours = await world(ledger, "lantern")
    elsewhere = await world(ledger, "lantern")
    repeat = await raise_case(ledger, ours.facilitator, ours.dialogue_id, "Vols au marché")

    def closing(original: UUID) -> c.CloseCase:
        return c.CloseCase(case_id=repeat, reason=CloseReason.DUPLICATE, duplicate_of=original)

    for hidden in (theirs.case_id, uuid4()):
        with pytest.raises(NotFoundError) as refused:
            await ledger.close_case(ours.facilitator, closing(hidden))
        assert refused.value.field == ("duplicateOf",)
    with pytest.raises(DuplicateOfError, match="another dialogue"):
        await ledger.close_case(ours.facilitator, closing(elsewhere.case_id))

    await ledger.close_case(ours.facilitator, closing(ours.case_id))
    case = await ledger.load_case(repeat)
    assert case is not None
    assert (case.status, case.duplicate_of) == (CaseStatus.CLOSED, ours.case_id)


async def test_no_case_is_raised_in_a_concluded_dialogue(ledger: Ledger) -> None:
    facilitator = principal("lantern")
    dialogue_id = await convene(ledger, facilitator)
    concluding = c.ConcludeDialogue(dialogue_id=dialogue_id, concluded_on=date(2016, 6, 30))
    await ledger.conclude_dialogue(facilitator, concluding)

    with pytest.raises(DialogueConcludedError):
        await raise_case(ledger, facilitator, dialogue_id, "Trop tard")
