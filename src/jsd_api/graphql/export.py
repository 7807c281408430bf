"""`jsd schema`: print the GraphQL schema, as `make schema` writes it to schema.graphql."""

from __future__ import annotations

import sys

from jsd_api.graphql.schema import schema_sdl


def schema_command() -> None:
    """Print the GraphQL schema (SDL) on stdout; it needs no database."""
    sys.stdout.write(schema_sdl())
