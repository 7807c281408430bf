"""Maps domain events to and from the form the event store keeps: (type, data, schema version).

`data` holds exactly the event's own fields, by their domain.md names, as JSON:
dates as "YYYY-MM-DD", ids as lower-case hyphenated UUIDs, enums by their
values, tuples as lists, None kept. The envelope (stream id, version,
recorded_at) is the store's, so it is not repeated in `data`. Decoding upcasts
old schema versions with the event class's `upcast_vN_vM` methods, as
eventsourcing does, and converts values back by the event class's type hints.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, Protocol, overload
from uuid import UUID

from eventsourcing.domain import Aggregate, AggregateCreated, AggregateEvent, CanMutateAggregate
from eventsourcing.utils import get_topic

from jsd_core.domain import Case, Dialogue
from jsd_core.domain.json_values import converter, to_json

STREAM_TYPES: dict[str, type[Aggregate]] = {"Dialogue": Dialogue, "Case": Case}
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Dialogue": (
        "DialogueConvened",
        "StakeholderGroupJoined",
        "SessionHeld",
        "TrustSurveyRecorded",
        "DialogueConcluded",
    ),
    "Case": (
        "CaseRaised",
        "CaseAgreed",
        "ActionAssigned",
        "ActionProgressReported",
        "ActionRescheduled",
        "ActionCompleted",
        "ActionVerified",
        "ActionCancelled",
        "CaseEscalated",
        "CaseResolved",
        "CaseReopened",
        "CaseClosed",
    ),
}
_CLASSES: dict[str, dict[str, type[AggregateEvent]]] = {
    stream: {name: getattr(STREAM_TYPES[stream], name) for name in names}
    for stream, names in EVENT_TYPES.items()
}
_STREAM_OF: dict[type[AggregateEvent], str] = {
    cls: stream for stream, classes in _CLASSES.items() for cls in classes.values()
}
# eventsourcing's own fields of every event; the store keeps them in the envelope.
_ENVELOPE = frozenset({"originator_id", "originator_version", "timestamp", "originator_topic"})


class CodecError(ValueError):
    """A stored event cannot be mapped to a domain event, or the other way round."""


class UnknownStreamTypeError(CodecError):
    """The stream type is neither "Dialogue" nor "Case"."""


class UnknownEventTypeError(CodecError):
    """The event type is not one of the stream type's events."""


class EventDataError(CodecError):
    """The stored data does not fit the event's fields."""


class StoredLike(Protocol):
    """What `rebuild` reads of a stored event; `RecordedEvent` of the store is one."""

    @property
    def stream_id(self) -> UUID: ...
    @property
    def version(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def data(self) -> Mapping[str, Any]: ...
    @property
    def recorded_at(self) -> datetime: ...
    @property
    def metadata(self) -> Mapping[str, Any]: ...


def encode(event: CanMutateAggregate[UUID]) -> tuple[str, dict[str, Any], int]:
    """The stored form of a domain event: (type name, JSON data, schema version)."""
    cls = event.__class__
    if cls not in _STREAM_OF:
        raise UnknownEventTypeError(f"{cls.__qualname__} is not an event of the domain")
    data = {name: to_json(getattr(event, name)) for name in _fields(cls)}
    return cls.__name__, data, getattr(cls, "class_version", 1)


def decode(
    stream_type: str,
    type: str,  # the store's own name for the event type
    data: Mapping[str, Any],
    schema_version: int,
    stream_id: UUID,
    version: int,
    recorded_at: datetime,
) -> AggregateEvent:
    """The domain event a stored event records, upcast to its class's current version."""
    cls = _event_class(stream_type, type)
    state = dict(data)
    class_version: int = getattr(cls, "class_version", 1)
    if schema_version > class_version:
        raise EventDataError(
            f"{type} has schema version {schema_version}; this code knows up to {class_version}"
        )
    for from_version in range(schema_version, class_version):
        getattr(cls, f"upcast_v{from_version}_v{from_version + 1}")(state)
    fields = _fields(cls)
    if state.keys() != fields.keys():
        missing, unknown = sorted(set(fields) - set(state)), sorted(set(state) - set(fields))
        raise EventDataError(
            f"{type} data lacks the fields {missing} or has unknown ones {unknown}"
        )
    kwargs: dict[str, Any] = {}
    for name, convert in _converters(cls):
        try:
            kwargs[name] = convert(state[name])
        except (TypeError, ValueError) as error:
            hint = fields[name]
            raise EventDataError(f"{type}.{name}: {state[name]!r} is not a {hint}") from error
    if issubclass(cls, AggregateCreated):
        kwargs["originator_topic"] = get_topic(STREAM_TYPES[stream_type])
    return cls(originator_id=stream_id, originator_version=version, timestamp=recorded_at, **kwargs)


@overload
def rebuild(stream_type: Literal["Dialogue"], events: Iterable[StoredLike]) -> Dialogue | None: ...
@overload
def rebuild(stream_type: Literal["Case"], events: Iterable[StoredLike]) -> Case | None: ...
@overload
def rebuild(stream_type: str, events: Iterable[StoredLike]) -> Aggregate | None: ...
def rebuild(stream_type: str, events: Iterable[StoredLike]) -> Aggregate | None:
    """The aggregate the stored events of one stream replay to; None when there are none."""
    aggregate: Aggregate | None = None
    for stored in events:
        schema_version = int(stored.metadata.get("schema_version", 1))
        event = decode(
            stream_type,
            stored.type,
            stored.data,
            schema_version,
            stored.stream_id,
            stored.version,
            stored.recorded_at,
        )
        aggregate = event.mutate(aggregate)
    return aggregate


def stream_type_of(aggregate: Aggregate) -> str:
    """The stream type the aggregate's events are stored under: "Dialogue" or "Case"."""
    for stream_type, cls in STREAM_TYPES.items():
        if aggregate.__class__ is cls:
            return stream_type
    raise UnknownStreamTypeError(f"{aggregate.__class__.__qualname__} is not a domain aggregate")


def _event_class(stream_type: str, event_type: str) -> type[AggregateEvent]:
    if stream_type not in _CLASSES:
        raise UnknownStreamTypeError(
            f"unknown stream type {stream_type!r}; known: {', '.join(_CLASSES)}"
        )
    if event_type not in _CLASSES[stream_type]:
        raise UnknownEventTypeError(f"{stream_type} has no event type {event_type!r}")
    return _CLASSES[stream_type][event_type]


@functools.cache
def _fields(cls: type[AggregateEvent]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name not in _ENVELOPE}


@functools.cache
def _converters(cls: type[AggregateEvent]) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    return tuple((name, converter(hint)) for name, hint in _fields(cls).items())
