"""The field checks: texts kept exactly, numbers in range, codes for countries and languages."""

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsd_core.domain import codes
from jsd_core.domain import validation as check
from jsd_core.domain.countries import ISO_3166_ALPHA_2
from jsd_core.domain.errors import (
    EmptyTextError,
    InvalidCountryError,
    InvalidGroupKeyError,
    InvalidLanguageError,
    InvalidValueError,
    OutOfRangeError,
    TextTooLongError,
    UnstorableTextError,
    field_path,
)
from jsd_core.domain.languages import is_language_tag
from jsd_core.domain.vocabulary import PROVIDER_KINDS, StakeholderKind


def test_field_paths_are_the_camel_case_names_of_the_graphql_inputs() -> None:
    assert field_path("trust_score") == ("trustScore",)
    assert field_path("title") == ("title",)
    assert field_path("attendance", "0", "group") == ("attendance", "0", "group")


@given(st.text(min_size=1, max_size=200).filter(lambda v: v.strip() and "\x00" not in v))
def test_any_storable_text_that_says_something_is_kept_exactly_as_given(value: str) -> None:
    assert check.text("title", value, check.TITLE_LIMIT) is value


@pytest.mark.parametrize(
    "value", ["مرحبا بالجميع", "नमस्ते", "Ouagadougou — 12ᵉ arrondissement", "שלום", " x "]
)
def test_scripts_of_every_dialogue_are_kept_with_their_spaces(value: str) -> None:
    assert check.text("name", value, check.NAME_LIMIT) == value


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", EmptyTextError),
        ("\u3000\n", EmptyTextError),
        ("x" * 201, TextTooLongError),
        ("\x00", UnstorableTextError),
        ("\udfff", UnstorableTextError),
        (b"bytes", InvalidValueError),
    ],
)
def test_texts_that_cannot_be_kept_are_refused(value: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        check.text("name", value, check.NAME_LIMIT)


def test_an_optional_text_may_be_left_out_but_not_given_blank() -> None:
    assert check.optional_text("summary", None, check.TEXT_LIMIT) is None
    with pytest.raises(EmptyTextError, match="summary must not be empty"):
        check.optional_text("summary", "  ", check.TEXT_LIMIT)


@pytest.mark.parametrize("value", [0, 6, -1, True, 2.0, "3", None])
def test_a_whole_number_outside_its_range_or_not_a_whole_number_is_refused(value: object) -> None:
    with pytest.raises(OutOfRangeError, match="severity must be a whole number from 1 to 5"):
        check.whole_number("severity", value, 1, 5)


@pytest.mark.parametrize("value", [0, 100, 55, 62.5])
def test_a_score_in_range_is_stored_as_a_float(value: float) -> None:
    score = check.score("trust_score", value, 0, 100)
    assert isinstance(score, float)
    assert score == value


@pytest.mark.parametrize("value", [datetime(2015, 3, 2, 10), "2015-03-02", None])
def test_only_a_calendar_date_is_a_date(value: object) -> None:
    with pytest.raises(InvalidValueError, match="held_on must be a calendar date"):
        check.calendar_date("held_on", value)
    assert check.calendar_date("held_on", date(2015, 3, 2)) == date(2015, 3, 2)


def test_the_country_list_holds_the_249_assigned_codes() -> None:
    assert len(ISO_3166_ALPHA_2) == 249
    assert {"SN", "BF", "NG", "NP", "ML", "NE", "TN", "SS", "BQ"} <= ISO_3166_ALPHA_2
    assert not {"XK", "UK", "EU", "AN", "ZZ"} & ISO_3166_ALPHA_2


def test_a_lower_case_country_is_refused_with_a_hint() -> None:
    with pytest.raises(InvalidCountryError, match="write it in capitals: 'SN'"):
        codes.country("sn")


@pytest.mark.parametrize(
    "tag",
    [
        "fr",
        "en",
        "ne",
        "ar-TN",
        "fr-SN",
        "mos",
        "ff-Latn-BF",
        "ha-NG",
        "zh-Hant-TW",
        "es-419",
        "sl-rozaj-biske",
        "de-CH-1996",
        "en-a-bbb-x-ccc",
        "x-moore",
        "i-klingon",
        "zh-min-nan",
        "EN-gb",
    ],
)
def test_well_formed_bcp_47_tags_are_accepted(tag: str) -> None:
    assert is_language_tag(tag)


@pytest.mark.parametrize(
    "tag",
    [
        "lang",
        "français",
        "",
        "f",
        "fr_SN",
        "fr-",
        "-fr",
        "en-US-",
        "en-x",
        "abcdefghi",
        "ſr",
        "fr\n",
    ],
)
def test_tags_that_break_the_rfc_5646_grammar_are_refused(tag: str) -> None:
    assert not is_language_tag(tag)


def test_a_bad_language_tag_is_named_in_the_message() -> None:
    with pytest.raises(InvalidLanguageError, match="'lang' is not a BCP 47 language tag"):
        codes.languages(["lang"])


@pytest.mark.parametrize("key", ["police", "women-saaba", "comite_2", "a1", "p" * 64])
def test_slugs_are_group_keys(key: str) -> None:
    assert codes.group_key("key", key) == key


@pytest.mark.parametrize("key", ["Police", "a b", "a--b", "a__b", "_a", "p" * 65, "ça"])
def test_anything_else_is_not_a_group_key(key: str) -> None:
    with pytest.raises(InvalidGroupKeyError):
        codes.group_key("key", key)


def test_the_providers_are_police_gendarmerie_military_justice_and_local_government() -> None:
    assert {kind.value for kind in PROVIDER_KINDS} == {
        "POLICE",
        "GENDARMERIE",
        "MILITARY",
        "JUSTICE",
        "LOCAL_GOVERNMENT",
    }
    assert not StakeholderKind.INFORMAL_SECURITY.is_provider
