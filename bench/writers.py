"""Writers in the bench process: real domain events, appended through `EventStore.append`.

Each writer has a case of its own in a dialogue of organisation "lantern" and
keeps reporting progress on its action, stored as the Ledger stores commands
(codec-encoded events, one append per command). The store pokes a started
`Notifier` after each append, so the server's readers wake up at once, as they
do for the server's own appends.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from datetime import date
from uuid import uuid4

from eventsourcing.domain import Aggregate

from bench.templates import GROUPS
from bench.texts import ACTIONS, NOTES
from jsd_core import codec
from jsd_core.database import create_pool
from jsd_core.domain import CaseCategory, Dialogue
from jsd_core.domain.case import Case
from jsd_core.store import EventMetadata, EventStore, NewEvent
from jsd_core.store.notifier import Notifier
from jsd_core.store.store import AppendResult

ORGANIZATION = "lantern"
ACTOR = "lantern/bench-writer"


@contextlib.asynccontextmanager
async def notifying_store(url: str, connections: int) -> AsyncIterator[EventStore]:
    """A store whose appends wake readers in every process (NOTIFY after the commit)."""
    pool = await create_pool(url, min_size=connections, max_size=connections)
    notifier = Notifier(url)
    await notifier.start()
    try:
        yield EventStore(
            pool,
            stream_types=frozenset(codec.STREAM_TYPES),
            on_append=lambda _: notifier.poke(),
        )
    finally:
        await notifier.stop()
        await pool.close()


async def append(store: EventStore, aggregate: Aggregate) -> AppendResult:
    """Store the aggregate's pending events, as one command of the facilitator."""
    events = aggregate.collect_events()
    command_id = uuid4()
    return await store.append(
        aggregate.id,
        codec.stream_type_of(aggregate),
        events[0].originator_version - 1,
        [NewEvent(*codec.encode(event)) for event in events],
        EventMetadata(ACTOR, ORGANIZATION, command_id, command_id),
    )


async def new_dialogue(store: EventStore) -> Dialogue:
    dialogue = Dialogue.convene(
        name="Dialogue Sécurité et Justice de Médina",
        country="SN",
        locality="Médina",
        organization=ORGANIZATION,
        languages=("fr", "wo"),
        convened_on=date(2026, 1, 5),
    )
    for key, kind, name in GROUPS:
        dialogue.add_stakeholder_group(key, kind, name)
    await append(store, dialogue)
    return dialogue


class CaseWriter:
    """Reports progress on one action of its own case, one append per report."""

    def __init__(self, store: EventStore, case: Case) -> None:
        self.store, self.case = store, case
        self.action = next(iter(case.actions))
        self.reports = 0

    @classmethod
    async def start(cls, store: EventStore, dialogue: Dialogue) -> CaseWriter:
        case = Case.raise_case(
            dialogue,
            title="Affrontements les jours de match",
            description="Des supporters et des fidèles s'affrontent devant l'entrée du stade.",
            category=CaseCategory.VIOLENT_CLASH,
            severity=3,
            raised_by="residents",
        )
        await append(store, case)
        case.agree(dialogue, ("police", "residents"))
        await append(store, case)
        case.assign_action(dialogue, ACTIONS[4], "mairie", date(2026, 12, 31))
        await append(store, case)
        return cls(store, case)

    async def report(self) -> AppendResult:
        self.reports += 1
        self.case.report_progress(
            self.action, f"{NOTES[self.reports % len(NOTES)]} ({self.reports})"
        )
        return await append(self.store, self.case)
