"""The inputs of the commands on a case as a whole, each turned into its command."""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

import strawberry

from jsd_api.graphql.ids import optional_uuid, parse_id
from jsd_api.graphql.types.vocabulary import CaseCategory, CloseReason
from jsd_core.application import commands

COMMAND_ID = ("commandId",)


class OnCase(Protocol):
    command_id: strawberry.ID | None
    case_id: strawberry.ID
    expected_version: int | None


def case_ids(given: OnCase) -> tuple[UUID | None, UUID, int | None]:
    """The command id, case id and expected version every command on a case carries."""
    return (
        optional_uuid(given.command_id, COMMAND_ID),
        parse_id(given.case_id, "Case", ("caseId",)),
        given.expected_version,
    )


@strawberry.input(description="A group of an active dialogue brings a problem to it.")
class RaiseCaseInput:
    command_id: strawberry.ID | None = None
    dialogue_id: strawberry.ID
    title: str
    description: str
    category: CaseCategory
    severity: int = strawberry.field(description="1 (minor) to 5 (grave).")
    location: str | None = None
    raised_by: str = strawberry.field(description="The raising group's key.")

    def to_command(self) -> commands.RaiseCase:
        return commands.RaiseCase(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            dialogue_id=parse_id(self.dialogue_id, "Dialogue", ("dialogueId",)),
            title=self.title,
            description=self.description,
            category=self.category,
            severity=self.severity,
            location=self.location,
            raised_by=self.raised_by,
        )


@strawberry.input(description="Providers and community agree together on the problem.")
class AgreeCaseInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    agreed_by: list[str] = strawberry.field(description="Provider and community group keys.")
    priority: int | None = None
    statement: str | None = None

    def to_command(self) -> commands.AgreeCase:
        command_id, case_id, version = case_ids(self)
        return commands.AgreeCase(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            agreed_by=tuple(self.agreed_by),
            priority=self.priority,
            statement=self.statement,
        )


@strawberry.input(description="Take the case to a body beyond the dialogue.")
class EscalateCaseInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    escalated_to: str
    reason: str

    def to_command(self) -> commands.EscalateCase:
        command_id, case_id, version = case_ids(self)
        return commands.EscalateCase(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            escalated_to=self.escalated_to,
            reason=self.reason,
        )


@strawberry.input(description="Every action is finished and one was done: say what changed.")
class ResolveCaseInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    outcome: str

    def to_command(self) -> commands.ResolveCase:
        command_id, case_id, version = case_ids(self)
        return commands.ResolveCase(
            command_id=command_id, case_id=case_id, expected_version=version, outcome=self.outcome
        )


@strawberry.input(description="The problem came back, or the case was closed too soon.")
class ReopenCaseInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    reason: str

    def to_command(self) -> commands.ReopenCase:
        command_id, case_id, version = case_ids(self)
        return commands.ReopenCase(
            command_id=command_id, case_id=case_id, expected_version=version, reason=self.reason
        )


@strawberry.input(description="Close a RESOLVED case, or an unresolved one for another reason.")
class CloseCaseInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    reason: CloseReason
    note: str | None = None
    duplicate_of: strawberry.ID | None = strawberry.field(
        default=None, description="The case this one repeats; required for DUPLICATE."
    )

    def to_command(self) -> commands.CloseCase:
        command_id, case_id, version = case_ids(self)
        duplicate = self.duplicate_of
        return commands.CloseCase(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            reason=self.reason,
            note=self.note,
            duplicate_of=parse_id(duplicate, "Case", ("duplicateOf",)) if duplicate else None,
        )
