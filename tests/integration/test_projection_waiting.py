"""Read-your-writes without polling: waiters wake on this process's runners, and share
one poller for projections another process runs."""

from __future__ import annotations

import asyncio

from jsd_core.access import Scope
from jsd_core.projections import state
from jsd_core.projections.runner import WAIT_POLL
from tests.integration.test_projection_events import Stack, read_side


async def runners_here(stack: Stack) -> None:
    """Until this process's runners hold every projection (generous deadline)."""
    async with asyncio.timeout(20):
        while stack.projections.checkpoints.held != set(stack.projections.names):
            await asyncio.sleep(0.02)


async def test_waiting_on_this_process_s_runners_reads_no_checkpoint(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        await runners_here(stack)
        writer = stack.writer("lantern")
        polls = stack.projections.checkpoints.polls
        dialogue = await writer.convene()
        early = writer.position  # waited on while the next event is written
        waiters = [asyncio.create_task(stack.projections.wait_for(early, 20.0)) for _ in range(20)]
        await writer.raise_case(dialogue)
        waiters += [asyncio.create_task(stack.projections.wait_for(writer.position, 20.0))]
        assert all(await asyncio.gather(*waiters))
        assert stack.projections.checkpoints.polls == polls
        page = await stack.read_models.dialogues_by_id(Scope(None), [dialogue])
    assert list(page) == [dialogue]


async def test_waiters_on_projections_run_elsewhere_share_one_poller(
    fresh_database_url: str,
) -> None:
    timeout = 0.3
    async with (
        read_side(fresh_database_url, start=False) as waiting,
        read_side(fresh_database_url) as running,
    ):
        writer = waiting.writer("lantern")
        await writer.convene()
        # Caught up by the other process's runners: every waiter learns it by polling.
        assert all(
            await asyncio.gather(
                *(waiting.projections.wait_for(writer.position, 20.0) for _ in range(50))
            )
        )
        assert waiting.projections.checkpoints.polls >= 1
        await running.projections.stop()  # nobody applies the log any more
        await writer.convene()
        before = waiting.projections.checkpoints.polls
        reached = await asyncio.gather(
            *(waiting.projections.wait_for(writer.position, timeout) for _ in range(100))
        )
        polls = waiting.projections.checkpoints.polls - before
    assert not any(reached)
    # One read per poll interval for all hundred waiters, never one each.
    assert 1 <= polls <= timeout / WAIT_POLL + 2


async def test_a_projection_with_nothing_to_apply_still_moves_its_stored_checkpoint(
    fresh_database_url: str,
) -> None:
    async with (
        read_side(fresh_database_url, start=False) as waiting,
        read_side(fresh_database_url) as running,
    ):
        writer = running.writer("lantern")
        dialogue = await writer.convene()
        await running.caught_up(writer)
        for title in ("Vols de bétail", "Barrages illégaux", "Conflits fonciers"):
            await writer.raise_case(dialogue, title=title)
        await running.caught_up(writer)

        # The dialogues projection reads none of these events, yet its checkpoint in
        # the database passed them: another process's waiters learn it from there.
        async with running.engine.connect() as connection:
            stored = await state.positions(connection, running.projections.names)
        assert all(position >= writer.position for position in stored.values())
        assert await waiting.projections.wait_for(writer.position, 20.0)
