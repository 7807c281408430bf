"""The FastAPI application factory."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jsd_api import audit_routes, feed, health
from jsd_api.graphql import build_schema, graphql_router
from jsd_api.graphql.limits import RequestSizeLimit
from jsd_api.metrics import Metrics
from jsd_core.bootstrap import bootstrap
from jsd_core.config import Settings
from jsd_core.heap import frozen_heap


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service; it connects to the database when it starts serving."""
    settings = settings or Settings()
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with bootstrap(settings) as services:
            app.state.services = services
            # What startup built lives as long as the process: keep it out of the
            # collector's full passes, which a large answer (a long case history is
            # some 100,000 objects) would otherwise trigger over all of it.
            with frozen_heap():
                yield

    app = FastAPI(
        title="Justice and Security Dialogues ledger",
        summary="Cases, commitments and their verifiable history.",
        lifespan=lifespan,
    )
    app.state.metrics = metrics
    # Routes are matched in order and their paths are disjoint: the busiest comes first.
    app.include_router(graphql_router(build_schema()), prefix="/graphql")
    app.include_router(health.router)
    app.include_router(feed.router)
    app.include_router(audit_routes.router)
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(_MeasureRequests, metrics=metrics)
    return app


class _MeasureRequests:
    """Counts and times every HTTP request by its route template (plain ASGI, streams intact)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            route = scope.get("route")
            path = str(getattr(route, "path", "unmatched"))
            self.metrics.requests.labels(scope["method"], path, str(status)).inc()
            self.metrics.request_seconds.labels(path).observe(time.perf_counter() - started)
