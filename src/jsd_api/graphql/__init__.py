"""The GraphQL API of the contract (shared/design/contract.graphql), on Strawberry."""

from jsd_api.graphql.router import graphql_router
from jsd_api.graphql.schema import build_schema, schema_sdl

__all__ = ["build_schema", "graphql_router", "schema_sdl"]
