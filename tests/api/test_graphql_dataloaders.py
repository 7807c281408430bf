"""No N+1: a page of cases with their actions, groups and dialogue costs a fixed number of
SQL statements, whatever the page size."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import event

from jsd_core.bootstrap import Services, bootstrap
from jsd_core.config import Settings
from jsd_core.domain import Case, CaseCategory, Dialogue, StakeholderKind
from jsd_core.projections import ActionRow, CaseRow
from tests.support.databases import new_database
from tests.support.graphql_client import InProcess
from tests.support.recorded import Recorder, on

if TYPE_CHECKING:
    from tests.conftest import TestServer

PAGE = """query ($first: Int!) { cases(first: $first) { totalCount edges { node {
  title raisedBy { name } agreedBy { key }
  dialogue { name groups { key } }
  actions { description overdue assignee { name } verifiedBy { name } } } } } }"""


@pytest.fixture(scope="module")
async def services(test_server: TestServer, template_url: str) -> AsyncIterator[Services]:
    url = await new_database(test_server, template_url)
    async with bootstrap(Settings(database_url=url)) as services:
        recorder = Recorder(services.store, "lantern")
        dialogue = Dialogue.convene(
            name="Dialogue de Jos Nord",
            country="NG",
            locality="Jos",
            organization="lantern",
            languages=["en", "ha"],
            convened_on=date(2016, 2, 1),
        )
        dialogue.add_stakeholder_group("police", StakeholderKind.POLICE, "Nigeria Police Force")
        dialogue.add_stakeholder_group("residents", StakeholderKind.RESIDENTS, "Residents")
        await recorder.save(dialogue, on("2016-02-01"))
        for number in range(60):
            case = Case.raise_case(
                dialogue,
                title=f"Problem {number}",
                description="Street lights are out near the market.",
                category=CaseCategory.INFRASTRUCTURE,
                severity=2,
                raised_by="residents",
            )
            case.agree(dialogue, ["police", "residents"])
            case.assign_action(dialogue, "Patrol at night", "police", date(2016, 6, 1))
            case.assign_action(dialogue, "Report outages", "residents", date(2016, 6, 1))
            await recorder.save(case, on("2016-03-01"))
        last = (await services.store.read_stream(case.id))[-1].position
        assert await services.projections.wait_for(last, 60)
        yield services


@contextmanager
def counting_statements(services: Services) -> Iterator[list[str]]:
    """Every SQL statement the read models send while the block runs: those SQLAlchemy
    executes, and those run on the driver directly (`projections.direct`), which
    asyncpg's query loggers see."""
    statements: list[str] = []
    engine = services.read_models.engine.sync_engine

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    def log(query: Any) -> None:
        statements.append(query.query)

    def checkout(connection: Any, *_: Any) -> None:
        connection.driver_connection.add_query_logger(log)

    def checkin(connection: Any, *_: Any) -> None:
        if connection is not None:
            connection.driver_connection.remove_query_logger(log)

    listeners = [("before_cursor_execute", record), ("checkout", checkout), ("checkin", checkin)]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    try:
        yield statements
    finally:
        for name, listener in listeners:
            event.remove(engine, name, listener)


async def test_a_page_of_fifty_cases_costs_as_many_statements_as_a_page_of_five(
    services: Services,
) -> None:
    key, _ = await services.keys.create("lantern", "partner")
    caller = InProcess(services, key.principal())
    # The driver looks up the types of a connection's first statements that use them
    # (a few statements of its own, once per pooled connection): not counted here.
    await caller(PAGE, first=50)
    with counting_statements(services) as small:
        five = await caller(PAGE, first=5)
    with counting_statements(services) as large:
        fifty = await caller(PAGE, first=50)
    assert len(five["cases"]["edges"]) == 5
    assert len(fifty["cases"]["edges"]) == 50
    assert all(len(edge["node"]["actions"]) == 2 for edge in fifty["cases"]["edges"])
    assert len(large) == len(small)
    # The tables' active generation, looked up once for the operation; the page
    # and its total; then one batch each: actions, dialogues, groups.
    assert len(large) == 6, large
    assert sum("projection_state" in statement for statement in large) == 1, large


FRAGMENTS = """query ($first: Int!) { cases(first: $first) { ...Page } }
fragment Page on CaseConnection { edges { node { ... on Case { title ...Related } } } }
fragment Related on Case { dialogue { name } actions { assignee { name } } }"""
PLAIN = """query ($first: Int!) { cases(first: $first) { edges { node {
  title dialogue { name } actions { assignee { name } } } } } }"""


async def test_a_page_asked_through_fragments_reads_as_little_and_answers_the_same(
    services: Services,
) -> None:
    key, _ = await services.keys.create("lantern", "partner")
    caller = InProcess(services, key.principal())
    with counting_statements(services) as plain:
        expected = await caller(PLAIN, first=20)
    with counting_statements(services) as through_fragments:
        answer = await caller(FRAGMENTS, first=20)
    assert answer == expected
    assert len(through_fragments) == len(plain)
    assert expected["cases"]["edges"][0]["node"]["actions"][0]["assignee"] == {
        "name": "Nigeria Police Force"
    }


def read_rows() -> int:
    return sum(isinstance(found, CaseRow | ActionRow) for found in gc.get_objects())


async def test_the_rows_an_operation_read_are_freed_as_soon_as_it_ends(
    services: Services,
) -> None:
    """Not left for the garbage collector (graphql-core's executor, which holds the
    context, is in a reference cycle with itself): its passes would grow with them."""
    key, _ = await services.keys.create("lantern", "partner")
    caller = InProcess(services, key.principal())
    await caller(PAGE, first=50)
    gc.collect()
    gc.disable()
    try:
        before = read_rows()
        answer = await caller(PAGE, first=50)
        after = read_rows()
    finally:
        gc.enable()
    assert len(answer["cases"]["edges"]) == 50
    assert after == before
