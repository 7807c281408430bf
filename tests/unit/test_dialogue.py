"""The Dialogue aggregate: convening, groups, sessions, trust surveys, conclusion."""

from datetime import date
from uuid import uuid4

import pytest

from jsd_core.domain import Dialogue, DialogueStatus, DomainError, SessionKind, StakeholderKind
from jsd_core.domain.errors import (
    DateOrderError,
    DialogueConcludedError,
    DuplicateEntryError,
    GroupAlreadyJoinedError,
    InvalidCountryError,
    InvalidGroupKeyError,
    InvalidInputError,
    InvalidLanguageError,
    InvalidValueError,
    OutOfRangeError,
    UnknownGroupError,
    field_path,
)

from .builders import CONVENED_ON, refused, saaba, with_session


def convene(**changes: object) -> Dialogue:
    fields: dict[str, object] = {
        "name": "Dialogue de Saaba",
        "country": "BF",
        "locality": "Saaba",
        "organization": "lantern",
        "languages": ["fr"],
        "convened_on": CONVENED_ON,
    } | changes
    return Dialogue.convene(**fields)  # type: ignore[arg-type]


def test_a_convened_dialogue_is_active_and_has_no_groups_yet() -> None:
    dialogue = convene(region="Centre", languages=["fr", "mos"])

    assert dialogue.status is DialogueStatus.ACTIVE
    assert dialogue.is_active
    assert (dialogue.name, dialogue.country, dialogue.region) == (
        "Dialogue de Saaba",
        "BF",
        "Centre",
    )
    assert dialogue.languages == ("fr", "mos")
    assert (dialogue.groups, dialogue.sessions, dialogue.trust_surveys) == ({}, (), ())
    assert [type(e).__name__ for e in dialogue.collect_events()] == ["DialogueConvened"]


def test_a_dialogue_can_be_convened_with_a_given_id() -> None:
    dialogue_id = uuid4()
    assert convene(dialogue_id=dialogue_id).id == dialogue_id


@pytest.mark.parametrize("country", ["Senegal", "sn", "XK", "S", "SEN", "", 221])
def test_a_country_that_is_not_an_assigned_iso_code_is_refused(country: object) -> None:
    with pytest.raises(InvalidCountryError) as info:
        convene(country=country)
    assert info.value.field == ("country",)
    assert "ISO 3166-1 alpha-2" in info.value.message


def test_the_country_message_says_what_was_given() -> None:
    with pytest.raises(InvalidCountryError, match="such as 'SN', got 'Senegal'"):
        convene(country="Senegal")


@pytest.mark.parametrize("languages", [[], "fr", ["fr", "FR"]])
def test_languages_must_name_at_least_one_language_and_none_twice(languages: object) -> None:
    with pytest.raises((InvalidLanguageError, DuplicateEntryError)) as info:
        convene(languages=languages)
    assert info.value.field is not None
    assert info.value.field[0] == "languages"


def test_a_language_that_is_not_a_bcp_47_tag_is_refused_by_its_position() -> None:
    with pytest.raises(InvalidLanguageError) as info:
        convene(languages=["fr", "français"])
    assert info.value.field == ("languages", "1")
    assert info.value.message == "'français' is not a BCP 47 language tag"


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("name", "  ", "name must not be empty"),
        ("name", "n" * 201, "name is 201 characters long; the limit is 200"),
        ("locality", "", "locality must not be empty"),
        ("organization", "\t", "organization must not be empty"),
        ("region", " ", "region must not be empty"),
        ("convened_on", "2015-03-02", "convened_on must be a calendar date"),
    ],
)
def test_convening_refuses_bad_fields_and_names_them(field: str, value: object, error: str) -> None:
    with pytest.raises(InvalidInputError, match=error) as info:
        convene(**{field: value})
    assert info.value.field == field_path(field)


