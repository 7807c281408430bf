"""The commands of the ledger, one per mutation of the GraphQL contract.

Each carries an optional `command_id`: a client that retries with the same id
gets the original result back and nothing is stored twice. Commands on an
existing aggregate carry an optional `expected_version`: when given, the
command is refused with a version conflict if the aggregate moved on.
Commands that create something (a dialogue, a session, a case, an action) may
name its id; when they do not, the domain makes a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from jsd_core.domain.vocabulary import CaseCategory, CloseReason, SessionKind, StakeholderKind


@dataclass(frozen=True, kw_only=True)
class Command:
    command_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class DialogueCommand(Command):
    dialogue_id: UUID
    expected_version: int | None = None


@dataclass(frozen=True, kw_only=True)
class CaseCommand(Command):
    case_id: UUID
    expected_version: int | None = None


@dataclass(frozen=True, kw_only=True)
class ConveneDialogue(Command):
    name: str
    country: str
    locality: str
    languages: tuple[str, ...]
    convened_on: date
    region: str | None = None
    organization: str | None = None
    dialogue_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class AddStakeholderGroup(DialogueCommand):
    key: str
    kind: StakeholderKind
    name: str


@dataclass(frozen=True, kw_only=True)
class RecordSession(DialogueCommand):
    kind: SessionKind
    held_on: date
    attendance: dict[str, int] = field(default_factory=dict)
    summary: str | None = None
    session_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class RecordTrustSurvey(DialogueCommand):
    wave: int
    surveyed_on: date
    group: str
    respondents: int
    trust_score: float


@dataclass(frozen=True, kw_only=True)
class ConcludeDialogue(DialogueCommand):
    concluded_on: date
    summary: str | None = None


@dataclass(frozen=True, kw_only=True)
class RaiseCase(Command):
    dialogue_id: UUID
    title: str
    description: str
    category: CaseCategory
    severity: int
    raised_by: str
    location: str | None = None
    case_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class AgreeCase(CaseCommand):
    agreed_by: tuple[str, ...]
    priority: int | None = None
    statement: str | None = None


@dataclass(frozen=True, kw_only=True)
class AssignAction(CaseCommand):
    description: str
    assignee: str
    due_on: date
    action_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class ReportActionProgress(CaseCommand):
    action_id: UUID
    note: str


@dataclass(frozen=True, kw_only=True)
class RescheduleAction(CaseCommand):
    action_id: UUID
    due_on: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class CompleteAction(CaseCommand):
    action_id: UUID
    completed_on: date
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class VerifyAction(CaseCommand):
    action_id: UUID
    verified_by: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class CancelAction(CaseCommand):
    action_id: UUID
    reason: str


@dataclass(frozen=True, kw_only=True)
class EscalateCase(CaseCommand):
    escalated_to: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class ResolveCase(CaseCommand):
    outcome: str


@dataclass(frozen=True, kw_only=True)
class ReopenCase(CaseCommand):
    reason: str


@dataclass(frozen=True, kw_only=True)
class CloseCase(CaseCommand):
    reason: CloseReason
    note: str | None = None
    duplicate_of: UUID | None = None
