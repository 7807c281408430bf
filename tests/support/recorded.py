"""A case told over months, stored through the real event store with chosen times.

The Saaba case's events come from the domain model (so they replay), are
encoded by the codec and appended through the real `EventStore` with
`recorded_at` set as if each command were issued on its day, which the read,
audit and GraphQL tests look back on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from jsd_core import codec
from jsd_core.domain import Case, CaseCategory, Dialogue, StakeholderKind
from jsd_core.store import EventMetadata, EventStore, NewEvent


def on(day: str, hour: int = 10) -> datetime:
    """A moment of a working day, UTC: `on("2015-04-01")` is 10:00 that day."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


@dataclass
class Recorder:
    """Appends an aggregate's new events as one command of one organisation's facilitator."""

    store: EventStore
    organization: str
    actor: str = "facilitator"

    async def save(self, aggregate: Aggregate, at: datetime) -> None:
        events = aggregate.collect_events()
        encoded = [codec.encode(event) for event in events]
        await self.store.append(
            aggregate.id,
            codec.stream_type_of(aggregate),
            events[0].originator_version - 1,
            [NewEvent(type_, data, schema_version) for type_, data, schema_version in encoded],
            EventMetadata(f"{self.organization}/{self.actor}", self.organization, uuid4(), uuid4()),
            recorded_at=at,
        )


@dataclass
class SaabaCase:
    """The Saaba robberies case and the moment of each step of its story."""

    dialogue: Dialogue
    case: Case
    patrols: UUID
    lighting: UUID
    steps: dict[str, datetime] = field(default_factory=dict)

    @property
    def case_id(self) -> UUID:
        return self.case.id


async def saaba_case(store: EventStore, organization: str = "lantern") -> SaabaCase:
    """Raised in April 2015, agreed, two actions, patrols verified by the koglweogo,
    lighting cancelled, escalated, resolved in August, reopened in October: 12 events."""
    record = Recorder(store, organization)
    dialogue = Dialogue.convene(
        name="Dialogue de Saaba",
        country="BF",
        locality="Saaba",
        organization=organization,
        languages=["fr", "mos"],
        convened_on=date(2015, 3, 2),
    )
    dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Commissariat de Saaba")
    dialogue.add_stakeholder_group("koglweogo", StakeholderKind.INFORMAL_SECURITY, "Koglweogo")
    dialogue.add_stakeholder_group("women", StakeholderKind.WOMEN, "Association des femmes")
    await record.save(dialogue, on("2015-03-02"))
    case = Case.raise_case(
        dialogue,
        title="Cambriolages au marché",
        description="Des boutiques sont cambriolées la nuit.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=4,
        raised_by="koglweogo",
        location="Marché central",
    )
    story = SaabaCase(dialogue, case, uuid4(), uuid4())

    async def step(name: str, day: str, hour: int = 10) -> None:
        story.steps[name] = on(day, hour)
        await record.save(case, story.steps[name])

    await step("raised", "2015-04-01")
    case.agree(dialogue, ["police", "koglweogo"], priority=1, statement="Patrouilles mixtes")
    await step("agreed", "2015-04-15")
    case.assign_action(dialogue, "Patrouilles de nuit", "police", date(2015, 6, 1), story.patrols)
    await step("patrols assigned", "2015-05-02")
    case.assign_action(dialogue, "Éclairage du marché", "women", date(2015, 6, 15), story.lighting)
    await step("lighting assigned", "2015-05-02", hour=11)
    case.report_progress(story.patrols, "Deux patrouilles par semaine")
    await step("progress", "2015-05-20")
    case.reschedule_action(dialogue, story.patrols, date(2015, 7, 1), "Manque de carburant")
    await step("rescheduled", "2015-06-01")
    case.complete_action(dialogue, story.patrols, date(2015, 6, 28), "Patrouilles en place")
    await step("patrols completed", "2015-06-28")
    case.verify_action(dialogue, story.patrols, "koglweogo", note="Vu au marché")
    await step("patrols verified", "2015-07-05")
    case.cancel_action(story.lighting, "La mairie s'en charge")
    await step("lighting cancelled", "2015-07-10")
    case.escalate("Mairie de Saaba", "Éclairage public")
    await step("escalated", "2015-07-12")
    case.resolve("Moins de cambriolages depuis les patrouilles")
    await step("resolved", "2015-08-01")
    case.reopen("Les cambriolages ont repris")
    await step("reopened", "2015-10-01")
    return story
