"""A short Saaba story that records every event type of both aggregates, for codec tests."""

from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import CanMutateAggregate

from jsd_core.domain import Case, CaseCategory, CloseReason, Dialogue, SessionKind, StakeholderKind

Events = list[CanMutateAggregate[UUID]]


def every_event() -> tuple[Dialogue, Case, Events, Events]:
    """A dialogue and a case, and all the events they recorded, in order."""
    dialogue = Dialogue.convene(
        name="Dialogue de Saaba",
        country="BF",
        locality="Saaba",
        organization="lantern",
        languages=["fr", "mos"],
        convened_on=date(2015, 3, 2),
    )
    dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Commissariat de Saaba")
    dialogue.add_stakeholder_group("koglweogo", StakeholderKind.INFORMAL_SECURITY, "Koglweogo")
    dialogue.add_stakeholder_group("women", StakeholderKind.WOMEN, "نساء سابا")
    dialogue.hold_session(SessionKind.DIALOGUE, date(2015, 4, 1), {"police": 4, "koglweogo": 9})
    dialogue.record_trust_survey(1, date(2015, 4, 1), "women", 40, 35.5)

    case = Case.raise_case(
        dialogue,
        title="Cambriolages au marché",
        description="Des boutiques sont cambriolées la nuit.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=4,
        raised_by="koglweogo",
        location="Marché central",
    )
    case.agree(dialogue, ["police", "koglweogo"], priority=1, statement="Patrouilles mixtes")
    patrols = case.assign_action(dialogue, "Patrouilles de nuit", "police", date(2015, 6, 1))
    lights = case.assign_action(dialogue, "Éclairage", "women", date(2015, 6, 1))
    case.report_progress(patrols, "Deux patrouilles par semaine")
    case.reschedule_action(dialogue, patrols, date(2015, 7, 1), "Manque de carburant")
    case.complete_action(dialogue, patrols, date(2015, 6, 28))
    case.verify_action(dialogue, patrols, "koglweogo", note="Vu au marché")
    case.cancel_action(lights, "La mairie s'en charge")
    case.escalate("Mairie de Saaba", "Éclairage public")
    case.resolve("Moins de cambriolages")
    case.reopen("Ils ont repris")
    case.close(CloseReason.DUPLICATE, duplicate_of=uuid4())
    dialogue.conclude(date(2016, 6, 30), summary="Fin du cycle")
    return dialogue, case, list(dialogue.collect_events()), list(case.collect_events())
