"""What a template is, and the domain run that makes one (the lives are in `lifecycles`).

A template is one case's events in their stored form (type, data, schema
version), each with the day after the raising it happened on. Every template
case belongs to a dialogue with the groups every generated dialogue has, so
clones with fresh ids and shifted dates keep exactly the shape the projections
and the audit expect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from bench.texts import ACTIONS, NOTES
from jsd_core import codec
from jsd_core.domain import CaseCategory, Dialogue, StakeholderKind
from jsd_core.domain.case import Case

K = StakeholderKind
ANCHOR = date(2000, 3, 1)  # day 0 of every template: the day its case is raised
GROUPS = (
    ("police", K.POLICE, "Commissariat de police"),
    ("gendarmerie", K.GENDARMERIE, "Brigade de gendarmerie"),
    ("mairie", K.LOCAL_GOVERNMENT, "Mairie"),
    ("justice", K.JUSTICE, "Tribunal de grande instance"),
    ("residents", K.RESIDENTS, "Comité des résidents"),
    ("femmes", K.WOMEN, "Groupements de femmes"),
    ("jeunes", K.YOUTH, "Conseil de la jeunesse"),
    ("chefferie", K.TRADITIONAL_LEADERS, "Chefferie coutumière"),
    ("vigilance", K.INFORMAL_SECURITY, "Comité de vigilance"),
)
COMMUNITY_GROUPS = ("residents", "femmes", "jeunes", "chefferie")
DATE_FIELDS = ("due_on", "completed_on")


@dataclass(frozen=True)
class TemplateEvent:
    type: str
    data: dict[str, Any]
    schema_version: int
    day: int  # days after the case was raised


@dataclass(frozen=True)
class CaseTemplate:
    name: str
    weight: int  # how often it is cloned, relative to the others
    events: tuple[TemplateEvent, ...]


def template_dialogue() -> Dialogue:
    dialogue = Dialogue.convene(
        name="Template",
        country="BF",
        locality="Saaba",
        organization="bench",
        languages=("fr",),
        convened_on=ANCHOR - timedelta(days=90),
    )
    for key, kind, name in GROUPS:
        dialogue.add_stakeholder_group(key, kind, name)
    return dialogue


class Life:
    """One case run through the domain; `on(day)` gives the case for the command of that day,
    so `template()` knows the day of every event."""

    def __init__(self, dialogue: Dialogue) -> None:
        self.d = dialogue
        self.days = [0]
        self.case = Case.raise_case(
            dialogue,
            title="Template",
            description="Template",
            category=CaseCategory.OTHER,
            severity=3,
            raised_by="residents",
            location="Template",
        )

    def on(self, day: int) -> Case:
        self.days.append(day)
        return self.case

    def assign(self, day: int, assignee: str, due: int, text: int = 0) -> UUID:
        when = ANCHOR + timedelta(days=due)
        return self.on(day).assign_action(self.d, ACTIONS[text % len(ACTIONS)], assignee, when)

    def complete(self, day: int, action: UUID) -> None:
        self.on(day).complete_action(self.d, action, ANCHOR + timedelta(days=day), NOTES[day % 6])

    def template(self, name: str, weight: int) -> CaseTemplate:
        events = []
        for event, day in zip(self.case.collect_events(), self.days, strict=True):
            kind, data, schema_version = codec.encode(event)
            events.append(TemplateEvent(kind, data, schema_version, day))
        return CaseTemplate(name, weight, tuple(events))
