"""Cursor pagination: opaque cursors over a list's sort key (a moment or day, then an id)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

from jsd_core.domain.errors import InvalidInputError
from jsd_core.projections.rows import Page

T = TypeVar("T")
SortKey = tuple[date, UUID]  # a datetime is a date too
MAX_FIRST = 1000


def check_first(first: int) -> int:
    if isinstance(first, bool) or not isinstance(first, int) or not 0 <= first <= MAX_FIRST:
        raise InvalidInputError(f"first must be between 0 and {MAX_FIRST}, got {first}", ("first",))
    return first


def encode_cursor(key: SortKey) -> str:
    text = f"{key[0].isoformat()}|{key[1]}"
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, moment: type[date]) -> SortKey:
    """The sort key a cursor of this list holds; `moment` is `datetime` or `date`."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        first, second = text.split("|")
        value = datetime.fromisoformat(first) if moment is datetime else date.fromisoformat(first)
        return value, UUID(second)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise InvalidInputError(
            f"'{cursor[:60]}' is not a cursor of this list", ("after",)
        ) from None


def page(
    items: Sequence[T],
    key: Callable[[T], SortKey],
    *,
    first: int,
    total_count: int,
    after: str | None,
) -> Page[T]:
    """A page from up to first + 1 items: the extra one only says that more follow."""
    shown = list(items[:first])
    return Page(
        items=shown,
        cursors=[encode_cursor(key(item)) for item in shown],
        total_count=total_count,
        has_next_page=len(items) > first,
        has_previous_page=after is not None,
    )
