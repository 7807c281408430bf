"""Sealing new events: ids, versions, canonical texts and the hash chain, before storing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID, uuid4

from jsd_core.store import sql
from jsd_core.store.errors import InvalidAppendError
from jsd_core.store.hashing import envelope_hash, format_timestamp
from jsd_core.store.records import EventMetadata, JSONObject, NewEvent, RecordedEvent
from jsd_core.store.validation import encode_json


class SealedEvent(NamedTuple):
    """One event ready to store: its canonical texts are what is stored and hashed."""

    event_id: UUID
    version: int
    type: str
    data: JSONObject
    data_text: str
    metadata: JSONObject
    metadata_text: str
    prev_hash: str | None
    hash: str


def seal(
    stream_id: UUID,
    stream_type: str,
    expected_version: int,
    events: Sequence[NewEvent],
    data_texts: Sequence[str],
    metadata: EventMetadata,
    moment: datetime,
    prev_hash: str | None,
    max_event_bytes: int,
) -> list[SealedEvent]:
    """Number the events after `expected_version` and chain each to the one before."""
    stream_text, moment_text = str(stream_id), format_timestamp(moment)
    sealed: list[SealedEvent] = []
    for offset, (event, data_text) in enumerate(zip(events, data_texts, strict=True), 1):
        meta = metadata.as_json(event.schema_version)
        meta_text = encode_json(meta, f"{event.type}.metadata")
        size = len(data_text.encode()) + len(meta_text.encode())
        if size > max_event_bytes:
            raise InvalidAppendError(
                f"{event.type} is {size} bytes; an event may hold at most {max_event_bytes} bytes"
            )
        event_id, version = uuid4(), expected_version + offset
        digest = envelope_hash(
            event_id=str(event_id),
            stream_id=stream_text,
            stream_type=stream_type,
            version=version,
            type=event.type,
            data_json=data_text,
            metadata_json=meta_text,
            recorded_at=moment_text,
            prev_hash=prev_hash,
        )
        sealed.append(
            SealedEvent(
                event_id,
                version,
                event.type,
                event.data,
                data_text,
                meta,
                meta_text,
                prev_hash,
                digest,
            )
        )
        prev_hash = digest
    return sealed


def append_statement(
    sealed: Sequence[SealedEvent],
    stream_id: UUID,
    stream_type: str,
    moment: datetime,
    command_id: UUID,
    fingerprint: str,
) -> tuple[str, tuple[Any, ...]]:
    """The statement that stores the events and the command record, and its arguments."""
    common = (stream_id, stream_type, moment, command_id, fingerprint)
    if len(sealed) == 1:
        (one,) = sealed
        columns: tuple[Any, ...] = (
            one.event_id,
            one.version,
            one.type,
            one.data_text,
            one.metadata_text,
            one.prev_hash,
            one.hash,
        )
        return sql.APPEND_ONE, (*columns, *common)
    columns = tuple(
        [getattr(event, field) for event in sealed]
        for field in (
            "event_id",
            "version",
            "type",
            "data_text",
            "metadata_text",
            "prev_hash",
            "hash",
        )
    )
    return sql.APPEND, (*columns, *common)


def recorded(
    event: SealedEvent,
    stream_id: UUID,
    stream_type: str,
    moment: datetime,
    transaction_id: str,
    position: int,
) -> RecordedEvent:
    """The stored event, as a reader will see it."""
    return RecordedEvent(
        event.event_id,
        stream_id,
        stream_type,
        event.version,
        event.type,
        event.data,
        event.metadata,
        moment,
        event.prev_hash,
        event.hash,
        f"{int(transaction_id):016x}{position:016x}",
    )
