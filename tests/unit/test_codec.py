"""The stored form of every event: exact field names, JSON values, versions, and the way back."""

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import CanMutateAggregate

from jsd_core import codec
from jsd_core.domain import Case, Dialogue
from jsd_core.store.records import RecordedEvent

from .stories import every_event

# The data fields of each event, exactly as domain.md names them.
FIELDS = {
    "DialogueConvened": [
        "name",
        "country",
        "region",
        "locality",
        "organization",
        "languages",
        "convened_on",
    ],
    "StakeholderGroupJoined": ["key", "kind", "name"],
    "SessionHeld": ["session_id", "kind", "held_on", "attendance", "summary"],
    "TrustSurveyRecorded": ["wave", "surveyed_on", "group", "respondents", "trust_score"],
    "DialogueConcluded": ["concluded_on", "summary"],
    "CaseRaised": [
        "dialogue_id",
        "title",
        "description",
        "category",
        "severity",
        "location",
        "raised_by",
    ],
    "CaseAgreed": ["agreed_by", "priority", "statement"],
    "ActionAssigned": ["action_id", "description", "assignee", "due_on"],
    "ActionProgressReported": ["action_id", "note"],
    "ActionRescheduled": ["action_id", "due_on", "reason"],
    "ActionCompleted": ["action_id", "completed_on", "note"],
    "ActionVerified": ["action_id", "verified_by", "note"],
    "ActionCancelled": ["action_id", "reason"],
    "CaseEscalated": ["escalated_to", "reason"],
    "CaseResolved": ["outcome"],
    "CaseReopened": ["reason"],
    "CaseClosed": ["reason", "note", "duplicate_of"],
}


def stored(stream_type: str, event: CanMutateAggregate[UUID]) -> RecordedEvent:
    """The event as the store would return it, its data through a JSON round trip."""
    event_type, data, schema_version = codec.encode(event)
    return RecordedEvent(
        event_id=uuid4(),
        stream_id=event.originator_id,
        stream_type=stream_type,
        version=event.originator_version,
        type=event_type,
        data=json.loads(json.dumps(data, ensure_ascii=False)),
        metadata={"actor": "facilitator", "schema_version": schema_version},
        recorded_at=event.timestamp,
        prev_hash=None,
        hash="0" * 64,
    )


def all_events() -> list[tuple[str, CanMutateAggregate[UUID]]]:
    _, _, dialogue_events, case_events = every_event()
    return [("Dialogue", e) for e in dialogue_events] + [("Case", e) for e in case_events]


def test_the_story_records_every_event_type_of_domain_md() -> None:
    assert {type(event).__name__ for _, event in all_events()} == set(FIELDS)
    assert {name for names in codec.EVENT_TYPES.values() for name in names} == set(FIELDS)


@pytest.mark.parametrize(
    ("stream_type", "event"), all_events(), ids=lambda v: getattr(v, "__class__", type(v)).__name__
)
def test_every_event_is_stored_with_exactly_its_domain_md_fields_and_decodes_back(
    stream_type: str, event: CanMutateAggregate[UUID]
) -> None:
    record = stored(stream_type, event)

    assert list(record.data) == FIELDS[record.type]
    decoded = codec.decode(
        stream_type,
        record.type,
        record.data,
        record.schema_version,
        record.stream_id,
        record.version,
        record.recorded_at,
    )
    assert decoded == event
    assert type(decoded) is type(event)


def test_values_are_stored_in_their_json_form() -> None:
    _, case, _, case_events = every_event()
    raised, agreed, assigned = (codec.encode(e) for e in case_events[:3])

    assert raised == (
        "CaseRaised",
        {
            "dialogue_id": str(case.dialogue_id),
            "title": "Cambriolages au marché",
            "description": "Des boutiques sont cambriolées la nuit.",
            "category": "ROBBERY_BURGLARY",
            "severity": 4,
            "location": "Marché central",
            "raised_by": "koglweogo",
        },
        2,
    )
    assert agreed == (
        "CaseAgreed",
        {"agreed_by": ["police", "koglweogo"], "priority": 1, "statement": "Patrouilles mixtes"},
        1,
    )
    action_id = assigned[1]["action_id"]
    assert action_id == str(UUID(action_id))
    assert action_id.islower()
    assert assigned[1]["due_on"] == "2015-06-01"
    assert all(
        type(value) in (str, int, float, list, dict, type(None)) for value in raised[1].values()
    )


def test_only_case_raised_is_at_schema_version_2() -> None:
    versions = {codec.encode(event)[0]: codec.encode(event)[2] for _, event in all_events()}
    assert versions == {name: 2 if name == "CaseRaised" else 1 for name in FIELDS}


def test_a_version_1_case_raised_without_location_decodes_with_no_location() -> None:
    dialogue_id, case_id = uuid4(), uuid4()
    v1: dict[str, Any] = {
        "dialogue_id": str(dialogue_id),
        "title": "Ancien cas",
        "description": "Raconté avant que les cas aient un lieu.",
        "category": "DRUG_ABUSE",
        "severity": 2,
        "raised_by": "youth",
    }
    at = datetime(2024, 1, 5, 9, 30, tzinfo=UTC)

    event = codec.decode("Case", "CaseRaised", v1, 1, case_id, 1, at)
    case = event.mutate(None)

    assert isinstance(case, Case)
    assert (case.id, case.dialogue_id, case.location, case.created_on) == (
        case_id,
        dialogue_id,
        None,
        at,
    )
    assert "location" not in v1


def test_the_stored_events_rebuild_the_same_aggregates() -> None:
    dialogue, case, dialogue_events, case_events = every_event()

    assert codec.rebuild("Dialogue", [stored("Dialogue", e) for e in dialogue_events]) == dialogue
    assert codec.rebuild("Case", [stored("Case", e) for e in case_events]) == case


def test_no_events_rebuild_nothing() -> None:
    assert codec.rebuild("Case", []) is None


def test_the_stream_type_of_each_aggregate() -> None:
    dialogue, case, _, _ = every_event()
    assert (codec.stream_type_of(dialogue), codec.stream_type_of(case)) == ("Dialogue", "Case")
    assert codec.STREAM_TYPES["Dialogue"] is Dialogue
    assert codec.STREAM_TYPES["Case"] is Case


def test_an_unknown_stream_type_or_event_type_is_a_clear_value_error() -> None:
    at = datetime.now(UTC)
    with pytest.raises(codec.UnknownStreamTypeError, match="unknown stream type 'Meeting'"):
        codec.decode("Meeting", "CaseRaised", {}, 1, uuid4(), 1, at)
    with pytest.raises(
        codec.UnknownEventTypeError, match="Dialogue has no event type 'CaseRaised'"
    ):
        codec.decode("Dialogue", "CaseRaised", {}, 1, uuid4(), 1, at)
    assert issubclass(codec.UnknownEventTypeError, ValueError)


@pytest.mark.parametrize(
    ("data", "schema_version", "message"),
    [
        ({"reason": "x", "extra": 1}, 1, "unknown ones \\['extra'\\]"),
        ({}, 1, "lacks the fields \\['reason'\\]"),
        ({"reason": 7}, 1, "CaseReopened.reason: 7 is not"),
        ({"reason": "x"}, 2, "schema version 2; this code knows up to 1"),
    ],
)
def test_data_that_does_not_fit_the_event_is_refused(
    data: dict[str, Any], schema_version: int, message: str
) -> None:
    with pytest.raises(codec.EventDataError, match=message):
        codec.decode("Case", "CaseReopened", data, schema_version, uuid4(), 2, datetime.now(UTC))
