"""Recomputing a stream's hash chain, event by event, and saying plainly where it breaks.

The recipe is the store's (`jsd_core.store.hashing`): sha256 over the RFC 8785
canonical JSON of the envelope {event_id, stream_id, stream_type, version,
type, data, metadata, recorded_at, prev_hash}. Here the envelope is built from
the values exactly as stored or exported (ids and times as strings), so a
bundle is checked on the very text an auditor's own script would hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from json import encoder as json_encoder
from typing import Any, NamedTuple

import rfc8785

# Compact JSON with sorted keys is byte for byte RFC 8785 for most events and
# runs in C; it can only differ (floats such as 1.0, keys beyond the BMP), so a
# mismatch is decided again by the exact, pure-Python canonicaliser.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
# json's C encoder, built once: `JSONEncoder.encode` builds a new one per call,
# a quarter of the cost of checking an event. Values parsed from JSON hold no
# cycles, so no cycle markers. (An implementation detail: without it, encode.)
_MAKE_C_ENCODER = getattr(json_encoder, "c_make_encoder", None)
_C_ENCODER = (
    _MAKE_C_ENCODER(
        None, _ENCODER.default, json_encoder.encode_basestring, None, ":", ",", True, False, False
    )
    if _MAKE_C_ENCODER is not None
    else None
)


def quick_canonical(value: Any) -> str:
    """Compact, key-sorted JSON: RFC 8785 itself for most events, never for a different value."""
    if _C_ENCODER is None:
        return _ENCODER.encode(value)
    return "".join(_C_ENCODER(value, 0))


@dataclass(frozen=True)
class ChainVerification:
    """The outcome of checking one stream: how many events, its head, the first break."""

    valid: bool
    events: int
    head_hash: str | None
    first_invalid_version: int | None = None
    reason: str | None = None


class StoredFields(NamedTuple):
    """The hashed fields of one event and its two hashes, as stored or exported."""

    event_id: str
    stream_type: str
    version: int
    type: str
    data: Any
    metadata: Any
    recorded_at: str  # in the one form of `format_timestamp`
    prev_hash: str | None
    hash: str


def hash_matches(stream_id: str, event: StoredFields) -> bool:
    """True when the event's stored hash is the hash of its contents and its prev_hash."""
    envelope = {
        "event_id": event.event_id,
        "stream_id": stream_id,
        "stream_type": event.stream_type,
        "version": event.version,
        "type": event.type,
        "data": event.data,
        "metadata": event.metadata,
        "recorded_at": event.recorded_at,
        "prev_hash": event.prev_hash,
    }
    try:
        if hashlib.sha256(quick_canonical(envelope).encode()).hexdigest() == event.hash:
            # The same text as the canonical form that was hashed means the same values.
            return True
        return hashlib.sha256(rfc8785.dumps(envelope)).hexdigest() == event.hash
    except (ValueError, TypeError, rfc8785.CanonicalizationError):
        return False  # values no honest writer could have stored (NaN, 2^64, ...)


class ChainChecker:
    """Checks one stream's events fed in stored order (by version); keeps the first break."""

    def __init__(self, stream_id: str) -> None:
        self.stream_id = stream_id
        self.events = 0
        self.head_hash: str | None = None
        self.first_invalid_version: int | None = None
        self.reason: str | None = None
        self._expected = 1

    def add(self, event: StoredFields) -> None:
        self.events += 1
        if self.reason is None:
            self._check(event)
        self._expected = max(self._expected, event.version + 1)
        self.head_hash = event.hash

    def _check(self, event: StoredFields) -> None:
        version, expected = event.version, self._expected
        if version > expected:
            self._fail(expected, f"version {expected} is missing")
        elif version < expected:
            self._fail(version, f"version {version} appears more than once or out of order")
        elif version == 1 and event.prev_hash is not None:
            self._fail(1, "version 1 links to an earlier event, but it is the first")
        elif not hash_matches(self.stream_id, event):
            self._fail(
                version,
                f"version {version}: the stored hash does not match its contents "
                "(data, metadata, type, time or version changed)",
            )
        elif version > 1 and event.prev_hash != self.head_hash:
            self._fail(version, f"version {version} does not link to version {version - 1}")

    def _fail(self, version: int, reason: str) -> None:
        self.first_invalid_version, self.reason = version, reason

    def fail_at_end(self, reason: str) -> None:
        """Record a break found after the last event (a bundle whose head is not its end)."""
        if self.reason is None:
            self._fail(self._expected, reason)

    def result(self) -> ChainVerification:
        return ChainVerification(
            valid=self.reason is None,
            events=self.events,
            head_hash=self.head_hash,
            first_invalid_version=self.first_invalid_version,
            reason=self.reason,
        )
