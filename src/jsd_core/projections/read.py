"""The read side: every query of the read models, each limited to the caller's scope.

Visibility is applied in one place (`visibility`: `visible_to`, and `Scoped`
for the statements built once, the case lists and the lookups by id): rows of
organisations outside the scope do not exist for the caller, in lists, totals,
lookups and reports. Every query runs on the generation of the tables that
`projection_state` names at that moment, so a rebuild's switch is seen by the
next query; `pinned()` gives one operation its own view that looks the
generations up once, at its first read, so all of its reads see the same ones.

The read engine has no liveness check before each checkout (a round trip per
read): a read that finds its connection dropped (the server restarted, an
administrator ended the session) runs once more on a new one, as does a read
whose generation a rebuild dropped just after switching.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import TypeVar
from uuid import UUID

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, ProgrammingError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from jsd_core.access import Scope
from jsd_core.projections import case_queries as cq
from jsd_core.projections import dialogue_queries as dq
from jsd_core.projections.accountability import accountability
from jsd_core.projections.case_pages import PageShape, case_page
from jsd_core.projections.direct import GONE
from jsd_core.projections.generations import TranslateMap, active_generations, translate_map
from jsd_core.projections.paging import check_first, decode_cursor, page
from jsd_core.projections.rows import (
    AccountabilityRow,
    ActionRow,
    CaseFilter,
    CaseRow,
    DialogueRow,
    GroupAccountabilityRow,
    GroupRow,
    Page,
    SessionRow,
    SurveyRow,
)
from jsd_core.projections.search import search_page
from jsd_core.projections.tables import case_dialogues, dialogues
from jsd_core.projections.visibility import visible_to

__all__ = [
    "AccountabilityRow",
    "ActionRow",
    "CaseFilter",
    "CaseRow",
    "DialogueRow",
    "GroupAccountabilityRow",
    "GroupRow",
    "Page",
    "ReadModels",
    "SessionRow",
    "SurveyRow",
]

T = TypeVar("T")


def _worth_retrying(error: DBAPIError) -> bool:
    """A dropped connection, or a generation dropped after a rebuild's switch."""
    if error.connection_invalidated:
        return True
    return isinstance(error, ProgrammingError) and getattr(error.orig, "sqlstate", None) in GONE


class ReadModels:
    """Queries over the read models the projections keep."""

    def __init__(self, engine: AsyncEngine, *, pinned: bool = False) -> None:
        self.engine = engine
        self._pinned = pinned
        self._translate: TranslateMap | None = None

    def pinned(self) -> ReadModels:
        """These queries for one operation: the generations looked up once, at the first
        read, and used by every later one (until `unpin`)."""
        return ReadModels(self.engine, pinned=True)

    def unpin(self) -> None:
        """The next read looks the generations up again (e.g. after a command)."""
        self._translate = None

    @asynccontextmanager
    async def _connect(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as connection:
            # Reads need no transaction: no BEGIN and ROLLBACK round trips.
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            translate = self._translate
            if translate is None:
                translate = translate_map(await active_generations(connection))
                if self._pinned:
                    self._translate = translate
            await connection.execution_options(schema_translate_map=translate)
            yield connection

    async def _read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        try:
            async with self._connect() as connection:
                return await work(connection)
        except DBAPIError as error:
            if not _worth_retrying(error):
                raise
        self.unpin()
        async with self._connect() as connection:
            return await work(connection)

    # ------------------------------------------------------------ dialogues

    async def dialogues(
        self, scope: Scope, *, first: int, after: str | None, country: str | None = None
    ) -> Page[DialogueRow]:
        """Dialogues, most recently convened first, optionally in one country."""
        check_first(first)
        key = decode_cursor(after, date) if after else None
        condition = sa.and_(visible_to(scope)(dialogues), dq.in_country(country))
        rows, total = await self._read(lambda c: dq.dialogue_page(c, condition, key, first))
        return page(
            rows,
            lambda r: (r.convened_on, r.dialogue_id),
            first=first,
            total_count=total,
            after=after,
        )

    async def dialogues_by_id(self, scope: Scope, ids: Sequence[UUID]) -> dict[UUID, DialogueRow]:
        """The dialogues with these ids that exist and the caller may see."""
        return await self._read(lambda c: dq.dialogue_rows(c, scope, ids))

    async def groups_by_dialogue(
        self, scope: Scope, ids: Sequence[UUID]
    ) -> dict[UUID, list[GroupRow]]:
        """Each dialogue's groups in the order they joined; [] for unknown or hidden ones."""
        return await self._read(lambda c: dq.groups(c, scope, ids))

    async def sessions_by_dialogue(
        self, scope: Scope, ids: Sequence[UUID]
    ) -> dict[UUID, list[SessionRow]]:
        """Each dialogue's sessions by the day held; [] for unknown or hidden ones."""
        return await self._read(lambda c: dq.sessions(c, scope, ids))

    async def surveys_by_dialogue(
        self, scope: Scope, ids: Sequence[UUID]
    ) -> dict[UUID, list[SurveyRow]]:
        """Each dialogue's trust surveys by wave, then group; [] for unknown or hidden ones."""
        return await self._read(lambda c: dq.surveys(c, scope, ids))

    # ------------------------------------------------------------ cases

    async def cases(
        self, scope: Scope, filter: CaseFilter, *, first: int, after: str | None, today: date
    ) -> Page[CaseRow]:
        """Cases matching the filter, most recently raised first; `today` decides overdue."""
        check_first(first)
        key = decode_cursor(after, datetime) if after else None
        shape, values = cq.filter_values(filter, today)  # bad input is refused before any read
        search = cq.search_text(filter)
        paged = PageShape(shape, after=key is not None)
        if search is None:
            rows, total = await self._read(lambda c: case_page(c, scope, paged, values, key, first))
        else:
            rows, total = await self._read(
                lambda c: search_page(c, scope, search, paged, values, key, first)
            )
        return page(
            rows, lambda r: (r.raised_at, r.case_id), first=first, total_count=total, after=after
        )

    async def cases_by_id(self, scope: Scope, ids: Sequence[UUID]) -> dict[UUID, CaseRow]:
        """The cases with these ids that exist and the caller may see."""
        return await self._read(lambda c: cq.case_rows(c, scope, ids))

    async def actions_by_case(
        self, scope: Scope, ids: Sequence[UUID]
    ) -> dict[UUID, list[ActionRow]]:
        """Each case's actions in the order they were assigned; [] for unknown or hidden ones."""
        return await self._read(lambda c: cq.actions_of(c, scope, ids))

    async def accountability(
        self, scope: Scope, dialogue_id: UUID, today: date
    ) -> AccountabilityRow | None:
        """The dialogue's accountability report for `today`; None if it is unknown or hidden."""
        visible = visible_to(scope)

        async def work(connection: AsyncConnection) -> AccountabilityRow | None:
            known = sa.select(case_dialogues.c.dialogue_id).where(
                case_dialogues.c.dialogue_id == dialogue_id, visible(case_dialogues)
            )
            if await connection.scalar(known) is None:
                return None
            return await accountability(connection, visible, dialogue_id, today)

        return await self._read(work)
