"""How a demo story is written: the dialogue's meetings and each case, thread by thread.

A story module writes each thread in its own order; `Script.story()` merges
them by date (a stable sort keeps each day's written order) into one command
sequence, a few minutes apart within a day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from uuid import UUID

from jsd_core.application import commands as c
from jsd_core.demo.case_script import CaseScript
from jsd_core.demo.story import Step, Story, demo_id
from jsd_core.domain import CaseCategory, SessionKind, StakeholderKind

WORKDAY_START = 9  # o'clock, UTC
MINUTES_APART = 7


class Script:
    """Collects a story's commands; see the module docstring."""

    def __init__(self, key: str, organization: str, facilitator: str) -> None:
        self.key, self.organization, self.facilitator = key, organization, facilitator
        self.dialogue_id = demo_id(key, "dialogue", "dialogue")
        self._entries: list[tuple[date, c.Command]] = []
        self._sessions = 0
        self.cases: dict[str, UUID] = {}
        self.actions: dict[str, UUID] = {}

    def add(self, day: str, command: c.Command) -> None:
        self._entries.append((date.fromisoformat(day), command))

    def convene(
        self,
        day: str,
        *,
        name: str,
        country: str,
        region: str,
        locality: str,
        languages: tuple[str, ...],
    ) -> None:
        on = date.fromisoformat(day)
        self.add(
            day,
            c.ConveneDialogue(
                dialogue_id=self.dialogue_id,
                name=name,
                country=country,
                region=region,
                locality=locality,
                languages=languages,
                convened_on=on,
            ),
        )

    def groups(self, day: str, *groups: tuple[str, StakeholderKind, str]) -> None:
        """Groups join the dialogue: (key, kind, name) each."""
        for key, kind, name in groups:
            joined = c.AddStakeholderGroup(
                dialogue_id=self.dialogue_id, key=key, kind=kind, name=name
            )
            self.add(day, joined)

    def session(
        self, day: str, kind: SessionKind, attendance: Mapping[str, int], summary: str
    ) -> None:
        """A meeting held that day, with how many of each group came."""
        self._sessions += 1
        session = c.RecordSession(
            dialogue_id=self.dialogue_id,
            session_id=demo_id(self.key, "session", str(self._sessions)),
            kind=kind,
            held_on=date.fromisoformat(day),
            attendance=dict(attendance),
            summary=summary,
        )
        self.add(day, session)

    def survey(self, wave: int, day: str, results: Mapping[str, tuple[int, float]]) -> None:
        """One wave of the trust survey: per group key, (respondents, trust score 0..100)."""
        for group, (respondents, score) in results.items():
            answers = c.RecordTrustSurvey(
                dialogue_id=self.dialogue_id,
                wave=wave,
                surveyed_on=date.fromisoformat(day),
                group=group,
                respondents=respondents,
                trust_score=score,
            )
            self.add(day, answers)

    def conclude(self, day: str, summary: str) -> None:
        on = date.fromisoformat(day)
        self.add(
            day, c.ConcludeDialogue(dialogue_id=self.dialogue_id, concluded_on=on, summary=summary)
        )

    def case(
        self,
        name: str,
        day: str,
        *,
        title: str,
        description: str,
        category: CaseCategory,
        severity: int,
        raised_by: str,
        location: str | None = None,
    ) -> CaseScript:
        """A case raised that day, known to the story as `name`; write its thread on the result."""
        thread = CaseScript(self.add, self.key, name, self.actions)
        self.cases[name] = thread.case_id
        raised = c.RaiseCase(
            dialogue_id=self.dialogue_id,
            case_id=thread.case_id,
            title=title,
            description=description,
            category=category,
            severity=severity,
            raised_by=raised_by,
            location=location,
        )
        self.add(day, raised)
        return thread

    def story(self) -> Story:
        """The commands in the order they happened, each with its moment and a command id
        fixed by the story's key and the step's number."""
        steps: list[Step] = []
        ordered = sorted(self._entries, key=lambda entry: entry[0])
        for number, (day, command) in enumerate(ordered, 1):
            start = datetime(day.year, day.month, day.day, WORKDAY_START, tzinfo=UTC)
            earlier = steps[-1].at if steps and steps[-1].at >= start else None
            at = earlier + timedelta(minutes=MINUTES_APART) if earlier else start
            command_id = demo_id(self.key, "command", str(number))
            steps.append(Step(at, replace(command, command_id=command_id)))
        return Story(
            self.key,
            self.organization,
            self.facilitator,
            self.dialogue_id,
            tuple(steps),
            dict(self.cases),
            dict(self.actions),
        )
