"""caseHistory a page at a time: the same revisions as the whole history, from any event."""

from __future__ import annotations

import pytest

from jsd_core.audit import case_history
from jsd_core.store import EventStore
from tests.support.auditing import saaba_case


async def test_pages_put_together_are_the_whole_history(store: EventStore) -> None:
    saaba = await saaba_case(store)
    whole = await case_history(store, saaba.case_id)
    pages, after = [], None
    while page := await case_history(store, saaba.case_id, after=after, first=5):
        pages.append(page)
        after = page[-1].event.position
    assert [len(page) for page in pages] == [5, 5, 2]
    assert [r for page in pages for r in page] == whole


async def test_a_page_keeps_the_states_the_whole_replay_gives(store: EventStore) -> None:
    saaba = await saaba_case(store)
    whole = await case_history(store, saaba.case_id)
    page = await case_history(store, saaba.case_id, after=whole[6].event.position, first=3)
    assert [r.state for r in page] == [r.state for r in whole[7:10]]


async def test_after_the_last_event_there_is_nothing(store: EventStore) -> None:
    saaba = await saaba_case(store)
    whole = await case_history(store, saaba.case_id)
    assert await case_history(store, saaba.case_id, after=whole[-1].event.position) == []


async def test_a_page_of_no_events_is_refused(store: EventStore) -> None:
    saaba = await saaba_case(store)
    with pytest.raises(ValueError, match="first must be 1 or more"):
        await case_history(store, saaba.case_id, first=0)


async def test_each_revision_carries_the_domain_event_it_applied(store: EventStore) -> None:
    saaba = await saaba_case(store)
    history = await case_history(store, saaba.case_id)
    assert [type(r.change).__name__ for r in history] == [r.event.type for r in history]
    assert [r.change.originator_version for r in history if r.change] == list(range(1, 13))
