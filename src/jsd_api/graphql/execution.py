"""Executing plain fields cheaply: most of a large answer is attributes read as they are.

A history of 1,000 events, or a page of cases with their actions, is tens of
thousands of fields, and most are a scalar or enum read off an object with no
resolver of its own. graphql-core treats each like any field: it builds the
resolver's info, calls Strawberry's default resolver through two layers, then
walks the type's wrappers to find it is a leaf. For exactly those fields (a
Strawberry field without resolver, arguments, extensions or permission, of a
scalar or enum type, possibly non-null) `PlainFieldsExecutor` reads the
attribute and coerces it directly, in the loop over an object's fields, with
the same errors; every other field goes through graphql-core untouched.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from graphql import (
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    is_leaf_type,
    is_object_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

# Strawberry's resolver of a field without one of its own (schema_converter.from_resolver).
BASIC_RESOLVER = "_get_basic_result"


class Plain(NamedTuple):
    attribute: str
    leaf: GraphQLLeafType
    non_null: bool


def plain_fields(schema: GraphQLSchema) -> dict[int, Plain]:
    """Every field of the schema that is a plain attribute of a scalar or enum type, by the
    field's identity (graphql-core's fields are not hashable; the schema keeps them alive)."""
    found: dict[int, Plain] = {}
    for named in schema.type_map.values():
        if not is_object_type(named) or named.name.startswith("__"):
            continue
        assert isinstance(named, GraphQLObjectType)
        for field in named.fields.values():
            plain = _plain(field)
            if plain is not None:
                found[id(field)] = plain
    return found


def _plain(field: GraphQLField) -> Plain | None:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    resolve = field.resolve
    if (
        not isinstance(definition, StrawberryField)
        or not definition.is_basic_field
        or definition.default_resolver is not getattr
        or resolve is None
        or getattr(resolve, "__name__", "") != BASIC_RESOLVER
        or field.args
        or definition.python_name is None
    ):
        return None
    kind, non_null = field.type, False
    if isinstance(kind, GraphQLNonNull):
        kind, non_null = kind.of_type, True
    if not is_leaf_type(kind):
        return None
    assert isinstance(kind, GraphQLLeafType)
    return Plain(definition.python_name, kind, non_null)


class PlainFieldsExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with plain leaf fields read and coerced in one step."""

    # Filled by `for_schema` once the schema is built; per schema, so per subclass.
    plain: dict[int, Plain] = {}  # noqa: RUF012

    @classmethod
    def for_schema(cls, schema: GraphQLSchema) -> type[PlainFieldsExecutor]:
        """The executor class for one built schema."""
        return type("PlainFieldsExecutor", (cls,), {"plain": plain_fields(schema)})

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
        plain, fields = self.plain, parent_type.fields
        results: dict[str, Any] = {}
        others: GroupedFieldSet = {}
        for response_name, details in grouped_field_set.items():
            field = fields.get(details[0].node.name.value)
            found = plain.get(id(field))
            if found is None or field is None:
                others[response_name] = details
                results[response_name] = None  # holds its place in the answer
            else:
                results[response_name] = self._plain_value(
                    found, field, parent_type, source_value, details, path, response_name
                )
        if not others:
            return results
        rest = super().execute_fields(parent_type, source_value, path, others, position_context)
        if isinstance(rest, dict):
            return _merge(results, others, rest)

        async def merged() -> dict[str, Any]:
            return _merge(results, others, await rest)

        return merged()

    def _plain_value(
        self,
        plain: Plain,
        field: GraphQLField,
        parent_type: GraphQLObjectType,
        source: Any,
        details: FieldDetailsList,
        path: Path | None,
        response_name: str,
    ) -> Any:
        try:
            value = getattr(source, plain.attribute)
            if value is None:
                if plain.non_null:
                    name = f"{parent_type}.{details[0].node.name.value}"
                    raise TypeError(f"Cannot return null for non-nullable field {name}.")
                return None
            return self.complete_leaf_value(plain.leaf, value)
        except Exception as raw_error:  # handled as graphql-core handles any field's error
            field_path = Path(path, response_name, parent_type.name)
            self.handle_field_error(raw_error, field.type, details, field_path)
            return None


def _merge(
    results: dict[str, Any], others: GroupedFieldSet, rest: dict[str, Any]
) -> dict[str, Any]:
    for response_name in others:
        if response_name in rest:
            results[response_name] = rest[response_name]
        else:  # graphql-core leaves out a field it does not know
            del results[response_name]
    return results
