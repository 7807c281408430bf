"""Which dialogues and cases a caller may act on, checked the same way by every handler.

An aggregate of an organisation outside the caller's scope is reported exactly
as a missing one, so an error never tells that another organisation's
dialogue or case exists. Within scope, `check_write` decides whether the
caller's role may issue commands at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from jsd_core.access import ForbiddenError, Principal, Role, check_write
from jsd_core.access.principal import check_organization
from jsd_core.application.loading import load_case
from jsd_core.application.results import NotFoundError
from jsd_core.domain import Case, Dialogue
from jsd_core.domain.errors import InvalidValueError
from jsd_core.store import EventStore

# Where a dialogue comes from: replayed for the caller alone (`load_dialogue`), or
# shared, to read only (`ReadDialogues.read`).
LoadDialogue = Callable[[UUID], Awaitable[Dialogue | None]]


async def visible_dialogue(
    load: LoadDialogue, principal: Principal, dialogue_id: UUID, field: tuple[str, ...]
) -> Dialogue:
    """The dialogue, if it exists and the caller may see it; else NotFoundError on `field`."""
    dialogue = await load(dialogue_id)
    if dialogue is None or not principal.scope.allows(dialogue.organization):
        raise NotFoundError(f"there is no dialogue {dialogue_id}", field)
    return dialogue


async def visible_case(
    store: EventStore,
    load: LoadDialogue,
    principal: Principal,
    case_id: UUID,
    field: tuple[str, ...],
) -> tuple[Case, Dialogue]:
    """The case and its dialogue, if the caller may see them; else NotFoundError on `field`."""
    case = await load_case(store, case_id)
    dialogue = await load(case.dialogue_id) if case is not None else None
    if case is None or dialogue is None or not principal.scope.allows(dialogue.organization):
        raise NotFoundError(f"there is no case {case_id}", field)
    return case, dialogue


def writable(principal: Principal, dialogue: Dialogue) -> None:
    """Refuse (ForbiddenError) a caller whose role may not change the dialogue or its cases."""
    check_write(principal, dialogue.organization)


def convening_organization(principal: Principal, requested: str | None) -> str:
    """The organisation a new dialogue belongs to: the caller's own unless an admin names one."""
    check_write(principal, principal.organization)
    if requested is None:
        return principal.organization
    if requested != principal.organization and principal.role is not Role.ADMIN:
        raise ForbiddenError("only an admin may convene a dialogue for another organisation")
    try:
        return check_organization(requested)
    except ValueError as error:
        raise InvalidValueError(str(error), ("organization",)) from None
