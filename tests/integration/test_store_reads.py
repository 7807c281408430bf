"""What the store's readers hand back is exactly what was appended, whichever way it is read."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import orjson
import pytest

from jsd_core.store import NEW_STREAM, EventMetadata, EventStore, NewEvent, RecordedEvent
from jsd_core.store.cursor import LogPosition, parse_cursor
from jsd_core.store.hashing import format_timestamp

pytestmark = pytest.mark.store


def metadata() -> EventMetadata:
    return EventMetadata(
        actor="key:facilitator-1",
        organization="dcaf",
        command_id=uuid4(),
        correlation_id=uuid4(),
        causation_id=None,
    )


async def appended_stream(store: EventStore) -> tuple[UUID, list[RecordedEvent]]:
    """A stream whose events hold texts, numbers, nulls and nesting, recorded at
    a whole second and at a moment with microseconds."""
    stream = uuid4()
    raised = NewEvent("CaseRaised", {"title": "Vols à Saaba", "severity": 4, "location": None})
    first = await store.append(
        stream,
        "Case",
        NEW_STREAM,
        [raised],
        metadata(),
        recorded_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
    )
    updates = [
        NewEvent("CaseUpdated", {"note": "Réunion à 9 h\n« tenue »", "share": 2.5}),
        NewEvent("CaseUpdated", {"actions": [{"id": 1, "done": False}, {"id": 2}], "n": -3}, 2),
    ]
    second = await store.append(
        stream,
        "Case",
        1,
        updates,
        metadata(),
        recorded_at=datetime(2026, 3, 1, 9, 0, 0, 120_034, tzinfo=UTC),
    )
    return stream, [*first.events, *second.events]


async def read_whole_log(store: EventStore, stream: UUID, count: int, **options: Any) -> list[Any]:
    """The stream's events through the log, a page of one at a time. Another
    transaction anywhere on the server may briefly hold the readable tail back;
    a reader then looks again."""
    read = store.read_log_texts if options.pop("texts", False) else store.read_log
    events: list[Any] = []
    cursor = None
    async with asyncio.timeout(30):
        while len(events) < count:
            page = await read(cursor, limit=1, stream_id=stream, **options)
            events += page.events
            cursor = page.next
            if not page.events:
                await asyncio.sleep(0.01)
    return events


async def test_a_stream_reads_back_exactly_as_appended(store: EventStore) -> None:
    stream, appended = await appended_stream(store)
    assert await store.read_stream(stream) == appended


async def test_the_log_reads_back_exactly_as_appended(store: EventStore) -> None:
    stream, appended = await appended_stream(store)
    assert await read_whole_log(store, stream, len(appended)) == appended


async def test_a_retried_append_reads_back_its_original_events(store: EventStore) -> None:
    stream = uuid4()
    command = metadata()
    event = NewEvent("CaseRaised", {"title": "Vols à Saaba"})
    original = await store.append(stream, "Case", NEW_STREAM, [event], command)
    retried = await store.append(stream, "Case", NEW_STREAM, [event], command)
    assert retried.replayed
    assert retried.events == original.events


async def test_positions_read_back_are_the_cursors_of_their_place_in_the_log(
    store: EventStore,
) -> None:
    _, appended = await appended_stream(store)
    for event in appended:
        assert parse_cursor(event.position).cursor() == event.position
    assert [parse_cursor(e.position) for e in appended] == sorted(
        parse_cursor(e.position) for e in appended
    )
    assert parse_cursor(await store.log_head()) >= LogPosition(0, 0)


async def test_the_log_as_texts_holds_what_the_log_holds(store: EventStore) -> None:
    stream, appended = await appended_stream(store)
    texts = await read_whole_log(store, stream, len(appended), texts=True)
    assert [orjson.loads(t.data_json) for t in texts] == [e.data for e in appended]
    assert [(t.actor, t.organization) for t in texts] == [
        (e.actor, e.organization) for e in appended
    ]
    assert [t.time for t in texts] == [format_timestamp(e.recorded_at) for e in appended]
    assert [t.time for t in texts] == [
        "2026-03-01T09:00:00.000000+00:00",
        "2026-03-01T09:00:00.120034+00:00",
        "2026-03-01T09:00:00.120034+00:00",
    ]
    same = ("event_id", "stream_id", "stream_type", "version", "type", "hash", "position")
    for text, event in zip(texts, appended, strict=True):
        assert {name: getattr(text, name) for name in same} == {
            name: getattr(event, name) for name in same
        }


async def test_both_readers_of_the_log_go_on_from_the_same_cursor(store: EventStore) -> None:
    stream, appended = await appended_stream(store)
    await read_whole_log(store, stream, len(appended))
    after = appended[0].position
    for limit in (1, 2):
        events = await store.read_log(after, limit=limit, stream_id=stream)
        texts = await store.read_log_texts(after, limit=limit, stream_id=stream)
        assert [t.event_id for t in texts.events] == [e.event_id for e in events.events]
        assert texts.next == events.next == appended[limit].position
    # A page that is not full goes on from the newest readable event, which other
    # writers move: past this stream's last event, at least.
    rest = await store.read_log_texts(after, limit=10, stream_id=stream)
    assert rest.next >= appended[-1].position
