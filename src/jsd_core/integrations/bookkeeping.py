"""Recording a delivery attempt and moving the webhook on, in one transaction.

The checkpoint moves only after a 2xx answer, in the same transaction that
records the attempt: a crash in between repeats the delivery (at least once),
never skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from jsd_core.integrations.attempt import Outcome
from jsd_core.integrations.retries import Step, Verdict
from jsd_core.store import RecordedEvent


@dataclass
class EndpointState:
    """A webhook as its delivery loop sees it (the row of `webhooks`)."""

    webhook_id: UUID
    organization: str
    url: str
    types: tuple[str, ...]
    secret: str
    position: str
    failed_attempts: int
    next_attempt_at: datetime | None


async def record_attempt(
    pool: asyncpg.Pool,
    state: EndpointState,
    event: RecordedEvent,
    started: datetime,
    outcome: Outcome,
    verdict: Verdict,
) -> Step:
    """Store the attempt and apply the verdict to the webhook (and to `state`).

    Returns STOPPED, whatever the verdict, when the webhook was deactivated
    meanwhile (by its owner, or by another process).
    """
    async with pool.acquire() as connection, connection.transaction():
        active = await connection.fetchval(
            "SELECT active FROM webhooks WHERE webhook_id = $1 FOR UPDATE", state.webhook_id
        )
        await connection.execute(
            "INSERT INTO webhook_deliveries (webhook_id, event_id, attempt, status_code, "
            "succeeded, attempted_at, error) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            state.webhook_id,
            event.event_id,
            state.failed_attempts + 1,
            outcome.status_code,
            outcome.succeeded,
            started,
            verdict.error,
        )
        if not active:
            return Step.STOPPED
        if verdict.step is Step.DELIVERED:
            await connection.execute(
                "UPDATE webhooks SET position = $2, failed_attempts = 0, "
                "next_attempt_at = NULL WHERE webhook_id = $1",
                state.webhook_id,
                event.position,
            )
            state.position, state.failed_attempts, state.next_attempt_at = event.position, 0, None
        elif verdict.step is Step.STOPPED:
            await connection.execute(
                "UPDATE webhooks SET active = false, deactivated_at = now(), "
                "deactivated_reason = $2 WHERE webhook_id = $1",
                state.webhook_id,
                verdict.stop_reason,
            )
        else:
            state.failed_attempts += 1
            state.next_attempt_at = verdict.next_attempt_at
            await connection.execute(
                "UPDATE webhooks SET failed_attempts = $2, next_attempt_at = $3 "
                "WHERE webhook_id = $1",
                state.webhook_id,
                state.failed_attempts,
                state.next_attempt_at,
            )
    return verdict.step