def test_a_group_joins_under_its_key() -> None:
    dialogue = saaba()
    dialogue.add_stakeholder_group("imams", StakeholderKind.RELIGIOUS_LEADERS, "Imams de Saaba")

    group = dialogue.groups["imams"]
    assert (group.key, group.kind, group.name) == ("imams", "RELIGIOUS_LEADERS", "Imams de Saaba")
    assert not group.is_provider
    assert dialogue.groups["police"].is_provider
    assert [type(e).__name__ for e in dialogue.collect_events()] == ["StakeholderGroupJoined"]


@pytest.mark.parametrize(
    "key", ["Police", "police force", "-police", "police-", "a--b", "é", "", "p" * 65, 7]
)
def test_a_group_key_that_is_not_a_slug_is_refused(key: object) -> None:
    dialogue = saaba()
    error = refused(
        dialogue,
        lambda: dialogue.add_stakeholder_group(key, StakeholderKind.WOMEN, "x"),  # type: ignore[arg-type]
        InvalidGroupKeyError,
    )
    assert error.field == ("key",)


def test_a_group_key_can_join_only_once() -> None:
    dialogue = saaba()
    refused(
        dialogue,
        lambda: dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Police"),
        GroupAlreadyJoinedError,
    )


def test_a_group_of_an_unknown_kind_is_refused() -> None:
    dialogue = saaba()
    error = refused(
        dialogue,
        lambda: dialogue.add_stakeholder_group("elders", "ELDERS", "Anciens"),  # type: ignore[arg-type]
        InvalidValueError,
    )
    assert error.field == ("kind",)


def test_a_session_records_attendance_of_groups_that_joined() -> None:
    dialogue = saaba()
    session_id = dialogue.hold_session(
        SessionKind.COMMITTEE, date(2015, 4, 1), {"police": 3, "women": 0}, summary="Première"
    )

    (session,) = dialogue.sessions
    assert session.session_id == session_id
    assert session.attendance == {"police": 3, "women": 0}
    assert (session.kind, session.held_on, session.summary) == (
        "COMMITTEE",
        date(2015, 4, 1),
        "Première",
    )


def test_a_session_may_not_name_a_group_that_did_not_join() -> None:
    dialogue = saaba()
    error = refused(
        dialogue,
        lambda: dialogue.hold_session(
            SessionKind.DIALOGUE, date(2015, 4, 1), {"police": 1, "imams": 2}
        ),
        UnknownGroupError,
    )
    assert error.field == ("attendance", "1", "group")


def test_an_attendance_count_below_zero_is_refused() -> None:
    dialogue = saaba()
    error = refused(
        dialogue,
        lambda: dialogue.hold_session(SessionKind.DIALOGUE, date(2015, 4, 1), {"police": -1}),
        OutOfRangeError,
    )
    assert error.field == ("attendance", "0", "count")


def test_a_session_before_the_convening_is_refused() -> None:
    dialogue = saaba()
    error = refused(
        dialogue,
        lambda: dialogue.hold_session(SessionKind.DIALOGUE, date(2015, 3, 1), {}),
        DateOrderError,
    )
    assert error.field == ("heldOn",)
    assert error.message == "held_on 2015-03-01 is before the dialogue was convened on 2015-03-02"


def test_the_same_session_id_cannot_be_recorded_twice() -> None:
    dialogue = saaba()
    session_id = dialogue.hold_session(SessionKind.DIALOGUE, CONVENED_ON, {})
    dialogue.collect_events()
    refused(
        dialogue,
        lambda: dialogue.hold_session(SessionKind.DIALOGUE, CONVENED_ON, {}, session_id=session_id),
        DuplicateEntryError,
    )


def test_a_trust_survey_is_recorded_per_wave_and_group() -> None:
    dialogue = saaba()
    dialogue.record_trust_survey(1, date(2015, 4, 1), "women", 40, 35)
    dialogue.record_trust_survey(2, date(2016, 4, 1), "women", 42, 61.5)

    assert [(s.wave, s.trust_score) for s in dialogue.trust_surveys] == [(1, 35.0), (2, 61.5)]
    assert isinstance(dialogue.trust_surveys[0].trust_score, float)


