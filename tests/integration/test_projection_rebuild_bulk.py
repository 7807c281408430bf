"""A rebuild's bulk load: big batches into tables without indexes, then indexes and statistics.

What the runner keeps live, batch by batch, and what a rebuild loads in bulk
(rows written in several batches, replaced, then indexed) must be the same rows.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from jsd_core.projections.generations import create_generation, drop_generation, tables_of
from jsd_core.projections.rebuild import rebuild
from tests.integration.test_projection_events import Writer, at, read_side

INDEXES = sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = :schema")


async def busy_cases(writer: Writer) -> None:
    """Cases whose events are spread over the log: each batch touches several of them."""
    dialogue = await writer.convene()
    raised = [
        await writer.raise_case(dialogue, f"Cas {n}", f"Récit {n}", at=at(date(2015, 4, 1 + n)))
        for n in range(6)
    ]
    for case_id in raised:
        await writer.agree(case_id)
    actions = [await writer.assign(case_id, "police", date(2015, 5, 1)) for case_id in raised]
    for case_id in raised[::2]:
        await writer.assign(case_id, "femmes", date(2015, 4, 20))
    for case_id, action_id in list(zip(raised, actions, strict=True))[1:4]:
        await writer.complete(case_id, action_id, date(2015, 4, 25))


async def contents(engine: AsyncEngine, generation: int) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of that generation of the cases projection, sorted."""
    found = {}
    async with engine.connect() as connection:
        for table in tables_of("cases"):
            name = f"rm_cases_{generation}.{table.name}"
            rows = await connection.execute(sa.text(f"SELECT * FROM {name}"))
            found[table.name] = sorted((tuple(str(v) for v in row) for row in rows), key=str)
    return found


async def test_a_rebuild_loads_the_same_rows_the_runner_keeps(fresh_database_url: str) -> None:
    async with read_side(fresh_database_url) as stack:
        writer = stack.writer("lantern")
        await busy_cases(writer)
        await stack.caught_up(writer)
        live = await contents(stack.engine, 1)
        assert await rebuild(stack.projections, "cases", bulk_batch_size=7, drop_delay=0) == 2
        rebuilt = await contents(stack.engine, 2)
    assert rebuilt == live
    assert len(live["cases"]) == len(live["case_search"]) == 6
    assert ("lantern", "cas", "6") in live["case_words"]  # "Cas 0" to "Cas 5"
    assert len(live["actions"]) == 9


async def test_a_rebuilt_generation_has_every_index_and_is_vacuumed_and_analysed(
    fresh_database_url: str,
) -> None:
    tables = sa.text(
        "SELECT relname, last_vacuum IS NOT NULL AND last_analyze IS NOT NULL AS settled "
        "FROM pg_stat_user_tables WHERE schemaname = :schema"
    )
    async with read_side(fresh_database_url, start=False) as stack:
        other = stack.writer("interpeace")
        writer = stack.writer("lantern")
        await busy_cases(other)
        await busy_cases(writer)
        await rebuild(stack.projections, "cases", bulk_batch_size=10, drop_delay=0)
        async with stack.engine.begin() as connection:
            await create_generation(connection, "cases", 9)
            indexes = []
            for schema in ("rm_cases_2", "rm_cases_9"):
                rows = await connection.execute(INDEXES, {"schema": schema})
                indexes.append(sorted((n, d.replace(schema, "S")) for n, d in rows))
            await drop_generation(connection, "cases", 9)
            settled = dict((await connection.execute(tables, {"schema": "rm_cases_2"})).all())
            in_place = await connection.scalars(
                sa.text("SELECT organization FROM rm_cases_2.case_search ORDER BY ctid")
            )
            organizations = list(in_place)
    assert indexes[0] == indexes[1]
    assert len(indexes[0]) == 18
    assert settled == dict.fromkeys(
        ("cases", "actions", "case_dialogues", "case_search", "case_words"), True
    )
    assert organizations == sorted(organizations)  # one organisation's words together
    assert set(organizations) == {"interpeace", "lantern"}
