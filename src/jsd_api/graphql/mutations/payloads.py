"""What mutations return: the changed object as the read side now shows it, the position
of the command's last event, and the user errors of an expected failure."""

from __future__ import annotations

from uuid import UUID

import strawberry

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import UserError
from jsd_api.graphql.types.action import Action, group_keys
from jsd_api.graphql.types.case import Case
from jsd_api.graphql.types.dialogue import Dialogue
from jsd_api.graphql.types.groups import groups_of, preload_groups
from jsd_api.graphql.types.integrations import Webhook
from jsd_api.graphql.types.vocabulary import CaseCategory, CaseStatus
from jsd_core.application.results import CommandResult
from jsd_core.store import RecordedEvent


@strawberry.type
class DialoguePayload:
    dialogue: Dialogue | None
    position: str | None = strawberry.field(description="The log cursor of the last event.")
    user_errors: list[UserError]


@strawberry.type
class CasePayload:
    case: Case | None
    position: str | None = strawberry.field(description="The log cursor of the last event.")
    user_errors: list[UserError]


@strawberry.type
class ActionPayload:
    case: Case | None
    action: Action | None
    position: str | None = strawberry.field(description="The log cursor of the last event.")
    user_errors: list[UserError]


@strawberry.type
class WebhookPayload:
    webhook: Webhook | None
    secret: str | None = strawberry.field(
        description="whsec_…, to check signatures; shown once, at registration."
    )
    user_errors: list[UserError]


async def dialogue_payload(info: Info, outcome: CommandResult | UserError) -> DialoguePayload:
    if isinstance(outcome, UserError):
        return DialoguePayload(dialogue=None, position=None, user_errors=[outcome])
    info.context.forget(dialogue_id=outcome.stream_id)
    row = await info.context.loaders.dialogues.load(outcome.stream_id)
    dialogue = Dialogue.of(row) if row else None
    return DialoguePayload(dialogue=dialogue, position=outcome.position, user_errors=[])


async def _case(info: Info, case_id: UUID) -> Case | None:
    info.context.forget(case_id=case_id)
    row = await info.context.loaders.cases.load(case_id)
    if row is None:
        return None
    info.context.forget(dialogue_id=row.dialogue_id)  # its accountability changed too
    return Case.of(row)


def _raised(outcome: CommandResult) -> Case | None:
    """The case a new RaiseCase created, straight from its event (see `raised_case`)."""
    events = outcome.events
    if outcome.replayed or len(events) != 1 or events[0].type != "CaseRaised":
        return None  # a retried command shows the case as it is now, from the read side
    return raised_case(events[0])


def raised_case(event: RecordedEvent) -> Case:
    """A case just raised, as its CaseRaised event stored it: exactly what the read side
    shows of it until its next event, so the payload need not read it back."""
    data = event.data
    return Case(
        case_id=strawberry.ID(str(event.stream_id)),
        title=data["title"],
        description=data["description"],
        category=CaseCategory(data["category"]),
        severity=data["severity"],
        location=data.get("location"),
        status=CaseStatus.RAISED,
        priority=None,
        statement=None,
        close_reason=None,
        duplicate_of=None,
        outcome=None,
        raised_at=event.recorded_at,
        updated_at=event.recorded_at,
        resolved_at=None,
        version=event.version,
        case_uuid=event.stream_id,
        dialogue_id=UUID(data["dialogue_id"]),
        raised_by_key=data["raised_by"],
        agreed_by_keys=(),
    )


async def case_payload(info: Info, outcome: CommandResult | UserError) -> CasePayload:
    if isinstance(outcome, UserError):
        return CasePayload(case=None, position=None, user_errors=[outcome])
    case = _raised(outcome)
    if case is None:
        case = await _case(info, outcome.stream_id)
    else:
        info.context.forget(case_id=case.case_uuid, dialogue_id=case.dialogue_id)
    return CasePayload(case=case, position=outcome.position, user_errors=[])


async def action_payload(
    info: Info, outcome: CommandResult | UserError, action_id: str | None = None
) -> ActionPayload:
    """`action_id`: the action the command named (it parsed, since the command ran);
    AssignAction's result names the new one."""
    if isinstance(outcome, UserError):
        return ActionPayload(case=None, action=None, position=None, user_errors=[outcome])
    case = await _case(info, outcome.stream_id)
    chosen = outcome.action_id or (UUID(action_id) if action_id else None)
    action = None
    if case is not None:
        preload_groups(info, case.dialogue_id)
        rows = await info.context.loaders.actions.load(case.case_uuid)
        found = [row for row in rows if row.action_id == chosen]
        if found:
            groups = await groups_of(info, case.dialogue_id, group_keys(found))
            action = Action.of(found[0], groups, info.context.today)
    return ActionPayload(case=case, action=action, position=outcome.position, user_errors=[])
