"""The lives a generated case can have, each run through the real domain model.

Each template is one case's whole life as the Ledger would store it: the
`Case` aggregate decides every command against a dialogue with the groups
every generated dialogue has, and `codec.encode` gives the stored (type, data,
schema version) of each event. The dataset clones templates with fresh ids
and dates shifted from ANCHOR.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta

from bench.templates import ANCHOR, CaseTemplate, Life, template_dialogue
from bench.texts import NOTES, OUTCOMES
from jsd_core.domain import CloseReason


def _resolved_and_closed(life: Life) -> None:
    life.on(7).agree(life.d, ("police", "residents"), 2, "Le dialogue se saisit du problème.")
    first, second = life.assign(10, "police", 40, 0), life.assign(10, "residents", 30, 1)
    life.on(20).report_progress(first, NOTES[0])
    life.complete(28, second)
    life.complete(35, first)
    life.on(40).verify_action(life.d, first, "residents", NOTES[3])
    life.on(45).resolve(OUTCOMES[0])
    life.on(60).close(CloseReason.RESOLVED)


def _overdue(life: Life) -> None:
    life.on(5).agree(life.d, ("gendarmerie", "femmes", "chefferie"), 1)
    action = life.assign(8, "gendarmerie", 30, 3)
    life.on(15).report_progress(action, NOTES[1])
    life.on(25).reschedule_action(life.d, action, ANCHOR + timedelta(days=45), NOTES[5])


def _on_time(life: Life) -> None:
    life.on(3).agree(life.d, ("mairie", "jeunes"), 3)
    first, second = life.assign(6, "mairie", 400, 2), life.assign(6, "jeunes", 380, 6)
    life.on(20).report_progress(first, NOTES[1])
    life.complete(30, second)
    life.on(33).verify_action(life.d, second, "mairie")


def _reopened(life: Life) -> None:
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


def _escalated(life: Life) -> None:
    life.on(2).agree(life.d, ("justice", "femmes"), 1)
    first, second = life.assign(6, "justice", 60, 3), life.assign(6, "femmes", 50, 6)
    life.on(20).escalate("Ministère de la Justice", "Les plaintes restent sans suite.")
    life.on(25).cancel_action(second, "La réunion est remplacée par l'audience foraine.")
    life.on(30).report_progress(first, NOTES[4])
    life.complete(50, first)
    life.on(55).resolve(OUTCOMES[3])


def _long_resolution(life: Life) -> None:
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


def _closing(reason: CloseReason, agreed: bool) -> Callable[[Life], None]:
    def life_of(life: Life) -> None:
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
        life = Life(template_dialogue())
        live(life)
        templates.append(life.template(name, weight))
    return tuple(templates)


def long_case_template(events: int) -> CaseTemplate:
    """A case of `events` events: agreed, one action, then progress reports over 300 days."""
    life = Life(template_dialogue())
    life.on(3).agree(life.d, ("police", "residents"), 1)
    action = life.assign(5, "police", 400, 0)
    reports = events - 3
    for index in range(reports):
        life.on(10 + index * 290 // reports).report_progress(action, NOTES[index % len(NOTES)])
    return life.template("long", 0)
