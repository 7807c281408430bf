"""Liveness, readiness and metrics: open to anyone, no key needed."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Gauge, generate_latest
from sqlalchemy.exc import SQLAlchemyError

from jsd_api.dependencies import MetricsDep, ServicesDep
from jsd_core.bootstrap import Services
from jsd_core.migrations import head_revision

router = APIRouter(tags=["operations"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(services: ServicesDep) -> JSONResponse:
    """The database answers and its schema is the newest migration."""
    try:
        async with services.pool.acquire(timeout=2) as connection:
            current = await connection.fetchval("SELECT version_num FROM alembic_version")
    except Exception as error:
        return JSONResponse({"status": "unavailable", "reason": str(error)}, status_code=503)
    expected = head_revision()
    if current != expected:
        reason = f"database schema is at {current}, the service needs {expected}"
        return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
    return JSONResponse({"status": "ready", "schema": current})


@router.get("/metrics", response_class=PlainTextResponse)
async def metrics(metrics: MetricsDep, services: ServicesDep) -> PlainTextResponse:
    """Prometheus text: requests, command outcomes, appends, projection lag."""
    text = generate_latest(metrics.registry) + await _projection_metrics(services)
    return PlainTextResponse(text, media_type=CONTENT_TYPE_LATEST)


async def _projection_metrics(services: Services) -> bytes:
    """Each projection's lag, measured at scrape time (nothing to keep up to date between)."""
    registry = CollectorRegistry()
    lag = Gauge(
        "jsd_projection_lag_events",
        "Events in the log after the projection's checkpoint",
        ["projection"],
        registry=registry,
    )
    generation = Gauge(
        "jsd_projection_generation",
        "The generation of the projection's tables that answers queries",
        ["projection"],
        registry=registry,
    )
    try:
        statuses = await services.projections.status()
    except (OSError, SQLAlchemyError):
        return b""  # the database is away: /readyz says so; the other metrics still count
    for status in statuses:
        lag.labels(status.name).set(status.lag)
        generation.labels(status.name).set(status.generation)
    return generate_latest(registry)
