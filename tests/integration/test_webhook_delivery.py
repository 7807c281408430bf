"""Delivering events to webhook endpoints: signed, in order, retried, recorded,
and one endpoint's trouble never holding back another."""

from __future__ import annotations

from uuid import uuid4

from jsd_core.access import Role
from jsd_core.integrations.cloudevents import to_cloudevent
from jsd_core.store import RecordedEvent
from tests.support.events import append_case
from tests.support.integrations import principal, recorded_deliveries, running_integrations
from tests.support.receiver import STALL, WebhookReceiver, scripted
from tests.support.waiting import until


def ids(events: list[RecordedEvent]) -> list[str]:
    return [str(event.event_id) for event in events]


async def test_each_event_of_its_organisation_reaches_the_webhook_signed_and_in_order(
    fresh_database_url: str,
) -> None:
    async with running_integrations(fresh_database_url) as kit:
        with WebhookReceiver() as receiver:
            webhook, secret = await kit.webhooks.register(principal("saaba"), receiver.url)
            receiver.secret = secret
            ours: list[RecordedEvent] = []
            for _ in range(3):
                ours += await append_case(kit.store, "saaba", updates=2)
                await append_case(kit.store, "dakar", updates=1)
            await receiver.wait_for(lambda r: len(r.unique()) >= len(ours))
            deliveries = await recorded_deliveries(
                kit.webhooks, principal("saaba"), webhook.webhook_id, len(ours)
            )

    received = receiver.received()
    assert [d.message_id for d in received] == ids(ours)
    assert all(d.verified for d in received)
    assert [d.event for d in received] == [to_cloudevent(event) for event in ours]
    assert all(d.headers["content-type"] == "application/json" for d in received)
    assert {d.event_id for d in deliveries} == {event.event_id for event in ours}
    assert all(d.succeeded and d.status_code == 200 and d.attempt == 1 for d in deliveries)


async def test_a_webhook_with_types_receives_only_events_of_those_types(
    fresh_database_url: str,
) -> None:
    async with running_integrations(fresh_database_url) as kit:
        with WebhookReceiver() as receiver:
            await kit.webhooks.register(principal("jos"), receiver.url, ["CaseRaised"])
            raised = []
            for _ in range(4):
                raised.append((await append_case(kit.store, "jos", updates=2))[0])
            await receiver.wait_for(lambda r: len(r.received()) >= len(raised))
            last = await append_case(kit.store, "jos")
            await receiver.wait_for(lambda r: len(r.received()) > len(raised))
    assert [d.message_id for d in receiver.received()] == ids([*raised, last[0]])


async def test_a_receiver_that_fails_then_stalls_gets_every_event_after_retries(
    fresh_database_url: str,
) -> None:
    # Two errors, then no answer within the timeout, then it works again.
    respond = scripted([500, 503, STALL])
    async with running_integrations(fresh_database_url, answer_within=0.5) as kit:
        with WebhookReceiver(respond) as receiver:
            caller = principal("nepal")
            webhook, receiver.secret = await kit.webhooks.register(caller, receiver.url)
            events = await append_case(kit.store, "nepal", updates=4)
            await receiver.wait_for(lambda r: len(r.unique()) >= len(events))
            deliveries = await recorded_deliveries(
                kit.webhooks, caller, webhook.webhook_id, len(events)
            )
            assert (await kit.webhooks.list(caller))[0].active

    assert [d.message_id for d in receiver.unique()] == ids(events)
    first = [d for d in reversed(deliveries) if d.event_id == events[0].event_id]
    assert [(d.attempt, d.status_code, d.succeeded) for d in first] == [
        (1, 500, False),
        (2, 503, False),
        (3, None, False),
        (4, 200, True),
    ]
    assert first[2].error is not None
    assert "no answer within" in first[2].error
    assert all(d.attempt == 1 and d.succeeded for d in deliveries if d not in first)


async def test_an_endpoint_answering_410_is_deactivated_and_gets_nothing_more(
    fresh_database_url: str,
) -> None:
    async with running_integrations(fresh_database_url) as kit:
        with WebhookReceiver(lambda n: 410) as receiver:
            caller = principal("dakar")
            webhook, _ = await kit.webhooks.register(caller, receiver.url)
            await append_case(kit.store, "dakar", updates=3)
            [attempt] = await until(lambda: kit.webhooks.deliveries(caller, webhook.webhook_id))
            [listed] = await kit.webhooks.list(caller)
            await append_case(kit.store, "dakar")
    assert len(receiver.received()) == 1
    assert attempt.status_code == 410
    assert not attempt.succeeded
    assert attempt.error is not None
    assert "410 Gone" in attempt.error
    assert not listed.active


