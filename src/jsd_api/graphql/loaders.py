"""DataLoaders, built per operation: each nested read of a page is one batched query.

Every loader reads through the caller's scope, so another organisation's rows
never enter a cache in the first place.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from strawberry.dataloader import DataLoader

from jsd_core.access import Scope
from jsd_core.bootstrap import Services
from jsd_core.projections import ReadModels
from jsd_core.projections.read import (
    AccountabilityRow,
    ActionRow,
    GroupRow,
    SessionRow,
    SurveyRow,
)
from jsd_core.store import RecordedEvent

T = TypeVar("T")
Fetch = Callable[[Scope, Sequence[UUID]], Awaitable[dict[UUID, T]]]


def loading(loader: DataLoader[UUID, T], key: UUID) -> asyncio.Future[T]:
    """The loader's future for `key`: done when this operation has read it already (a
    resolver can then answer without awaiting), else in the loader's next batch."""
    future = loader.load(key)
    assert isinstance(future, asyncio.Future)  # Strawberry types it as a mere Awaitable
    return future


def _one_each(scope: Scope, fetch: Fetch[T]) -> DataLoader[UUID, T | None]:
    async def load(ids: list[UUID]) -> list[T | None]:
        found = await fetch(scope, ids)
        return [found.get(key) for key in ids]

    return DataLoader(load_fn=load)


def _lists(scope: Scope, fetch: Fetch[list[T]]) -> DataLoader[UUID, list[T]]:
    async def load(ids: list[UUID]) -> list[list[T]]:
        found = await fetch(scope, ids)
        return [found.get(key, []) for key in ids]

    return DataLoader(load_fn=load)


class Loaders:
    """The batched reads of one operation, all within the caller's scope."""

    def __init__(self, services: Services, read: ReadModels, scope: Scope, today: date) -> None:
        self.scope = scope
        self.dialogues = _one_each(scope, read.dialogues_by_id)
        self.groups: DataLoader[UUID, list[GroupRow]] = _lists(scope, read.groups_by_dialogue)
        self.sessions: DataLoader[UUID, list[SessionRow]] = _lists(scope, read.sessions_by_dialogue)
        self.surveys: DataLoader[UUID, list[SurveyRow]] = _lists(scope, read.surveys_by_dialogue)
        self.cases = _one_each(scope, read.cases_by_id)
        self.actions: DataLoader[UUID, list[ActionRow]] = _lists(scope, read.actions_by_case)

        async def accountability(ids: list[UUID]) -> list[AccountabilityRow | None]:
            # The read side reports one dialogue per query; still one per dialogue, not per field.
            return list(await asyncio.gather(*(read.accountability(scope, i, today) for i in ids)))

        async def streams(ids: list[UUID]) -> list[list[RecordedEvent]]:
            # The event store is the source of truth of a history; read each stream once.
            found = await asyncio.gather(*(services.store.read_stream(i) for i in ids))
            return [[e for e in events if scope.allows(e.organization)] for events in found]

        self.accountability = DataLoader(load_fn=accountability)
        self.streams = DataLoader(load_fn=streams)

    def forget(self, *, dialogue_id: UUID | None = None, case_id: UUID | None = None) -> None:
        """Drop what a command just changed, so its payload shows the effect."""
        loaders: list[tuple[DataLoader[UUID, Any], UUID]] = []
        if dialogue_id is not None:
            loaders += [
                (loader, dialogue_id)
                for loader in (self.dialogues, self.groups, self.sessions, self.surveys)
            ]
            loaders += [(self.accountability, dialogue_id), (self.streams, dialogue_id)]
        if case_id is not None:
            loaders += [(self.cases, case_id), (self.actions, case_id), (self.streams, case_id)]
        for loader, key in loaders:
            with contextlib.suppress(KeyError):  # clear() of a key never loaded
                loader.clear(key)
