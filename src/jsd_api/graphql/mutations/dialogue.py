"""Mutations on dialogues: facilitators of the dialogue's organisation, and admins."""

from __future__ import annotations

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.mutations.inputs_dialogue import (
    AddStakeholderGroupInput,
    ConcludeDialogueInput,
    ConveneDialogueInput,
    RecordSessionInput,
    RecordTrustSurveyInput,
)
from jsd_api.graphql.mutations.payloads import DialoguePayload, dialogue_payload
from jsd_api.graphql.mutations.runner import run_command


@strawberry.type
class DialogueMutations:
    @strawberry.mutation(description="Start a dialogue in a locality.")
    async def convene_dialogue(self, info: Info, input: ConveneDialogueInput) -> DialoguePayload:
        ledger = info.context.services.ledger
        return await dialogue_payload(
            info, await run_command(info, input.to_command, ledger.convene_dialogue)
        )

    @strawberry.mutation(description="A stakeholder group joins the dialogue.")
    async def add_stakeholder_group(
        self,
        info: Info,
        input: AddStakeholderGroupInput,
    ) -> DialoguePayload:
        ledger = info.context.services.ledger
        return await dialogue_payload(
            info, await run_command(info, input.to_command, ledger.add_stakeholder_group)
        )

    @strawberry.mutation(description="Record a meeting and how many of each group came.")
    async def record_session(self, info: Info, input: RecordSessionInput) -> DialoguePayload:
        ledger = info.context.services.ledger
        return await dialogue_payload(
            info, await run_command(info, input.to_command, ledger.record_session)
        )

    @strawberry.mutation(description="Record one group's answers in a wave of the trust survey.")
    async def record_trust_survey(
        self,
        info: Info,
        input: RecordTrustSurveyInput,
    ) -> DialoguePayload:
        ledger = info.context.services.ledger
        return await dialogue_payload(
            info, await run_command(info, input.to_command, ledger.record_trust_survey)
        )

    @strawberry.mutation(description="Close the dialogue; it accepts nothing afterwards.")
    async def conclude_dialogue(
        self,
        info: Info,
        input: ConcludeDialogueInput,
    ) -> DialoguePayload:
        ledger = info.context.services.ledger
        return await dialogue_payload(
            info, await run_command(info, input.to_command, ledger.conclude_dialogue)
        )
