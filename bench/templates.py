"""Templates of realistic case histories, made by running the real domain model.

Each template is one case's whole life as the Ledger would store it: the
`Case` aggregate decides every command against a dialogue with the groups
every generated dialogue has, and `codec.encode` gives the stored (type, data,
schema version) of each event. The dataset clones templates with fresh ids
and dates shifted from ANCHOR, so every generated event has the stored shape
the projections and the audit expect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from bench.texts import ACTIONS, NOTES, OUTCOMES
from jsd_core import codec
from jsd_core.domain import CaseCategory, CloseReason, Dialogue, StakeholderKind
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


class _Life:
    """One case run through the domain; `on(day)` gives the case for the command of that day."""

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


def _resolved_and_closed(life: _Life) -> None:
    life.on(7).agree(life.d, ("police", "residents"), 2, "Le dialogue se saisit du problème.")
    first, second = life.assign(10, "police", 40, 0), life.assign(10, "residents", 30, 1)
    life.on(20).report_progress(first, NOTES[0])
    life.complete(28, second)
    life.complete(35, first)
    life.on(40).verify_action(life.d, first, "residents", NOTES[3])
    life.on(45).resolve(OUTCOMES[0])
    life.on(60).close(CloseReason.RESOLVED)


def _overdue(life: _Life) -> None:
    life.on(5).agree(life.d, ("gendarmerie", "femmes", "chefferie"), 1)
    action = life.assign(8, "gendarmerie", 30, 3)
    life.on(15).report_progress(action, NOTES[1])
    life.on(25).reschedule_action(life.d, action, ANCHOR + timedelta(days=45), NOTES[5])


def _on_time(life: _Life) -> None:
    life.on(3).agree(life.d, ("mairie", "jeunes"), 3)
    first, second = life.assign(6, "mairie", 400, 2), life.assign(6, "jeunes", 380, 6)
    life.on(20).report_progress(first, NOTES[1])
    life.complete(30, second)
    life.on(33).verify_action(life.d, second, "mairie")


def _reopened(life: _Life) -> None:
    life.on(4).agree(life.d, ("police", "vigilance", "residents"), 2)
    first = life.assign(5, "vigilance", 20, 5)
    life.complete(18, first)
    life.on(21).verify_action(life.d, first, "police", NOTES[2])
    life.on(24).resolve(OUTCOMES[1])
    life.on(30).close(CloseReason.RESOLVED, "Clos en séance plénière.")
    life.on(90).reopen("Les vols ont repris après la saison des pluies.")
    second = life.assign(92, "police", 120, 0)
    life.complete(115, second)
    life.on(118).resolve(OUTCOMES[2])


def _escalated(life: _Life) -> None:
    life.on(2).agree(life.d, ("justice", "femmes"), 1)
    first, second = life.assign(6, "justice", 60, 3), life.assign(6, "femmes", 50, 6)
    life.on(20).escalate("Ministère de la Justice", "Les plaintes restent sans suite.")
    life.on(25).cancel_action(second, "La réunion est remplacée par l'audience foraine.")
    life.on(30).report_progress(first, NOTES[4])
    life.complete(50, first)
    life.on(55).resolve(OUTCOMES[3])


def _long_resolution(life: _Life) -> None:
    life.on(7).agree(life.d, ("police", "mairie", "residents", "jeunes"), 2)
    a, b, c = (life.assign(9, key, 45, n) for n, key in enumerate(("police", "mairie", "jeunes")))
    life.on(20).report_progress(a, NOTES[0])
    life.on(22).report_progress(b, NOTES[1])
    life.on(40).reschedule_action(life.d, c, ANCHOR + timedelta(days=70), NOTES[5])
    life.complete(41, a)
    life.complete(44, b)
    life.complete(66, c)
    life.on(68).verify_action(life.d, a, "residents")
    life.on(69).verify_action(life.d, b, "jeunes")
    life.on(75).resolve(OUTCOMES[1])


def _closing(reason: CloseReason, agreed: bool) -> Callable[[_Life], None]:
    def life_of(life: _Life) -> None:
        if agreed:
            life.on(6).agree(life.d, ("police", "chefferie"), 4)
        life.on(14).close(reason, "Décidé en comité de suivi.")

    return life_of


@functools.cache
def case_templates() -> tuple[CaseTemplate, ...]:
    """The lives a generated case can have, each with its weight (about 7.6 events a case)."""
    lives = (
        ("resolved_and_closed", 30, _resolved_and_closed),
        ("in_progress_overdue", 20, _overdue),
        ("in_progress_on_time", 10, _on_time),
        ("raised", 6, lambda life: None),
        ("agreed", 6, lambda life: life.on(5).agree(life.d, ("police", "femmes"))),
        ("withdrawn", 4, _closing(CloseReason.WITHDRAWN, agreed=False)),
        ("referred", 4, _closing(CloseReason.REFERRED, agreed=True)),
        ("reopened", 8, _reopened),
        ("escalated_with_cancelled_action", 8, _escalated),
        ("long_resolution", 8, _long_resolution),
    )
    templates = []
    for name, weight, live in lives:
        life = _Life(template_dialogue())
        live(life)
        templates.append(life.template(name, weight))
    return tuple(templates)


def long_case_template(events: int) -> CaseTemplate:
    """A case of `events` events: agreed, one action, then progress reports over 300 days."""
    life = _Life(template_dialogue())
    life.on(3).agree(life.d, ("police", "residents"), 1)
    action = life.assign(5, "police", 400, 0)
    reports = events - 3
    for index in range(reports):
        life.on(10 + index * 290 // reports).report_progress(action, NOTES[index % len(NOTES)])
    return life.template("long", 0)
