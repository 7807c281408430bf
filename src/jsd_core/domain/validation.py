"""Checks of single input fields: each returns the value to store or raises an error naming it.

Texts are stored exactly as given (any script, right-to-left too): a check never
strips, folds or normalises them. Limits count characters (code points).
"""

import math
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from jsd_core.domain.errors import (
    DateOrderError,
    EmptyTextError,
    InvalidValueError,
    OutOfRangeError,
    TextTooLongError,
    UnstorableTextError,
    field_path,
)

TITLE_LIMIT = 200
DESCRIPTION_LIMIT = 10_000
TEXT_LIMIT = 5_000
NAME_LIMIT = 200
# Counts and waves stay far below GraphQL's 32-bit Int.
COUNT_LIMIT = 1_000_000
WAVE_LIMIT = 1_000

E = TypeVar("E", bound=StrEnum)


def text(name: str, value: object, limit: int, field: tuple[str, ...] | None = None) -> str:
    """A text that must say something, within `limit` characters and storable as JSON."""
    where = field or field_path(name)
    if not isinstance(value, str):
        raise InvalidValueError(f"{name} must be text", where)
    if not value.strip():
        raise EmptyTextError(f"{name} must not be empty", where)
    if len(value) > limit:
        raise TextTooLongError(
            f"{name} is {len(value)} characters long; the limit is {limit}", where
        )
    # PostgreSQL's jsonb refuses NUL, and UTF-8 cannot carry an unpaired surrogate.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UnstorableTextError(f"{name} holds an unpaired surrogate character", where) from None
    if "\x00" in value:
        raise UnstorableTextError(f"{name} holds a NUL character", where)
    return value


def optional_text(name: str, value: object, limit: int) -> str | None:
    """None, or a text that says something: an empty optional text is left out, not stored."""
    return None if value is None else text(name, value, limit)


def whole_number(
    name: str, value: object, low: int, high: int, field: tuple[str, ...] | None = None
) -> int:
    """A whole number from `low` to `high`; True and False are not numbers here."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise OutOfRangeError(
            f"{name} must be a whole number from {low} to {high}, got {value!r}",
            field or field_path(name),
        )
    return value


def optional_whole_number(name: str, value: object, low: int, high: int) -> int | None:
    """None, or a whole number from `low` to `high`."""
    return None if value is None else whole_number(name, value, low, high)


def score(name: str, value: object, low: float, high: float) -> float:
    """A finite number from `low` to `high`, stored as a float so it reads back the same."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise OutOfRangeError(
            f"{name} must be a number from {low:g} to {high:g}, got {value!r}", field_path(name)
        )
    return float(value)


def calendar_date(name: str, value: object) -> date:
    """A calendar date; a datetime is refused because its time would be silently lost."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidValueError(
            f"{name} must be a calendar date such as 2026-11-27, got {value!r}", field_path(name)
        )
    return value


def not_before(name: str, value: date, earliest: date, what: str) -> date:
    """`value`, unless it comes before `earliest`, the date of `what` (e.g. 'the convening')."""
    if value < earliest:
        raise DateOrderError(
            f"{name} {value.isoformat()} is before {what} on {earliest.isoformat()}",
            field_path(name),
        )
    return value


def member(kind: type[E], name: str, value: object) -> E:
    """The enum member whose value is `value`, e.g. StakeholderKind 'POLICE'."""
    if isinstance(value, str) and value in set(kind):
        return kind(value)
    allowed = ", ".join(kind)
    raise InvalidValueError(f"{name} must be one of {allowed}, got {value!r}", field_path(name))


def identifier(name: str, value: object) -> UUID:
    """A UUID."""
    if not isinstance(value, UUID):
        raise InvalidValueError(f"{name} must be an id (a UUID), got {value!r}", field_path(name))
    return value
