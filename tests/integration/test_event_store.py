"""The event store's guarantees, each against a real PostgreSQL."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta
from uuid import UUID, uuid4

import asyncpg
import pytest
import rfc8785

from jsd_core.store import (
    NEW_STREAM,
    EventMetadata,
    EventStore,
    IdempotencyMismatchError,
    InvalidAppendError,
    InvalidCursorError,
    NewEvent,
    RecordedEvent,
    VersionConflictError,
)

pytestmark = pytest.mark.store


def metadata(command_id: UUID | None = None) -> EventMetadata:
    return EventMetadata(
        actor="key:facilitator-1",
        organization="search-for-common-ground",
        command_id=command_id or uuid4(),
        correlation_id=uuid4(),
        causation_id=uuid4(),
    )


def raised(title: str = "Robberies on the Ouagadougou road") -> NewEvent:
    return NewEvent("CaseRaised", {"title": title, "severity": 4, "location": None}, 2)


async def count(pool: asyncpg.Pool, stream_id: UUID) -> int:
    value: int = await pool.fetchval("SELECT count(*) FROM events WHERE stream_id = $1", stream_id)
    return value


async def total(pool: asyncpg.Pool) -> int:
    value: int = await pool.fetchval("SELECT count(*) FROM events")
    return value


# ------------------------------------------------------------ concurrency


async def test_a_new_stream_starts_at_version_one(store: EventStore) -> None:
    stream = uuid4()
    result = await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    assert result.version == 1
    assert [e.version for e in await store.read_stream(stream)] == [1]


async def test_an_append_at_a_stale_version_conflicts_and_stores_nothing(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    await store.append(stream, "Case", 1, [NewEvent("CaseAgreed", {"by": ["police"]})], metadata())
    with pytest.raises(VersionConflictError) as conflict:
        await store.append(stream, "Case", 1, [NewEvent("CaseAgreed", {})], metadata())
    assert conflict.value.actual == 2
    with pytest.raises(VersionConflictError):
        await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    with pytest.raises(VersionConflictError):
        await store.append(stream, "Case", 7, [NewEvent("CaseAgreed", {})], metadata())
    assert await count(pool, stream) == 2


async def test_a_stale_version_conflicts_even_when_another_process_appended(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    other_process = EventStore(pool, stream_types=store.stream_types)
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    await other_process.append(stream, "Case", 1, [NewEvent("CaseAgreed", {})], metadata())
    with pytest.raises(VersionConflictError):
        await store.append(stream, "Case", 1, [NewEvent("CaseEscalated", {})], metadata())
    appended = await store.append(stream, "Case", 2, [NewEvent("CaseEscalated", {})], metadata())
    assert appended.version == 3


async def test_concurrent_appends_at_one_version_store_exactly_one_whole_batch(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    batch = [NewEvent("ActionAssigned", {"n": n}) for n in range(3)]
    outcomes = await asyncio.gather(
        *(store.append(stream, "Case", 1, batch, metadata()) for _ in range(8)),
        return_exceptions=True,
    )
    winners = [o for o in outcomes if not isinstance(o, BaseException)]
    assert len(winners) == 1
    assert all(isinstance(o, VersionConflictError) for o in outcomes if o not in winners)
    assert [e.version for e in await store.read_stream(stream)] == [1, 2, 3, 4]


async def test_the_events_of_one_append_are_stored_together_or_not_at_all(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    with pytest.raises(InvalidAppendError):
        await store.append(
            stream,
            "Case",
            NEW_STREAM,
            [raised(), NewEvent("CaseAgreed", {"bad": float("nan")})],
            metadata(),
        )
    assert await count(pool, stream) == 0


# ------------------------------------------------------------ idempotency


async def test_a_retried_command_returns_the_original_result_and_stores_nothing(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    command = metadata()
    first = await store.append(stream, "Case", NEW_STREAM, [raised()], command)
    before = await total(pool)
    again = await store.append(stream, "Case", NEW_STREAM, [raised()], command)
    assert again.replayed
    assert again.events == first.events
    assert await total(pool) == before


async def test_a_command_id_reused_for_other_events_is_a_mismatch(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    command = metadata()
    await store.append(stream, "Case", NEW_STREAM, [raised()], command)
    with pytest.raises(IdempotencyMismatchError):
        await store.append(stream, "Case", 1, [NewEvent("CaseAgreed", {})], command)
    with pytest.raises(IdempotencyMismatchError):
        await store.append(uuid4(), "Case", NEW_STREAM, [raised("Other")], command)
    assert await count(pool, stream) == 1


async def test_concurrent_requests_with_one_command_id_store_one_result(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    command = metadata()
    fingerprint = "raise-case:robberies"
    # Each retry of "raise a case" would pick a new stream id: only the command id is shared.
    results = await asyncio.gather(
        *(
            store.append(uuid4(), "Case", NEW_STREAM, [raised()], command, fingerprint=fingerprint)
            for _ in range(10)
        )
    )
    assert len({r.stream_id for r in results}) == 1
    assert len({r.position for r in results}) == 1
    stored = await pool.fetchval(
        "SELECT count(*) FROM events WHERE metadata->>'command_id' = $1", str(command.command_id)
    )
    assert stored == 1


# ------------------------------------------------------------ immutability


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE events SET data = '{}'::jsonb WHERE stream_id = $1",
        "UPDATE events SET hash = 'forged' WHERE stream_id = $1",
        "DELETE FROM events WHERE stream_id = $1",
    ],
)
async def test_stored_events_cannot_be_changed_even_by_the_superuser(
    store: EventStore, pool: asyncpg.Pool, statement: str
) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="immutable"):
        await pool.execute(statement, stream)
    assert (await store.read_stream(stream))[0].data["title"].startswith("Robberies")


async def test_the_events_table_cannot_be_truncated(store: EventStore, pool: asyncpg.Pool) -> None:
    await store.append(uuid4(), "Case", NEW_STREAM, [raised()], metadata())
    before = await total(pool)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="TRUNCATE"):
        await pool.execute("TRUNCATE events")
    assert await total(pool) == before


async def test_the_database_refuses_an_event_that_breaks_the_chain(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    with pytest.raises(asyncpg.IntegrityConstraintViolationError, match="does not follow"):
        await pool.execute(
            "INSERT INTO events (event_id, stream_id, stream_type, version, type, data, "
            "metadata, recorded_at, prev_hash, hash) VALUES "
            "($1, $2, 'Case', 2, 'CaseAgreed', '{}', '{}', now(), 'forged', 'x')",
            uuid4(),
            stream,
        )


# ------------------------------------------------------------ hash chain and metadata


def recompute(event: dict[str, object], prev_hash: str | None) -> str:
    """The README's recipe, with nothing but hashlib and rfc8785."""
    envelope = {key: event[key] for key in ("event_id", "stream_id", "stream_type", "version")}
    envelope |= {key: event[key] for key in ("type", "data", "metadata", "recorded_at")}
    envelope["prev_hash"] = prev_hash
    return hashlib.sha256(rfc8785.dumps(envelope)).hexdigest()


