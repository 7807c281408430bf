"""Every case command in every status: allowed where domain.md allows it, refused elsewhere."""

from collections.abc import Callable
from datetime import date
from uuid import uuid4

import pytest

from jsd_core.domain import ActionStatus, Case, CaseStatus, CloseReason, Dialogue
from jsd_core.domain.errors import ActionStatusError, CaseStatusError

from . import builders
from .builders import refused, saaba

RAISED, AGREED, IN_PROGRESS, RESOLVED, CLOSED = CaseStatus
Command = Callable[[Case, Dialogue], object]

CASE_IN: dict[CaseStatus, Callable[[Dialogue], Case]] = {
    RAISED: builders.raised,
    AGREED: builders.agreed,
    IN_PROGRESS: builders.in_progress,
    RESOLVED: builders.resolved,
    CLOSED: builders.closed,
}

COMMANDS: dict[str, Command] = {
    "agree": lambda c, d: c.agree(d, ["gendarmerie", "women"]),
    "assign_action": lambda c, d: c.assign_action(
        d, "Éclairer le marché", "women", date(2015, 7, 1)
    ),
    "escalate": lambda c, d: c.escalate("Ministère de la Sécurité", "Besoin de moyens"),
    "resolve": lambda c, d: c.resolve("Plus de cambriolages"),
    "reopen": lambda c, d: c.reopen("Les cambriolages ont repris"),
    "close as RESOLVED": lambda c, d: c.close(CloseReason.RESOLVED),
    "close as WITHDRAWN": lambda c, d: c.close(CloseReason.WITHDRAWN, note="Retiré"),
    "close as DUPLICATE": lambda c, d: c.close(CloseReason.DUPLICATE, duplicate_of=uuid4()),
    "close as NOT_ADMITTED": lambda c, d: c.close(CloseReason.NOT_ADMITTED),
    "close as REFERRED": lambda c, d: c.close(CloseReason.REFERRED, note="Au tribunal"),
}

# command: {status it is allowed in: status after}
ALLOWED: dict[str, dict[CaseStatus, CaseStatus]] = {
    "agree": {RAISED: AGREED},
    "assign_action": {AGREED: IN_PROGRESS, IN_PROGRESS: IN_PROGRESS},
    "escalate": {AGREED: AGREED, IN_PROGRESS: IN_PROGRESS},
    "resolve": {IN_PROGRESS: RESOLVED},
    "reopen": {RESOLVED: IN_PROGRESS, CLOSED: IN_PROGRESS},
    "close as RESOLVED": {RESOLVED: CLOSED},
    **{
        f"close as {reason}": {RAISED: CLOSED, AGREED: CLOSED, IN_PROGRESS: CLOSED}
        for reason in ("WITHDRAWN", "DUPLICATE", "NOT_ADMITTED", "REFERRED")
    },
}
TABLE = [(name, status) for name in COMMANDS for status in CaseStatus]


@pytest.mark.parametrize(("command", "status"), TABLE, ids=[f"{c} when {s}" for c, s in TABLE])
def test_a_case_command_is_allowed_only_in_the_statuses_domain_md_names(
    command: str, status: CaseStatus
) -> None:
    dialogue = saaba()
    case = CASE_IN[status](dialogue)
    if status in ALLOWED[command]:
        COMMANDS[command](case, dialogue)
        assert case.status is ALLOWED[command][status]
        assert len(case.collect_events()) == 1
    else:
        error = refused(case, lambda: COMMANDS[command](case, dialogue), CaseStatusError)
        assert f"the case is {status}, so it cannot" in error.message


def test_a_refused_transition_says_what_the_case_needs() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    error = refused(case, lambda: case.agree(dialogue, ["police", "women"]), CaseStatusError)
    assert error.message == "the case is IN_PROGRESS, so it cannot be agreed: that needs RAISED"
    assert error.field is None


