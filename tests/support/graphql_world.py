"""Two organisations' stories, stored through the real event store and projected, for the
GraphQL read and visibility tests.

`lantern` and `autre-org` each have the Saaba story (12 case events, see
graphql_recorder); `lantern` also has a Dakar dialogue whose case has an OPEN action
long overdue.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from strawberry.relay import GlobalID

from jsd_core.bootstrap import Services, bootstrap
from jsd_core.config import Settings
from jsd_core.domain import Case, CaseCategory, Dialogue, StakeholderKind
from tests.support.graphql_client import InProcess
from tests.support.recorded import Recorder, SaabaCase, on, saaba_case


def relay_id(type_name: str, uuid: UUID) -> str:
    return str(GlobalID(type_name, str(uuid)))


@dataclass
class World:
    services: Services
    lantern: SaabaCase
    other: SaabaCase
    dakar: Dialogue
    clash: Case

    async def caller(self, organization: str, role: str) -> InProcess:
        """A new key of `role` in `organization`, calling the schema in process."""
        key, _ = await self.services.keys.create(organization, role)
        return InProcess(self.services, key.principal())


async def dakar_story(recorder: Recorder) -> tuple[Dialogue, Case]:
    dialogue = Dialogue.convene(
        name="Dialogue de la Médina",
        country="SN",
        locality="Médina, Dakar",
        organization=recorder.organization,
        languages=["fr", "wo"],
        convened_on=date(2019, 1, 10),
    )
    dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Commissariat de la Médina")
    dialogue.add_stakeholder_group("fans", StakeholderKind.YOUTH, "Supporters du stade")
    dialogue.add_stakeholder_group("church", StakeholderKind.RELIGIOUS_LEADERS, "Paroisse")
    await recorder.save(dialogue, on("2019-01-10"))
    clash = Case.raise_case(
        dialogue,
        title="Affrontements devant l'église",
        description="Les supporters et les fidèles s'affrontent les jours de match.",
        category=CaseCategory.VIOLENT_CLASH,
        severity=5,
        raised_by="church",
    )
    clash.agree(dialogue, ["police", "church", "fans"], priority=1)
    clash.assign_action(dialogue, "Déplacer l'entrée du stade", "police", date(2019, 6, 1))
    await recorder.save(clash, on("2019-02-01"))
    return dialogue, clash


@contextlib.asynccontextmanager
async def two_organisations(database_url: str) -> AsyncIterator[World]:
    """The services of a fresh database holding both organisations' stories, projected."""
    settings = Settings(
        database_url=database_url, webhook_allow_private=True, read_your_writes_timeout=60
    )
    async with bootstrap(settings) as services:
        lantern = await saaba_case(services.store, "lantern")
        other = await saaba_case(services.store, "autre-org")
        dakar, clash = await dakar_story(Recorder(services.store, "lantern"))
        # The last append's position (the log's readable head may still lag behind it).
        last = (await services.store.read_stream(clash.id))[-1].position
        assert await services.projections.wait_for(last, 60)
        yield World(services, lantern, other, dakar, clash)
