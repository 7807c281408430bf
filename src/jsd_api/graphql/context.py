"""Who is asking, per request (HTTP) or per connection (WebSocket), and what they read with.

Over HTTP the caller sends `Authorization: Bearer KEY`; without a valid key
the request is refused with 401 before any GraphQL runs, except the GraphiQL
page itself. Over WebSocket the key comes in the upgrade request's headers or
in the `connection_init` payload (`{"Authorization": "Bearer KEY"}`); the
router closes the connection with 4401 without one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import cast
from uuid import UUID

from fastapi import HTTPException, status
from starlette.requests import HTTPConnection
from strawberry.extensions import SchemaExtension
from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from jsd_api.auth import bearer_token
from jsd_api.graphql.loaders import Loaders
from jsd_api.metrics import Metrics
from jsd_core.access import Principal, Scope
from jsd_core.bootstrap import Services
from jsd_core.projections import ReadModels


class Context(BaseContext):
    """What every resolver of one request or connection works with."""

    def __init__(self, services: Services, metrics: Metrics, principal: Principal | None) -> None:
        super().__init__()
        self.services = services
        self.metrics = metrics
        self._principal = principal
        self._loaders: Loaders | None = None
        self._read_models: ReadModels | None = None

    @property
    def authenticated(self) -> bool:
        return self._principal is not None

    def authenticate(self, principal: Principal) -> None:
        self._principal = principal
        self.renew_loaders()

    @property
    def principal(self) -> Principal:
        # The router lets no operation run before the caller is known.
        assert self._principal is not None, "an operation ran without a principal"
        return self._principal

    @property
    def scope(self) -> Scope:
        """The organisations the caller may see: the one place visibility comes from."""
        return self.principal.scope

    @property
    def organizations(self) -> list[str] | None:
        """The scope as the event store's log filter takes it (None: every organisation)."""
        scope = self.scope
        return None if scope.organizations is None else sorted(scope.organizations)

    @property
    def read_models(self) -> ReadModels:
        """This operation's view of the read models: every read of it on the same
        generations of the tables, looked up once."""
        if self._read_models is None:
            self._read_models = self.services.read_models.pinned()
        return self._read_models

    @property
    def loaders(self) -> Loaders:
        """This operation's DataLoaders, built on first use."""
        if self._loaders is None:
            self._loaders = Loaders(self.services, self.read_models, self.scope, self.today)
        return self._loaders

    def forget(self, *, dialogue_id: UUID | None = None, case_id: UUID | None = None) -> None:
        """Drop this operation's cached reads of what a command changed; before the
        operation's first read there is nothing to drop (nor loaders to build). The
        payload's reads look the generations up again: a rebuild may have switched."""
        if self._read_models is not None:
            self._read_models.unpin()
        if self._loaders is not None:
            self._loaders.forget(dialogue_id=dialogue_id, case_id=case_id)

    def renew_loaders(self) -> None:
        """Forget cached reads: per operation, and per pushed event of a subscription,
        so a long-lived WebSocket never answers from an old cache."""
        self._loaders = None
        self._read_models = None

    @property
    def today(self) -> date:
        """The day `overdue` is judged against (UTC)."""
        return self.services.clock().date()


Info = StrawberryInfo[Context, None]


class FreshLoaders(SchemaExtension):
    """Every operation starts with empty DataLoader caches (a WebSocket runs many), and
    lets go of them when done: graphql-core's executor is in a reference cycle with
    itself, and holds the context, so whatever the context still held then (every row
    the operation read) would wait for the garbage collector's next full passes,
    making them longer and more frequent, instead of being freed at once."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context):
            context.renew_loaders()
        yield
        if isinstance(context, Context):
            context.renew_loaders()


async def authenticate(services: Services, authorization: object) -> Principal | None:
    """The principal of an `Authorization: Bearer KEY` value, or None."""
    token = bearer_token(authorization) if isinstance(authorization, str) else None
    return await services.keys.authenticate(token) if token else None


def authorization_of(payload: Mapping[str, object]) -> object:
    """The Authorization value of a connection_init payload, in any letter case."""
    return next((v for k, v in payload.items() if k.lower() == "authorization"), None)


def _asks_for_graphiql(connection: HTTPConnection) -> bool:
    accept = connection.headers.get("accept", "")
    return (
        connection.scope.get("method") == "GET"
        and "query" not in connection.query_params
        and ("text/html" in accept or "*/*" in accept)
    )


async def get_context(connection: HTTPConnection) -> Context:
    """FastAPI dependency: the context of one HTTP request or WebSocket connection."""
    services = cast(Services, connection.app.state.services)
    metrics = cast(Metrics, connection.app.state.metrics)
    principal = await authenticate(services, connection.headers.get("authorization"))
    is_http = connection.scope["type"] == "http"
    if principal is None and is_http and not _asks_for_graphiql(connection):
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="a valid API key is needed: send 'Authorization: Bearer <key>'",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return Context(services, metrics, principal)
