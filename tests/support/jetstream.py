"""The test NATS server (JSD_TEST_NATS_URL): a stream name and subject prefix of
the test's own, and what a stream holds."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import nats
import pytest
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError


def nats_url() -> str:
    url = os.environ.get("JSD_TEST_NATS_URL")
    if not url:
        pytest.skip("JSD_TEST_NATS_URL is not set")
    return url


@dataclass(frozen=True)
class StreamMessage:
    subject: str
    message_id: str
    event: dict[str, Any]


@dataclass(frozen=True)
class IsolatedStream:
    url: str
    stream: str
    prefix: str
    jetstream: JetStreamContext

    @property
    def env(self) -> dict[str, str]:
        """The server settings that point its relay here."""
        return {
            "JSD_NATS_URL": self.url,
            "JSD_NATS_STREAM": self.stream,
            "JSD_NATS_SUBJECT_PREFIX": self.prefix,
        }

    async def count(self) -> int:
        """How many messages the stream holds (0 if it does not exist yet)."""
        try:
            info = await self.jetstream.stream_info(self.stream)
        except NotFoundError:
            return 0
        return int(info.state.messages)

    async def messages(self) -> list[StreamMessage]:
        """Everything the stream holds, in stream order (none if it does not exist)."""
        try:
            info = await self.jetstream.stream_info(self.stream)
        except NotFoundError:
            return []
        held: list[StreamMessage] = []
        if not info.state.last_seq:
            return held
        for sequence in range(max(info.state.first_seq, 1), info.state.last_seq + 1):
            message = await self.jetstream.get_msg(self.stream, sequence)
            headers = message.headers or {}
            held.append(
                StreamMessage(
                    message.subject or "",
                    headers.get("Nats-Msg-Id", ""),
                    json.loads(message.data or b"{}"),
                )
            )
        return held


@contextlib.asynccontextmanager
async def isolated_stream() -> AsyncIterator[IsolatedStream]:
    """A stream name and subject prefix no other run uses; the stream is deleted after."""
    url = nats_url()
    token = uuid4().hex[:12]
    client = await nats.connect(url)
    jetstream = client.jetstream()
    stream = IsolatedStream(url, f"JSDTEST_{token}", f"jsdtest{token}", jetstream)
    try:
        yield stream
    finally:
        with contextlib.suppress(NotFoundError):
            await jetstream.delete_stream(stream.stream)
        await client.close()
