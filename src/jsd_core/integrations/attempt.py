"""One delivery attempt: check the URL, sign the CloudEvent, POST it, read the status."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

import httpx

from jsd_core.integrations.signing import signed_headers
from jsd_core.integrations.urls import UnsafeUrlError, check_url

# Read at most this much of an answer (to keep the connection reusable), never more.
_ANSWER_LIMIT = 64 * 1024
_ERROR_LENGTH = 500


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def new_client(timeout: float) -> httpx.AsyncClient:
    """The HTTP client deliveries go through: no redirects (a redirect could lead to
    an address the URL check refused) and no proxies from the environment."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout), follow_redirects=False, trust_env=False
    )


async def attempt_delivery(
    client: httpx.AsyncClient,
    *,
    url: str,
    secret: str,
    message_id: str,
    body: str,
    moment: datetime,
    time_limit: float,
    allow_private: bool,
) -> Outcome:
    """POST `body` to `url`, signed; a 2xx answer within `time_limit` seconds is success."""
    try:
        await check_url(url, allow_private=allow_private)
    except UnsafeUrlError as error:
        return Outcome(None, f"not sent: {error}"[:_ERROR_LENGTH])
    headers = signed_headers(secret, message_id, body, moment)
    try:
        async with (
            asyncio.timeout(time_limit),
            client.stream("POST", url, content=body.encode(), headers=headers) as response,
        ):
            read = 0
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if read > _ANSWER_LIMIT:
                    break
    except (TimeoutError, httpx.TimeoutException):
        return Outcome(None, f"no answer within {time_limit:g} s")
    except httpx.HTTPError as error:
        return Outcome(None, f"{type(error).__name__}: {error}"[:_ERROR_LENGTH])
    if 200 <= response.status_code < 300:
        return Outcome(response.status_code, None)
    reason = response.reason_phrase or "not a 2xx answer"
    return Outcome(response.status_code, f"HTTP {response.status_code} {reason}"[:_ERROR_LENGTH])
