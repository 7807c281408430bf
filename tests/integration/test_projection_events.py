"""Events for the projection tests, written as the service writes them.

`Writer` drives the real domain aggregates (so every rule holds) and stores
their events through `EventStore.append` in the codec's stored shapes. The
tests of this module check that those shapes are what the domain reads back.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from jsd_core import codec
from jsd_core.database import SESSION_SETTINGS, create_pool, sqlalchemy_url
from jsd_core.domain import Case, Dialogue
from jsd_core.domain.vocabulary import CaseCategory, SessionKind, StakeholderKind
from jsd_core.projections import Projections, ReadModels
from jsd_core.store import EventMetadata, EventStore, NewEvent, RecordedEvent
from jsd_core.store.notifier import Notifier

STREAM_TYPES = frozenset({"Dialogue", "Case"})
SAABA_GROUPS = {
    "police": (StakeholderKind.POLICE, "Commissariat de Saaba"),
    "koglweogo": (StakeholderKind.INFORMAL_SECURITY, "Koglweogo de Saaba"),
    "femmes": (StakeholderKind.WOMEN, "Association des femmes de Saaba"),
}


@dataclass
class Writer:
    """Issues commands on in-memory aggregates and appends what they record."""

    store: EventStore
    organization: str
    aggregates: dict[UUID, Aggregate] = field(default_factory=dict)
    versions: dict[UUID, int] = field(default_factory=dict)
    position: str = ""
    now: datetime = field(default_factory=lambda: at(date(2015, 3, 2)))  # when events happen

    async def save(self, aggregate: Aggregate, at: datetime | None = None) -> list[RecordedEvent]:
        stream_type = codec.stream_type_of(aggregate)
        pending = aggregate.collect_events()
        stored = [NewEvent(*codec.encode(event)) for event in pending]
        meta = EventMetadata(f"{self.organization}/tester", self.organization, uuid4(), uuid4())
        version = self.versions.get(aggregate.id, 0)
        result = await self.store.append(
            aggregate.id, stream_type, version, stored, meta, recorded_at=at or self.now
        )
        self.aggregates[aggregate.id] = aggregate
        self.versions[aggregate.id] = result.version
        self.position = max(self.position, result.position)  # appends may run concurrently
        return list(result.events)

    def dialogue(self, dialogue_id: UUID) -> Dialogue:
        found = self.aggregates[dialogue_id]
        assert isinstance(found, Dialogue)
        return found

    def case(self, case_id: UUID) -> Case:
        found = self.aggregates[case_id]
        assert isinstance(found, Case)
        return found

    async def on_dialogue(self, dialogue_id: UUID, command: Callable[[Dialogue], Any]) -> Any:
        dialogue = self.dialogue(dialogue_id)
        answer = command(dialogue)
        await self.save(dialogue)
        return answer

    async def on_case(
        self,
        case_id: UUID,
        command: Callable[[Case, Dialogue], Any],
        at: datetime | None = None,
    ) -> Any:
        case = self.case(case_id)
        answer = command(case, self.dialogue(case.dialogue_id))
        await self.save(case, at)
        return answer

    async def convene(
        self,
        name: str = "Dialogue de Saaba",
        country: str = "BF",
        locality: str = "Saaba",
        languages: tuple[str, ...] = ("fr", "mos"),
        convened_on: date = date(2015, 3, 2),
        groups: dict[str, tuple[StakeholderKind, str]] | None = None,
    ) -> UUID:
        """A dialogue of this writer's organisation, with its groups joined."""
        dialogue = Dialogue.convene(
            name=name,
            country=country,
            region="Centre",
            locality=locality,
            organization=self.organization,
            languages=languages,
            convened_on=convened_on,
        )
        for key, (kind, group_name) in (groups or SAABA_GROUPS).items():
            dialogue.add_stakeholder_group(key, kind, group_name)
        await self.save(dialogue)
        return dialogue.id

    async def raise_case(
        self,
        dialogue_id: UUID,
        title: str = "Cambriolages au marché",
        description: str = "Des boutiques sont cambriolées la nuit.",
        category: CaseCategory = CaseCategory.ROBBERY_BURGLARY,
        raised_by: str = "koglweogo",
        at: datetime | None = None,
        location: str | None = "Marché central",
    ) -> UUID:
        case = Case.raise_case(
            self.dialogue(dialogue_id),
            title=title,
            description=description,
            category=category,
            severity=4,
            raised_by=raised_by,
            location=location,
        )
        await self.save(case, at)
        return case.id

    async def agree(self, case_id: UUID, agreed_by: tuple[str, ...] = ("police", "femmes")) -> None:
        await self.on_case(case_id, lambda c, d: c.agree(d, agreed_by, 2, "Patrouilles conjointes"))

    async def assign(self, case_id: UUID, assignee: str, due_on: date) -> UUID:
        action_id: UUID = await self.on_case(
            case_id, lambda c, d: c.assign_action(d, f"Engagement de {assignee}", assignee, due_on)
        )
        return action_id

    async def complete(self, case_id: UUID, action_id: UUID, completed_on: date) -> None:
        await self.on_case(case_id, lambda c, d: c.complete_action(d, action_id, completed_on))


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Stack:
    """One simulated server process's read side, on a database of the test's own."""

    store: EventStore
    engine: AsyncEngine
    projections: Projections
    read_models: ReadModels
    notifier: Notifier

    def writer(self, organization: str) -> Writer:
        return Writer(self.store, organization)

    async def caught_up(self, writer: Writer) -> None:
        assert await self.projections.wait_for(writer.position, 20.0)


