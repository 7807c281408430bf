"""A case's history rebuilt by the domain model from its stored events alone.

Nothing here reads a projection: each stored event is decoded by the codec and
applied to the `Case` aggregate, exactly as the application does when it loads
a case, and the state is copied after every event. What an auditor sees is
therefore what the events say, whatever the read models hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import dropwhile, islice
from typing import cast
from uuid import UUID

from eventsourcing.domain import AggregateCreated, AggregateEvent, EventSourcingError

from jsd_core import codec
from jsd_core.audit.state import CaseState, Snapshots
from jsd_core.domain import Case
from jsd_core.store import EventStore, RecordedEvent

CASE = "Case"


class HistoryError(ValueError):
    """A stored event cannot be replayed (the store was altered, or the code is too old)."""


@dataclass(frozen=True, slots=True)
class CaseRevision:
    """One stored event of a case and the state of the case right after it.

    `change` is the domain event the stored one decodes to (upcast), as the replay
    applied it; a reader showing the event's fields need not decode it again.
    """

    event: RecordedEvent
    state: CaseState
    change: AggregateEvent | None = field(default=None, compare=False, repr=False)


def replay(events: Sequence[RecordedEvent]) -> Iterator[CaseRevision]:
    """Apply a case's stored events one by one, yielding the state after each."""
    case: Case | None = None
    snapshots = Snapshots()
    for stored in events:
        change = _decode(stored)
        case = _apply(case, change, stored)
        yield CaseRevision(stored, snapshots.take(case, stored.recorded_at), change)


def _where(stored: RecordedEvent) -> str:
    return f"version {stored.version} of case {stored.stream_id} ({stored.type})"


def _decode(stored: RecordedEvent) -> AggregateEvent:
    try:
        return codec.decode(
            CASE,
            stored.type,
            stored.data,
            stored.schema_version,
            stored.stream_id,
            stored.version,
            stored.recorded_at,
        )
    except (codec.CodecError, TypeError, ValueError) as error:
        raise HistoryError(f"{_where(stored)} cannot be decoded: {error}") from error


def _apply(case: Case | None, event: AggregateEvent, stored: RecordedEvent) -> Case:
    if (case is None) != isinstance(event, AggregateCreated):
        raise HistoryError(
            f"{_where(stored)} is out of place: a case's history starts with its CaseRaised"
        )
    try:
        return cast(Case, event.mutate(case))
    except (EventSourcingError, KeyError, TypeError, ValueError) as error:
        raise HistoryError(f"{_where(stored)} cannot be applied: {error!r}") from error


async def case_history(
    store: EventStore, case_id: UUID, *, after: str | None = None, first: int | None = None
) -> list[CaseRevision]:
    """Every event of the case in order, each with the state right after it; [] if no case.

    `after` (an event's position) and `first` keep one page of it: the events after
    that one, at most `first` of them. The replay still starts at the case's first
    event, but stops at the page's last, and a first page reads no further.
    """
    if first is not None and first < 1:
        raise ValueError(f"first must be 1 or more, got {first}")
    events = await store.read_stream(case_id, to_version=first if after is None else None)
    if not events or events[0].stream_type != CASE:
        return []
    revisions = replay(events)
    if after is not None:
        revisions = dropwhile(lambda revision: revision.event.position <= after, revisions)
    return list(revisions if first is None else islice(revisions, first))


async def case_as_of(
    store: EventStore,
    case_id: UUID,
    *,
    at: datetime | None = None,
    version: int | None = None,
) -> CaseState | None:
    """The case as it stood at a moment and/or a version (the last event within both).

    None when there is no such case, or it did not exist yet at `at`. A moment
    in the future, or a version beyond the last, gives the current state.
    """
    if at is not None and at.utcoffset() is None:
        raise ValueError("the moment needs a time zone offset, e.g. 2026-11-27T10:15:00+00:00")
    if version is not None and version < 1:
        raise ValueError(f"version must be 1 or more, got {version}")
    events = await store.read_stream(case_id, to_version=version, until=at)
    if not events or events[0].stream_type != CASE:
        return None
    case: Case | None = None
    for stored in events:
        case = _apply(case, _decode(stored), stored)
    assert case is not None
    return Snapshots().take(case, events[-1].recorded_at)
