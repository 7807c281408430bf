"""The hash chain: how each event's `hash` is computed from its envelope.

hash = hex(sha256(JCS(envelope))) where JCS is RFC 8785 canonical JSON and the
envelope is a JSON object with exactly these keys: event_id, stream_id (lower-case
hyphenated UUID strings), stream_type, version (integer), type, data, metadata,
recorded_at (ISO 8601, UTC, microseconds, `+00:00`) and prev_hash (the hash of the
stream's previous event, null for version 1).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import rfc8785

HASH_ALGORITHM = "sha256"
CANONICALIZATION = "RFC 8785"


def format_timestamp(moment: datetime) -> str:
    """The one string form of an event's time, as hashed, exported and shown by the API."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _plain(value: Any) -> bool:
    """True when the value holds no floats and only ASCII keys: then Python's own
    sorted, compact JSON is byte for byte the RFC 8785 form (same escapes, same
    integer digits, same key order), and much faster to produce."""
    if isinstance(value, dict):
        return all(k.isascii() and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    return not isinstance(value, float)


def canonical_json(value: Any) -> bytes:
    """RFC 8785 canonical JSON of a value already checked to be storable JSON."""
    if _plain(value):
        text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return text.encode()
    return bytes(rfc8785.dumps(value))


def event_hash(
    *,
    event_id: UUID,
    stream_id: UUID,
    stream_type: str,
    version: int,
    type: str,
    data: dict[str, Any],
    metadata: dict[str, Any],
    recorded_at: datetime,
    prev_hash: str | None,
) -> str:
    envelope: dict[str, Any] = {
        "event_id": str(event_id),
        "stream_id": str(stream_id),
        "stream_type": stream_type,
        "version": version,
        "type": type,
        "data": data,
        "metadata": metadata,
        "recorded_at": format_timestamp(recorded_at),
        "prev_hash": prev_hash,
    }
    return hashlib.sha256(canonical_json(envelope)).hexdigest()
