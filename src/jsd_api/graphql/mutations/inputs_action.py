"""The inputs of the commands on a case's actions, each turned into its command."""

from __future__ import annotations

from datetime import date

import strawberry

from jsd_api.graphql.ids import parse_uuid
from jsd_api.graphql.mutations.inputs_case import case_ids
from jsd_core.application import commands

ACTION_ID = ("actionId",)


@strawberry.input(description="A group commits to a concrete step by a date.")
class AssignActionInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    description: str
    assignee: str = strawberry.field(description="The committing group's key.")
    due_on: date

    def to_command(self) -> commands.AssignAction:
        command_id, case_id, version = case_ids(self)
        return commands.AssignAction(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            description=self.description,
            assignee=self.assignee,
            due_on=self.due_on,
        )


@strawberry.input(description="Say how an OPEN action is going.")
class ReportActionProgressInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    action_id: strawberry.ID
    note: str

    def to_command(self) -> commands.ReportActionProgress:
        command_id, case_id, version = case_ids(self)
        return commands.ReportActionProgress(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            action_id=parse_uuid(self.action_id, ACTION_ID),
            note=self.note,
        )


@strawberry.input(description="Move an OPEN action's due date, saying why.")
class RescheduleActionInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    action_id: strawberry.ID
    due_on: date
    reason: str

    def to_command(self) -> commands.RescheduleAction:
        command_id, case_id, version = case_ids(self)
        return commands.RescheduleAction(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            action_id=parse_uuid(self.action_id, ACTION_ID),
            due_on=self.due_on,
            reason=self.reason,
        )


@strawberry.input(description="The assignee reports an OPEN action done.")
class CompleteActionInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    action_id: strawberry.ID
    completed_on: date
    note: str | None = None

    def to_command(self) -> commands.CompleteAction:
        command_id, case_id, version = case_ids(self)
        return commands.CompleteAction(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            action_id=parse_uuid(self.action_id, ACTION_ID),
            completed_on=self.completed_on,
            note=self.note,
        )


@strawberry.input(description="Another group than the assignee confirms the action was done.")
class VerifyActionInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    action_id: strawberry.ID
    verified_by: str = strawberry.field(description="The confirming group's key.")
    note: str | None = None

    def to_command(self) -> commands.VerifyAction:
        command_id, case_id, version = case_ids(self)
        return commands.VerifyAction(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            action_id=parse_uuid(self.action_id, ACTION_ID),
            verified_by=self.verified_by,
            note=self.note,
        )


@strawberry.input(description="Drop an OPEN action, saying why.")
class CancelActionInput:
    command_id: strawberry.ID | None = None
    case_id: strawberry.ID
    expected_version: int | None = None
    action_id: strawberry.ID
    reason: str

    def to_command(self) -> commands.CancelAction:
        command_id, case_id, version = case_ids(self)
        return commands.CancelAction(
            command_id=command_id,
            case_id=case_id,
            expected_version=version,
            action_id=parse_uuid(self.action_id, ACTION_ID),
            reason=self.reason,
        )
