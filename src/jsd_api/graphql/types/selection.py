"""What an operation selects below a field: a list reads what its items will need at once."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import SelectedField, Selection

from jsd_api.graphql.context import Info


def selected(info: Info, *path: str) -> frozenset[str]:
    """The names of the fields selected at `path` below the field being resolved, through
    fragments; a field under @skip or @include counts too (reading it is only work)."""
    level = _fields(info.selected_fields)
    level = _below(level)
    for name in path:
        level = _below(field for field in level if field.name == name)
    return frozenset(field.name for field in level)


def _below(fields: Iterable[SelectedField]) -> list[SelectedField]:
    return _fields(child for field in fields for child in field.selections)


def _fields(selections: Iterable[Selection]) -> list[SelectedField]:
    found: list[SelectedField] = []
    for selection in selections:
        if isinstance(selection, SelectedField):
            found.append(selection)
        else:  # a fragment spread or an inline fragment: its own fields
            found.extend(_fields(selection.selections))
    return found
