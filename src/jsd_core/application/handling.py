"""The one routine every command goes through: load, check access, check the expected
version, decide, encode, append, and retry on a concurrent change (see `ledger`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from jsd_core import codec
from jsd_core.access import ForbiddenError, Principal
from jsd_core.application.commands import CaseCommand, Command, DialogueCommand
from jsd_core.application.fingerprints import fingerprint
from jsd_core.application.loading import ReadDialogues, load_case, load_dialogue
from jsd_core.application.metadata import Trace, event_metadata
from jsd_core.application.replays import answer, first_result
from jsd_core.application.results import CommandResult, NotFoundError
from jsd_core.application.visibility import visible_case, visible_dialogue, writable
from jsd_core.domain import Case, Dialogue
from jsd_core.domain.errors import DomainError
from jsd_core.store import EventStore, NewEvent, VersionConflictError
from jsd_core.store.store import utcnow

DIALOGUE_ID, CASE_ID = ("dialogueId",), ("caseId",)
# What `decide` may refuse a command with; a retried command is answered before any of it.
REFUSALS = (DomainError, NotFoundError, ForbiddenError, VersionConflictError)


@dataclass(frozen=True)
class Decision:
    """An aggregate holding the events a command decided, and the organisation that owns it."""

    aggregate: Aggregate
    organization: str


Decide = Callable[[], Awaitable[Decision]]


class Handling:
    """The shared routine of the Ledger's handlers, and its loading of aggregates."""

    def __init__(
        self,
        store: EventStore,
        *,
        clock: Callable[[], datetime] = utcnow,
        max_retries: int = 5,
    ) -> None:
        self.store = store
        self.clock = clock
        self.max_retries = max_retries
        # The dialogues that commands on cases read (and do not change).
        self.dialogues = ReadDialogues(store)

    async def load_dialogue(self, dialogue_id: UUID) -> Dialogue | None:
        """The dialogue as its stored events replay it; None when there is none."""
        return await load_dialogue(self.store, dialogue_id)

    async def load_case(self, case_id: UUID) -> Case | None:
        """The case as its stored events replay it; None when there is none."""
        return await load_case(self.store, case_id)

    async def _on_dialogue(
        self,
        principal: Principal,
        command: DialogueCommand,
        trace: Trace,
        change: Callable[[Dialogue], object],
    ) -> CommandResult:
        async def decide() -> Decision:
            dialogue = await visible_dialogue(
                self.load_dialogue, principal, command.dialogue_id, DIALOGUE_ID
            )
            writable(principal, dialogue)
            _check_version(dialogue, command.expected_version)
            change(dialogue)
            return Decision(dialogue, dialogue.organization)

        retry = command.expected_version is None
        return await self._handle(principal, command, trace, decide, retry=retry)

    async def _on_case(
        self,
        principal: Principal,
        command: CaseCommand,
        trace: Trace,
        change: Callable[[Case, Dialogue], object],
        check: Callable[[Case], Awaitable[None]] | None = None,
    ) -> CommandResult:
        async def decide() -> Decision:
            case, dialogue = await visible_case(
                self.store, self.dialogues.read, principal, command.case_id, CASE_ID
            )
            writable(principal, dialogue)
            _check_version(case, command.expected_version)
            if check is not None:
                await check(case)
            change(case, dialogue)
            return Decision(case, dialogue.organization)

        retry = command.expected_version is None
        return await self._handle(principal, command, trace, decide, retry=retry)

    async def _handle(
        self,
        principal: Principal,
        command: Command,
        trace: Trace,
        decide: Decide,
        *,
        retry: bool,
    ) -> CommandResult:
        """Run `decide` and append its events; a retried command returns its first result.

        A command id is looked up only when it may matter: a retried command that
        the current state refuses returns its first result instead, and one that
        is decided again is refused by the store, which hands back the first
        result (or the mismatch). A new command costs no lookup."""
        identity = fingerprint(command)
        command_id = command.command_id or uuid4()
        attempt = 0
        while True:
            try:
                decision = await decide()
            except REFUSALS:
                retried = command.command_id
                if retried is not None:
                    first = await first_result(self.store, principal, retried, identity)
                    if first is not None:
                        return first
                raise
            events = decision.aggregate.collect_events()
            try:
                appended = await self.store.append(
                    decision.aggregate.id,
                    codec.stream_type_of(decision.aggregate),
                    events[0].originator_version - 1,
                    [NewEvent(*codec.encode(event)) for event in events],
                    event_metadata(principal, decision.organization, command_id, trace),
                    fingerprint=identity,
                    recorded_at=self.clock(),
                )
            except VersionConflictError:
                if not retry or attempt >= self.max_retries:
                    raise
                attempt += 1
                continue
            # A concurrent request with the same command id may have won: `appended`
            # is then its result, which is the one to return.
            return answer(principal, command_id, appended)


def _check_version(aggregate: Aggregate, expected: int | None) -> None:
    if expected is not None and expected != aggregate.version:
        raise VersionConflictError(aggregate.id, expected, aggregate.version)