@pytest.mark.parametrize(
    ("wave", "surveyed_on", "group", "respondents", "score", "error", "field"),
    [
        (0, date(2015, 4, 1), "women", 10, 50, OutOfRangeError, "wave"),
        (1, date(2015, 3, 1), "women", 10, 50, DateOrderError, "surveyedOn"),
        (1, date(2015, 4, 1), "elders", 10, 50, UnknownGroupError, "group"),
        (1, date(2015, 4, 1), "women", 0, 50, OutOfRangeError, "respondents"),
        (1, date(2015, 4, 1), "women", True, 50, OutOfRangeError, "respondents"),
        (1, date(2015, 4, 1), "women", 10, 100.5, OutOfRangeError, "trustScore"),
        (1, date(2015, 4, 1), "women", 10, -1, OutOfRangeError, "trustScore"),
        (1, date(2015, 4, 1), "women", 10, float("nan"), OutOfRangeError, "trustScore"),
    ],
)
def test_a_trust_survey_with_a_bad_field_is_refused(
    wave: int,
    surveyed_on: date,
    group: str,
    respondents: int,
    score: float,
    error: type[DomainError],
    field: str,
) -> None:
    dialogue = saaba()
    refusal = refused(
        dialogue,
        lambda: dialogue.record_trust_survey(wave, surveyed_on, group, respondents, score),
        error,
    )
    assert refusal.field == (field,)


def test_a_wave_is_recorded_once_per_group() -> None:
    dialogue = saaba()
    dialogue.record_trust_survey(1, date(2015, 4, 1), "women", 40, 35)
    dialogue.collect_events()
    refused(
        dialogue,
        lambda: dialogue.record_trust_survey(1, date(2015, 5, 1), "women", 4, 3),
        DuplicateEntryError,
    )


def test_a_concluded_dialogue_keeps_its_summary_and_date() -> None:
    dialogue = saaba()
    dialogue.conclude(date(2016, 6, 30), summary="Les patrouilles mixtes continuent.")

    assert dialogue.status is DialogueStatus.CONCLUDED
    assert not dialogue.is_active
    assert (dialogue.concluded_on, dialogue.summary) == (
        date(2016, 6, 30),
        "Les patrouilles mixtes continuent.",
    )


def test_a_dialogue_cannot_conclude_before_it_was_convened() -> None:
    dialogue = saaba()
    error = refused(dialogue, lambda: dialogue.conclude(date(2015, 1, 1)), DateOrderError)
    assert error.field == ("concludedOn",)


def test_a_dialogue_cannot_conclude_before_its_last_session() -> None:
    dialogue = with_session(saaba())
    error = refused(dialogue, lambda: dialogue.conclude(date(2015, 3, 31)), DateOrderError)
    assert "its last meeting on 2015-04-01" in error.message


@pytest.mark.parametrize(
    "command",
    [
        lambda d: d.add_stakeholder_group("imams", StakeholderKind.RELIGIOUS_LEADERS, "Imams"),
        lambda d: d.hold_session(SessionKind.DIALOGUE, date(2016, 7, 1), {}),
        lambda d: d.record_trust_survey(3, date(2016, 7, 1), "women", 4, 50),
        lambda d: d.conclude(date(2016, 8, 1)),
    ],
    ids=["add_stakeholder_group", "hold_session", "record_trust_survey", "conclude"],
)
def test_a_concluded_dialogue_accepts_nothing_more(command: object) -> None:
    dialogue = saaba()
    dialogue.conclude(date(2016, 6, 30))
    dialogue.collect_events()
    error = refused(dialogue, lambda: command(dialogue), DialogueConcludedError)  # type: ignore[operator]
    assert error.message == "the dialogue concluded on 2016-06-30 and accepts nothing more"
