"""What an event changed in a case, in plain words: the lines `jsd audit replay` prints."""

from __future__ import annotations

from datetime import date
from enum import Enum

from jsd_core.audit.state import ActionState, CaseState

_CASE_FIELDS = (
    ("title", "title"),
    ("status", "status"),
    ("category", "category"),
    ("severity", "severity"),
    ("priority", "priority"),
    ("agreed_by", "agreed by"),
    ("escalated_to", "escalated to"),
    ("close_reason", "close reason"),
    ("outcome", "outcome"),
)
_ACTION_FIELDS = (
    ("description", "description"),
    ("assignee", "assignee"),
    ("due_on", "due on"),
    ("status", "status"),
    ("completed_on", "completed on"),
    ("verified_by", "verified by"),
    ("note", "note"),
)
NOTHING = "—"


def shown(value: object) -> str:
    """A state value as a reader expects it: enums by name, dates ISO, lists joined."""
    if value is None or value == ():
        return NOTHING
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(shown(item) for item in value)
    return str(value)


def changes(before: CaseState | None, after: CaseState) -> list[str]:
    """One line per field the event changed; for the first event, the case as raised."""
    lines = []
    for name, label in _CASE_FIELDS:
        old = getattr(before, name) if before else None
        new = getattr(after, name)
        if before is None and new not in (None, ()):
            lines.append(f"{label}: {shown(new)}")
        elif before is not None and old != new:
            lines.append(f"{label}: {shown(old)} → {shown(new)}")
    earlier = {action.action_id: action for action in before.actions} if before else {}
    for action in after.actions:
        lines.extend(_action_changes(earlier.get(action.action_id), action))
    return lines


def _action_changes(before: ActionState | None, after: ActionState) -> list[str]:
    name = f"action “{_short(after.description)}”"
    if before is None:
        return [f"{name} assigned to {after.assignee}, due {shown(after.due_on)}"]
    if before == after:
        return []
    differences = [
        # A note replaces the last one rather than changing it: show the new word alone.
        f"{label} “{shown(after.note)}”"
        if field == "note"
        else f"{label} {shown(getattr(before, field))} → {shown(getattr(after, field))}"
        for field, label in _ACTION_FIELDS
        if getattr(before, field) != getattr(after, field)
    ]
    return [f"{name}: {'; '.join(differences)}"]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
