"""The state of a case as the domain model rebuilds it, frozen at one moment of its history.

A `CaseState` is a plain, immutable copy of what the `Case` aggregate holds after
an event: later events never change a snapshot taken earlier, so a history is a
list of independent states an auditor can compare side by side.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import NamedTuple
from uuid import UUID

from jsd_core.domain import (
    Action,
    ActionStatus,
    Case,
    CaseCategory,
    CaseStatus,
    CloseReason,
    Escalation,
)


class ActionState(NamedTuple):
    """One agreed action as it stood at that moment (the read model's ActionRow fields)."""

    action_id: UUID
    description: str
    assignee: str
    due_on: date
    status: ActionStatus
    completed_on: date | None
    verified_by: str | None
    note: str | None = None  # the latest word on the action: progress, reason or note


class CaseState(NamedTuple):
    """A case as its events alone make it, right after the event of `version`.

    Immutable; a named tuple, as the store's `RecordedEvent` is, because a history
    takes one after every event.
    """

    case_id: UUID
    dialogue_id: UUID
    version: int
    as_of: datetime  # recorded_at of the last event applied
    title: str
    status: CaseStatus
    category: CaseCategory
    severity: int
    priority: int | None
    agreed_by: tuple[str, ...]
    actions: tuple[ActionState, ...]
    close_reason: CloseReason | None
    outcome: str | None
    escalated_to: tuple[str, ...] = ()  # the bodies the case was taken to, in order


def action_state(action: Action) -> ActionState:
    return ActionState(
        action.action_id,
        action.description,
        action.assignee,
        action.due_on,
        action.status,
        action.completed_on,
        action.verified_by,
        action.note,
    )


class Snapshots:
    """Takes `CaseState`s of one case as it is replayed, one after each event.

    The aggregate replaces an action (a frozen object) only when an event
    changes it, its actions mapping only when an action changes, and its
    escalations only when there is a new one, so what is the same object as
    last time is not copied again: a long history stays close to linear in its
    number of events, and its states share what did not change.
    """

    def __init__(self) -> None:
        # By object identity: hashing each action's UUID on every event costs more than
        # the copy it saves. The memo keeps the objects alive, so an id is never reused.
        self._seen: dict[int, tuple[Action, ActionState]] = {}
        self._actions: Mapping[UUID, Action] | None = None
        self._states: tuple[ActionState, ...] = ()
        self._escalations: tuple[Escalation, ...] = ()
        self._escalated_to: tuple[str, ...] = ()

    def take(self, case: Case, as_of: datetime) -> CaseState:
        return CaseState(
            case.id,
            case.dialogue_id,
            case.version,
            as_of,
            case.title,
            case.status,
            case.category,
            case.severity,
            case.priority,
            tuple(case.agreed_by),
            self._action_states(case.actions),
            case.close_reason,
            case.outcome,
            self._escalated(case.escalations),
        )

    def _escalated(self, escalations: tuple[Escalation, ...]) -> tuple[str, ...]:
        if escalations is not self._escalations:
            self._escalations = escalations
            self._escalated_to = tuple(escalation.escalated_to for escalation in escalations)
        return self._escalated_to

    def _action_states(self, actions: Mapping[UUID, Action]) -> tuple[ActionState, ...]:
        if actions is not self._actions:
            self._actions = actions
            self._states = tuple(map(self._state, actions.values()))
        return self._states

    def _state(self, action: Action) -> ActionState:
        seen = self._seen.get(id(action))
        if seen is None:
            seen = self._seen[id(action)] = (action, action_state(action))
        return seen[1]
