"""Webhook deliveries per second to a local receiver, beside plain httpx POSTs of the same
signed bodies to the same receiver, one at a time (deliveries to one endpoint are in order).

The webhook is registered through the GraphQL `registerWebhook` mutation; the
events are appended in the bench process faster than they are delivered, so the
rate is the delivery worker's: (deliveries − 1) / (last arrival − first arrival).
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx

from bench.report import Report
from bench.server import Server, graphql
from bench.writers import CaseWriter, new_dialogue, notifying_store
from jsd_core.integrations.cloudevents import cloudevent_json
from jsd_core.integrations.signing import signed_headers
from jsd_core.store import RecordedEvent

WRITERS = 4
REGISTER = """
mutation Register($url: String!) {
  registerWebhook(input: {url: $url}) { webhook { webhookId } secret userErrors { message } }
}"""
DEACTIVATE = """
mutation Deactivate($id: ID!) { deactivateWebhook(webhookId: $id) { userErrors { message } } }
"""


class Receiver:
    """An HTTP/1.1 server on 127.0.0.1 (keep-alive) noting when each message id first came."""

    def __init__(self) -> None:
        self.arrivals: dict[str, float] = {}
        arrivals, lock = self.arrivals, threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                with lock:
                    arrivals.setdefault(self.headers.get("webhook-id", ""), time.perf_counter())
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


async def webhook_figures(server: Server, url: str, deliveries: int, report: Report) -> None:
    receiver = Receiver()
    token = server.keys["integration"]
    try:
        async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
            registered = (await graphql(client, token, REGISTER, url=receiver.url))[
                "registerWebhook"
            ]
            if registered["userErrors"]:
                raise RuntimeError(f"registerWebhook refused: {registered['userErrors']}")
            try:
                events = await _append(url, deliveries)
                await _delivered(receiver, events, within=max(120.0, deliveries / 10))
            finally:
                webhook_id = registered["webhook"]["webhookId"]
                await graphql(client, token, DEACTIVATE, id=webhook_id)
        arrivals = sorted(receiver.arrivals[str(event.event_id)] for event in events)
        rate = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
        raw = await _plain_posts(receiver, events, registered["secret"])
    finally:
        receiver.close()
    report.add("webhook_deliveries_raw", raw, "deliveries/s")
    report.add("webhook_deliveries", rate, "deliveries/s", baselines={"raw": raw})


async def _append(url: str, events: int) -> list[RecordedEvent]:
    async with notifying_store(url, WRITERS) as store:
        dialogue = await new_dialogue(store)
        writers = [await CaseWriter.start(store, dialogue) for _ in range(WRITERS)]
        appended: list[RecordedEvent] = []

        async def write(writer: CaseWriter) -> None:
            for _ in range(events // WRITERS):
                appended.extend((await writer.report()).events)

        await asyncio.gather(*(write(writer) for writer in writers))
        return appended


async def _delivered(receiver: Receiver, events: list[RecordedEvent], within: float) -> None:
    wanted = {str(event.event_id) for event in events}
    deadline = time.perf_counter() + within
    while not wanted <= receiver.arrivals.keys():
        if time.perf_counter() > deadline:
            missing = len(wanted - receiver.arrivals.keys())
            raise RuntimeError(f"{missing} of {len(wanted)} webhook deliveries did not come")
        await asyncio.sleep(0.05)


async def _plain_posts(receiver: Receiver, events: list[RecordedEvent], secret: str) -> float:
    receiver.arrivals.clear()
    now = datetime.now(UTC)
    signed = []
    for event in events:
        text = cloudevent_json(event)
        signed.append((text.encode(), signed_headers(secret, str(event.event_id), text, now)))
    async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
        started = time.perf_counter()
        for body, headers in signed:
            response = await client.post(receiver.url, content=body, headers=headers)
            response.raise_for_status()
        return len(signed) / (time.perf_counter() - started)
