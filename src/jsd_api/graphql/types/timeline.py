"""A case's history as the event store holds it, turned into GraphQL items and pages."""

from __future__ import annotations

import dataclasses
from typing import Any, cast
from uuid import UUID

import strawberry
from eventsourcing.domain import AggregateEvent

from jsd_api.graphql.context import Info
from jsd_api.graphql.errors import InputError
from jsd_api.graphql.types.case_events import ITEM_TYPES, CaseEvent, CaseTimelineItem
from jsd_api.graphql.types.pagination import PageInfo, page_info, page_size
from jsd_core.codec import EVENT_TYPES, decode
from jsd_core.store import RecordedEvent, parse_cursor

_COMMON = frozenset(f.name for f in dataclasses.fields(CaseEvent))


def _graphql_value(value: Any) -> Any:
    return strawberry.ID(str(value)) if isinstance(value, UUID) else value


def _domain_name(name: str) -> str:
    # Group fields hold keys (`raised_by_key`); the domain names them `raised_by`.
    return name.removesuffix("_keys").removesuffix("_key")


# Each item type's own fields and the domain event's names for them, worked out once
# (resolvers are fields too, but not set here).
_OWN = {
    name: tuple(
        (field.name, _domain_name(field.name))
        for field in dataclasses.fields(cls)
        if field.init and field.name not in _COMMON
    )
    for name, cls in ITEM_TYPES.items()
}


def timeline_item(
    event: RecordedEvent, dialogue_id: UUID, decoded: AggregateEvent | None = None
) -> CaseTimelineItem:
    """The GraphQL form of a stored Case event, its data upcast by the codec; `decoded`
    is that domain event when the caller has it already (a replay did decode it)."""
    if decoded is None:
        decoded = decode(
            event.stream_type,
            event.type,
            event.data,
            event.schema_version,
            event.stream_id,
            event.version,
            event.recorded_at,
        )
    own = {name: _graphql_value(getattr(decoded, domain)) for name, domain in _OWN[event.type]}
    item = ITEM_TYPES[event.type](
        event_id=strawberry.ID(str(event.event_id)),
        position=event.position,
        version=event.version,
        type=event.type,
        recorded_at=event.recorded_at,
        actor=event.actor,
        hash=event.hash,
        dialogue_id=dialogue_id,
        **own,
    )
    return cast(CaseTimelineItem, item)


@strawberry.type
class CaseTimelineEdge:
    cursor: str
    node: CaseTimelineItem


@strawberry.type(description="A page of a case's history, oldest first.")
class CaseTimelineConnection:
    edges: list[CaseTimelineEdge]
    page_info: PageInfo
    total_count: int = strawberry.field(description="Events matching the `types` filter.")


async def case_timeline(
    info: Info,
    case_id: UUID,
    dialogue_id: UUID,
    first: int | None,
    after: str | None,
    types: list[str] | None,
) -> CaseTimelineConnection:
    """A page of the case's events (Case.timeline), from the event store."""
    size = page_size(first, default=100, maximum=500)
    unknown = sorted(set(types or ()) - set(EVENT_TYPES["Case"]))
    if unknown:
        known = ", ".join(EVENT_TYPES["Case"])
        raise InputError(f"unknown event types {unknown}; known: {known}", ("types",))
    parse_cursor(after)  # refuses a cursor this service did not hand out
    events = await info.context.loaders.streams.load(case_id)
    chosen = [e for e in events if types is None or e.type in types]
    later = [e for e in chosen if after is None or e.position > after]
    page = later[:size]
    cursors = [e.position for e in page]
    return CaseTimelineConnection(
        edges=[
            CaseTimelineEdge(cursor=e.position, node=timeline_item(e, dialogue_id)) for e in page
        ],
        page_info=page_info(
            cursors, has_next=len(later) > size, has_previous=len(later) < len(chosen)
        ),
        total_count=len(chosen),
    )