async def test_each_hash_chains_the_canonical_envelope_to_the_previous_event(
    store: EventStore, pool: asyncpg.Pool
) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised("Tension à Saaba — رمضان")], metadata())
    await store.append(
        stream,
        "Case",
        1,
        [NewEvent("CaseAgreed", {"score": 72.5, "whole": 72.0}), NewEvent("CaseEscalated", {})],
        metadata(),
    )
    rows = await pool.fetch(
        "SELECT event_id::text, stream_id::text, stream_type, version, type, data::text, "
        "metadata::text, recorded_at, prev_hash, hash FROM events WHERE stream_id = $1 "
        "ORDER BY version",
        stream,
    )
    import json

    from jsd_core.store.hashing import format_timestamp

    previous = None
    for row in rows:
        event = dict(row) | {
            "data": json.loads(row["data"]),
            "metadata": json.loads(row["metadata"]),
            "recorded_at": format_timestamp(row["recorded_at"]),
        }
        assert row["prev_hash"] == previous
        assert recompute(event, previous) == row["hash"]
        previous = row["hash"]
    assert [e.hash for e in await store.read_stream(stream)] == [r["hash"] for r in rows]


async def test_every_event_carries_who_why_and_its_schema_version(store: EventStore) -> None:
    stream = uuid4()
    command = metadata()
    await store.append(stream, "Case", NEW_STREAM, [raised()], command)
    (event,) = await store.read_stream(stream)
    assert event.metadata == {
        "actor": "key:facilitator-1",
        "organization": "search-for-common-ground",
        "command_id": str(command.command_id),
        "correlation_id": str(command.correlation_id),
        "causation_id": str(command.causation_id),
        "schema_version": 2,
    }


# ------------------------------------------------------------ reads


