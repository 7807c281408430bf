"""The Ledger's handlers of the commands on a case's actions."""

from __future__ import annotations

from typing import Unpack

from jsd_core.access import Principal
from jsd_core.application import commands as c
from jsd_core.application.handling import Handling
from jsd_core.application.metadata import Trace
from jsd_core.application.results import CommandResult


class ActionHandlers(Handling):
    """Assign an action, report on it, reschedule, complete, verify or cancel it."""

    async def assign_action(
        self, principal: Principal, command: c.AssignAction, **trace: Unpack[Trace]
    ) -> CommandResult:
        """A group commits to a concrete step by a date; the result names the new action."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, d: case.assign_action(
                d, command.description, command.assignee, command.due_on, command.action_id
            ),
        )

    async def report_action_progress(
        self, principal: Principal, command: c.ReportActionProgress, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Say how an OPEN action is going."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, _: case.report_progress(command.action_id, command.note),
        )

    async def reschedule_action(
        self, principal: Principal, command: c.RescheduleAction, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Move an OPEN action's due date, saying why."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, d: case.reschedule_action(
                d, command.action_id, command.due_on, command.reason
            ),
        )

    async def complete_action(
        self, principal: Principal, command: c.CompleteAction, **trace: Unpack[Trace]
    ) -> CommandResult:
        """The assignee reports an OPEN action done."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, d: case.complete_action(
                d, command.action_id, command.completed_on, command.note
            ),
        )

    async def verify_action(
        self, principal: Principal, command: c.VerifyAction, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Another group than the assignee confirms a COMPLETED action was really done."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, d: case.verify_action(
                d, command.action_id, command.verified_by, command.note
            ),
        )

    async def cancel_action(
        self, principal: Principal, command: c.CancelAction, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Drop an OPEN action, saying why."""
        return await self._on_case(
            principal,
            command,
            trace,
            lambda case, _: case.cancel_action(command.action_id, command.reason),
        )
