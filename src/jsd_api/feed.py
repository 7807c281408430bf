"""The event feed over HTTP: pages of CloudEvents, and the same as server-sent events.

Both show a caller only its organisation's events (auditors and admins: every
organisation's), in the global order; a cursor is where to resume.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated, Any

import anyio
import orjson
from fastapi import APIRouter, Header, HTTPException, Query, Response, status
from pydantic import BaseModel, Field
from sse_starlette import EventSourceResponse, ServerSentEvent

from jsd_api.auth import PrincipalDep
from jsd_api.dependencies import ServicesDep
from jsd_core.access import Principal
from jsd_core.integrations.cloudevents import cloudevent_json, text_cloudevent
from jsd_core.integrations.event_types import parse_event_types
from jsd_core.store import RecordedEvent, parse_cursor
from jsd_core.store.errors import InvalidCursorError
from jsd_core.store.follow import follow

router = APIRouter(tags=["integrations"])

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# A stalled client is dropped rather than holding the stream open forever.
SEND_TIMEOUT = 30.0
# Seconds an open stream has to end by itself when the server shuts down.
SHUTDOWN_GRACE = 2.0

AfterQuery = Annotated[
    str | None, Query(description="Resume after this cursor (a `next` or an event's id).")
]
TypesQuery = Annotated[
    str | None, Query(description="Only these event types, comma-separated (e.g. CaseRaised).")
]


class FeedPage(BaseModel):
    events: list[dict[str, Any]] = Field(description="CloudEvents 1.0, in global order.")
    next: str = Field(description="The cursor to pass as `after` for the following page.")


def _bad_request(message: str) -> HTTPException:
    return HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=message)


def _cursor(value: str | None) -> str | None:
    try:
        parse_cursor(value)
    except InvalidCursorError as error:
        raise _bad_request(str(error)) from None
    return value or None


def _types(value: str | None) -> tuple[str, ...] | None:
    try:
        return parse_event_types((value or "").split(",")) or None
    except ValueError as error:
        raise _bad_request(str(error)) from None


def _limit(value: str | None) -> int:
    if value is None or value == "":
        return DEFAULT_LIMIT
    try:
        limit = int(value)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise _bad_request(f"limit must be a whole number from 1 to {MAX_LIMIT}")
    return limit


def _organizations(principal: Principal) -> list[str] | None:
    scope = principal.scope
    return None if scope.everything else sorted(scope.organizations or ())


@router.get("/events", response_model=FeedPage)
async def events(
    principal: PrincipalDep,
    services: ServicesDep,
    after: AfterQuery = None,
    limit: Annotated[str | None, Query(description="1 to 1000 events; 100 if absent.")] = None,
    types: TypesQuery = None,
) -> Response:
    """The events the caller may see after `after` (from the beginning if absent)."""
    page = await services.store.read_log_texts(
        _cursor(after),
        limit=_limit(limit),
        types=_types(types),
        organizations=_organizations(principal),
    )
    # Serialised here by orjson, not through the model: pages of 1,000 events are
    # common, and each event's data goes out as the text the store holds.
    body = {"events": [text_cloudevent(event) for event in page.events], "next": page.next}
    return Response(orjson.dumps(body), media_type="application/json")


@router.get("/events/stream", response_class=EventSourceResponse)
async def stream(
    principal: PrincipalDep,
    services: ServicesDep,
    after: AfterQuery = None,
    types: TypesQuery = None,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> EventSourceResponse:
    """The same events as server-sent events, history first, then live.

    Each message's `id` is its cursor and its `data` one CloudEvent; a client
    that reconnects with `Last-Event-ID` (it wins over `after`) misses nothing
    and gets nothing twice. Comment lines keep idle connections open.
    """
    start = _cursor(last_event_id if last_event_id else after)
    events = follow(
        services.store,
        services.notifier,
        start,
        types=_types(types),
        organizations=_organizations(principal),
    )
    shutdown = anyio.Event()
    return EventSourceResponse(
        _until(shutdown, events),
        ping=services.settings.sse_heartbeat,
        send_timeout=SEND_TIMEOUT,
        shutdown_event=shutdown,
        shutdown_grace_period=SHUTDOWN_GRACE,
    )


async def _until(
    shutdown: anyio.Event, events: AsyncIterator[RecordedEvent]
) -> AsyncIterator[ServerSentEvent]:
    """The events as messages until the server shuts down; ending on our own lets the
    response finish properly, so the client sees the stream end, not break."""
    stop = asyncio.ensure_future(shutdown.wait())
    step: asyncio.Future[RecordedEvent] | None = None
    try:
        while True:
            step = asyncio.ensure_future(anext(events))
            await asyncio.wait({step, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not step.done():
                return
            event = step.result()
            yield ServerSentEvent(data=cloudevent_json(event), id=event.position)
    finally:
        stop.cancel()
        if step is not None and not step.done():
            # Cancelling the pending read ends `follow` too.
            step.cancel()
            await asyncio.wait({step})
