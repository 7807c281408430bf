"""The audit bundle (`jsd-audit-bundle/1`): one stream's events, checkable years later offline.

A bundle carries each event's hashed fields exactly as stored, with its
prev_hash and hash; the stream's id and type are given once, at the top, and
belong in every event's envelope. `check_bundle` needs no database and no
other code of the service than the hash recipe (docs/auditing.md shows the
same check in a dozen lines of plain Python).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from jsd_core.audit.chain import ChainChecker, ChainVerification, StoredFields
from jsd_core.store import EventStore, RecordedEvent
from jsd_core.store.hashing import CANONICALIZATION, HASH_ALGORITHM, format_timestamp

BUNDLE_FORMAT = "jsd-audit-bundle/1"
_EVENT_FIELDS: dict[str, tuple[type, ...]] = {
    "event_id": (str,),
    "version": (int,),
    "type": (str,),
    "recorded_at": (str,),
    "data": (dict,),
    "metadata": (dict,),
    "prev_hash": (str, type(None)),
    "hash": (str,),
}


class BundleError(ValueError):
    """The file or document is not a readable `jsd-audit-bundle/1`."""


@dataclass(frozen=True)
class BundleCheck:
    """What checking a bundle found, and which stream it is about."""

    stream_id: str
    stream_type: str
    exported_at: str
    verification: ChainVerification


def make_bundle(events: Sequence[RecordedEvent], exported_at: datetime) -> dict[str, Any]:
    """The bundle of one stream's events, all of them, in version order."""
    first = events[0]
    return {
        "format": BUNDLE_FORMAT,
        "exported_at": format_timestamp(exported_at),
        "stream": {"id": str(first.stream_id), "type": first.stream_type},
        "hash_algorithm": HASH_ALGORITHM,
        "canonicalization": CANONICALIZATION,
        "events": [
            {
                "event_id": str(event.event_id),
                "version": event.version,
                "type": event.type,
                "recorded_at": format_timestamp(event.recorded_at),
                "data": event.data,
                "metadata": event.metadata,
                "prev_hash": event.prev_hash,
                "hash": event.hash,
            }
            for event in events
        ],
        "head_hash": events[-1].hash,
    }


async def export_case_bundle(
    store: EventStore, case_id: UUID, *, exported_at: datetime
) -> dict[str, Any] | None:
    """The bundle of a case as stored now; None when there is no such case."""
    events = await store.read_stream(case_id)
    if not events or events[0].stream_type != "Case":
        return None
    return make_bundle(events, exported_at)


def bundle_text(bundle: dict[str, Any]) -> str:
    """The bundle as the file an auditor keeps: UTF-8 JSON, texts unescaped, indented."""
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"


def _refuse_constant(name: str) -> Any:
    raise BundleError(f"the bundle holds {name}, which is not a JSON number")


def read_bundle(path: Path) -> Any:
    """The JSON document in a bundle file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BundleError(f"cannot read {path}: {error}") from error
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise BundleError(f"{path} is not JSON: {error}") from error


def check_bundle(document: Any) -> BundleCheck:
    """Recompute the chain of a bundle: every hash, every link, and the head."""
    bundle = _object(document, "the bundle")
    expected = {
        "format": BUNDLE_FORMAT,
        "hash_algorithm": HASH_ALGORITHM,
        "canonicalization": CANONICALIZATION,
    }
    for key, wanted in expected.items():
        if bundle.get(key) != wanted:
            found = repr(bundle.get(key))[:60]
            raise BundleError(f"the bundle's {key} must be {wanted!r}, found {found}")
    stream = _object(bundle.get("stream"), "the bundle's stream")
    stream_id, stream_type = _text(stream, "id", "stream"), _text(stream, "type", "stream")
    events = bundle.get("events")
    if not isinstance(events, list):
        raise BundleError("the bundle's events must be a list")
    checker = ChainChecker(stream_id)
    for index, item in enumerate(events, 1):
        checker.add(_event(item, index, stream_type))
    if not events:
        checker.fail_at_end("the bundle holds no events: version 1 is missing")
    elif bundle.get("head_hash") != checker.head_hash:
        checker.fail_at_end(
            f"the bundle's head_hash is not the hash of its last event, version "
            f"{events[-1]['version']}: a later event may be missing"
        )
    exported_at = bundle.get("exported_at")
    return BundleCheck(stream_id, stream_type, str(exported_at), checker.result())


def _event(item: Any, index: int, stream_type: str) -> StoredFields:
    event = _object(item, f"event #{index} of the bundle")
    for name, kinds in _EVENT_FIELDS.items():
        value = event.get(name)
        if not isinstance(value, kinds) or isinstance(value, bool):
            raise BundleError(f"event #{index} of the bundle has no valid {name!r}")
    return StoredFields(stream_type=stream_type, **{name: event[name] for name in _EVENT_FIELDS})


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BundleError(f"{what} must be a JSON object")
    return value


def _text(value: dict[str, Any], key: str, what: str) -> str:
    found = value.get(key)
    if not isinstance(found, str) or not found:
        raise BundleError(f"the bundle's {what} needs a {key!r}")
    return found
