"""A small server-sent events client over httpx, for tests and benchmarks.

async with open_sse(client, "/events/stream", headers=auth) as stream:
    async for message in stream:      # comments (heartbeats) included
        ...
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class SseMessage:
    """A dispatched event (`comment` None) or a comment line such as a heartbeat."""

    id: str | None = None
    event: str | None = None
    data: str = ""
    comment: str | None = None


class SseStream:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    async def __aiter__(self) -> AsyncIterator[SseMessage]:
        fields: dict[str, str] = {}
        data: list[str] = []
        async for line in self.response.aiter_lines():
            if line == "":
                if data or fields:
                    yield SseMessage(fields.get("id"), fields.get("event"), "\n".join(data))
                fields, data = {}, []
            elif line.startswith(":"):
                yield SseMessage(comment=line[1:].strip())
            else:
                name, _, value = line.partition(":")
                value = value.removeprefix(" ")
                if name == "data":
                    data.append(value)
                else:
                    fields[name] = value


@contextlib.asynccontextmanager
async def open_sse(
    client: httpx.AsyncClient,
    path: str,
    *,
    params: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> AsyncIterator[SseStream]:
    """Open the stream; raises httpx.HTTPStatusError if the server refuses it."""
    async with client.stream(
        "GET", path, params=params, headers=headers, timeout=httpx.Timeout(60, read=None)
    ) as response:
        if response.status_code != 200:
            await response.aread()
            response.raise_for_status()
        yield SseStream(response)
