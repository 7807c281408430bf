"""The relay of a real server process, killed (SIGKILL) while it publishes and
restarted: JetStream holds each event exactly once, in the global order."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from tests.support.databases import new_database
from tests.support.events import append_case, writing_store
from tests.support.jetstream import isolated_stream
from tests.support.server import running_server
from tests.support.waiting import until
from tests.support.writers import write_concurrently

if TYPE_CHECKING:
    from tests.conftest import TestServer

pytestmark = pytest.mark.nats


async def test_a_relay_killed_mid_publishing_and_restarted_holds_each_event_once(
    test_server: TestServer, template_url: str
) -> None:
    database = await new_database(test_server, template_url)
    async with (
        isolated_stream() as stream,
        writing_store(database) as store,
        running_server(database, env=stream.env) as server,
    ):
        writing = asyncio.create_task(
            write_concurrently(store, ["saaba", "dakar"], writers=6, appends=25)
        )

        async def publishing() -> bool:
            return await stream.count() >= 30

        await until(publishing)
        server.kill()
        events = await writing
        await server.restart()
        events += await append_case(store, "jos")

        async def all_held() -> bool:
            return await stream.count() >= len(events)

        await until(all_held)
        held = await stream.messages()

    expected = [str(e.event_id) for e in sorted(events, key=lambda e: e.position)]
    assert [m.message_id for m in held] == expected
    assert [m.event["id"] for m in held] == expected
