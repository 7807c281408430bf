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


def canonical_text(value: Any, *, plain: bool | None = None) -> str:
    """RFC 8785 canonical JSON of a value already checked to be storable JSON.

    `plain` may be passed by a caller that already walked the value."""
    if plain if plain is not None else _plain(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return bytes(rfc8785.dumps(value)).decode()


def canonical_json(value: Any) -> bytes:
    """RFC 8785 canonical JSON of a value, as bytes."""
    return canonical_text(value).encode()


def _string(text: str) -> str:
    # RFC 8785 escapes strings exactly as json.dumps does without ensure_ascii.
    return json.dumps(text, ensure_ascii=False)


def envelope_hash(
    *,
    event_id: str,
    stream_id: str,
    stream_type: str,
    version: int,
    type: str,
    data_json: str,
    metadata_json: str,
    recorded_at: str,
    prev_hash: str | None,
) -> str:
    """The hash of an envelope whose data and metadata are given in canonical form.

    An object's canonical form is its members' canonical forms in key order, so
    the envelope is put together from them (keys in RFC 8785 order) instead of
    serialising data and metadata a second time.
    """
    text = "".join(
        (
            '{"data":',
            data_json,
            ',"event_id":',
            _string(event_id),
            ',"metadata":',
            metadata_json,
            ',"prev_hash":',
            "null" if prev_hash is None else _string(prev_hash),
            ',"recorded_at":',
            _string(recorded_at),
            ',"stream_id":',
            _string(stream_id),
            ',"stream_type":',
            _string(stream_type),
            ',"type":',
            _string(type),
            ',"version":',
            str(version),
            "}",
        )
    )
    return hashlib.sha256(text.encode()).hexdigest()


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
    """hex(sha256(RFC 8785 JSON of the envelope)) of one event."""
    return envelope_hash(
        event_id=str(event_id),
        stream_id=str(stream_id),
        stream_type=stream_type,
        version=version,
        type=type,
        data_json=canonical_text(data),
        metadata_json=canonical_text(metadata),
        recorded_at=format_timestamp(recorded_at),
        prev_hash=prev_hash,
    )
