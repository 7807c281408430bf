"""Checks that an append is well formed before anything touches the database."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from jsd_core.store.errors import InvalidAppendError
from jsd_core.store.records import NewEvent

# Integers beyond 2**53 do not survive a round trip through JSON numbers
# everywhere (RFC 8785 refuses them), so the hash chain could not be recomputed.
_SAFE_NUMBER = 2**53 - 1
_EVENT_TYPE = re.compile(r"^[A-Z][A-Za-z0-9]{0,99}$")


def check_json(value: Any, path: str) -> None:
    """Refuse what JSON, PostgreSQL's jsonb or RFC 8785 could not hold exactly."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        if "\x00" in value:
            raise InvalidAppendError(f"{path} contains a NUL character, which cannot be stored")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidAppendError(
                    f"{path} holds a lone surrogate, which is not Unicode text"
                ) from None
        return
    if isinstance(value, int | float):
        if value != value or abs(value) > _SAFE_NUMBER:
            raise InvalidAppendError(f"{path} is a number outside ±2^53, which JSON cannot hold")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise InvalidAppendError(f"{path} has a key that is not a string: {key!r}")
            check_json(key, f"{path} key")
            check_json(item, f"{path}.{key}")
        return
    if isinstance(value, list | tuple):
        for index, item in enumerate(value):
            check_json(item, f"{path}[{index}]")
        return
    raise InvalidAppendError(f"{path} holds a {type(value).__name__}, which is not JSON")


def encode_json(value: dict[str, Any], path: str) -> str:
    """The JSON text stored for `value`, after checking it can be hashed canonically."""
    check_json(value, path)
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def check_append(
    stream_type: str,
    stream_types: frozenset[str],
    expected_version: int,
    events: Sequence[NewEvent],
) -> None:
    if stream_type not in stream_types:
        known = ", ".join(sorted(stream_types))
        raise InvalidAppendError(f"unknown stream type '{stream_type}' (known: {known})")
    if isinstance(expected_version, bool) or not isinstance(expected_version, int):
        raise InvalidAppendError("expected_version must be an integer")
    if expected_version < 0:
        raise InvalidAppendError(f"expected_version must be 0 or more, got {expected_version}")
    if not events:
        raise InvalidAppendError("an append needs at least one event")
    for event in events:
        if not _EVENT_TYPE.match(event.type):
            raise InvalidAppendError(f"'{event.type[:100]}' is not an event type name")
        if not isinstance(event.data, dict):
            raise InvalidAppendError(f"the data of {event.type} must be a JSON object")
        if event.schema_version < 1:
            raise InvalidAppendError(f"the schema version of {event.type} must be 1 or more")
