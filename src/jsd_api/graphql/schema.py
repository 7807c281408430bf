"""The schema, assembled from its roots, with its limits and its error policy."""

from __future__ import annotations

from graphql import GraphQLError
from strawberry import Schema
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from jsd_api.graphql.context import FreshLoaders
from jsd_api.graphql.documents import Documents
from jsd_api.graphql.errors import ErrorPolicy
from jsd_api.graphql.execution import PlainFieldsExecutor
from jsd_api.graphql.mutations import Mutation
from jsd_api.graphql.queries import Query
from jsd_api.graphql.scalars import SCALARS
from jsd_api.graphql.subscriptions import Subscription
from jsd_api.graphql.types import case_events


class LedgerSchema(Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Logged by ErrorPolicy already, and only the unexpected ones: a caller's mistake
        (a bad id, a forbidden field) is not the server's to log as an error."""


def build_schema() -> Schema:
    """The whole API; cheap enough to build once per app."""
    schema = LedgerSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        # The union's members are reached only through it; list them so every one is printed.
        types=list(case_events.ITEM_TYPES.values()),
        extensions=[Documents().extension(), ErrorPolicy, FreshLoaders],
        config=StrawberryConfig(scalar_map=SCALARS),
    )
    schema.execution_context_class = PlainFieldsExecutor.for_schema(schema._schema)
    return schema


def schema_sdl() -> str:
    """The schema in SDL, as `jsd schema` prints it and schema.graphql holds it."""
    return str(build_schema()) + "\n"
