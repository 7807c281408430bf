"""Prometheus metrics of one process, on a registry of its own."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "jsd_http_requests",
            "HTTP requests served, by route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "jsd_http_request_seconds",
            "Time to serve an HTTP request, by route",
            ["route"],
            registry=self.registry,
        )
        self.commands = Counter(
            "jsd_commands",
            "Commands handled, by command and outcome (ok, replayed or an error code)",
            ["command", "outcome"],
            registry=self.registry,
        )
        self.appended_events = Counter(
            "jsd_appended_events",
            "Events appended to the store by this process",
            registry=self.registry,
        )
