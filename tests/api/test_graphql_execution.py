"""Plain fields executed in one step answer exactly as graphql-core answers them, errors
included, and each distinct document is checked once (no database: a schema of its own)."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

import strawberry
from strawberry.types import ExecutionResult

from jsd_api.graphql.documents import Documents
from jsd_api.graphql.execution import PlainFieldsExecutor, at_hand
from jsd_api.graphql.limits import MAX_DEPTH


@strawberry.enum
class Colour(Enum):
    RED = "RED"
    BLUE = "BLUE"


@strawberry.type
class Child:
    label: str  # None in one test: a non-null field that is null
    rank: int | None = None


@strawberry.type
class Cat:
    name: str
    lives: int


@strawberry.type
class Dog:
    name: str
    good: bool


class Kitten(Cat):
    """Of no type of its own: answered as a Cat, by graphql-core."""


@strawberry.interface
class Badge:
    code: str


@strawberry.type
class Star(Badge):
    points: int


class Comet(Star):
    """Of no type of its own: graphql-core checks that it is a Star (it is)."""


@strawberry.type
class Leaf:
    name: str
    colour: Colour
    day: date | None
    tags: list[str]
    required: str  # None in one test: a non-null field that is null
    child: Child | None = None
    children: list[Child] = strawberry.field(default_factory=list)
    pets: list[Cat | Dog] = strawberry.field(default_factory=list)
    badges: list[Star] = strawberry.field(default_factory=list)
    loud_at_hand: strawberry.Private[str | None] = None

    @strawberry.field
    async def shout(self) -> str:
        return self.name.upper()

    @strawberry.field(metadata=at_hand("loud_at_hand"))
    def loud(self) -> str:
        return f"{self.name.upper()}!"


@strawberry.type
class Query:
    @strawberry.field
    def leaves(self) -> list[Leaf]:
        return LEAVES

    @strawberry.field
    def broken(self) -> Leaf | None:
        return Leaf(name="b", colour=Colour.RED, day=None, tags=[], required=None)  # type: ignore[arg-type]

    @strawberry.field
    def orphans(self) -> list[Leaf | None]:
        bad = Child(label=None)  # type: ignore[arg-type]
        return [
            LEAVES[0],
            Leaf(name="o", colour=Colour.RED, day=None, tags=[], required="r", children=[bad]),
        ]

    @strawberry.field
    def nested(self, depth: int) -> Query:
        return Query()

    @strawberry.field
    def carried(self) -> list[Leaf]:
        leaf = Leaf(name="c", colour=Colour.RED, day=None, tags=[], required="r")
        return [*LEAVES, dataclasses.replace(leaf, loud_at_hand="carried")]


LEAVES = [
    Leaf(
        name="a",
        colour=Colour.RED,
        day=date(2026, 1, 5),
        tags=["x", "y"],
        required="r",
        child=Child(label="c", rank=2),
        children=[Child(label="d"), Child(label="e", rank=1)],
        pets=[Cat(name="Minou", lives=9), Dog(name="Rex", good=True), Kitten(name="K", lives=7)],
        badges=[Star(code="s", points=3), Comet(code="c", points=1)],
    ),
    Leaf(name="b", colour=Colour.BLUE, day=None, tags=[], required="s"),
]
EVERYTHING = """query { leaves { __typename n: name colour ...More shout name }
  first: leaves { day required child { label } children { rank l: label } }
  typed: leaves { child { __typename label } } }
fragment More on Leaf { day tags required colour children { label } child { rank } }"""
PETS = """query { leaves { pets { __typename ... on Cat { name lives } ... on Dog { good name } } }
  again: leaves { pets { ... on Dog { name } } } }"""


def schemas(documents: Documents | None = None) -> tuple[strawberry.Schema, strawberry.Schema]:
    """The same schema with graphql-core's executor and with ours."""
    extensions = [documents.extension()] if documents is not None else []
    theirs = strawberry.Schema(query=Query, extensions=extensions)
    ours = strawberry.Schema(query=Query, extensions=extensions)
    ours.execution_context_class = PlainFieldsExecutor.for_schema(ours._schema)
    return theirs, ours


async def both(query: str, documents: Documents | None = None) -> list[ExecutionResult]:
    return [await schema.execute(query) for schema in schemas(documents)]


def answer(result: ExecutionResult) -> tuple[Any, list[dict[str, Any]]]:
    return result.data, [error.formatted for error in result.errors or []]


