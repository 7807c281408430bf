"""A real webhook receiver: an HTTP server on 127.0.0.1, in a thread, that records
every request and answers as the test scripts it (fail, stall, 410, succeed).

    with WebhookReceiver(respond=scripted([503, STALL, 200])) as receiver:
        webhook, secret = await webhooks.register(principal, receiver.url)
        receiver.secret = secret            # from now on signatures are checked
        await receiver.wait_for(lambda r: len(r.unique()) >= 10)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError

# An answer that never comes within the service's timeout (the handler sleeps).
STALL = -1
STALL_SECONDS = 5.0


@dataclass(frozen=True)
class Delivery:
    """One request as received; `verified` when the signature matched the secret."""

    message_id: str
    headers: dict[str, str]
    body: bytes
    verified: bool
    answered: int

    @property
    def event(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


Respond = Callable[[int], int]


def scripted(statuses: Sequence[int], then: int = 200) -> Respond:
    """Answer the n-th request (from 0) with statuses[n], and `then` after the script."""
    return lambda n: statuses[n] if n < len(statuses) else then


class WebhookReceiver:
    def __init__(
        self, respond: Respond | None = None, secret: str | None = None, pause: float = 0.0
    ) -> None:
        self.respond = respond or (lambda n: 200)
        self.secret = secret
        # Seconds each request takes to answer: a slow receiver.
        self.pause = pause
        self._received: list[Delivery] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hook"

    def __enter__(self) -> WebhookReceiver:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def received(self) -> list[Delivery]:
        """Every request so far, retries included, in arrival order."""
        with self._lock:
            return list(self._received)

    def unique(self) -> list[Delivery]:
        """The first request of each `webhook-id`: what a de-duplicating receiver keeps."""
        seen: dict[str, Delivery] = {}
        for delivery in self.received():
            seen.setdefault(delivery.message_id, delivery)
        return list(seen.values())

    async def wait_for(
        self, condition: Callable[[WebhookReceiver], bool], within: float = 60.0
    ) -> None:
        async with asyncio.timeout(within):
            while not condition(self):
                await asyncio.sleep(0.05)

    def _record(self, headers: dict[str, str], body: bytes) -> int:
        verified = False
        if self.secret is not None:
            with contextlib.suppress(WebhookVerificationError):
                Webhook(self.secret).verify(body, headers)
                verified = True
        with self._lock:
            status = self.respond(len(self._received))
            self._received.append(
                Delivery(headers.get("webhook-id", ""), headers, body, verified, status)
            )
        return status

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                headers = {key.lower(): value for key, value in self.headers.items()}
                status = receiver._record(headers, body)
                if status == STALL:
                    time.sleep(STALL_SECONDS)
                    status = 200
                elif receiver.pause:
                    time.sleep(receiver.pause)
                with contextlib.suppress(OSError):
                    self.send_response(status)
                    self.send_header("content-length", "0")
                    self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler
