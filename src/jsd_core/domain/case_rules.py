"""The rules of a case that need more than one field: joint agreement, resolving, closing."""

from collections.abc import Iterable, Sequence
from uuid import UUID

from jsd_core.domain.case_parts import Action
from jsd_core.domain.dialogue import Dialogue
from jsd_core.domain.errors import (
    AgreementNeedsBothSidesError,
    DuplicateEntryError,
    DuplicateOfError,
    InvalidValueError,
    UnfinishedActionsError,
    VerifierIsAssigneeError,
    field_path,
)
from jsd_core.domain.validation import identifier
from jsd_core.domain.vocabulary import ActionStatus, CloseReason


def joint_agreement(dialogue: Dialogue, agreed_by: Sequence[str]) -> tuple[str, ...]:
    """The keys of groups of the dialogue that agree: at least one provider and one community."""
    if isinstance(agreed_by, str):
        raise InvalidValueError("agreed_by must be a list of group keys", field_path("agreed_by"))
    groups = [
        dialogue.check_group("agreed_by", key, field_path("agreed_by", str(index)))
        for index, key in enumerate(agreed_by)
    ]
    keys = tuple(group.key for group in groups)
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise DuplicateEntryError(
                f"agreed_by names {key!r} twice", field_path("agreed_by", str(index))
            )
    if not any(group.is_provider for group in groups):
        sides = "only community groups" if groups else "no group"
        raise AgreementNeedsBothSidesError(
            f"the agreement needs at least one security or justice provider: agreed_by has {sides}",
            field_path("agreed_by"),
        )
    if all(group.is_provider for group in groups):
        raise AgreementNeedsBothSidesError(
            "the agreement needs at least one community group: agreed_by has only providers",
            field_path("agreed_by"),
        )
    return keys


def check_resolvable(actions: Iterable[Action]) -> None:
    """Every action is finished (COMPLETED, VERIFIED or CANCELLED) and at least one was done."""
    actions = list(actions)
    still_open = [action for action in actions if action.status is ActionStatus.OPEN]
    if still_open:
        raise UnfinishedActionsError(
            f"the case cannot be resolved while {len(still_open)} of its actions "
            "are still OPEN: complete or cancel them first"
        )
    if not any(action.is_done for action in actions):
        raise UnfinishedActionsError(
            "the case cannot be resolved: none of its actions was completed"
        )


def duplicate_of(case_id: UUID, reason: CloseReason, original: object) -> UUID | None:
    """The case this one repeats: required when closing as DUPLICATE, and only then."""
    where = field_path("duplicate_of")
    if reason is not CloseReason.DUPLICATE:
        if original is not None:
            raise DuplicateOfError(
                f"duplicate_of is only for a case closed as DUPLICATE, not {reason}", where
            )
        return None
    if original is None:
        raise DuplicateOfError(
            "duplicate_of must name the case this one repeats when closing as DUPLICATE", where
        )
    original_id = identifier("duplicate_of", original)
    if original_id == case_id:
        raise DuplicateOfError(
            "duplicate_of names this very case; a case cannot repeat itself", where
        )
    return original_id


def counterparty(dialogue: Dialogue, action: Action, verified_by: str) -> str:
    """The key of the group that verifies the action: a group of the dialogue, not its assignee."""
    verifier = dialogue.check_group("verified_by", verified_by).key
    if verifier == action.assignee:
        raise VerifierIsAssigneeError(
            f"verified_by must be another group than the assignee {verifier!r}: "
            "a group cannot verify its own action",
            field_path("verified_by"),
        )
    return verifier
