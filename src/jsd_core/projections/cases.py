"""The cases projection: cases and their actions, with each dialogue's country copied on.

It reads DialogueConvened too, into case_dialogues, so that it never depends
on another projection's tables (each projection rebuilds on its own).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.domain.vocabulary import ActionStatus, CaseStatus
from jsd_core.projections import tables
from jsd_core.projections.batch import Row, RowSet
from jsd_core.projections.projector import Projector
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


class _Batch:
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


def _dialogue_convened(batch: _Batch, event: RecordedEvent) -> None:
    row = {"dialogue_id": event.stream_id, "country": event.data["country"]}
    batch.dialogues.add({**row, "organization": event.data["organization"]})


def _raised(batch: _Batch, event: RecordedEvent) -> None:
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


def _agreed(batch: _Batch, event: RecordedEvent) -> None:
    row = batch.case(event)
    row["status"], row["agreed_by"] = CaseStatus.AGREED.value, list(event.data["agreed_by"])
    row["priority"], row["statement"] = event.data.get("priority"), event.data.get("statement")


def _action_assigned(batch: _Batch, event: RecordedEvent) -> None:
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


def _action_changed(batch: _Batch, event: RecordedEvent) -> None:
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


def _touched(batch: _Batch, event: RecordedEvent) -> None:
    batch.case(event)


def _resolved(batch: _Batch, event: RecordedEvent) -> None:
    row = batch.case(event)
    row["status"], row["outcome"] = CaseStatus.RESOLVED.value, event.data["outcome"]
    row["resolved_at"] = event.recorded_at


def _reopened(batch: _Batch, event: RecordedEvent) -> None:
    row = batch.case(event)
    # As the domain decides: back to work if there are actions, else to the agreement.
    if row["assignees"]:
        row["status"] = CaseStatus.IN_PROGRESS.value
    else:
        row["status"] = (CaseStatus.AGREED if row["agreed_by"] else CaseStatus.RAISED).value
    row["close_reason"] = row["duplicate_of"] = row["outcome"] = row["resolved_at"] = None


def _closed(batch: _Batch, event: RecordedEvent) -> None:
    row = batch.case(event)
    duplicate_of = event.data.get("duplicate_of")
    row["status"], row["close_reason"] = CaseStatus.CLOSED.value, event.data["reason"]
    row["duplicate_of"] = UUID(duplicate_of) if duplicate_of else None


def _next_due_dates(batch: _Batch, acted_on: set[UUID]) -> None:
    """The earliest due date of each case's OPEN actions, for the cases whose actions changed."""
    earliest: dict[UUID, date | None] = dict.fromkeys(acted_on)
    for action in batch.actions.values():
        if action["status"] == ActionStatus.OPEN.value:
            known = earliest[action["case_id"]]
            earliest[action["case_id"]] = min(known or action["due_on"], action["due_on"])
    for case_id, due_on in earliest.items():
        batch.cases.get(case_id)["next_due_on"] = due_on


_HANDLERS: dict[str, Callable[[_Batch, RecordedEvent], None]] = {
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


class CasesProjector(Projector):
    """Feeds the cases and actions tables (and case_dialogues, for their country)."""

    name: ClassVar[str] = tables.CASES
    types: ClassVar[tuple[str, ...]] = tuple(_HANDLERS)

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        batch = _Batch()
        acted_on = await self._load(connection, batch, events)
        for event in events:
            _HANDLERS[event.type](batch, event)
        _next_due_dates(batch, acted_on)
        for rows in (batch.dialogues, batch.cases, batch.actions):
            await rows.write(connection)

    @staticmethod
    async def _load(
        connection: AsyncConnection, batch: _Batch, events: Sequence[RecordedEvent]
    ) -> set[UUID]:
        """Read every existing row the batch touches, one query per table; the cases
        whose actions change (all their actions are loaded)."""
        convened = {e.stream_id for e in events if e.type == "DialogueConvened"}
        raised = {e.stream_id for e in events if e.type == "CaseRaised"}
        dialogue_ids = {UUID(e.data["dialogue_id"]) for e in events if e.type == "CaseRaised"}
        await batch.dialogues.load_keys(connection, dialogue_ids - convened)
        cases = {e.stream_id for e in events if e.stream_type == "Case"} - raised
        await batch.cases.load_keys(connection, cases)
        acted_on = {e.stream_id for e in events if e.type.startswith("Action")}
        if acted_on - raised:
            await batch.actions.load(connection, tables.actions.c.case_id.in_(acted_on - raised))
        return acted_on