async def test_a_stream_reads_up_to_a_version_or_a_moment(store: EventStore) -> None:
    stream = uuid4()
    first = await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    moment = first.events[0].recorded_at
    later = moment + timedelta(days=30)
    await store.append(
        stream, "Case", 1, [NewEvent("CaseAgreed", {})], metadata(), recorded_at=later
    )
    await store.append(
        stream, "Case", 2, [NewEvent("CaseEscalated", {})], metadata(), recorded_at=later
    )
    assert [e.version for e in await store.read_stream(stream, to_version=2)] == [1, 2]
    assert [e.version for e in await store.read_stream(stream, until=moment)] == [1]
    before = moment - timedelta(seconds=1)
    assert await store.read_stream(stream, until=before) == []
    assert len(await store.read_stream(stream, until=later)) == 3


async def test_a_streams_times_never_go_backwards(store: EventStore) -> None:
    stream = uuid4()
    first = await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    earlier = first.events[0].recorded_at - timedelta(hours=1)
    second = await store.append(
        stream, "Case", 1, [NewEvent("CaseAgreed", {})], metadata(), recorded_at=earlier
    )
    assert second.events[0].recorded_at == first.events[0].recorded_at


async def test_the_log_reads_after_a_cursor_in_pages_filtered_by_type(
    fresh_database_url: str,
) -> None:
    from jsd_core.database import create_pool

    pool = await create_pool(fresh_database_url)
    store = EventStore(pool, stream_types=frozenset({"Case"}))
    try:
        for _ in range(5):
            stream = uuid4()
            await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
            await store.append(stream, "Case", 1, [NewEvent("CaseAgreed", {})], metadata())
        seen: list[RecordedEvent] = []
        cursor = None
        # Another transaction anywhere on the server may briefly hold the readable
        # tail back; a reader then sees `behind` and looks again.
        async with asyncio.timeout(30):
            while len(seen) < 10:
                page = await store.read_log(cursor, limit=3)
                seen += page.events
                cursor = page.next
                if not page.events:
                    await asyncio.sleep(0.01)
        assert len(seen) == 10
        assert [e.position for e in seen] == sorted(e.position for e in seen)
        agreed = await store.read_log(None, limit=100, types=["CaseAgreed"])
        assert [e.type for e in agreed.events] == ["CaseAgreed"] * 5
        assert agreed.next == seen[-1].position
        nothing = await store.read_log(agreed.next, limit=100, types=["CaseAgreed"])
        assert nothing.events == ()
        assert nothing.next == agreed.next
    finally:
        await pool.close()


async def test_a_cursor_the_store_did_not_hand_out_is_refused(store: EventStore) -> None:
    with pytest.raises(InvalidCursorError):
        await store.read_log("not-a-cursor")


# ------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("stream_type", "version", "event", "message"),
    [
        ("Vehicle", 0, raised(), "unknown stream type"),
        ("Case", -1, raised(), "0 or more"),
        ("Case", 0, NewEvent("CaseRaised", {"when": object()}), "not JSON"),
        ("Case", 0, NewEvent("CaseRaised", {"x": float("inf")}), "outside"),
        ("Case", 0, NewEvent("CaseRaised", {"x": 2**60}), "outside"),
        ("Case", 0, NewEvent("CaseRaised", {"x": "nul\x00"}), "NUL"),
        ("Case", 0, NewEvent("CaseRaised", {"x": "\ud800"}), "lone surrogate"),
        ("Case", 0, NewEvent("case raised", {}), "not an event type"),
        ("Case", 0, NewEvent("CaseRaised", {"x": "é" * (600 * 1024)}), "at most"),
    ],
)
async def test_bad_input_is_refused_clearly_and_stores_nothing(
    store: EventStore,
    pool: asyncpg.Pool,
    stream_type: str,
    version: int,
    event: NewEvent,
    message: str,
) -> None:
    stream = uuid4()
    with pytest.raises(InvalidAppendError, match=message):
        await store.append(stream, stream_type, version, [event], metadata())
    assert await count(pool, stream) == 0


async def test_a_stream_keeps_its_type(store: EventStore, pool: asyncpg.Pool) -> None:
    stream = uuid4()
    await store.append(stream, "Case", NEW_STREAM, [raised()], metadata())
    with pytest.raises(InvalidAppendError, match="is a Case stream"):
        await store.append(stream, "Dialogue", 1, [NewEvent("SessionHeld", {})], metadata())
    assert await count(pool, stream) == 1
