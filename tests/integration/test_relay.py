"""The NATS JetStream relay, against the real NATS server of JSD_TEST_NATS_URL:
each event once, to jsd.<organization>.<EventType>, with Nats-Msg-Id = event id,
resuming from its checkpoint."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import pytest

from jsd_core.integrations.cloudevents import to_cloudevent
from jsd_core.integrations.relay import NatsRelay, RelayTarget
from jsd_core.store import EventStore, RecordedEvent
from jsd_core.store.notifier import Notifier
from tests.support.events import append_case, writing_store
from tests.support.jetstream import IsolatedStream, isolated_stream
from tests.support.waiting import until

pytestmark = pytest.mark.nats


@contextlib.asynccontextmanager
async def running_relay(
    database_url: str, store: EventStore, stream: IsolatedStream
) -> AsyncIterator[NatsRelay]:
    notifier = Notifier(database_url)
    await notifier.start()
    store.on_append = lambda _: notifier.poke()
    target = RelayTarget(stream.url, stream.stream, stream.prefix)
    relay = NatsRelay(target, database_url, store, notifier, retry_delay=0.2)
    await relay.start()
    try:
        yield relay
    finally:
        await relay.stop()
        await notifier.stop()


async def held_ids(stream: IsolatedStream, count: int) -> list[str]:
    async def enough() -> list[str]:
        held = [m.message_id for m in await stream.messages()]
        return held if len(held) >= count else []

    return await until(enough)


def ids(events: list[RecordedEvent]) -> list[str]:
    return [str(event.event_id) for event in events]


async def test_the_relay_creates_its_stream_and_publishes_each_event_to_its_subject(
    fresh_database_url: str,
) -> None:
    async with isolated_stream() as stream, writing_store(fresh_database_url) as store:
        history = await append_case(store, "saaba", updates=1)
        async with running_relay(fresh_database_url, store, stream):
            live = await append_case(store, "dakar")
            await held_ids(stream, 3)
        held = await stream.messages()
    events = history + live
    assert [m.message_id for m in held] == ids(events)
    assert [m.subject for m in held] == [
        f"{stream.prefix}.saaba.CaseRaised",
        f"{stream.prefix}.saaba.ActionProgressReported",
        f"{stream.prefix}.dakar.CaseRaised",
    ]
    assert [m.event for m in held] == [to_cloudevent(event) for event in events]


async def test_a_restarted_relay_resumes_from_its_checkpoint(fresh_database_url: str) -> None:
    async with isolated_stream() as stream, writing_store(fresh_database_url) as store:
        async with running_relay(fresh_database_url, store, stream):
            first = await append_case(store, "jos", updates=2)
            await held_ids(stream, 3)
        second = await append_case(store, "jos", updates=2)
        async with running_relay(fresh_database_url, store, stream):
            await held_ids(stream, 6)
            third = await append_case(store, "jos")
            await held_ids(stream, 7)
        held = await stream.messages()
    assert [m.message_id for m in held] == ids(first + second + third)


async def test_a_relay_whose_checkpoint_fell_behind_publishes_nothing_twice(
    fresh_database_url: str,
) -> None:
    # As after a crash between publishing and saving the checkpoint, and later than
    # JetStream's duplicate window: the relay resumes after the stream's last message.
    async with isolated_stream() as stream, writing_store(fresh_database_url) as store:
        window = 0.1
        await stream.jetstream.add_stream(
            name=stream.stream, subjects=[f"{stream.prefix}.>"], duplicate_window=window
        )
        async with running_relay(fresh_database_url, store, stream):
            events = await append_case(store, "nepal", updates=4)
            await held_ids(stream, 5)
        await store.pool.execute("DELETE FROM integration_checkpoints")
        await asyncio.sleep(window * 3)  # the stream has forgotten the message ids
        async with running_relay(fresh_database_url, store, stream):
            events += await append_case(store, "nepal")
            await held_ids(stream, 6)
        held = await stream.messages()
    assert [m.message_id for m in held] == ids(events)


async def test_only_one_of_two_relays_publishes_at_a_time(fresh_database_url: str) -> None:
    async with isolated_stream() as stream, writing_store(fresh_database_url) as store:
        async with (
            running_relay(fresh_database_url, store, stream),
            running_relay(fresh_database_url, store, stream),
        ):
            events = []
            for _ in range(5):
                events += await append_case(store, "saaba", updates=3)
            await held_ids(stream, len(events))
        held = await stream.messages()
    assert [m.message_id for m in held] == ids(events)
