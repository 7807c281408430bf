"""The contract's scalars: DateTime, Date and JSON.

A value that does not parse is refused with a GraphQLError, which the error
policy passes on as it is (a bug would be any other exception).

DateTime is written with `format_timestamp`, the one string form of an event's
time, so `recordedAt` reads exactly as the hash chain hashed it.
"""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from graphql import GraphQLError
from strawberry.types.scalar import ScalarDefinition

from jsd_core.store.hashing import format_timestamp


def parse_datetime(value: object) -> datetime:
    """An ISO 8601 moment with its offset; a time without one is ambiguous, so refused."""
    if not isinstance(value, str):
        raise GraphQLError("a DateTime is an ISO 8601 string, e.g. 2026-11-27T10:15:00+00:00")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise GraphQLError(f"'{value[:40]}' is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise GraphQLError(f"'{value[:40]}' has no offset; add one, e.g. +00:00")
    return moment


def parse_date(value: object) -> date:
    """An ISO 8601 calendar date such as 2026-11-27."""
    if not isinstance(value, str):
        raise GraphQLError("a Date is an ISO 8601 string, e.g. 2026-11-27")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise GraphQLError(f"'{value[:40]}' is not an ISO 8601 calendar date") from None


def serialize_date(value: date) -> str:
    return value.isoformat()


SCALARS: dict[object, ScalarDefinition] = {
    datetime: strawberry.scalar(
        name="DateTime",
        description="ISO 8601 with offset, e.g. 2026-11-27T10:15:00.000000+00:00",
        serialize=format_timestamp,
        parse_value=parse_datetime,
    ),
    date: strawberry.scalar(
        name="Date",
        description="ISO 8601 calendar date, e.g. 2026-11-27",
        serialize=serialize_date,
        parse_value=parse_date,
    ),
}
