"""The /graphql endpoint: POST for operations, GET for GraphiQL, WebSocket for subscriptions."""

from __future__ import annotations

from typing import Any

import orjson
from strawberry import Schema
from strawberry.fastapi import GraphQLRouter
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from jsd_api.graphql.context import Context, authenticate, authorization_of, get_context

UNAUTHORIZED = 4401


class _AuthenticatingHandler(BaseGraphQLTransportWSHandler[Context, None]):
    """graphql-transport-ws, where `connection_init` must bring a valid key (or the upgrade
    request's headers did); without one the connection is closed with 4401."""

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        context = self.context
        payload = message.get("payload") or {}
        if not context.authenticated and isinstance(payload, dict):
            principal = await authenticate(context.services, authorization_of(payload))
            if principal is not None:
                context.authenticate(principal)
        if not context.authenticated:
            await self.websocket.close(
                code=UNAUTHORIZED,
                reason="Unauthorized: send {'Authorization': 'Bearer <key>'} in connection_init",
            )
            return
        await super().handle_connection_init(message)


class LedgerRouter(GraphQLRouter[Context, None]):
    graphql_transport_ws_handler_class = _AuthenticatingHandler

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # its error is a json.JSONDecodeError: a 400, as before

    def encode_json(self, data: object) -> bytes:
        # A long case history is half a megabyte of JSON: orjson writes it several
        # times faster than the standard library.
        return orjson.dumps(data)


def graphql_router(schema: Schema, **options: Any) -> LedgerRouter:
    """The router to mount at /graphql."""
    return LedgerRouter(
        schema,
        context_getter=get_context,
        graphql_ide="graphiql",
        # GET serves GraphiQL only: operations come as POST (or over the WebSocket).
        allow_queries_via_get=False,
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        **options,
    )
