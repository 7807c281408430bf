"""The domain model of the Justice and Security Dialogue ledger: two aggregates, their rules.

Imports only the standard library and `eventsourcing.domain`.
"""

from jsd_core.domain.case import Case
from jsd_core.domain.case_parts import Action, Escalation
from jsd_core.domain.dialogue import Dialogue
from jsd_core.domain.dialogue_parts import DialogueSession, StakeholderGroup, TrustSurvey
from jsd_core.domain.errors import DomainError, InvalidInputError, InvalidTransitionError
from jsd_core.domain.vocabulary import (
    PROVIDER_KINDS,
    ActionStatus,
    CaseCategory,
    CaseStatus,
    CloseReason,
    DialogueStatus,
    SessionKind,
    StakeholderKind,
)

__all__ = [
    "PROVIDER_KINDS",
    "Action",
    "ActionStatus",
    "Case",
    "CaseCategory",
    "CaseStatus",
    "CloseReason",
    "Dialogue",
    "DialogueSession",
    "DialogueStatus",
    "DomainError",
    "Escalation",
    "InvalidInputError",
    "InvalidTransitionError",
    "SessionKind",
    "StakeholderGroup",
    "StakeholderKind",
    "TrustSurvey",
]
