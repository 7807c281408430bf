"""The peer: the eventsourcing library's own PostgreSQL recorder, the same workload.

One new event per save(), one thread per writer, each on its own aggregate,
as ../shared/bench/peer_pyeventsourcing.py does it.
"""

from __future__ import annotations

import os
import threading
import time
from typing import Any
from urllib.parse import parse_qs, urlsplit

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class BenchCase(Aggregate):
    @event("Raised")
    def __init__(self, title: str, category: str, locality: str) -> None:
        self.title = title
        self.category = category
        self.locality = locality
        self.notes: list[str] = []

    @event("Noted")
    def note(self, text: str, actor: str) -> None:
        self.notes.append(text)


class BenchCases(Application[Any]):
    pass


def _environment(url: str, concurrency: int) -> dict[str, str]:
    parts = urlsplit(url)
    host = parts.hostname or parse_qs(parts.query).get("host", ["127.0.0.1"])[0]
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parts.path.lstrip("/"),
        "POSTGRES_HOST": host,
        "POSTGRES_PORT": str(parts.port or 5432),
        "POSTGRES_USER": parts.username or "postgres",
        "POSTGRES_PASSWORD": parts.password or "",
        "POSTGRES_POOL_SIZE": str(concurrency),
        "POSTGRES_MAX_OVERFLOW": "0",
        "CREATE_TABLE": "y",
        "POSTGRES_SCHEMA": "public",
    }


def peer_appends(url: str, events: int, concurrency: int) -> float:
    """Events/s of the eventsourcing recorder (synchronous, table lock per write)."""
    application = BenchCases(env=_environment(url, concurrency))
    per = events // concurrency
    cases = []
    for _ in range(concurrency):
        case = BenchCase("Clashes between sports fans and church-goers", "VIOLENT_CLASH", "Dakar")
        application.save(case)
        cases.append(case)

    def writer(case: BenchCase) -> None:
        for _ in range(per):
            case.note("follow-up meeting held", "facilitator-1")
            application.save(case)

    threads = [threading.Thread(target=writer, args=(case,)) for case in cases]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    application.close()
    os.environ.pop("PERSISTENCE_MODULE", None)
    return per * concurrency / elapsed