@contextlib.asynccontextmanager
async def read_side(
    database_url: str, *, start: bool = True, **options: Any
) -> AsyncIterator[Stack]:
    """Store, engine, projections (started unless `start=False`) and read models."""
    pool = await create_pool(database_url, max_size=8)
    notifier = Notifier(database_url)
    await notifier.start()
    store = EventStore(pool, stream_types=STREAM_TYPES, on_append=lambda _: notifier.poke())
    engine = create_async_engine(
        sqlalchemy_url(database_url), connect_args={"server_settings": SESSION_SETTINGS}
    )
    options = {"lock_retry": 0.2, "retry_delays": (0.05, 0.1, 0.2), **options}
    projections = Projections(engine, store, notifier, database_url, **options)
    if start:
        await projections.start()
    try:
        yield Stack(store, engine, projections, ReadModels(engine), notifier)
    finally:
        await projections.stop()
        await engine.dispose()
        await notifier.stop()
        await pool.close()


# ------------------------------------------------------------ the writer's own tests


async def test_the_writer_stores_events_the_domain_reads_back(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue_id = await writer.convene()
        await writer.on_dialogue(
            dialogue_id,
            lambda d: d.hold_session(SessionKind.DIALOGUE, date(2015, 4, 1), {"police": 3}),
        )
        case_id = await writer.raise_case(dialogue_id)
        await writer.agree(case_id)
        action_id = await writer.assign(case_id, "police", date(2015, 5, 1))
        dialogue = codec.rebuild("Dialogue", await stack.store.read_stream(dialogue_id))
        case = codec.rebuild("Case", await stack.store.read_stream(case_id))
    assert dialogue is not None
    assert len(dialogue.sessions) == 1
    assert dialogue.groups.keys() == SAABA_GROUPS.keys()
    assert case is not None
    assert case.agreed_by == ("police", "femmes")
    assert case.actions[action_id].assignee == "police"


async def test_stored_event_data_uses_the_domain_field_names(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue_id = await writer.convene()
        case_id = await writer.raise_case(dialogue_id)
        raised = (await stack.store.read_stream(case_id))[0]
        convened = (await stack.store.read_stream(dialogue_id))[0]
    assert raised.data["dialogue_id"] == str(dialogue_id)
    assert set(raised.data) >= {"title", "description", "category", "severity", "raised_by"}
    assert convened.data["convened_on"] == "2015-03-02"
    assert convened.data["languages"] == ["fr", "mos"]
    assert raised.organization == "lantern"
