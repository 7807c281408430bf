"""What follows a delivery attempt: the next event, a retry later, or the end.

The Standard Webhooks way: one event at a time; a failed attempt is retried
(the same event, the same `webhook-id`) after the next delay of the retry
schedule, and the next event waits until this one succeeded. The first attempt
is made at once; after the n-th failed attempt the worker waits schedule[n-1]
seconds, so an event is tried len(schedule) + 1 times in all. When the
schedule is exhausted, or the endpoint answers 410 Gone, the webhook is
deactivated, and the last recorded attempt says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from jsd_core.integrations.attempt import Outcome

GONE = 410


class Step(Enum):
    DELIVERED = "delivered"
    RETRY = "retry"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Verdict:
    step: Step
    error: str | None
    next_attempt_at: datetime | None = None
    stop_reason: str | None = None


def judge(outcome: Outcome, attempt: int, schedule: tuple[float, ...], now: datetime) -> Verdict:
    """The verdict on the `attempt`-th attempt (from 1) at one event, ended at `now`."""
    if outcome.succeeded:
        return Verdict(Step.DELIVERED, None)
    if outcome.status_code == GONE:
        reason = "the endpoint answered 410 Gone"
    elif attempt > len(schedule):
        reason = f"no success in {attempt} attempts (the retry schedule is exhausted)"
    else:
        later = now + timedelta(seconds=schedule[attempt - 1])
        return Verdict(Step.RETRY, outcome.error, next_attempt_at=later)
    return Verdict(Step.STOPPED, f"{outcome.error}; webhook deactivated: {reason}", None, reason)
