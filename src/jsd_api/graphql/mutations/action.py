"""Mutations on a case's actions: facilitators of the case's organisation, and admins."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.mutations.inputs_action import (
    AssignActionInput,
    CancelActionInput,
    CompleteActionInput,
    ReportActionProgressInput,
    RescheduleActionInput,
    VerifyActionInput,
)
from jsd_api.graphql.mutations.payloads import ActionPayload, action_payload
from jsd_api.graphql.mutations.runner import run_command


@strawberry.type
class ActionMutations:
    @strawberry.mutation(description="A group commits to a concrete step by a date.")
    async def assign_action(self, info: Info, input: AssignActionInput) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.assign_action)
        return await action_payload(info, outcome)

    @strawberry.mutation(description="Say how an OPEN action is going.")
    async def report_action_progress(
        self,
        info: Info,
        input: ReportActionProgressInput,
    ) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.report_action_progress)
        return await action_payload(info, outcome, input.action_id)

    @strawberry.mutation(description="Move an OPEN action's due date, saying why.")
    async def reschedule_action(
        self,
        info: Info,
        input: RescheduleActionInput,
    ) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.reschedule_action)
        return await action_payload(info, outcome, input.action_id)

    @strawberry.mutation(description="The assignee reports an OPEN action done.")
    async def complete_action(self, info: Info, input: CompleteActionInput) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.complete_action)
        return await action_payload(info, outcome, input.action_id)

    @strawberry.mutation(description="Another group than the assignee confirms it was done.")
    async def verify_action(self, info: Info, input: VerifyActionInput) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.verify_action)
        return await action_payload(info, outcome, input.action_id)

    @strawberry.mutation(description="Drop an OPEN action, saying why.")
    async def cancel_action(self, info: Info, input: CancelActionInput) -> ActionPayload:
        ledger = info.context.services.ledger
        outcome = await run_command(info, input.to_command, ledger.cancel_action)
        return await action_payload(info, outcome, input.action_id)
