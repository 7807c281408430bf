"""The Case aggregate: one problem a dialogue identified, from raising it to its solution.

Status: RAISED → AGREED → IN_PROGRESS → RESOLVED → CLOSED, with reopening.
Each command checks its rules, then calls the `@event` method that records it;
that method only changes state, because it runs again on every replay.
Commands that check group keys or dates take the loaded `Dialogue`; the case
keeps only its id. Rules beyond the table of domain.md:
- due_on (assigned or rescheduled) and completed_on are on or after the
  dialogue's convened_on, and a reschedule must change the date;
- a CLOSED case accepts only reopen; a RESOLVED one still accepts the
  verification of its completed actions;
- a case reopened with no actions returns to AGREED only if it was agreed,
  else to RAISED, so that no case is AGREED without a joint agreement;
- reopening clears close_reason, duplicate_of and outcome.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from jsd_core.domain import case_rules as rules
from jsd_core.domain import validation as check
from jsd_core.domain.case_parts import Action, Escalation
from jsd_core.domain.dialogue import Dialogue
from jsd_core.domain.errors import (
    ActionNotFoundError,
    ActionStatusError,
    CaseStatusError,
    DialogueConcludedError,
    DuplicateEntryError,
    WrongDialogueError,
    field_path,
)
from jsd_core.domain.vocabulary import ActionStatus, CaseCategory, CaseStatus, CloseReason

RAISED, AGREED, IN_PROGRESS, RESOLVED, CLOSED = CaseStatus


class Case(Aggregate):
    """One identified problem, with the actions the dialogue agreed on to solve it."""

    class CaseRaised(Aggregate.Created):
        """The first event of a case. Version 2 added `location`."""

        class_version = 2
        dialogue_id: UUID
        title: str
        description: str
        category: CaseCategory
        severity: int
        location: str | None
        raised_by: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["location"] = None

    def __init__(
        self,
        dialogue_id: UUID,
        title: str,
        description: str,
        category: CaseCategory,
        severity: int,
        location: str | None,
        raised_by: str,
    ) -> None:
        self.dialogue_id, self.title, self.description = dialogue_id, title, description
        self.category, self.severity, self.location = category, severity, location
        self.raised_by = raised_by
        self.status = RAISED
        self.agreed_by: tuple[str, ...] = ()
        self.priority: int | None = None
        self.statement: str | None = None
        self.actions: dict[UUID, Action] = {}
        self.escalations: tuple[Escalation, ...] = ()
        self.close_reason: CloseReason | None = None
        self.duplicate_of: UUID | None = None
        self.outcome: str | None = None

    @classmethod
    def raise_case(
        cls,
        dialogue: Dialogue,
        *,
        title: str,
        description: str,
        category: CaseCategory,
        severity: int,
        raised_by: str,
        location: str | None = None,
        case_id: UUID | None = None,
    ) -> Case:
        """A group of an active dialogue brings a problem to it."""
        if not dialogue.is_active:
            raise DialogueConcludedError("the dialogue has concluded: no new case can be raised")
        return cls._create(
            cls.CaseRaised,
            id=case_id,
            dialogue_id=dialogue.id,
            title=check.text("title", title, check.TITLE_LIMIT),
            description=check.text("description", description, check.DESCRIPTION_LIMIT),
            category=check.member(CaseCategory, "category", category),
            severity=check.whole_number("severity", severity, 1, 5),
            location=check.optional_text("location", location, check.NAME_LIMIT),
            raised_by=dialogue.check_group("raised_by", raised_by).key,
        )

    @staticmethod
    def is_overdue(action: Action, today: date) -> bool:
        """OPEN and due before `today` (in the dialogue's time zone, or UTC); never stored."""
        return action.is_overdue(today)

    def agree(
        self,
        dialogue: Dialogue,
        agreed_by: Sequence[str],
        priority: int | None = None,
        statement: str | None = None,
    ) -> None:
        """Providers and community agree together that the problem is theirs to solve."""
        self._require_status("be agreed", RAISED)
        self._require_dialogue(dialogue)
        self._agreed(
            agreed_by=rules.joint_agreement(dialogue, agreed_by),
            priority=check.optional_whole_number("priority", priority, 1, 5),
            statement=check.optional_text("statement", statement, check.TEXT_LIMIT),
        )

    @event("CaseAgreed")
    def _agreed(
        self, agreed_by: tuple[str, ...], priority: int | None, statement: str | None
    ) -> None:
        self.status, self.agreed_by = AGREED, agreed_by
        self.priority, self.statement = priority, statement

    def assign_action(
        self,
        dialogue: Dialogue,
        description: str,
        assignee: str,
        due_on: date,
        action_id: UUID | None = None,
    ) -> UUID:
        """A group commits to a concrete step by a date; returns the action's id."""
        self._require_status("take on actions", AGREED, IN_PROGRESS)
        self._require_dialogue(dialogue)
        action_id = check.identifier("action_id", action_id if action_id is not None else uuid4())
        if action_id in self.actions:
            raise DuplicateEntryError(f"action {action_id} already exists", ("actionId",))
        self._action_assigned(
            action_id=action_id,
            description=check.text("description", description, check.TEXT_LIMIT),
            assignee=dialogue.check_group("assignee", assignee).key,
            due_on=dialogue.check_date("due_on", due_on),
        )
        return action_id

    @event("ActionAssigned")
    def _action_assigned(
        self, action_id: UUID, description: str, assignee: str, due_on: date
    ) -> None:
        self.actions = {**self.actions, action_id: Action(action_id, description, assignee, due_on)}
        self.status = IN_PROGRESS

    def report_progress(self, action_id: UUID, note: str) -> None:
        """Say how an OPEN action is going."""
        self._open_action(action_id, "report progress on")
        self._progress_reported(
            action_id=action_id, note=check.text("note", note, check.TEXT_LIMIT)
        )

    @event("ActionProgressReported")
    def _progress_reported(self, action_id: UUID, note: str) -> None:
        self._change_action(action_id, note)

    def reschedule_action(
        self, dialogue: Dialogue, action_id: UUID, due_on: date, reason: str
    ) -> None:
        """Move an OPEN action's due date, saying why."""
        action = self._open_action(action_id, "reschedule")
        self._require_dialogue(dialogue)
        due_on = dialogue.check_date("due_on", due_on)
        if due_on == action.due_on:
            raise DuplicateEntryError(f"the action is already due on {due_on}", ("dueOn",))
        reason = check.text("reason", reason, check.TEXT_LIMIT)
        self._action_rescheduled(action_id=action_id, due_on=due_on, reason=reason)

    @event("ActionRescheduled")
    def _action_rescheduled(self, action_id: UUID, due_on: date, reason: str) -> None:
        self._change_action(action_id, reason, due_on=due_on)

    def complete_action(
        self, dialogue: Dialogue, action_id: UUID, completed_on: date, note: str | None = None
    ) -> None:
        """The assignee reports an OPEN action done."""
        self._open_action(action_id, "complete")
        self._require_dialogue(dialogue)
        self._action_completed(
            action_id=action_id,
            completed_on=dialogue.check_date("completed_on", completed_on),
            note=check.optional_text("note", note, check.TEXT_LIMIT),
        )

    @event("ActionCompleted")
    def _action_completed(self, action_id: UUID, completed_on: date, note: str | None) -> None:
        self._change_action(
            action_id, note, status=ActionStatus.COMPLETED, completed_on=completed_on
        )

    def verify_action(
        self, dialogue: Dialogue, action_id: UUID, verified_by: str, note: str | None = None
    ) -> None:
        """Another group than the assignee confirms a COMPLETED action was really done."""
        action = self._action(action_id, "verify")
        if action.status is not ActionStatus.COMPLETED:
            raise ActionStatusError(
                f"the action is {action.status}; only a COMPLETED action can be verified"
            )
        self._require_dialogue(dialogue)
        self._action_verified(
            action_id=action_id,
            verified_by=rules.counterparty(dialogue, action, verified_by),
            note=check.optional_text("note", note, check.TEXT_LIMIT),
        )

    @event("ActionVerified")
    def _action_verified(self, action_id: UUID, verified_by: str, note: str | None) -> None:
        self._change_action(action_id, note, status=ActionStatus.VERIFIED, verified_by=verified_by)

    def cancel_action(self, action_id: UUID, reason: str) -> None:
        """Drop an OPEN action, saying why."""
        self._open_action(action_id, "cancel")
        reason = check.text("reason", reason, check.TEXT_LIMIT)
        self._action_cancelled(action_id=action_id, reason=reason)

    @event("ActionCancelled")
    def _action_cancelled(self, action_id: UUID, reason: str) -> None:
        self._change_action(action_id, reason, status=ActionStatus.CANCELLED)

    def escalate(self, escalated_to: str, reason: str) -> None:
        """Take the case to a body beyond the dialogue; its status does not change."""
        self._require_status("be escalated", AGREED, IN_PROGRESS)
        self._escalated(
            escalated_to=check.text("escalated_to", escalated_to, check.NAME_LIMIT),
            reason=check.text("reason", reason, check.TEXT_LIMIT),
        )

    @event("CaseEscalated")
    def _escalated(self, escalated_to: str, reason: str) -> None:
        self.escalations = (*self.escalations, Escalation(escalated_to, reason))

    def resolve(self, outcome: str) -> None:
        """Every action is finished and at least one was done: say what changed."""
        self._require_status("be resolved", IN_PROGRESS)
        rules.check_resolvable(self.actions.values())
        self._resolved(outcome=check.text("outcome", outcome, check.TEXT_LIMIT))

    @event("CaseResolved")
    def _resolved(self, outcome: str) -> None:
        self.status, self.outcome = RESOLVED, outcome

    def reopen(self, reason: str) -> None:
        """The problem came back, or the case was closed too soon."""
        self._require_status("be reopened", RESOLVED, CLOSED)
        self._reopened(reason=check.text("reason", reason, check.TEXT_LIMIT))

    @event("CaseReopened")
    def _reopened(self, reason: str) -> None:
        self.status = IN_PROGRESS if self.actions else AGREED if self.agreed_by else RAISED
        self.close_reason, self.duplicate_of, self.outcome = None, None, None

    def close(
        self, reason: CloseReason, note: str | None = None, duplicate_of: UUID | None = None
    ) -> None:
        """Close a RESOLVED case as RESOLVED, or an unresolved one for another reason."""
        reason = check.member(CloseReason, "reason", reason)
        if reason is CloseReason.RESOLVED:
            self._require_status("be closed as RESOLVED", RESOLVED)
        else:
            self._require_status(f"be closed as {reason}", RAISED, AGREED, IN_PROGRESS)
        self._closed(
            reason=reason,
            note=check.optional_text("note", note, check.TEXT_LIMIT),
            duplicate_of=rules.duplicate_of(self.id, reason, duplicate_of),
        )

    @event("CaseClosed")
    def _closed(self, reason: CloseReason, note: str | None, duplicate_of: UUID | None) -> None:
        self.status, self.close_reason, self.duplicate_of = CLOSED, reason, duplicate_of

    def _require_status(self, doing: str, *allowed: CaseStatus) -> None:
        if self.status not in allowed:
            needed = " or ".join(allowed)
            raise CaseStatusError(
                f"the case is {self.status}, so it cannot {doing}: that needs {needed}"
            )

    def _require_dialogue(self, dialogue: Dialogue) -> None:
        if dialogue.id != self.dialogue_id:
            raise WrongDialogueError(
                f"the case belongs to dialogue {self.dialogue_id}, not {dialogue.id}",
                ("dialogueId",),
            )

    def _action(self, action_id: object, doing: str) -> Action:
        if self.status is CLOSED:
            raise CaseStatusError(f"the case is CLOSED: reopen it before you {doing} its actions")
        if isinstance(action_id, UUID) and action_id in self.actions:
            return self.actions[action_id]
        raise ActionNotFoundError(f"the case has no action {action_id}", field_path("action_id"))

    def _open_action(self, action_id: UUID, doing: str) -> Action:
        action = self._action(action_id, doing)
        if action.status is not ActionStatus.OPEN:
            raise ActionStatusError(
                f"the action is {action.status}, so you cannot {doing} it: that needs it OPEN"
            )
        return action

    def _change_action(self, action_id: UUID, note: str | None, **changes: Any) -> None:
        action = self.actions[action_id]
        changed = dataclasses.replace(
            action, note=note if note is not None else action.note, **changes
        )
        self.actions = {**self.actions, action_id: changed}
