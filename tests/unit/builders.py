"""Dialogues and cases at known points of their life, for the unit tests.

Every builder returns aggregates whose events were already collected, so a test
sees only the pending events its own command creates.
"""

import copy
from collections.abc import Callable
from datetime import date
from uuid import UUID

import pytest

from jsd_core.domain import Case, CaseCategory, CloseReason, Dialogue, DomainError
from jsd_core.domain.vocabulary import SessionKind, StakeholderKind

CONVENED_ON = date(2015, 3, 2)
GROUPS = {
    "police": StakeholderKind.POLICE,
    "gendarmerie": StakeholderKind.GENDARMERIE,
    "koglweogo": StakeholderKind.INFORMAL_SECURITY,
    "women": StakeholderKind.WOMEN,
    "youth": StakeholderKind.YOUTH,
}


def saaba() -> Dialogue:
    """The Saaba dialogue, with providers and community groups joined."""
    dialogue = Dialogue.convene(
        name="Dialogue de Saaba",
        country="BF",
        region="Centre",
        locality="Saaba",
        organization="lantern",
        languages=["fr", "mos"],
        convened_on=CONVENED_ON,
    )
    for key, kind in GROUPS.items():
        dialogue.add_stakeholder_group(key, kind, key.capitalize())
    dialogue.collect_events()
    return dialogue


def with_session(dialogue: Dialogue) -> Dialogue:
    dialogue.hold_session(SessionKind.DIALOGUE, date(2015, 4, 1), {"police": 4, "women": 12})
    dialogue.collect_events()
    return dialogue


def raised(dialogue: Dialogue) -> Case:
    case = Case.raise_case(
        dialogue,
        title="Cambriolages au marché",
        description="Des boutiques sont cambriolées la nuit.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=4,
        raised_by="koglweogo",
    )
    case.collect_events()
    return case


def agreed(dialogue: Dialogue) -> Case:
    case = raised(dialogue)
    case.agree(dialogue, ["police", "koglweogo"], priority=1)
    case.collect_events()
    return case


def with_action(dialogue: Dialogue) -> tuple[Case, UUID]:
    """An IN_PROGRESS case with one OPEN action of the police."""
    case = agreed(dialogue)
    action_id = case.assign_action(dialogue, "Patrouilles de nuit", "police", date(2015, 6, 1))
    case.collect_events()
    return case, action_id


def in_progress(dialogue: Dialogue) -> Case:
    """An IN_PROGRESS case whose one action is COMPLETED: ready to be resolved."""
    case, action_id = with_action(dialogue)
    case.complete_action(dialogue, action_id, date(2015, 5, 20))
    case.collect_events()
    return case


def resolved(dialogue: Dialogue) -> Case:
    case = in_progress(dialogue)
    case.resolve("Moins de cambriolages depuis les patrouilles.")
    case.collect_events()
    return case


def closed(dialogue: Dialogue) -> Case:
    case = resolved(dialogue)
    case.close(CloseReason.RESOLVED)
    case.collect_events()
    return case


def refused(
    aggregate: Dialogue | Case,
    command: Callable[[], object],
    error: type[DomainError] | tuple[type[DomainError], ...],
) -> DomainError:
    """Run a command that must be refused; check it changed nothing and queued no event."""
    before = copy.deepcopy(aggregate.__dict__)
    with pytest.raises(error) as info:
        command()
    assert aggregate.__dict__ == before
    assert aggregate.pending_events == []
    return info.value
