"""How a demo story writes one case's thread: raised, agreed, its actions, its end.

Each method adds one command on the day given ("YYYY-MM-DD"); dates a command
carries (completed_on, ...) are that day unless said otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from jsd_core.application import commands as c
from jsd_core.demo.story import demo_id
from jsd_core.domain import CloseReason

Add = Callable[[str, c.Command], None]


class CaseScript:
    """The thread of one case of a story; `actions` collects its actions' ids by name."""

    def __init__(self, add: Add, story: str, name: str, actions: dict[str, UUID]) -> None:
        self._add, self._story, self._actions = add, story, actions
        self.case_id = demo_id(story, "case", name)

    def agree(
        self, day: str, agreed_by: tuple[str, ...], priority: int, statement: str | None = None
    ) -> None:
        self._add(
            day,
            c.AgreeCase(
                case_id=self.case_id, agreed_by=agreed_by, priority=priority, statement=statement
            ),
        )

    def assign(self, name: str, day: str, description: str, assignee: str, due: str) -> UUID:
        """A new action, known to the story as `name`; returns its id."""
        action_id = demo_id(self._story, "action", name)
        self._actions[name] = action_id
        command = c.AssignAction(
            case_id=self.case_id,
            action_id=action_id,
            description=description,
            assignee=assignee,
            due_on=date.fromisoformat(due),
        )
        self._add(day, command)
        return action_id

    def progress(self, action: UUID, day: str, note: str) -> None:
        self._add(day, c.ReportActionProgress(case_id=self.case_id, action_id=action, note=note))

    def reschedule(self, action: UUID, day: str, due: str, reason: str) -> None:
        due_on = date.fromisoformat(due)
        self._add(
            day,
            c.RescheduleAction(
                case_id=self.case_id, action_id=action, due_on=due_on, reason=reason
            ),
        )

    def complete(self, action: UUID, day: str, note: str | None = None) -> None:
        done = date.fromisoformat(day)
        self._add(
            day,
            c.CompleteAction(case_id=self.case_id, action_id=action, completed_on=done, note=note),
        )

    def verify(self, action: UUID, day: str, by: str, note: str | None = None) -> None:
        self._add(
            day,
            c.VerifyAction(case_id=self.case_id, action_id=action, verified_by=by, note=note),
        )

    def cancel(self, action: UUID, day: str, reason: str) -> None:
        self._add(day, c.CancelAction(case_id=self.case_id, action_id=action, reason=reason))

    def escalate(self, day: str, to: str, reason: str) -> None:
        self._add(day, c.EscalateCase(case_id=self.case_id, escalated_to=to, reason=reason))

    def resolve(self, day: str, outcome: str) -> None:
        self._add(day, c.ResolveCase(case_id=self.case_id, outcome=outcome))

    def reopen(self, day: str, reason: str) -> None:
        self._add(day, c.ReopenCase(case_id=self.case_id, reason=reason))

    def close(
        self,
        day: str,
        reason: CloseReason,
        note: str | None = None,
        duplicate_of: UUID | None = None,
    ) -> None:
        command = c.CloseCase(
            case_id=self.case_id, reason=reason, note=note, duplicate_of=duplicate_of
        )
        self._add(day, command)
