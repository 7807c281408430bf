"""One CloudEvent whichever form the event is in: decoded, or as the stored JSON text."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import uuid4

import orjson

from jsd_core.integrations.cloudevents import cloudevent_json, text_cloudevent, to_cloudevent
from jsd_core.store.hashing import format_timestamp
from jsd_core.store.records import EventText, RecordedEvent

DATA = {"title": "Vols à Saaba", "note": "ligne\nsuivante « ici »", "share": 0.25, "n": [1, None]}
# How PostgreSQL writes jsonb out: its own key order and spacing.
DATA_TEXT = (
    '{"n": [1, null], "note": "ligne\\nsuivante « ici »", "share": 0.25, "title": "Vols à Saaba"}'
)


def recorded() -> RecordedEvent:
    return RecordedEvent(
        event_id=uuid4(),
        stream_id=uuid4(),
        stream_type="Case",
        version=3,
        type="CaseRaised",
        data=DATA,
        metadata={"actor": "compass/k.traore", "organization": "compass", "schema_version": 2},
        recorded_at=datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
        prev_hash="a" * 64,
        hash="b" * 64,
        position="0000000000000abc0000000000000def",
    )


def as_text(event: RecordedEvent) -> EventText:
    return EventText(
        event.event_id,
        event.stream_id,
        event.stream_type,
        event.version,
        event.type,
        DATA_TEXT,
        event.actor,
        event.organization,
        format_timestamp(event.recorded_at),
        event.hash,
        event.position,
    )


def test_the_text_form_sends_the_same_cloudevent() -> None:
    event = recorded()
    sent = orjson.dumps({"events": [text_cloudevent(as_text(event))]})
    assert json.loads(sent) == {"events": [to_cloudevent(event)]}


def test_the_cloudevent_maps_the_stored_event() -> None:
    event = recorded()
    assert to_cloudevent(event) == {
        "specversion": "1.0",
        "id": str(event.event_id),
        "source": "/jsd/compass",
        "type": "jsd.CaseRaised",
        "subject": f"cases/{event.stream_id}",
        "time": "2026-03-01T09:00:00.000000+00:00",
        "datacontenttype": "application/json",
        "data": DATA,
        "jsdposition": event.position,
        "jsdversion": 3,
        "jsdactor": "compass/k.traore",
        "jsdhash": event.hash,
    }


def test_the_json_form_is_compact_and_keeps_texts_as_given() -> None:
    event = recorded()
    text = cloudevent_json(event)
    assert json.loads(text) == to_cloudevent(event)
    assert "Vols à Saaba" in text
    assert ", " not in text
    assert '": ' not in text