ACTION_COMMANDS: dict[str, Command] = {
    "report_progress": lambda c, d: c.report_progress(next(iter(c.actions)), "La moitié est faite"),
    "reschedule_action": lambda c, d: c.reschedule_action(
        d, next(iter(c.actions)), date(2015, 9, 1), "Saison des pluies"
    ),
    "complete_action": lambda c, d: c.complete_action(d, next(iter(c.actions)), date(2015, 8, 1)),
    "cancel_action": lambda c, d: c.cancel_action(next(iter(c.actions)), "Plus nécessaire"),
    "verify_action": lambda c, d: c.verify_action(d, next(iter(c.actions)), "women"),
}
ACTION_ALLOWED: dict[str, dict[ActionStatus, ActionStatus]] = {
    "report_progress": {ActionStatus.OPEN: ActionStatus.OPEN},
    "reschedule_action": {ActionStatus.OPEN: ActionStatus.OPEN},
    "complete_action": {ActionStatus.OPEN: ActionStatus.COMPLETED},
    "cancel_action": {ActionStatus.OPEN: ActionStatus.CANCELLED},
    "verify_action": {ActionStatus.COMPLETED: ActionStatus.VERIFIED},
}


def case_with_an_action_that_is(status: ActionStatus, dialogue: Dialogue) -> Case:
    case, action_id = builders.with_action(dialogue)
    if status is not ActionStatus.OPEN:
        if status is ActionStatus.CANCELLED:
            case.cancel_action(action_id, "Abandonné")
        else:
            case.complete_action(dialogue, action_id, date(2015, 5, 1))
        if status is ActionStatus.VERIFIED:
            case.verify_action(dialogue, action_id, "koglweogo")
    case.collect_events()
    return case


ACTION_TABLE = [(name, status) for name in ACTION_COMMANDS for status in ActionStatus]


@pytest.mark.parametrize(
    ("command", "status"), ACTION_TABLE, ids=[f"{c} when {s}" for c, s in ACTION_TABLE]
)
def test_an_action_command_is_allowed_only_in_the_action_statuses_domain_md_names(
    command: str, status: ActionStatus
) -> None:
    dialogue = saaba()
    case = case_with_an_action_that_is(status, dialogue)
    if status in ACTION_ALLOWED[command]:
        ACTION_COMMANDS[command](case, dialogue)
        (action,) = case.actions.values()
        assert action.status is ACTION_ALLOWED[command][status]
        assert case.status is IN_PROGRESS
        assert len(case.collect_events()) == 1
    else:
        refused(case, lambda: ACTION_COMMANDS[command](case, dialogue), ActionStatusError)


@pytest.mark.parametrize("command", ACTION_COMMANDS)
def test_a_closed_case_takes_no_action_command_until_it_is_reopened(command: str) -> None:
    dialogue = saaba()
    case, _ = builders.with_action(dialogue)
    case.close(CloseReason.WITHDRAWN)
    case.collect_events()
    error = refused(case, lambda: ACTION_COMMANDS[command](case, dialogue), CaseStatusError)
    assert error.message.startswith("the case is CLOSED: reopen it before you")


def test_a_resolved_case_still_takes_the_verification_of_a_completed_action() -> None:
    dialogue = saaba()
    case = builders.resolved(dialogue)
    (action_id,) = case.actions
    case.verify_action(dialogue, action_id, "women", note="Les patrouilles passent bien")

    assert case.actions[action_id].status is ActionStatus.VERIFIED
    assert case.status is RESOLVED


def test_a_reopened_case_without_actions_returns_to_agreed_if_it_was_agreed() -> None:
    dialogue = saaba()
    case = builders.agreed(dialogue)
    case.close(CloseReason.REFERRED)
    case.reopen("Le tribunal l'a renvoyé")

    assert case.status is AGREED
    assert (case.close_reason, case.duplicate_of) == (None, None)


def test_a_reopened_case_that_was_never_agreed_returns_to_raised() -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    case.close(CloseReason.NOT_ADMITTED)
    case.reopen("Admis après tout")

    assert case.status is RAISED


def test_reopening_a_resolved_case_clears_its_outcome() -> None:
    dialogue = saaba()
    case = builders.resolved(dialogue)
    case.reopen("Les cambriolages ont repris")

    assert (case.status, case.outcome) == (IN_PROGRESS, None)
