"""A small Saaba dialogue and case made through the real Ledger, for the ledger's tests.

Each call makes new streams, so tests can share the run's database. Two
organisations: `lantern` and `autre-org`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID, uuid4

import asyncpg

from jsd_core.access import Principal, Role
from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.domain import CaseCategory, StakeholderKind

K = StakeholderKind
CONVENED = date(2015, 3, 2)


def principal(organization: str = "lantern", role: Role = Role.FACILITATOR) -> Principal:
    return Principal(uuid4(), f"{role.value}-{uuid4().hex[:6]}", organization, role)


@dataclass(frozen=True)
class World:
    """A dialogue with police, koglweogo and women's groups, and one case agreed on by them."""

    dialogue_id: UUID
    case_id: UUID
    facilitator: Principal


async def convene(ledger: Ledger, who: Principal) -> UUID:
    dialogue = await ledger.convene_dialogue(
        who,
        c.ConveneDialogue(
            name="Dialogue de Saaba",
            country="BF",
            locality="Saaba",
            languages=("fr", "mos"),
            convened_on=CONVENED,
        ),
    )
    for key, kind, name in (
        ("police", K.POLICE, "Commissariat de Saaba"),
        ("koglweogo", K.INFORMAL_SECURITY, "Koglweogo"),
        ("femmes", K.WOMEN, "Groupements de femmes"),
    ):
        joined = c.AddStakeholderGroup(
            dialogue_id=dialogue.stream_id, key=key, kind=kind, name=name
        )
        await ledger.add_stakeholder_group(who, joined)
    return dialogue.stream_id


async def raise_case(ledger: Ledger, who: Principal, dialogue_id: UUID, title: str) -> UUID:
    raised = await ledger.raise_case(
        who,
        c.RaiseCase(
            dialogue_id=dialogue_id,
            title=title,
            description="Des boutiques sont cambriolées la nuit.",
            category=CaseCategory.ROBBERY_BURGLARY,
            severity=4,
            raised_by="koglweogo",
        ),
    )
    return raised.stream_id


async def world(ledger: Ledger, organization: str = "lantern") -> World:
    """A new dialogue of `organization` and an agreed case in it."""
    facilitator = principal(organization)
    dialogue_id = await convene(ledger, facilitator)
    case_id = await raise_case(ledger, facilitator, dialogue_id, "Cambriolages au marché")
    agreed = c.AgreeCase(case_id=case_id, agreed_by=("police", "koglweogo"), priority=1)
    await ledger.agree_case(facilitator, agreed)
    return World(dialogue_id, case_id, facilitator)


async def stored(pool: asyncpg.Pool) -> tuple[int, int]:
    """How many events and commands the database holds: a refused command changes neither."""
    events = await pool.fetchval("SELECT count(*) FROM events")
    commands = await pool.fetchval("SELECT count(*) FROM commands")
    return int(events), int(commands)
