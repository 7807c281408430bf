"""Executing plain fields cheaply: most of a large answer is attributes read as they are.

A history of 1,000 events, or a page of cases with their actions, is tens of
thousands of fields, and most are a scalar or enum read off an object with no
resolver of its own. graphql-core treats each like any field: it builds the
resolver's info, calls Strawberry's default resolver through two layers, then
walks the type's wrappers to find it is a leaf. For exactly those fields (a
Strawberry field without resolver, arguments, extensions or permission, of a
scalar or enum type, possibly non-null) `PlainFieldsExecutor` reads the
attribute and coerces it directly, with the same errors; every other field
goes through graphql-core untouched.
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

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Path,
        position_context: Any,
    ) -> Any:
        name = field_details_list[0].node.name.value
        field = parent_type.fields.get(name)
        plain = self.plain.get(id(field))
        manager = self.middleware_manager
        if plain is None or (manager is not None and manager.middlewares):
            return super().execute_field(
                parent_type, source, field_details_list, path, position_context
            )
        try:
            value = getattr(source, plain.attribute)
            if value is None:
                if plain.non_null:
                    message = f"Cannot return null for non-nullable field {parent_type}.{name}."
                    raise TypeError(message)
                return None
            return self.complete_leaf_value(plain.leaf, value)
        except Exception as raw_error:  # handled as graphql-core handles any field's error
            assert field is not None
            self.handle_field_error(raw_error, field.type, field_details_list, path)
            return None
