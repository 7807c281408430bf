"""Cursor pagination: `first`/`after`, the Relay PageInfo, and page sizes."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.relay import PageInfo

from jsd_api.graphql.errors import InputError


def page_size(first: int | None, *, default: int, maximum: int) -> int:
    """How many items to return; `first` must be between 1 and `maximum`."""
    if first is None:
        return default
    if not 1 <= first <= maximum:
        raise InputError(f"first must be between 1 and {maximum}, got {first}", ("first",))
    return first


def page_info(cursors: Sequence[str], *, has_next: bool, has_previous: bool) -> PageInfo:
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=has_previous,
        start_cursor=cursors[0] if cursors else None,
        end_cursor=cursors[-1] if cursors else None,
    )


__all__ = ["PageInfo", "page_info", "page_size"]
