"""What a case is made of besides its own fields: the agreed actions and the escalations."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from jsd_core.domain.vocabulary import ActionStatus


@dataclass(frozen=True)
class Action:
    """A concrete step one group committed to, by a date, and what became of it.

    `note` is the latest word on the action: a progress note, the reason it was
    rescheduled or cancelled, or the note given when it was completed or verified.
    """

    action_id: UUID
    description: str
    assignee: str
    due_on: date
    status: ActionStatus = ActionStatus.OPEN
    completed_on: date | None = None
    verified_by: str | None = None
    note: str | None = None

    @property
    def is_done(self) -> bool:
        """COMPLETED or VERIFIED: the group did what it committed to."""
        return self.status in (ActionStatus.COMPLETED, ActionStatus.VERIFIED)

    def is_overdue(self, today: date) -> bool:
        """OPEN and due before `today`; derived on every read, never stored."""
        return self.status is ActionStatus.OPEN and self.due_on < today


@dataclass(frozen=True)
class Escalation:
    """The case was taken to a body beyond the dialogue, e.g. a ministry or a prosecutor."""

    escalated_to: str
    reason: str
