"""Filtering and searching cases: counts and pages, every way a page is taken, within the
caller's scope.

Two organisations with cases of the same words: lantern has six ("Vol 0" to "Vol 5",
the even ones at the market, the last two raised at the same moment), sfcg four,
each raised an hour after lantern's of the same number.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from uuid import UUID

import pytest
import sqlalchemy as sa

from jsd_core.access import Scope
from jsd_core.domain.vocabulary import CaseCategory, CaseStatus
from jsd_core.projections import CaseFilter, ReadModels, case_pages
from jsd_core.projections import search as search_module
from tests.integration.test_projection_events import at, read_side

if TYPE_CHECKING:
    from tests.conftest import TestServer

EVERYONE = Scope(None)
LANTERN = Scope(frozenset({"lantern"}))
SFCG = Scope(frozenset({"sfcg"}))
BOTH = Scope(frozenset({"lantern", "sfcg"}))
NOBODY = Scope(frozenset())
TODAY = date(2015, 9, 1)


@dataclass
class Cases:
    read: ReadModels
    names: dict[UUID, str]


@pytest.fixture(scope="module")
async def cases(test_server: TestServer, template_url: str) -> AsyncIterator[Cases]:
    database = await test_server.create(template=urlsplit(template_url).path.lstrip("/"))
    async with read_side(database) as stack:
        names: dict[UUID, str] = {}
        for organization, count in (("lantern", 6), ("sfcg", 4)):
            writer = stack.writer(organization)
            dialogue = await writer.convene()
            for n in range(count):
                place = "au marché" if n % 2 == 0 else "à la gare"
                day = date(2015, 4, 1 + min(n, 4))  # lantern's "Vol 4" and "Vol 5": same moment
                hour = 9 if organization == "lantern" else 10
                case_id = await writer.raise_case(
                    dialogue, f"Vol {n}", f"Vol {place}", at=at(day, hour)
                )
                names[case_id] = f"{organization} {n}"
                if n < 2:
                    await writer.agree(case_id)
                    await writer.assign(case_id, "police", date(2015, 5, 1))
            await stack.caught_up(writer)
        yield Cases(stack.read_models, names)


async def every_page(cases: Cases, scope: Scope, filter: CaseFilter) -> tuple[list[str], int]:
    """The names of every match, two at a time through the cursors, and the total."""
    found: list[str] = []
    totals: set[int] = set()
    after: str | None = None
    while True:
        page = await cases.read.cases(scope, filter, first=2, after=after, today=TODAY)
        found += [cases.names[row.case_id] for row in page.items]
        totals.add(page.total_count)
        if not page.has_next_page:
            break
        after = page.cursors[-1]
    assert len(totals) == 1
    return found, totals.pop()


SEARCHES = ("vol", "MARCHÉ", "vol -marché", '"vol au"', "gare vol", "absent")


@pytest.mark.parametrize("scope", [EVERYONE, LANTERN, SFCG, BOTH, NOBODY])
async def test_a_search_pages_alike_whether_it_sorts_or_walks_the_matches(
    cases: Cases, scope: Scope, monkeypatch: pytest.MonkeyPatch
) -> None:
    sorted_ = [await every_page(cases, scope, CaseFilter(search=text)) for text in SEARCHES]
    monkeypatch.setattr(search_module, "WALK_FROM_MATCHES", 1)
    walked = [await every_page(cases, scope, CaseFilter(search=text)) for text in SEARCHES]
    assert walked == sorted_
    for (names, total), text in zip(sorted_, SEARCHES, strict=True):
        assert total == len(names) == len(set(names)), text
        if scope.organizations is not None:
            assert {name.split()[0] for name in names} <= scope.organizations


async def test_a_search_counts_and_orders_the_matches_newest_first(cases: Cases) -> None:
    names, total = await every_page(cases, LANTERN, CaseFilter(search="vol"))
    assert total == 6
    assert set(names[:2]) == {"lantern 4", "lantern 5"}  # the same moment: by id
    assert names[2:] == ["lantern 3", "lantern 2", "lantern 1", "lantern 0"]
    assert await every_page(cases, SFCG, CaseFilter(search="marché")) == (["sfcg 2", "sfcg 0"], 2)
    assert await every_page(cases, EVERYONE, CaseFilter(search='"vol à"')) == (
        ["lantern 5", "sfcg 3", "lantern 3", "sfcg 1", "lantern 1"],
        5,
    )
    assert await every_page(cases, NOBODY, CaseFilter(search="vol")) == ([], 0)


@pytest.mark.parametrize("walk_from", [1, 4000])
async def test_a_search_with_other_filters_counts_only_cases_matching_all(
    cases: Cases, walk_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_module, "WALK_FROM_MATCHES", walk_from)
    in_progress = (CaseStatus.IN_PROGRESS,)
    both = CaseFilter(search="vol", status=in_progress)
    assert await every_page(cases, BOTH, both) == (
        ["sfcg 1", "lantern 1", "sfcg 0", "lantern 0"],
        4,
    )
    assert await every_page(cases, LANTERN, both) == (["lantern 1", "lantern 0"], 2)
    market = CaseFilter(search="marché", overdue=True)
    assert await every_page(cases, SFCG, market) == (["sfcg 0"], 1)
    assert await every_page(cases, NOBODY, market) == ([], 0)


async def test_a_search_text_with_quotes_and_backslashes_is_only_ever_words(
    cases: Cases,
) -> None:
    for text in ("l'école", "vol' OR 'x", "vol\\", "'; DROP TABLE cases; --", '"vol'):
        names, total = await every_page(cases, EVERYONE, CaseFilter(search=text))
        assert total == len(names)
    assert (await every_page(cases, LANTERN, CaseFilter(search="vol' 'zzz")))[1] == 0
    assert (await every_page(cases, LANTERN, CaseFilter(search="vol\\")))[1] == 6


async def test_a_search_for_one_word_alone_is_counted_from_the_counts_of_words(
    cases: Cases,
) -> None:
    """The projection keeps each word's count of cases per organisation beside
    case_search: a one-word search without other filters reads its total there (a
    count made wrong here shows through); any other search counts its matches."""
    async with cases.read.engine.begin() as connection:
        generation = await connection.scalar(
            sa.text("SELECT generation FROM projection_state WHERE name = 'cases'")
        )
    bump = sa.text(
        f"UPDATE rm_cases_{generation}.case_words SET cases = cases + :n "
        "WHERE organization = 'lantern' AND word = 'vol'"
    )

    async def total(scope: Scope, filter: CaseFilter) -> int:
        page = await cases.read.cases(scope, filter, first=2, after=None, today=TODAY)
        return page.total_count

    async with cases.read.engine.begin() as connection:
        await connection.execute(bump, {"n": 100})
    try:
        assert await total(LANTERN, CaseFilter(search="VOL")) == 106
        assert await total(BOTH, CaseFilter(search="vol")) == 110
        assert await total(SFCG, CaseFilter(search="vol")) == 4
        assert await total(LANTERN, CaseFilter(search="vol -marché")) == 3
        in_progress = CaseFilter(search="vol", status=(CaseStatus.IN_PROGRESS,))
        assert await total(LANTERN, in_progress) == 2
    finally:
        async with cases.read.engine.begin() as connection:
            await connection.execute(bump, {"n": -100})
    assert await total(LANTERN, CaseFilter(search="vol")) == 6


FILTERS = (
    CaseFilter(),
    CaseFilter(overdue=True),
    CaseFilter(overdue=False),
    CaseFilter(status=(CaseStatus.IN_PROGRESS, CaseStatus.RAISED)),
    CaseFilter(category=(CaseCategory.ROBBERY_BURGLARY,), country="bf"),
    CaseFilter(assignee="police"),
)


@pytest.mark.parametrize("scope", [EVERYONE, LANTERN, BOTH, NOBODY])
async def test_a_filtered_list_pages_alike_whether_it_walks_part_or_all_or_sorts(
    cases: Cases, scope: Scope, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short walk finds a page only where the newest cases hold enough matches; if
    not, the matches are sorted. A walk without bound is taken for many matches."""
    monkeypatch.setattr(case_pages, "WALK", 0)
    sorted_ = [await every_page(cases, scope, filter) for filter in FILTERS]
    if scope is EVERYONE:
        assert [total for _, total in sorted_] == [10, 4, 6, 10, 10, 4]
    for walk, sort_below in ((1, 20_000), (3, 20_000), (5000, 20_000), (0, 1)):
        monkeypatch.setattr(case_pages, "WALK", walk)
        monkeypatch.setattr(case_pages, "SORT_MATCHES_BELOW", sort_below)
        walked = [await every_page(cases, scope, filter) for filter in FILTERS]
        assert walked == sorted_, (walk, sort_below)
