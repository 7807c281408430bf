"""Plain answers: a field made only of attributes, read and coerced in one pass.

A `Step` says how to answer one field: read its attribute, then coerce a leaf,
each item of a list of leaves, or answer an object's (or each listed object's)
own plain fields. `step_value` refuses (raises) at the first thing it does not
handle the way graphql-core would, for the executor to hand the field back.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, NamedTuple

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_leaf_type,
    is_object_type,
)


class Kind(Enum):
    LEAF = "leaf"
    LEAVES = "leaves"
    OBJECT = "object"
    OBJECTS = "objects"


class Step(NamedTuple):
    attribute: str
    kind: Kind
    non_null: bool
    items_non_null: bool
    leaf: GraphQLLeafType | None
    fields: dict[str, Step] | None  # an object's selection, by response name


class RefusedError(Exception):
    """A value the plain path does not answer itself; graphql-core will."""


# The selection of an object type as plain steps, or None if any of it is not plain.
Selection = Callable[[GraphQLObjectType], "dict[str, Step] | None"]


def plain_step(attribute: str, kind: GraphQLOutputType, selection: Selection) -> Step | None:
    """How to answer a field reading `attribute`, of type `kind`; None if it is not plain."""
    non_null = isinstance(kind, GraphQLNonNull)
    if isinstance(kind, GraphQLNonNull):
        kind = kind.of_type
    listed, items_non_null = isinstance(kind, GraphQLList), False
    if isinstance(kind, GraphQLList):
        kind = kind.of_type
        items_non_null = isinstance(kind, GraphQLNonNull)
        if isinstance(kind, GraphQLNonNull):
            kind = kind.of_type
    if is_leaf_type(kind):
        assert isinstance(kind, GraphQLLeafType)
        shape = Kind.LEAVES if listed else Kind.LEAF
        return Step(attribute, shape, non_null, items_non_null, kind, None)
    if is_object_type(kind):
        assert isinstance(kind, GraphQLObjectType)
        fields = selection(kind)
        if fields is None:
            return None
        shape = Kind.OBJECTS if listed else Kind.OBJECT
        return Step(attribute, shape, non_null, items_non_null, None, fields)
    return None  # lists of lists, interfaces and unions: graphql-core's


def step_value(step: Step, source: Any) -> Any:
    """The answer to the field on `source`; RefusedError (or the error itself) if it
    cannot be given plainly."""
    value = getattr(source, step.attribute)
    if value is None:
        if step.non_null:
            raise RefusedError(step.attribute)
        return None
    kind = step.kind
    if kind is Kind.LEAF:
        return _coerce(step.leaf, value)
    if kind is Kind.OBJECT:
        return _object(step.fields, value)
    if not isinstance(value, list | tuple):
        raise RefusedError(step.attribute)  # graphql-core decides what else is a list
    items: list[Any] = []
    for item in value:
        if item is None:
            if step.items_non_null:
                raise RefusedError(step.attribute)
            items.append(None)
        elif kind is Kind.LEAVES:
            items.append(_coerce(step.leaf, item))
        else:
            items.append(_object(step.fields, item))
    return items


def _object(fields: dict[str, Step] | None, value: Any) -> dict[str, Any]:
    assert fields is not None
    return {name: step_value(step, value) for name, step in fields.items()}


def _coerce(leaf: GraphQLLeafType | None, value: Any) -> Any:
    assert leaf is not None
    coerced = leaf.coerce_output_value(value)
    if coerced is None or coerced is Undefined:
        raise RefusedError(leaf.name)
    return coerced