async def test_an_endpoint_that_never_succeeds_is_deactivated_when_the_schedule_is_exhausted(
    fresh_database_url: str,
) -> None:
    async with running_integrations(fresh_database_url, schedule=(0.05, 0.1)) as kit:
        with WebhookReceiver(lambda n: 500) as receiver:
            caller = principal("saaba")
            webhook, _ = await kit.webhooks.register(caller, receiver.url)
            await append_case(kit.store, "saaba", updates=2)

            async def deactivated() -> bool:
                return not (await kit.webhooks.list(caller))[0].active

            await until(deactivated)
            deliveries = await kit.webhooks.deliveries(caller, webhook.webhook_id)
    assert [d.attempt for d in deliveries] == [3, 2, 1]
    assert deliveries[0].error is not None
    assert "webhook deactivated" in deliveries[0].error
    assert len(receiver.received()) == 3


async def test_a_dead_endpoint_delays_no_other_endpoint(fresh_database_url: str) -> None:
    async with running_integrations(fresh_database_url, schedule=(30.0, 30.0)) as kit:
        with WebhookReceiver(lambda n: 503) as dead, WebhookReceiver() as alive:
            await kit.webhooks.register(principal("jos"), dead.url)
            await kit.webhooks.register(principal("jos"), alive.url)
            events = []
            for _ in range(5):
                events += await append_case(kit.store, "jos", updates=1)
            await alive.wait_for(lambda r: len(r.received()) >= len(events))
    assert [d.message_id for d in alive.received()] == ids(events)
    assert [d.message_id for d in dead.unique()] == ids(events[:1])


async def test_two_workers_on_one_database_deliver_each_event_once(
    fresh_database_url: str,
) -> None:
    async with (
        running_integrations(fresh_database_url) as first,
        running_integrations(fresh_database_url) as second,
    ):
        receivers = [WebhookReceiver() for _ in range(4)]
        for n, receiver in enumerate(receivers):
            receiver.__enter__()
            kit = first if n % 2 else second
            await kit.webhooks.register(principal("nepal", Role.ADMIN), receiver.url)
        try:
            events = []
            for n in range(6):
                events += await append_case((first, second)[n % 2].store, "nepal", updates=2)
            for receiver in receivers:
                await receiver.wait_for(lambda r: len(r.received()) >= len(events))
        finally:
            for receiver in receivers:
                receiver.__exit__()
    for receiver in receivers:
        assert [d.message_id for d in receiver.received()] == ids(events)


async def test_a_url_that_now_resolves_to_a_private_address_is_not_sent_to(
    fresh_database_url: str,
) -> None:
    # Registered while private addresses were allowed; the worker no longer allows them.
    async with running_integrations(fresh_database_url, deliver_to_private=False) as kit:
        with WebhookReceiver() as receiver:
            caller = principal(f"org-{uuid4().hex[:8]}")
            webhook, _ = await kit.webhooks.register(caller, receiver.url)
            await append_case(kit.store, caller.organization)
            [attempt] = await until(lambda: kit.webhooks.deliveries(caller, webhook.webhook_id))
    assert receiver.received() == []
    assert attempt.status_code is None
    assert not attempt.succeeded
    assert attempt.error is not None
    assert "non-public address" in attempt.error


async def test_when_the_lock_holders_connection_is_lost_another_worker_takes_over(
    fresh_database_url: str,
) -> None:
    async with (
        running_integrations(fresh_database_url) as first,
        running_integrations(fresh_database_url) as second,
    ):
        with WebhookReceiver() as receiver:
            await first.webhooks.register(principal("jos"), receiver.url)
            events = await append_case(first.store, "jos", updates=2)
            await receiver.wait_for(lambda r: len(r.unique()) >= len(events))
            # The database ends the session holding the webhook's lock.
            ended = await first.store.pool.fetchval(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_locks "
                "WHERE locktype = 'advisory' AND granted AND database = "
                "(SELECT oid FROM pg_database WHERE datname = current_database())"
            )
            assert ended == 1
            events += await append_case(second.store, "jos", updates=2)
            await receiver.wait_for(lambda r: len(r.unique()) >= len(events))
    assert [d.message_id for d in receiver.unique()] == ids(events)
