"""Executing plain fields cheaply: most of a large answer is attributes read as they are.

A history of 1,000 events, or a page of cases with their actions, is tens of
thousands of fields, and most are read straight off an object: a Strawberry
field without resolver, arguments, extensions or permission. graphql-core
treats each like any field: it builds the resolver's info, calls Strawberry's
default resolver through two layers, walks the type's wrappers, and for an
object collects and executes its selection again, item after item.

`PlainFieldsExecutor` answers such a field itself when everything selected
under it is plain too (scalars, enums, `__typename`, and objects, unions or
lists of them made only of such fields; a union's value is answered as the
type its class is): it reads the attributes and coerces the leaves in one
pass. If anything is off (a null where the schema says non-null, a value that
does not coerce) it drops what it did and lets graphql-core answer that
field, which reports the error exactly as it always does. Reading an
attribute twice changes nothing, so the retry is safe. Every other field
(resolvers, arguments, values of a class no type has) goes through
graphql-core untouched.

A field with a resolver may be answered the same way where its object already
carries the value (`at_hand`): a page of cases reads every case's dialogue and
actions at once, so each case carries them, and the page is answered in one
pass. An object that does not carry the value leaves the field to its resolver.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLAbstractType,
    GraphQLField,
    GraphQLList,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLSchema,
    is_non_null_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from jsd_api.graphql.plain import Step, plain_step, typename_step

# Strawberry's resolver of a field without one of its own (schema_converter.from_resolver).
BASIC_RESOLVER = "_get_basic_result"
AT_HAND = "jsd_at_hand"


def plain_attributes(schema: GraphQLSchema) -> dict[int, str]:
    """The attribute each plain field reads, by the field's identity (graphql-core's
    fields are not hashable; the schema keeps them alive): a field without a resolver
    of its own reads its own; a field marked `at_hand` reads the attribute it names."""
    found: dict[int, str] = {}
    for named in schema.type_map.values():
        if not is_object_type(named) or named.name.startswith("__"):
            continue
        assert isinstance(named, GraphQLObjectType)
        for field in named.fields.values():
            attribute = _attribute(field)
            if attribute is not None:
                found[id(field)] = attribute
    return found


def at_hand(attribute: str) -> dict[str, str]:
    """The metadata of a non-null field with a resolver whose value an object may carry
    already, in `attribute` (None when it does not: the resolver answers then). A list
    that reads what its items need at once answers their fields plainly this way."""
    return {AT_HAND: attribute}


def _attribute(field: GraphQLField) -> str | None:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(definition, StrawberryField) or field.args:
        return None
    metadata: Mapping[Any, Any] = definition.metadata or {}
    carried = metadata.get(AT_HAND)
    if carried is not None:
        # None in the attribute is refused for a non-null field: the resolver answers.
        plain = not definition.extensions and not definition.permission_classes
        return str(carried) if plain and is_non_null_type(field.type) else None
    resolve = field.resolve
    if (
        not definition.is_basic_field
        or definition.default_resolver is not getattr
        or resolve is None
        or getattr(resolve, "__name__", "") != BASIC_RESOLVER
    ):
        return None
    return definition.python_name


class PlainFieldsExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, answering plain fields (and plain subtrees) in one pass."""

    # Filled by `for_schema` once the schema is built; per schema, so per subclass.
    attributes: dict[int, str] = {}  # noqa: RUF012

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each selection's step, by the selection's identity; the selection is kept
        # alive with it (as graphql-core's own memo does), so its id is never reused.
        self._steps: dict[int, tuple[FieldDetailsList, Step | None]] = {}
        self._lists: dict[int, tuple[FieldDetailsList, Step | None]] = {}

    @classmethod
    def for_schema(cls, schema: GraphQLSchema) -> type[PlainFieldsExecutor]:
        """The executor class for one built schema."""
        return type("PlainFieldsExecutor", (cls,), {"attributes": plain_attributes(schema)})

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> Any:
        """The object's plain fields here, the others (if any) by graphql-core; the
        answer keeps the order of the selection."""
        manager = self.middleware_manager
        if manager is not None and manager.middlewares:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        others: GroupedFieldSet = {}
        for response_name, details in grouped_field_set.items():
            step = self._step(parent_type, response_name, details)
            if step is not None:
                # Nothing is hidden: on any error graphql-core answers the field again
                # below and reports what went wrong exactly as it reports any field's.
                with contextlib.suppress(Exception):
                    results[response_name] = step.answer(source_value)
                    continue
            others[response_name] = details
            results[response_name] = None  # holds its place in the answer
        if not others:
            return results
        rest = super().execute_fields(parent_type, source_value, path, others, position_context)
        if isinstance(rest, dict):
            return _merge(results, others, rest)

        async def merged() -> dict[str, Any]:
            return _merge(results, others, await rest)

        return merged()

    def _step(
        self, parent_type: GraphQLObjectType, response_name: str, details: FieldDetailsList
    ) -> Step | None:
        """How to answer the field plainly (None: it is not plain), worked out once per
        selection of this operation: a list's items all share their selection."""
        known = self._steps.get(id(details))
        if known is None:
            node = details[0].node
            field = parent_type.fields.get(node.name.value)
            step: Step | None = None
            if not node.directives:  # under @stream and the like, it is graphql-core's
                if node.name.value == "__typename":
                    step = typename_step(parent_type)
                elif field is not None and id(field) in self.attributes:
                    step = self._plain_step(self.attributes[id(field)], field.type, details)
            known = self._steps[id(details)] = (details, step)
        return known[1]

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        """A list a resolver returned, of plain items: answered in one pass too."""
        known = self._lists.get(id(field_details_list))
        if known is None:
            step = None
            if not field_details_list[0].node.directives:
                step = self._plain_step("", return_type, field_details_list)
            known = self._lists[id(field_details_list)] = (field_details_list, step)
        step = known[1]
        if step is not None and isinstance(result, list | tuple):
            # On any error graphql-core answers it below, and reports what went wrong.
            with contextlib.suppress(Exception):
                return step.complete(result)
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _plain_step(
        self, attribute: str, kind: GraphQLOutputType, details: FieldDetailsList
    ) -> Step | None:
        def selection(object_type: GraphQLObjectType) -> dict[str, Step] | None:
            grouped, defer_usages, _ = self.collect_subfields(object_type, details)
            if defer_usages:
                return None
            steps: dict[str, Step] = {}
            for name, sub_details in grouped.items():
                step = self._step(object_type, name, sub_details)
                if step is None:
                    return None
                steps[name] = step
            return steps

        def object_selection(object_type: GraphQLObjectType) -> dict[str, Step] | None:
            if object_type.is_type_of is not None and _origin(object_type) is None:
                return None  # an interface's member: graphql-core checks what it is given
            return selection(object_type)

        def exact_class(object_type: GraphQLObjectType) -> type | None:
            # An interface's member is answered for values of exactly its class, which
            # Strawberry's is_type_of accepts too; graphql-core checks any other.
            return _origin(object_type) if object_type.is_type_of is not None else None

        def variants(abstract: GraphQLAbstractType) -> dict[type, Mapping[str, Step]] | None:
            # A value is answered as the possible type its class is exactly; graphql-core
            # (and Strawberry's type resolution) would pick that very type.
            by_class: dict[type, Mapping[str, Step]] = {}
            for object_type in self.schema.get_possible_types(abstract):
                origin = _origin(object_type)
                steps = selection(object_type)
                if origin is None or steps is None:
                    return None
                by_class[origin] = steps
            return by_class

        return plain_step(attribute, kind, object_selection, variants, exact_class)


def _origin(object_type: GraphQLObjectType) -> type | None:
    """The class of the Strawberry type behind an object type."""
    definition = (object_type.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    origin = getattr(definition, "origin", None)
    return origin if isinstance(origin, type) else None


def _merge(
    results: dict[str, Any], others: GroupedFieldSet, rest: dict[str, Any]
) -> dict[str, Any]:
    for response_name in others:
        if response_name in rest:
            results[response_name] = rest[response_name]
        else:  # graphql-core leaves out a field it does not know
            del results[response_name]
    return results
