"""The contract's enums are the domain's own, so a value is the same string everywhere.

Import them from here: importing this module registers them with Strawberry.
"""

from __future__ import annotations

import strawberry

from jsd_core.domain.vocabulary import (
    ActionStatus,
    CaseCategory,
    CaseStatus,
    CloseReason,
    DialogueStatus,
    SessionKind,
    StakeholderKind,
)

strawberry.enum(
    StakeholderKind,
    description="Who a stakeholder group is: a state provider or a part of the community.",
)
strawberry.enum(CaseCategory, description="What kind of problem a case is about.")
strawberry.enum(
    CaseStatus, description="Where a case is: RAISED → AGREED → IN_PROGRESS → RESOLVED → CLOSED."
)
strawberry.enum(
    ActionStatus,
    description="Where an action is: OPEN until COMPLETED (then VERIFIED) or CANCELLED.",
)
strawberry.enum(CloseReason, description="Why a case was closed.")
strawberry.enum(DialogueStatus, description="ACTIVE from its convening until CONCLUDED.")
strawberry.enum(SessionKind, description="The kind of meeting a dialogue session was.")

__all__ = [
    "ActionStatus",
    "CaseCategory",
    "CaseStatus",
    "CloseReason",
    "DialogueStatus",
    "SessionKind",
    "StakeholderKind",
]
