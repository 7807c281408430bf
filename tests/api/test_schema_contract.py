"""The schema keeps every name of the contract, and schema.graphql is the schema of the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLType,
    GraphQLUnionType,
    build_schema,
)

from jsd_api.graphql import schema_sdl

ROOT = Path(__file__).resolve().parents[2]
# A verbatim copy of shared/design/contract.graphql, the contract clients are written against.
CONTRACT = Path(__file__).with_name("contract.graphql")


def named(kind: GraphQLType) -> str:
    return str(kind)


def output_fits(ours: GraphQLType, theirs: GraphQLType) -> bool:
    """A field may promise more than the contract (non-null where it allows null), never less."""
    if isinstance(theirs, GraphQLNonNull):
        return isinstance(ours, GraphQLNonNull) and output_fits(ours.of_type, theirs.of_type)
    if isinstance(ours, GraphQLNonNull):
        return output_fits(ours.of_type, theirs)
    if isinstance(theirs, GraphQLList):
        return isinstance(ours, GraphQLList) and output_fits(ours.of_type, theirs.of_type)
    return isinstance(ours, GraphQLNamedType) and ours.name == named(theirs)


def input_fits(ours: GraphQLType, theirs: GraphQLType) -> bool:
    """An argument or input field may accept more than the contract (null too), never less."""
    if isinstance(ours, GraphQLNonNull):
        return isinstance(theirs, GraphQLNonNull) and input_fits(ours.of_type, theirs.of_type)
    if isinstance(theirs, GraphQLNonNull):
        return input_fits(ours, theirs.of_type)
    if isinstance(theirs, GraphQLList):
        return isinstance(ours, GraphQLList) and input_fits(ours.of_type, theirs.of_type)
    return isinstance(ours, GraphQLNamedType) and ours.name == named(theirs)


def differences(ours: GraphQLSchema, contract: GraphQLSchema) -> list[str]:
    """Every way `ours` breaks the contract; [] when a client of the contract works with it."""
    found: list[str] = []
    for name, theirs in contract.type_map.items():
        if name.startswith("__"):
            continue
        mine = ours.type_map.get(name)
        if mine is None or type(mine) is not type(theirs):
            found.append(f"type {name} is missing or of another kind")
            continue
        if isinstance(theirs, GraphQLObjectType | GraphQLInterfaceType):
            assert isinstance(mine, GraphQLObjectType | GraphQLInterfaceType)
            implemented = {i.name for i in mine.interfaces}
            found += [
                f"{name} does not implement {i.name}"
                for i in theirs.interfaces
                if i.name not in implemented
            ]
            for field_name, field in theirs.fields.items():
                own = mine.fields.get(field_name)
                if own is None or not output_fits(own.type, field.type):
                    found.append(f"{name}.{field_name}: {field.type} is missing or changed")
                    continue
                for arg_name, arg in field.args.items():
                    own_arg = own.args.get(arg_name)
                    if own_arg is None or not input_fits(own_arg.type, arg.type):
                        found.append(f"{name}.{field_name}({arg_name}:) is missing or changed")
                found += [
                    f"{name}.{field_name}({extra}:) is a new required argument"
                    for extra, own_arg in own.args.items()
                    if extra not in field.args and isinstance(own_arg.type, GraphQLNonNull)
                ]
        elif isinstance(theirs, GraphQLInputObjectType):
            assert isinstance(mine, GraphQLInputObjectType)
            for field_name, field in theirs.fields.items():
                own_input = mine.fields.get(field_name)
                if own_input is None or not input_fits(own_input.type, field.type):
                    found.append(f"{name}.{field_name}: {field.type} is missing or changed")
            found += [
                f"{name}.{extra} is a new required input field"
                for extra, own_input in mine.fields.items()
                if extra not in theirs.fields and isinstance(own_input.type, GraphQLNonNull)
            ]
        elif isinstance(theirs, GraphQLEnumType):
            assert isinstance(mine, GraphQLEnumType)
            found += [f"{name}.{v} is missing" for v in theirs.values if v not in mine.values]
        elif isinstance(theirs, GraphQLUnionType):
            assert isinstance(mine, GraphQLUnionType)
            members = {t.name for t in mine.types}
            found += [f"{name} lacks {t.name}" for t in theirs.types if t.name not in members]
    return found


@pytest.fixture(scope="module")
def contract() -> GraphQLSchema:
    return build_schema(CONTRACT.read_text())


def test_the_schema_keeps_every_name_and_type_of_the_contract(contract: GraphQLSchema) -> None:
    assert differences(build_schema(schema_sdl()), contract) == []


def test_schema_graphql_in_the_repository_is_the_schema_the_code_prints() -> None:
    exported = (ROOT / "schema.graphql").read_text()
    assert exported == schema_sdl(), "schema.graphql is stale: run `make schema`"


def test_the_drift_check_notices_a_dropped_field_and_a_narrowed_argument(
    contract: GraphQLSchema,
) -> None:
    broken = schema_sdl().replace("  caseHistory(", "  caseHistoryRenamed(")
    broken = broken.replace("dialogues(first: Int = null", "dialogues(first: Int!")
    found = differences(build_schema(broken), contract)
    assert any("Query.caseHistory" in difference for difference in found)
    assert any("Query.dialogues(first:)" in difference for difference in found)


def test_the_contract_copy_names_every_root_field_of_the_issue(contract: GraphQLSchema) -> None:
    query = contract.query_type
    assert query is not None
    assert {"node", "dialogues", "dialogue", "cases", "case", "accountability"} <= set(query.fields)
