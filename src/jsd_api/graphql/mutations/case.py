"""Mutations on cases as a whole: facilitators of the case's organisation, and admins."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.mutations.inputs_case import (
    AgreeCaseInput,
    CloseCaseInput,
    EscalateCaseInput,
    RaiseCaseInput,
    ReopenCaseInput,
    ResolveCaseInput,
)
from jsd_api.graphql.mutations.payloads import CasePayload, case_payload
from jsd_api.graphql.mutations.runner import run_command


@strawberry.type
class CaseMutations:
    @strawberry.mutation(description="A group of an active dialogue brings a problem to it.")
    async def raise_case(self, info: Info, input: RaiseCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.raise_case)
        )

    @strawberry.mutation(description="Providers and community agree together on the problem.")
    async def agree_case(self, info: Info, input: AgreeCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.agree_case)
        )

    @strawberry.mutation(description="Take the case to a body beyond the dialogue.")
    async def escalate_case(self, info: Info, input: EscalateCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.escalate_case)
        )

    @strawberry.mutation(description="Every action is finished and one was done: say what changed.")
    async def resolve_case(self, info: Info, input: ResolveCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.resolve_case)
        )

    @strawberry.mutation(description="The problem came back, or the case was closed too soon.")
    async def reopen_case(self, info: Info, input: ReopenCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.reopen_case)
        )

    @strawberry.mutation(
        description="Close a RESOLVED case, or an unresolved one for another reason."
    )
    async def close_case(self, info: Info, input: CloseCaseInput) -> CasePayload:
        ledger = info.context.services.ledger
        return await case_payload(
            info, await run_command(info, input.to_command, ledger.close_case)
        )
