"""Read models built from the global log: projections, their runners, and the read side."""

from jsd_core.projections.read import ReadModels
from jsd_core.projections.rows import (
    AccountabilityRow,
    ActionRow,
    CaseFilter,
    CaseRow,
    DialogueRow,
    GroupAccountabilityRow,
    GroupRow,
    Page,
    SessionRow,
    SurveyRow,
)
from jsd_core.projections.runner import Projections
from jsd_core.projections.state import ProjectionStatus

__all__ = [
    "AccountabilityRow",
    "ActionRow",
    "CaseFilter",
    "CaseRow",
    "DialogueRow",
    "GroupAccountabilityRow",
    "GroupRow",
    "Page",
    "ProjectionStatus",
    "Projections",
    "ReadModels",
    "SessionRow",
    "SurveyRow",
]
