"""The retry policy on its own: what follows each attempt (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jsd_core.config import STANDARD_WEBHOOKS_SCHEDULE
from jsd_core.integrations.attempt import Outcome
from jsd_core.integrations.retries import Step, judge

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
FAILED = Outcome(503, "HTTP 503 Service Unavailable")


def test_a_2xx_answer_delivers_the_event() -> None:
    verdict = judge(Outcome(204, None), 3, (1.0,), NOW)
    assert verdict.step is Step.DELIVERED
    assert verdict.error is None


def test_the_nth_failure_waits_the_nth_delay_of_the_schedule() -> None:
    schedule = (0.2, 0.5, 1.0)
    waits = [judge(FAILED, n, schedule, NOW).next_attempt_at for n in (1, 2, 3)]
    assert waits == [NOW + timedelta(seconds=s) for s in schedule]


def test_the_standard_schedule_tries_an_event_eleven_times_then_deactivates() -> None:
    steps = [judge(FAILED, n, STANDARD_WEBHOOKS_SCHEDULE, NOW).step for n in range(1, 12)]
    assert steps == [Step.RETRY] * 10 + [Step.STOPPED]
    last = judge(FAILED, 11, STANDARD_WEBHOOKS_SCHEDULE, NOW)
    assert last.error == (
        "HTTP 503 Service Unavailable; webhook deactivated: "
        "no success in 11 attempts (the retry schedule is exhausted)"
    )


def test_410_gone_deactivates_at_once() -> None:
    verdict = judge(Outcome(410, "HTTP 410 Gone"), 1, (5.0, 5.0), NOW)
    assert verdict.step is Step.STOPPED
    assert verdict.stop_reason == "the endpoint answered 410 Gone"


def test_a_timeout_is_a_failure_like_any_other() -> None:
    verdict = judge(Outcome(None, "no answer within 10 s"), 1, (5.0,), NOW)
    assert verdict.step is Step.RETRY
    assert verdict.error == "no answer within 10 s"
