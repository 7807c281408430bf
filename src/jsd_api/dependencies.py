"""FastAPI dependencies shared by the routes."""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Request

from jsd_api.metrics import Metrics
from jsd_core.bootstrap import Services


def get_services(request: Request) -> Services:
    return cast(Services, request.app.state.services)


def get_metrics(request: Request) -> Metrics:
    return cast(Metrics, request.app.state.metrics)


ServicesDep = Annotated[Services, Depends(get_services)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
