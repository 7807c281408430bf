"""The JSON form of event field values, so an auditor can read the data with plain SQL.

Dates are "YYYY-MM-DD", ids lower-case hyphenated UUIDs, enums their values,
tuples lists; None, text and numbers stay as they are.
"""

import types
import typing
from datetime import date, datetime
from enum import Enum
from typing import Any
from uuid import UUID


def to_json(value: Any) -> Any:
    """The JSON form of an event field's value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"{value!r} has no JSON form")


def from_json(hint: Any, value: Any) -> Any:
    """The value of type `hint` (e.g. `date | None`) whose JSON form is `value`."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None and types.NoneType in args:
            return None
        (inner,) = (arg for arg in args if arg is not types.NoneType)
        return from_json(inner, value)
    if origin is tuple:
        return tuple(from_json(args[0], item) for item in value)
    if origin is dict:
        return {key: from_json(args[1], item) for key, item in dict(value).items()}
    if hint is date:
        return date.fromisoformat(value)
    if hint is UUID:
        return UUID(value)
    if hint is float:
        return float(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and not isinstance(value, hint):
        raise TypeError(f"expected {hint.__name__}")
    return value
