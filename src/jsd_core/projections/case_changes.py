"""How each event changes the rows of the cases projection, in memory, within one batch."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID

from jsd_core.domain.vocabulary import ActionStatus, CaseStatus
from jsd_core.projections import tables
from jsd_core.projections.batch import Row, RowSet
from jsd_core.store import RecordedEvent

_ACTION_EVENTS = frozenset(
    {
        "ActionProgressReported",
        "ActionRescheduled",
        "ActionCompleted",
        "ActionVerified",
        "ActionCancelled",
    }
)


class CaseRows:
    """The rows one batch of events changes, loaded by CasesProjector."""

    def __init__(self) -> None:
        self.cases = RowSet(tables.cases, "case_id")
        self.actions = RowSet(tables.actions, "action_id")
        self.dialogues = RowSet(tables.case_dialogues, "dialogue_id")

    def case(self, event: RecordedEvent) -> Row:
        row = self.cases.get(event.stream_id)
        row["version"], row["updated_at"] = event.version, event.recorded_at
        return row

    def action(self, event: RecordedEvent) -> Row:
        self.case(event)
        return self.actions.get(UUID(event.data["action_id"]))


def _dialogue_convened(batch: CaseRows, event: RecordedEvent) -> None:
    row = {"dialogue_id": event.stream_id, "country": event.data["country"]}
    batch.dialogues.add({**row, "organization": event.data["organization"]})


def _raised(batch: CaseRows, event: RecordedEvent) -> None:
    data = event.data
    dialogue_id = UUID(data["dialogue_id"])
    batch.cases.add(
        {
            "case_id": event.stream_id,
            "dialogue_id": dialogue_id,
            "organization": event.organization,
            "country": batch.dialogues.read(dialogue_id)["country"],
            "title": data["title"],
            "description": data["description"],
            "category": data["category"],
            "severity": data["severity"],
            "location": data.get("location"),  # schema version 1 had none
            "status": CaseStatus.RAISED.value,
            "raised_by": data["raised_by"],
            "agreed_by": [],
            "priority": None,
            "statement": None,
            "close_reason": None,
            "duplicate_of": None,
            "outcome": None,
            "raised_at": event.recorded_at,
            "updated_at": event.recorded_at,
            "resolved_at": None,
            "version": event.version,
            "assignees": [],
            "next_due_on": None,
        }
    )


def _agreed(batch: CaseRows, event: RecordedEvent) -> None:
    row = batch.case(event)
    row["status"], row["agreed_by"] = CaseStatus.AGREED.value, list(event.data["agreed_by"])
    row["priority"], row["statement"] = event.data.get("priority"), event.data.get("statement")


def _action_assigned(batch: CaseRows, event: RecordedEvent) -> None:
    case, data = batch.case(event), event.data
    case["status"] = CaseStatus.IN_PROGRESS.value
    case["assignees"] = sorted({*case["assignees"], data["assignee"]})
    batch.actions.add(
        {
            "action_id": UUID(data["action_id"]),
            "case_id": event.stream_id,
            "dialogue_id": case["dialogue_id"],
            "organization": case["organization"],
            "country": case["country"],
            "description": data["description"],
            "assignee": data["assignee"],
            "due_on": date.fromisoformat(data["due_on"]),
            "status": ActionStatus.OPEN.value,
            "completed_on": None,
            "verified_by": None,
            "version": event.version,
        }
    )


def _action_changed(batch: CaseRows, event: RecordedEvent) -> None:
    action, data = batch.action(event), event.data
    if event.type == "ActionRescheduled":
        action["due_on"] = date.fromisoformat(data["due_on"])
    elif event.type == "ActionCompleted":
        action["status"] = ActionStatus.COMPLETED.value
        action["completed_on"] = date.fromisoformat(data["completed_on"])
    elif event.type == "ActionVerified":
        action["status"], action["verified_by"] = ActionStatus.VERIFIED.value, data["verified_by"]
    elif event.type == "ActionCancelled":
        action["status"] = ActionStatus.CANCELLED.value


def _touched(batch: CaseRows, event: RecordedEvent) -> None:
    batch.case(event)


def _resolved(batch: CaseRows, event: RecordedEvent) -> None:
    row = batch.case(event)
    row["status"], row["outcome"] = CaseStatus.RESOLVED.value, event.data["outcome"]
    row["resolved_at"] = event.recorded_at


def _reopened(batch: CaseRows, event: RecordedEvent) -> None:
    row = batch.case(event)
    # As the domain decides: back to work if there are actions, else to the agreement.
    if row["assignees"]:
        row["status"] = CaseStatus.IN_PROGRESS.value
    else:
        row["status"] = (CaseStatus.AGREED if row["agreed_by"] else CaseStatus.RAISED).value
    row["close_reason"] = row["duplicate_of"] = row["outcome"] = row["resolved_at"] = None


def _closed(batch: CaseRows, event: RecordedEvent) -> None:
    row = batch.case(event)
    duplicate_of = event.data.get("duplicate_of")
    row["status"], row["close_reason"] = CaseStatus.CLOSED.value, event.data["reason"]
    row["duplicate_of"] = UUID(duplicate_of) if duplicate_of else None


def next_due_dates(batch: CaseRows, acted_on: set[UUID]) -> None:
    """The earliest due date of each case's OPEN actions, for the cases whose actions changed."""
    earliest: dict[UUID, date | None] = dict.fromkeys(acted_on)
    for action in batch.actions.values():
        if action["status"] == ActionStatus.OPEN.value:
            known = earliest[action["case_id"]]
            earliest[action["case_id"]] = min(known or action["due_on"], action["due_on"])
    for case_id, due_on in earliest.items():
        batch.cases.get(case_id)["next_due_on"] = due_on


HANDLERS: dict[str, Callable[[CaseRows, RecordedEvent], None]] = {
    "DialogueConvened": _dialogue_convened,
    "CaseRaised": _raised,
    "CaseAgreed": _agreed,
    "ActionAssigned": _action_assigned,
    **dict.fromkeys(_ACTION_EVENTS, _action_changed),
    "CaseEscalated": _touched,
    "CaseResolved": _resolved,
    "CaseReopened": _reopened,
    "CaseClosed": _closed,
}
