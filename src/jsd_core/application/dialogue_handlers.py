"""The Ledger's handlers of the dialogue commands."""

from __future__ import annotations

from typing import Unpack

from jsd_core.access import Principal
from jsd_core.application.commands import (
    AddStakeholderGroup,
    ConcludeDialogue,
    ConveneDialogue,
    RecordSession,
    RecordTrustSurvey,
)
from jsd_core.application.handling import Decision, Handling
from jsd_core.application.metadata import Trace
from jsd_core.application.results import CommandResult
from jsd_core.application.visibility import convening_organization
from jsd_core.domain import Dialogue


class DialogueHandlers(Handling):
    """Convene a dialogue, let groups join, record its sessions and surveys, conclude it."""

    async def convene_dialogue(
        self, principal: Principal, command: ConveneDialogue, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Open a dialogue of the caller's organisation (an admin may name another one)."""

        async def decide() -> Decision:
            organization = convening_organization(principal, command.organization)
            dialogue = Dialogue.convene(
                name=command.name,
                country=command.country,
                locality=command.locality,
                organization=organization,
                languages=command.languages,
                convened_on=command.convened_on,
                region=command.region,
                dialogue_id=command.dialogue_id,
            )
            return Decision(dialogue, organization)

        # A new stream only conflicts when its id is taken: trying again cannot help.
        return await self._handle(principal, command, trace, decide, retry=False)

    async def add_stakeholder_group(
        self, principal: Principal, command: AddStakeholderGroup, **trace: Unpack[Trace]
    ) -> CommandResult:
        """A group joins the dialogue under a key unique in it."""
        return await self._on_dialogue(
            principal,
            command,
            trace,
            lambda dialogue: dialogue.add_stakeholder_group(
                command.key, command.kind, command.name
            ),
        )

    async def record_session(
        self, principal: Principal, command: RecordSession, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Record a meeting and how many of each group came."""
        return await self._on_dialogue(
            principal,
            command,
            trace,
            lambda dialogue: dialogue.hold_session(
                command.kind,
                command.held_on,
                command.attendance,
                command.summary,
                command.session_id,
            ),
        )

    async def record_trust_survey(
        self, principal: Principal, command: RecordTrustSurvey, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Record one group's answers in one wave of the trust survey."""
        return await self._on_dialogue(
            principal,
            command,
            trace,
            lambda dialogue: dialogue.record_trust_survey(
                command.wave,
                command.surveyed_on,
                command.group,
                command.respondents,
                command.trust_score,
            ),
        )

    async def conclude_dialogue(
        self, principal: Principal, command: ConcludeDialogue, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Close the dialogue; it accepts nothing more afterwards."""
        return await self._on_dialogue(
            principal,
            command,
            trace,
            lambda dialogue: dialogue.conclude(command.concluded_on, command.summary),
        )
