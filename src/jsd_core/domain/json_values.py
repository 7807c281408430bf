"""The JSON form of event field values, so an auditor can read the data with plain SQL.

Dates are "YYYY-MM-DD", ids lower-case hyphenated UUIDs, enums their values,
tuples lists; None, text and numbers stay as they are.
"""

import functools
import types
import typing
from collections.abc import Callable
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


@functools.cache
def converter(hint: Any) -> Callable[[Any], Any]:
    """The function that turns the JSON form of a value of type `hint` (e.g. `date | None`)
    back into the value; worked out once per hint, as a replay converts the same few field
    types thousands of times. It raises TypeError or ValueError for a value that does not fit."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (inner,) = (arg for arg in args if arg is not types.NoneType)
        convert = converter(inner)
        if types.NoneType not in args:
            return convert
        return lambda value: None if value is None else convert(value)
    if origin is tuple:
        item = converter(args[0])
        return lambda value: tuple(item(each) for each in value)
    if origin is dict:
        entry = converter(args[1])
        return lambda value: {key: entry(each) for key, each in dict(value).items()}
    if hint is date:
        return date.fromisoformat
    if hint is UUID:
        return UUID
    if hint is float:
        return float
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    if isinstance(hint, type):
        return functools.partial(_checked, hint)
    return _unchanged


def _checked(hint: type, value: Any) -> Any:
    if not isinstance(value, hint):
        raise TypeError(f"expected {hint.__name__}")
    return value


def _unchanged(value: Any) -> Any:
    return value
