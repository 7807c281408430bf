"""Retried commands: the first result of a command id, only to a caller who may have it."""

from __future__ import annotations

from uuid import UUID

from jsd_core.access import Principal, check_write
from jsd_core.application.results import CommandResult, result_of
from jsd_core.store import AppendResult, EventStore, IdempotencyMismatchError


async def first_result(
    store: EventStore, principal: Principal, command_id: UUID, identity: str
) -> CommandResult | None:
    """The first result of a command id already used (None if it was not); the same id
    with another command (`identity`: its fingerprint) is an IdempotencyMismatchError."""
    found = await store.find_command(command_id)
    if found is None:
        return None
    if found[0] != identity:
        raise IdempotencyMismatchError(command_id)
    return answer(principal, command_id, found[1])


def answer(principal: Principal, command_id: UUID, appended: AppendResult) -> CommandResult:
    """The result of an append, or of the one a retried command found already stored."""
    if appended.replayed:
        # The command id was used before: answer only a caller who may act on what it changed.
        organization = appended.events[-1].organization
        if not principal.scope.allows(organization):
            raise IdempotencyMismatchError(command_id)
        check_write(principal, organization)
    return result_of(appended)
