"""The rules of a case beyond its status: joint agreement, counterparty verification, input."""

from datetime import date, datetime
from typing import Any
from uuid import uuid4

import pytest

from jsd_core.domain import (
    ActionStatus,
    Case,
    CaseCategory,
    CaseStatus,
    CloseReason,
    Dialogue,
    DomainError,
)
from jsd_core.domain.errors import (
    ActionNotFoundError,
    AgreementNeedsBothSidesError,
    DateOrderError,
    DialogueConcludedError,
    DuplicateEntryError,
    DuplicateOfError,
    EmptyTextError,
    InvalidValueError,
    OutOfRangeError,
    TextTooLongError,
    UnfinishedActionsError,
    UnknownGroupError,
    UnstorableTextError,
    VerifierIsAssigneeError,
    WrongDialogueError,
)

from . import builders
from .builders import refused, saaba


def raise_case(dialogue: Dialogue, **changes: object) -> Case:
    fields: dict[str, object] = {
        "title": "Affrontements devant l'église",
        "description": "Les supporters croisent les fidèles à la sortie du stade.",
        "category": CaseCategory.VIOLENT_CLASH,
        "severity": 3,
        "raised_by": "youth",
    } | changes
    return Case.raise_case(dialogue, **fields)  # type: ignore[arg-type]


def test_a_raised_case_keeps_what_the_group_said_exactly() -> None:
    title = "  اشتباكات أمام الكنيسة  "
    case = raise_case(saaba(), title=title, location="Rue 10, Médina", severity=5)

    assert case.title == title
    assert (case.location, case.severity, case.raised_by) == ("Rue 10, Médina", 5, "youth")
    assert case.status is CaseStatus.RAISED
    assert (case.agreed_by, case.actions, case.close_reason) == ((), {}, None)


def test_a_case_can_be_raised_with_a_given_id() -> None:
    case_id = uuid4()
    assert raise_case(saaba(), case_id=case_id).id == case_id


@pytest.mark.parametrize(
    ("changes", "error", "field", "message"),
    [
        ({"title": " \n "}, EmptyTextError, "title", "title must not be empty"),
        (
            {"title": "t" * 201},
            TextTooLongError,
            "title",
            "title is 201 characters long; the limit is 200",
        ),
        ({"title": "a\x00b"}, UnstorableTextError, "title", "title holds a NUL character"),
        (
            {"title": "a\ud800"},
            UnstorableTextError,
            "title",
            "title holds an unpaired surrogate character",
        ),
        ({"title": None}, InvalidValueError, "title", "title must be text"),
        ({"description": "d" * 10_001}, TextTooLongError, "description", "the limit is 10000"),
        ({"location": ""}, EmptyTextError, "location", "location must not be empty"),
        (
            {"severity": 0},
            OutOfRangeError,
            "severity",
            "severity must be a whole number from 1 to 5",
        ),
        ({"severity": 6}, OutOfRangeError, "severity", "got 6"),
        ({"severity": 2.5}, OutOfRangeError, "severity", "got 2.5"),
        ({"category": "THEFT"}, InvalidValueError, "category", "category must be one of"),
        ({"raised_by": "elders"}, UnknownGroupError, "raisedBy", "raised_by names 'elders'"),
    ],
)
def test_raising_a_case_with_a_bad_field_is_refused_naming_the_field(
    changes: dict[str, object], error: type[Exception], field: str, message: str
) -> None:
    with pytest.raises(error, match=message) as info:
        raise_case(saaba(), **changes)
    assert info.value.field == (field,)  # type: ignore[attr-defined]


def test_a_title_of_exactly_200_characters_is_accepted() -> None:
    assert len(raise_case(saaba(), title="ت" * 200).title) == 200


def test_no_case_can_be_raised_in_a_concluded_dialogue() -> None:
    dialogue = saaba()
    dialogue.conclude(date(2016, 1, 1))
    with pytest.raises(DialogueConcludedError):
        raise_case(dialogue)


def test_an_agreement_with_only_community_groups_is_refused() -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    error = refused(
        case, lambda: case.agree(dialogue, ["koglweogo", "women"]), AgreementNeedsBothSidesError
    )
    assert error.message == (
        "the agreement needs at least one security or justice provider: "
        "agreed_by has only community groups"
    )
    assert error.field == ("agreedBy",)


def test_an_agreement_with_only_providers_is_refused() -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    error = refused(
        case, lambda: case.agree(dialogue, ["police", "gendarmerie"]), AgreementNeedsBothSidesError
    )
    assert "needs at least one community group" in error.message


