"""Plain answers: a field made only of attributes, read and coerced in one pass.

A `Step` says how to answer one field: read its attribute, then coerce a leaf,
answer an object's own plain fields, or, for a union or interface, those of the
object type the value's class is; a list does the same for each item.
`__typename` is a step too. `step_value` refuses (raises) at the first thing it
does not handle the way graphql-core would, for the executor to hand the field
back to graphql-core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any, NamedTuple

from graphql import (
    GraphQLAbstractType,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
    is_abstract_type,
    is_leaf_type,
    is_object_type,
)


class Kind(Enum):
    LEAF = "leaf"
    OBJECT = "object"
    VARIANT = "variant"  # a union's or an interface's value
    TYPENAME = "typename"


class Step(NamedTuple):
    attribute: str
    kind: Kind
    non_null: bool
    listed: bool
    items_non_null: bool
    leaf: GraphQLLeafType | None = None
    fields: Mapping[str, Step] | None = None  # an object's selection, by response name
    variants: Mapping[type, Mapping[str, Step]] | None = None  # the selection by class
    typename: str = ""
    exact: type | None = None  # an object answered only for values of exactly this class


class RefusedError(Exception):
    """A value the plain path does not answer itself; graphql-core will."""


# The selection of an object type as plain steps, or None if any of it is not plain;
# and each possible type's selection, by the Python class of its values.
Selection = Callable[[GraphQLObjectType], "Mapping[str, Step] | None"]
Variants = Callable[[GraphQLAbstractType], "Mapping[type, Mapping[str, Step]] | None"]
# The class an object type's values must be exactly (None: any value).
ExactClass = Callable[[GraphQLObjectType], "type | None"]


def typename_step(object_type: GraphQLObjectType) -> Step:
    return Step("", Kind.TYPENAME, True, False, False, typename=object_type.name)


def plain_step(
    attribute: str,
    kind: GraphQLOutputType,
    selection: Selection,
    variants: Variants,
    exact_class: ExactClass,
) -> Step | None:
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

    def step(kind: Kind, **parts: Any) -> Step:
        return Step(attribute, kind, non_null, listed, items_non_null, **parts)

    if is_leaf_type(kind):
        assert isinstance(kind, GraphQLLeafType)
        return step(Kind.LEAF, leaf=kind)
    if is_object_type(kind):
        assert isinstance(kind, GraphQLObjectType)
        fields = selection(kind)
        if fields is None:
            return None
        return step(Kind.OBJECT, fields=fields, exact=exact_class(kind))
    if is_abstract_type(kind):
        assert isinstance(kind, GraphQLAbstractType)
        by_class = variants(kind)
        if by_class is None:
            return None
        return step(Kind.VARIANT, variants=by_class)
    return None  # lists of lists: graphql-core's


def step_value(step: Step, source: Any) -> Any:
    """The answer to the field on `source`; RefusedError (or the error itself) if it
    cannot be given plainly."""
    if step.kind is Kind.TYPENAME:
        return step.typename
    return value_of(step, getattr(source, step.attribute))


def value_of(step: Step, value: Any) -> Any:
    """The answer to a field of `step`'s shape whose resolved value is `value`."""
    if value is None:
        if step.non_null:
            raise RefusedError(step.attribute)
        return None
    if not step.listed:
        return _complete(step, value)
    if not isinstance(value, list | tuple):
        raise RefusedError(step.attribute)  # graphql-core decides what else is a list
    items: list[Any] = []
    for item in value:
        if item is None:
            if step.items_non_null:
                raise RefusedError(step.attribute)
            items.append(None)
        else:
            items.append(_complete(step, item))
    return items


def _complete(step: Step, value: Any) -> Any:
    if step.kind is Kind.LEAF:
        assert step.leaf is not None
        coerced = step.leaf.coerce_output_value(value)
        if coerced is None or coerced is Undefined:
            raise RefusedError(step.leaf.name)
        return coerced
    if step.kind is Kind.OBJECT:
        if step.exact is not None and type(value) is not step.exact:
            raise RefusedError(step.attribute)  # graphql-core checks what else it is
        fields = step.fields
    else:
        assert step.variants is not None
        fields = step.variants.get(type(value))  # exactly a possible type's class
        if fields is None:
            raise RefusedError(step.attribute)
    assert fields is not None
    return {name: step_value(field, value) for name, field in fields.items()}
