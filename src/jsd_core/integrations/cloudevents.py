"""Events as CloudEvents 1.0 (JSON format): the body of every integration surface.

The feed, server-sent events, webhooks and the NATS relay all send the same
document, so a consumer parses one shape whichever way it listens.
"""

from __future__ import annotations

from typing import Any

from orjson import Fragment, dumps

from jsd_core.store.hashing import format_timestamp
from jsd_core.store.records import EventText, RecordedEvent

SPEC_VERSION = "1.0"
TYPE_PREFIX = "jsd."


def to_cloudevent(event: RecordedEvent) -> dict[str, Any]:
    """The CloudEvent of a stored event, as architecture.md maps it.

    `jsdposition` is the event's cursor in the global order (resume a feed
    after it), `jsdversion` its version in its stream, `jsdactor` who issued
    the command, `jsdhash` its link in the stream's hash chain.
    """
    time = format_timestamp(event.recorded_at)
    return _cloudevent(event, event.organization, event.actor, time, event.data)


def text_cloudevent(event: EventText) -> dict[str, Any]:
    """The same CloudEvent with `data` the stored JSON text as an orjson Fragment:
    only orjson serialises it, copying the text instead of encoding a value."""
    data = Fragment(event.data_json)
    return _cloudevent(event, event.organization, event.actor, event.time, data)


def _cloudevent(
    event: RecordedEvent | EventText, organization: str, actor: str, time: str, data: Any
) -> dict[str, Any]:
    return {
        "specversion": SPEC_VERSION,
        "id": str(event.event_id),
        "source": f"/jsd/{organization}",
        "type": f"{TYPE_PREFIX}{event.type}",
        "subject": f"{event.stream_type.lower()}s/{event.stream_id}",
        "time": time,
        "datacontenttype": "application/json",
        "data": data,
        "jsdposition": event.position,
        "jsdversion": event.version,
        "jsdactor": actor,
        "jsdhash": event.hash,
    }


def cloudevent_json(event: RecordedEvent) -> str:
    """The CloudEvent as compact JSON text, texts kept as given (not \\u-escaped)."""
    return dumps(to_cloudevent(event)).decode()
