"""The Ledger's handlers of the case commands (its actions' are in `action_handlers`)."""

from __future__ import annotations

from typing import Unpack
from uuid import UUID

from jsd_core.access import Principal
from jsd_core.application import commands as c
from jsd_core.application.handling import DIALOGUE_ID, Decision, Handling
from jsd_core.application.metadata import Trace
from jsd_core.application.results import CommandResult
from jsd_core.application.visibility import visible_case, visible_dialogue, writable
from jsd_core.domain import Case, CloseReason
from jsd_core.domain.errors import DuplicateOfError

DUPLICATE_OF = ("duplicateOf",)


class CaseHandlers(Handling):
    """Raise a case, agree on it, escalate it, and resolve, reopen or close it."""

    async def raise_case(
        self, principal: Principal, command: c.RaiseCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """A group of an active dialogue brings a problem to it."""

        async def decide() -> Decision:
            dialogue = await visible_dialogue(
                self.dialogues.read, principal, command.dialogue_id, DIALOGUE_ID
            )
            writable(principal, dialogue)
            case = Case.raise_case(
                dialogue,
                title=command.title,
                description=command.description,
                category=command.category,
                severity=command.severity,
                raised_by=command.raised_by,
                location=command.location,
                case_id=command.case_id,
            )
            return Decision(case, dialogue.organization)

        # A new stream only conflicts when its id is taken: trying again cannot help.
        return await self._handle(principal, command, trace, decide, retry=False)

    async def agree_case(
        self, principal: Principal, command: c.AgreeCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Providers and community agree together that the problem is theirs to solve."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, d: case.agree(d, command.agreed_by, command.priority, command.statement),
        )

    async def escalate_case(
        self, principal: Principal, command: c.EscalateCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Take the case to a body beyond the dialogue; its status does not change."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, _: case.escalate(command.escalated_to, command.reason),
        )

    async def resolve_case(
        self, principal: Principal, command: c.ResolveCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Every action is finished and at least one was done: say what changed."""
        return await self._on_case(
            principal, command, trace, lambda case, _: case.resolve(command.outcome)
        )

    async def reopen_case(
        self, principal: Principal, command: c.ReopenCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """The problem came back, or the case was closed too soon."""
        return await self._on_case(
            principal, command, trace, lambda case, _: case.reopen(command.reason)
        )

    async def close_case(
        self, principal: Principal, command: c.CloseCase, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Close a RESOLVED case as RESOLVED, or an unresolved one for another reason;
        a DUPLICATE names a visible case of the same dialogue."""

        async def check(case: Case) -> None:
            if command.duplicate_of is not None and command.reason == CloseReason.DUPLICATE:
                await self._check_original(principal, case, command.duplicate_of)

        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, _: case.close(command.reason, command.note, command.duplicate_of),
            check,
        )

    async def _check_original(self, principal: Principal, case: Case, original_id: UUID) -> None:
        """The case a duplicate repeats exists, is visible, and belongs to the same dialogue:
        a dialogue follows its own problems, so a repeat elsewhere is not a duplicate."""
        original, _ = await visible_case(
            self.store, self.dialogues.read, principal, original_id, DUPLICATE_OF
        )
        if original.dialogue_id != case.dialogue_id:
            raise DuplicateOfError(
                f"duplicate_of names case {original_id} of another dialogue; "
                "a duplicate must repeat a case of the same dialogue",
                DUPLICATE_OF,
            )