async def test_plain_fields_answer_as_graphql_core_answers_them_in_the_same_order() -> None:
    theirs, ours = await both(EVERYTHING)
    assert answer(ours) == answer(theirs)
    assert ours.errors is None
    assert ours.data is not None
    assert theirs.data is not None
    for key in ("leaves", "first", "typed"):  # every object's keys in the selection's order
        assert [list(leaf) for leaf in ours.data[key]] == [list(leaf) for leaf in theirs.data[key]]
    assert list(ours.data["leaves"][0])[:3] == ["__typename", "n", "colour"]
    assert ours.data["leaves"][0]["day"] == "2026-01-05"


async def test_unions_answer_as_graphql_core_answers_them() -> None:
    theirs, ours = await both(PETS)
    assert answer(ours) == answer(theirs)
    assert ours.errors is None
    assert ours.data is not None
    assert ours.data["leaves"][0]["pets"] == [
        {"__typename": "Cat", "name": "Minou", "lives": 9},
        {"__typename": "Dog", "good": True, "name": "Rex"},
        {"__typename": "Cat", "name": "K", "lives": 7},
    ]
    assert ours.data["again"][0]["pets"] == [{}, {"name": "Rex"}, {}]


async def test_a_null_in_a_non_null_plain_field_is_the_same_located_error() -> None:
    query = "query { broken { name required shout } }"
    theirs, ours = await both(query)
    assert answer(ours) == answer(theirs)
    assert ours.data == {"broken": None}
    assert ours.errors is not None
    assert ours.errors[0].path == ["broken", "required"]


async def test_a_null_deep_in_a_plain_subtree_is_the_same_located_error() -> None:
    query = "query { orphans { name children { label rank } } }"
    theirs, ours = await both(query)
    assert answer(ours) == answer(theirs)
    assert ours.data == {"orphans": [{"name": "a", "children": [
        {"label": "d", "rank": None}, {"label": "e", "rank": 1}]}, None]}  # fmt: skip
    assert ours.errors is not None
    assert ours.errors[0].path == ["orphans", 1, "children", 0, "label"]


async def test_only_fields_without_a_resolver_of_their_own_are_read_plainly() -> None:
    attributes = PlainFieldsExecutor.for_schema(schemas()[1]._schema).attributes
    assert sorted(set(attributes.values())) == [
        "badges", "child", "children", "code", "colour", "day", "good", "label", "lives",
        "loud_at_hand", "name", "pets", "points", "rank", "required", "tags",
    ]  # fmt: skip


async def test_a_member_of_an_interface_answers_as_graphql_core_answers_it() -> None:
    theirs, ours = await both("query { leaves { badges { __typename code points } } }")
    assert answer(ours) == answer(theirs)
    assert ours.errors is None
    assert ours.data is not None
    assert ours.data["leaves"][0]["badges"] == [
        {"__typename": "Star", "code": "s", "points": 3},
        {"__typename": "Star", "code": "c", "points": 1},
    ]


async def test_a_value_an_object_carries_answers_its_field_else_its_resolver_does() -> None:
    theirs, ours = await both("query { carried { name loud } }")
    assert ours.errors is None
    assert ours.data is not None
    assert theirs.data is not None
    assert [leaf["loud"] for leaf in ours.data["carried"]] == ["A!", "B!", "carried"]
    assert [leaf["loud"] for leaf in theirs.data["carried"]] == ["A!", "B!", "C!"]


async def test_a_repeated_document_is_checked_once_and_answered_alike() -> None:
    documents = Documents()
    first = await both(EVERYTHING, documents)
    again = await both(EVERYTHING, documents)
    assert [answer(r) for r in again] == [answer(r) for r in first]
    assert documents.get(EVERYTHING) is not None
    assert len(documents) == 1


async def test_a_document_beyond_the_limits_is_refused_each_time_it_comes() -> None:
    documents = Documents()
    deep = (
        "query { "
        + "nested(depth: 1) { " * (MAX_DEPTH + 1)
        + "leaves { name }"
        + " }" * (MAX_DEPTH + 2)
    )
    for _ in range(2):
        for result in await both(deep, documents):
            assert result.data is None
            assert result.errors is not None
            assert "exceeds maximum operation depth" in result.errors[0].message


async def test_a_document_that_does_not_parse_is_not_kept() -> None:
    documents = Documents()
    for result in await both("query { leaves { name ", documents):
        assert result.errors is not None
        assert "Syntax Error" in result.errors[0].message
    assert len(documents) == 0


async def test_the_memory_of_documents_keeps_the_latest_ones() -> None:
    documents = Documents(size=2)
    queries = [f"query Q{n} {{ leaves {{ name }} }}" for n in range(3)]
    for query in queries:
        await both(query, documents)
    assert documents.get(queries[0]) is None
    assert all(documents.get(query) is not None for query in queries[1:])
