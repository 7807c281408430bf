"""Plain answers: a field made only of attributes, read and coerced in one pass.

A `Step` says how to answer one field: read its attribute, then coerce a leaf,
answer an object's own plain fields, or, for a union or interface, those of the
object type the value's class is; a list does the same for each item.
`__typename` is a step too. Each step is built once per selection as a few
closures that do just that, with nothing left to decide per value but what
the value is: a large answer (a history of 1,000 events is some 20,000
fields) spends its time reading and coercing, not choosing how to. A step
refuses (raises) at the first thing it does not handle the way graphql-core
would, for the executor to hand the field back to graphql-core.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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

# An answer from what it is given: the source object of a field, or its value.
Answer = Callable[[Any], Any]


class Step(NamedTuple):
    answer: Answer  # the field's answer on its source object (reads the attribute)
    complete: Answer  # the field's answer for its value, as a resolver returned it


class RefusedError(Exception):
    """A value the plain path does not answer itself; graphql-core will."""


# The selection of an object type as plain steps, or None if any of it is not plain;
# and each possible type's selection, by the Python class of its values.
Selection = Callable[[GraphQLObjectType], "Mapping[str, Step] | None"]
Variants = Callable[[GraphQLAbstractType], "Mapping[type, Mapping[str, Step]] | None"]
# The class an object type's values must be exactly (None: any value).
ExactClass = Callable[[GraphQLObjectType], "type | None"]


def typename_step(object_type: GraphQLObjectType) -> Step:
    name = object_type.name

    def typename(_: Any) -> str:
        return name

    return Step(typename, typename)


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
    one = _one(attribute, kind, selection, variants, exact_class)
    if one is None:
        return None
    complete = _listed(attribute, one, items_non_null) if listed else one

    # `completed` of the attribute's value, written out: one call less per field.
    def answer(source: Any) -> Any:
        value = getattr(source, attribute)
        if value is None:
            if non_null:
                raise RefusedError(attribute)
            return None
        return complete(value)

    def completed(value: Any) -> Any:
        if value is None:
            if non_null:
                raise RefusedError(attribute)
            return None
        return complete(value)

    return Step(answer, completed)


def _one(
    attribute: str,
    kind: GraphQLOutputType,
    selection: Selection,
    variants: Variants,
    exact_class: ExactClass,
) -> Answer | None:
    """The answer for one value (not null, not a list) of the named type `kind`."""
    if is_leaf_type(kind):
        assert isinstance(kind, GraphQLLeafType)
        return _leaf(kind)
    if is_object_type(kind):
        assert isinstance(kind, GraphQLObjectType)
        fields = selection(kind)
        if fields is None:
            return None
        return _object(attribute, _answers(fields), exact_class(kind))
    if is_abstract_type(kind):
        assert isinstance(kind, GraphQLAbstractType)
        by_class = variants(kind)
        if by_class is None:
            return None
        return _variant(attribute, {origin: _answers(f) for origin, f in by_class.items()})
    return None  # lists of lists: graphql-core's


def _answers(fields: Mapping[str, Step]) -> tuple[tuple[str, Answer], ...]:
    return tuple((name, step.answer) for name, step in fields.items())


def _leaf(leaf: GraphQLLeafType) -> Answer:
    coerce, name = leaf.coerce_output_value, leaf.name

    def one(value: Any) -> Any:
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise RefusedError(name)
        return coerced

    return one


def _object(attribute: str, answers: tuple[tuple[str, Answer], ...], exact: type | None) -> Answer:
    def one(value: Any) -> dict[str, Any]:
        if exact is not None and type(value) is not exact:
            raise RefusedError(attribute)  # graphql-core checks what else it is
        return {name: answer(value) for name, answer in answers}

    return one


def _variant(attribute: str, by_class: dict[type, tuple[tuple[str, Answer], ...]]) -> Answer:
    def one(value: Any) -> dict[str, Any]:
        answers = by_class.get(type(value))  # exactly a possible type's class
        if answers is None:
            raise RefusedError(attribute)
        return {name: answer(value) for name, answer in answers}

    return one


def _listed(attribute: str, one: Answer, items_non_null: bool) -> Answer:
    def items(value: Any) -> list[Any]:
        if not isinstance(value, list | tuple):
            raise RefusedError(attribute)  # graphql-core decides what else is a list
        answered: list[Any] = []
        for item in value:
            if item is None:
                if items_non_null:
                    raise RefusedError(attribute)
                answered.append(None)
            else:
                answered.append(one(item))
        return answered

    return items
