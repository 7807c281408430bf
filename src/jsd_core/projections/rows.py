"""What the read side returns: plain rows of the read models, pages of them, and filters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar
from uuid import UUID

from jsd_core.domain.vocabulary import (
    ActionStatus,
    CaseCategory,
    CaseStatus,
    CloseReason,
    DialogueStatus,
    SessionKind,
    StakeholderKind,
)

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list, with each item's opaque cursor and the filtered total."""

    items: list[T]
    cursors: list[str]
    total_count: int
    has_next_page: bool
    has_previous_page: bool


@dataclass(frozen=True)
class DialogueRow:
    dialogue_id: UUID
    organization: str
    name: str
    country: str
    region: str | None
    locality: str
    languages: tuple[str, ...]
    convened_on: date
    concluded_on: date | None
    summary: str | None
    status: DialogueStatus
    version: int


@dataclass(frozen=True)
class GroupRow:
    dialogue_id: UUID
    key: str
    kind: StakeholderKind
    name: str


@dataclass(frozen=True)
class SessionRow:
    dialogue_id: UUID
    session_id: UUID
    kind: SessionKind
    held_on: date
    attendance: dict[str, int]
    summary: str | None


@dataclass(frozen=True)
class SurveyRow:
    dialogue_id: UUID
    wave: int
    surveyed_on: date
    group_key: str
    respondents: int
    trust_score: float


@dataclass(frozen=True)
class CaseRow:
    case_id: UUID
    dialogue_id: UUID
    organization: str
    country: str
    title: str
    description: str
    category: CaseCategory
    severity: int
    location: str | None
    status: CaseStatus
    raised_by: str
    agreed_by: tuple[str, ...]
    priority: int | None
    statement: str | None
    close_reason: CloseReason | None
    duplicate_of: UUID | None
    outcome: str | None
    raised_at: datetime
    updated_at: datetime
    resolved_at: datetime | None
    version: int


@dataclass(frozen=True)
class ActionRow:
    action_id: UUID
    case_id: UUID
    description: str
    assignee: str
    due_on: date
    status: ActionStatus
    completed_on: date | None
    verified_by: str | None

    def overdue(self, today: date) -> bool:
        """OPEN and due before `today`: derived on every read, never stored."""
        return self.status is ActionStatus.OPEN and self.due_on < today


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list holds; None leaves a field unfiltered, every field given must hold."""

    dialogue_id: UUID | None = None
    country: str | None = None
    status: tuple[CaseStatus, ...] | None = None
    category: tuple[CaseCategory, ...] | None = None
    assignee: str | None = None  # a group key: cases with an action assigned to it
    overdue: bool | None = None  # cases with (True) or without (False) an overdue action
    search: str | None = None  # words in the title or description


@dataclass(frozen=True)
class GroupAccountabilityRow:
    group_key: str
    assigned: int
    completed: int
    verified: int
    overdue: int
    on_time_rate: float | None


@dataclass(frozen=True)
class AccountabilityRow:
    open_cases: int
    resolved_cases: int
    median_days_to_resolution: float | None
    by_group: list[GroupAccountabilityRow]
