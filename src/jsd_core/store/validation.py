"""Checks that an append is well formed before anything touches the database."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from jsd_core.store.errors import InvalidAppendError
from jsd_core.store.hashing import canonical_text
from jsd_core.store.records import NewEvent

# Integers beyond 2**53 do not survive a round trip through JSON numbers
# everywhere (RFC 8785 refuses them), so the hash chain could not be recomputed.
_SAFE_NUMBER = 2**53 - 1
_EVENT_TYPE = re.compile(r"^[A-Z][A-Za-z0-9]{0,99}$")


def _check_text(text: str, path: str) -> None:
    if "\x00" in text:
        raise InvalidAppendError(f"{path} contains a NUL character, which cannot be stored")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidAppendError(
                f"{path} holds a lone surrogate, which is not Unicode text"
            ) from None


def check_json(value: Any, path: str) -> bool:
    """Refuse what JSON, PostgreSQL's jsonb or RFC 8785 could not hold exactly.

    Returns whether the value is plain (no floats, ASCII keys), which lets its
    canonical form be produced by the fast path of `hashing.canonical_text`.
    Dispatches on exact types: every append walks its data once.
    """
    kind = type(value)
    if kind is str:
        _check_text(value, path)
        return True
    if kind is dict:
        plain = True
        for key, item in value.items():
            if type(key) is not str:
                raise InvalidAppendError(f"{path} has a key that is not a string: {key!r}")
            _check_text(key, f"{path} key")
            plain = check_json(item, f"{path}.{key}") and key.isascii() and plain
        return plain
    if value is None or kind is bool:
        return True
    if kind is int or kind is float:
        if value != value or abs(value) > _SAFE_NUMBER:
            raise InvalidAppendError(f"{path} is a number outside ±2^53, which JSON cannot hold")
        return kind is int
    if kind is list or kind is tuple:
        plain = True
        for index, item in enumerate(value):
            plain = check_json(item, f"{path}[{index}]") and plain
        return plain
    bases: tuple[type[Any], ...] = (str, int, float, dict, list, tuple)
    for base in bases:
        if isinstance(value, base):  # a subclass (a StrEnum member, say): as its base
            return check_json(base(value), path)
    raise InvalidAppendError(f"{path} holds a {kind.__name__}, which is not JSON")


def encode_json(value: dict[str, Any], path: str) -> str:
    """The canonical (RFC 8785) JSON text of `value`, stored as is and hashed as is."""
    return canonical_text(value, plain=check_json(value, path))


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