@pytest.mark.parametrize(
    ("agreed_by", "error", "field"),
    [
        ([], AgreementNeedsBothSidesError, ("agreedBy",)),
        (["police", "elders"], UnknownGroupError, ("agreedBy", "1")),
        (["police", "women", "police"], DuplicateEntryError, ("agreedBy", "2")),
        ("police", InvalidValueError, ("agreedBy",)),
    ],
)
def test_an_agreement_must_name_groups_of_the_dialogue_once_each(
    agreed_by: list[str], error: type[Exception], field: tuple[str, ...]
) -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    assert refused(case, lambda: case.agree(dialogue, agreed_by), error).field == field  # type: ignore[arg-type]


def test_a_joint_agreement_records_who_agreed_and_the_priority() -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    case.agree(dialogue, ["women", "police"], priority=2, statement="Patrouilles mixtes")

    assert case.agreed_by == ("women", "police")
    assert (case.priority, case.statement, case.status) == (
        2,
        "Patrouilles mixtes",
        CaseStatus.AGREED,
    )


@pytest.mark.parametrize("priority", [0, 6, True])
def test_a_priority_outside_one_to_five_is_refused(priority: int) -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    error = refused(
        case, lambda: case.agree(dialogue, ["police", "women"], priority), OutOfRangeError
    )
    assert error.field == ("priority",)


def test_a_command_with_another_dialogue_is_refused() -> None:
    dialogue = saaba()
    case = builders.raised(dialogue)
    error = refused(case, lambda: case.agree(saaba(), ["police", "women"]), WrongDialogueError)
    assert error.field == ("dialogueId",)


def test_an_action_is_assigned_to_a_group_of_the_dialogue_by_a_date() -> None:
    dialogue = saaba()
    case = builders.agreed(dialogue)
    action_id = case.assign_action(
        dialogue, "Déplacer l'entrée du stade", "police", date(2015, 9, 1)
    )

    action = case.actions[action_id]
    assert (action.description, action.assignee, action.due_on) == (
        "Déplacer l'entrée du stade",
        "police",
        date(2015, 9, 1),
    )
    assert action.status is ActionStatus.OPEN
    assert action.completed_on is None
    assert case.status is CaseStatus.IN_PROGRESS


@pytest.mark.parametrize(
    ("description", "assignee", "due_on", "error", "field"),
    [
        ("", "police", date(2015, 9, 1), EmptyTextError, "description"),
        ("d" * 5_001, "police", date(2015, 9, 1), TextTooLongError, "description"),
        ("Patrouilles", "army", date(2015, 9, 1), UnknownGroupError, "assignee"),
        ("Patrouilles", "police", date(2015, 3, 1), DateOrderError, "dueOn"),
        ("Patrouilles", "police", datetime(2015, 9, 1, 12), InvalidValueError, "dueOn"),
    ],
)
def test_assigning_an_action_with_a_bad_field_is_refused(
    description: str, assignee: str, due_on: date, error: type[DomainError], field: str
) -> None:
    dialogue = saaba()
    case = builders.agreed(dialogue)
    refusal = refused(
        case, lambda: case.assign_action(dialogue, description, assignee, due_on), error
    )
    assert refusal.field == (field,)


def test_an_action_id_can_be_given_but_not_twice() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    refused(
        case,
        lambda: case.assign_action(dialogue, "Encore", "police", date(2015, 9, 1), action_id),
        DuplicateEntryError,
    )


def test_a_command_on_an_unknown_action_is_refused() -> None:
    dialogue = saaba()
    case, _ = builders.with_action(dialogue)
    error = refused(case, lambda: case.report_progress(uuid4(), "?"), ActionNotFoundError)
    assert error.field == ("actionId",)


def test_progress_reschedule_and_completion_are_recorded_on_the_action() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    case.report_progress(action_id, "Deux patrouilles par semaine")
    case.reschedule_action(dialogue, action_id, date(2015, 7, 1), "Manque de carburant")
    assert case.actions[action_id].due_on == date(2015, 7, 1)
    case.complete_action(dialogue, action_id, date(2015, 6, 20), note="Fait")

    action = case.actions[action_id]
    assert (action.status, action.completed_on, action.note) == (
        ActionStatus.COMPLETED,
        date(2015, 6, 20),
        "Fait",
    )


def test_a_reschedule_must_change_the_date_and_stay_after_the_convening() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    due_on = case.actions[action_id].due_on
    refused(
        case,
        lambda: case.reschedule_action(dialogue, action_id, due_on, "Rien"),
        DuplicateEntryError,
    )
    refused(
        case,
        lambda: case.reschedule_action(dialogue, action_id, date(2015, 1, 1), "Avant"),
        DateOrderError,
    )
    refused(
        case,
        lambda: case.reschedule_action(dialogue, action_id, date(2015, 8, 1), " "),
        EmptyTextError,
    )


