"""The Ledger: one handler per command of the GraphQL contract's Mutation type.

Every handler runs the same routine (`handling.Handling._handle`):

1. **Idempotency.** When the command carries a `command_id` already stored,
   the original result is returned (`replayed=True`, with the action or
   session id it created) and nothing is stored; the same id with another
   command (fingerprint: sha256 of the command's class name and fields but
   `command_id`) is an `IdempotencyMismatchError`. Two concurrent requests
   with one command id store one result: the store lets one append win, and
   the other returns the winner's result, not its own decision. The id is
   looked up only when it can matter (the current state refuses the command,
   or the store refuses the append because the id is taken): a new command
   costs no lookup.
2. **Load and access**, in this order: a dialogue or case that does not exist,
   or belongs to an organisation outside the caller's scope, is a
   `NotFoundError` with one and the same message; then a role that may not
   write (partner, auditor, integration) is a `ForbiddenError`. Convening is
   for facilitators and admins, and only an admin may convene for another
   organisation. A case's organisation is its dialogue's.
3. **Decide.** The domain checks the command against the loaded aggregates and
   refuses it with an `InvalidInputError` or `InvalidTransitionError` (nothing
   is stored); `close_case` with DUPLICATE also needs the original case to be
   visible and of the same dialogue.
4. **Append** with the expected version the aggregate was loaded at, the
   metadata (actor and the dialogue's organisation, command, correlation and
   causation ids) and `recorded_at` from the Ledger's clock.

**Concurrency.** When the caller gave `expected_version` and the aggregate is
at another version (before deciding, or because a concurrent command appended
first), the command fails with `VersionConflictError`: the caller decided on
what it saw, so only it can decide again. Without `expected_version`, the
handler reloads the aggregate and decides again, up to `max_retries` times,
then raises the conflict; both concurrent commands are applied, one after the
other, with consecutive versions, each checked against the state it follows.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Unpack

from jsd_core.access import Principal
from jsd_core.application.action_handlers import ActionHandlers
from jsd_core.application.case_handlers import CaseHandlers
from jsd_core.application.commands import Command
from jsd_core.application.dialogue_handlers import DialogueHandlers
from jsd_core.application.metadata import Trace
from jsd_core.application.results import CommandResult


class Ledger(DialogueHandlers, CaseHandlers, ActionHandlers):
    """Issues the commands of dialogues and cases on behalf of a principal.

    `Ledger(store, *, clock=utcnow, max_retries=5)`; `load_dialogue(id)` and
    `load_case(id)` replay an aggregate from its events (None when absent).
    """

    async def handle(
        self, principal: Principal, command: Command, **trace: Unpack[Trace]
    ) -> CommandResult:
        """Any command, by the handler named after its class (AgreeCase: agree_case)."""
        name = re.sub(r"(?<!^)(?=[A-Z])", "_", type(command).__name__).lower()
        handler: Callable[..., Awaitable[CommandResult]] | None = getattr(self, name, None)
        if handler is None or name.startswith("_"):
            raise TypeError(f"the Ledger has no handler of {type(command).__name__}")
        return await handler(principal, command, **trace)
