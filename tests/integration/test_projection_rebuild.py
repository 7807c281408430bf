"""Rebuilding a projection into fresh tables while the old ones keep answering, then switching."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from jsd_core.access import Scope
from jsd_core.projections import CaseFilter, ReadModels
from jsd_core.projections.cases import CasesProjector
from jsd_core.projections.dialogues import DialoguesProjector
from jsd_core.projections.generations import create_generation, drop_generation
from jsd_core.projections.rebuild import rebuild
from jsd_core.store import RecordedEvent
from tests.integration.test_projection_events import Writer, read_side

EVERYONE = Scope(None)
TODAY = date(2015, 6, 1)


async def schemas(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            sa.text("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm\\_%'")
        )
        return {row.nspname for row in rows}


async def case_count(read_models: ReadModels) -> int:
    page = await read_models.cases(EVERYONE, CaseFilter(), first=0, after=None, today=TODAY)
    return page.total_count


async def some_cases(writer: Writer, count: int, prefix: str = "Cas") -> None:
    dialogue = await writer.convene()
    for n in range(count):
        await writer.raise_case(dialogue, title=f"{prefix} {n}", description="Vols répétés")


class GatedCases(CasesProjector):
    """The real cases projector, holding any write to a new generation until `gate` opens."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self.gate = asyncio.Event()

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        translate = connection.sync_connection.get_execution_options()["schema_translate_map"]
        if translate["cases"] != "rm_cases_1":
            self.reached.set()
            await self.gate.wait()
        await super().apply(connection, events)


async def test_a_rebuild_serves_the_old_tables_until_it_switches_to_the_new(
    fresh_database_url: str,
) -> None:
    gated = GatedCases()
    async with read_side(fresh_database_url, projectors=[DialoguesProjector(), gated]) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 30)
        await stack.caught_up(writer)
        progress: list[tuple[int, int]] = []
        rebuilding = asyncio.create_task(
            rebuild(
                stack.projections,
                "cases",
                on_progress=lambda done, total: progress.append((done, total)),
                batch_size=4,
                drop_delay=0.1,
            )
        )
        await gated.reached.wait()
        # Mid-rebuild: the new tables are being filled; queries see the old ones, kept live.
        during = {s.name: s.generation for s in await stack.projections.status()}
        counts = [await case_count(stack.read_models)]
        await some_cases(writer, 5, "Pendant")
        await stack.caught_up(writer)
        counts.append(await case_count(stack.read_models))
        gated.gate.set()
        generation = await rebuilding
        await stack.caught_up(writer)
        after = {s.name: s for s in await stack.projections.status()}
        counts.append(await case_count(stack.read_models))
        found = await schemas(stack.engine)
        page = await stack.read_models.cases(
            EVERYONE, CaseFilter(search="Pendant"), first=10, after=None, today=TODAY
        )
    assert during == {"dialogues": 1, "cases": 1}
    assert counts == [30, 35, 35]
    assert generation == 2
    assert after["cases"].generation == 2
    assert after["cases"].lag == 0
    assert after["cases"].position >= writer.position
    assert found == {"rm_dialogues_1", "rm_cases_2"}  # the old generation is dropped
    assert {row.title for row in page.items} == {f"Pendant {n}" for n in range(5)}
    assert progress[0] == (0, 31)  # a dialogue and thirty cases to begin with
    assert progress[-1] == (37, 37)  # and another dialogue and five cases meanwhile


async def test_a_rebuild_after_a_rebuild_moves_on_to_the_next_generation(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 3)
        await stack.caught_up(writer)
        assert await rebuild(stack.projections, "dialogues", drop_delay=0) == 2
        assert await rebuild(stack.projections, "dialogues", drop_delay=0) == 3
        rows = await stack.read_models.dialogues(EVERYONE, first=5, after=None)
        found = await schemas(stack.engine)
    assert rows.total_count == 1
    assert found == {"rm_dialogues_3", "rm_cases_1"}


async def test_an_operation_reads_one_generation_and_the_next_once_its_own_is_dropped(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 3)
        await stack.caught_up(writer)
        operation = stack.read_models.pinned()
        before = await case_count(operation)
        # The switch leaves the old generation a while for the queries that picked it.
        switching = asyncio.create_task(rebuild(stack.projections, "cases", drop_delay=2.0))
        while {s.name: s.generation for s in await stack.projections.status()}["cases"] == 1:
            await asyncio.sleep(0.01)
        await some_cases(writer, 2, "Après")
        await stack.caught_up(writer)
        pinned = await case_count(operation)
        switched = await case_count(stack.read_models.pinned())
        await switching
        dropped = await case_count(operation)
    assert before == 3
    assert pinned == 3  # still the generation its first read found
    assert switched == 5
    assert dropped == 5  # that one is gone: the operation looked again


async def test_a_rebuild_of_an_unknown_projection_is_refused(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        with pytest.raises(ValueError, match="there is no projection 'case'"):
            await rebuild(stack.projections, "case")
        assert await schemas(stack.engine) == {"rm_dialogues_1", "rm_cases_1"}


async def test_only_one_rebuild_of_a_projection_runs_at_a_time(fresh_database_url: str) -> None:
    gated = GatedCases()
    async with read_side(fresh_database_url, start=False, projectors=[gated]) as stack:
        writer = stack.writer("lantern")
        await some_cases(writer, 3)
        first = asyncio.create_task(rebuild(stack.projections, "cases", drop_delay=0))
        await gated.reached.wait()
        with pytest.raises(ValueError, match="a rebuild of the cases projection is already"):
            await rebuild(stack.projections, "cases")
        gated.gate.set()
        assert await first == 2


async def test_a_fresh_generation_has_the_tables_and_indexes_of_the_migrated_one(
    fresh_database_url: str,
) -> None:
    query = sa.text(
        "SELECT table_name, column_name, data_type, is_nullable, generation_expression "
        "FROM information_schema.columns WHERE table_schema = :schema"
    )
    indexes = sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :schema")
    async with read_side(fresh_database_url, start=False) as stack:
        shapes = []
        async with stack.engine.begin() as connection:
            for projection in ("dialogues", "cases"):
                await create_generation(connection, projection, 9)
                for generation in (1, 9):
                    schema = f"rm_{projection}_{generation}"
                    columns = await connection.execute(query, {"schema": schema})
                    defined = await connection.execute(indexes, {"schema": schema})
                    shapes.append(
                        (
                            sorted(tuple(row) for row in columns),
                            sorted((n, d.replace(schema, "S")) for n, d in defined),
                        )
                    )
                await drop_generation(connection, projection, 9)
    assert shapes[0] == shapes[1]
    assert shapes[2] == shapes[3]
    # cases: 11, actions: 3, case_dialogues: 1, case_search: 2, case_words: 1
    assert len(shapes[2][1]) == 18