def test_an_action_cannot_be_completed_before_the_dialogue_was_convened() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    error = refused(
        case, lambda: case.complete_action(dialogue, action_id, date(2015, 3, 1)), DateOrderError
    )
    assert error.field == ("completedOn",)


def test_an_action_verified_by_its_assignee_is_refused() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    (action_id,) = case.actions
    error = refused(
        case, lambda: case.verify_action(dialogue, action_id, "police"), VerifierIsAssigneeError
    )
    assert error.field == ("verifiedBy",)
    assert "a group cannot verify its own action" in error.message


def test_an_action_verified_by_an_unknown_group_is_refused() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    (action_id,) = case.actions
    refused(case, lambda: case.verify_action(dialogue, action_id, "elders"), UnknownGroupError)


def test_the_community_verifies_what_the_police_did() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    (action_id,) = case.actions
    case.verify_action(dialogue, action_id, "women", note="Confirmé au marché")

    action = case.actions[action_id]
    assert (action.status, action.verified_by, action.note) == (
        ActionStatus.VERIFIED,
        "women",
        "Confirmé au marché",
    )


def test_a_case_with_an_open_action_cannot_be_resolved() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    case.assign_action(dialogue, "Éclairage", "women", date(2015, 9, 1))
    case.collect_events()
    error = refused(case, lambda: case.resolve("Fini"), UnfinishedActionsError)
    assert "1 of its actions are still OPEN" in error.message


def test_a_case_whose_actions_were_all_cancelled_cannot_be_resolved() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    case.cancel_action(action_id, "Abandonné")
    case.collect_events()
    error = refused(case, lambda: case.resolve("Fini"), UnfinishedActionsError)
    assert "none of its actions was completed" in error.message


def test_a_resolved_case_keeps_its_outcome() -> None:
    dialogue = saaba()
    case = builders.in_progress(dialogue)
    case.resolve("L'entrée du stade a été déplacée.")
    assert (case.status, case.outcome) == (CaseStatus.RESOLVED, "L'entrée du stade a été déplacée.")


def test_a_case_closed_as_duplicate_names_the_case_it_repeats() -> None:
    original = uuid4()
    case = builders.raised(saaba())
    case.close(CloseReason.DUPLICATE, note="Déjà signalé", duplicate_of=original)
    assert (case.status, case.close_reason, case.duplicate_of) == (
        CaseStatus.CLOSED,
        "DUPLICATE",
        original,
    )


@pytest.mark.parametrize(
    ("reason", "duplicate_of", "message"),
    [
        (CloseReason.DUPLICATE, None, "duplicate_of must name the case this one repeats"),
        (CloseReason.WITHDRAWN, uuid4(), "duplicate_of is only for a case closed as DUPLICATE"),
        (CloseReason.DUPLICATE, "self", "duplicate_of names this very case"),
        (CloseReason.DUPLICATE, "abc", "duplicate_of must be an id"),
    ],
)
def test_duplicate_of_is_required_for_a_duplicate_and_only_for_it(
    reason: CloseReason, duplicate_of: object, message: str
) -> None:
    case = builders.raised(saaba())
    original: Any = case.id if duplicate_of == "self" else duplicate_of
    error = refused(
        case,
        lambda: case.close(reason, duplicate_of=original),
        (DuplicateOfError, InvalidValueError),
    )
    assert error.field == ("duplicateOf",)
    assert message in error.message


def test_an_unknown_close_reason_is_refused() -> None:
    case = builders.raised(saaba())
    assert refused(case, lambda: case.close("SOLVED"), InvalidValueError).field == ("reason",)  # type: ignore[arg-type]


def test_an_escalation_is_recorded_without_changing_the_status() -> None:
    dialogue = saaba()
    case = builders.agreed(dialogue)
    case.escalate("Préfecture", "Hors de portée du dialogue")
    assert [(e.escalated_to, e.reason) for e in case.escalations] == [
        ("Préfecture", "Hors de portée du dialogue")
    ]
    assert case.status is CaseStatus.AGREED
    case.collect_events()
    refused(case, lambda: case.escalate(" ", "?"), EmptyTextError)


def test_an_open_action_due_before_today_is_overdue_and_nothing_else_is() -> None:
    dialogue = saaba()
    case, action_id = builders.with_action(dialogue)
    action = case.actions[action_id]

    assert Case.is_overdue(action, date(2015, 6, 2))
    assert not Case.is_overdue(action, date(2015, 6, 1))
    case.complete_action(dialogue, action_id, date(2015, 6, 5))
    assert not case.is_overdue(case.actions[action_id], date(2016, 1, 1))
