"""The read side: filters, pagination, overdue and accountability for a given day, visibility.

One set of dialogues and cases of two organisations, projected once for the module:
- lantern: Saaba (BF: c1 to c4), Dakar (SN: c5), Tunis (TN: c7, in Arabic);
- sfcg: Jos (NG: c6, in English), Nepal (NP: c8, in Nepali).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from uuid import UUID, uuid4

import asyncpg
import pytest
import sqlalchemy as sa

from jsd_core.access import Scope
from jsd_core.database import asyncpg_url
from jsd_core.domain import InvalidInputError
from jsd_core.domain.vocabulary import CaseCategory, CaseStatus, CloseReason, SessionKind
from jsd_core.domain.vocabulary import StakeholderKind as Kind
from jsd_core.projections import CaseFilter, GroupAccountabilityRow, ReadModels
from tests.integration.test_projection_events import Writer, at, read_side

if TYPE_CHECKING:
    from tests.conftest import TestServer

EVERYONE = Scope(None)
LANTERN = Scope(frozenset({"lantern"}))
SFCG = Scope(frozenset({"sfcg"}))
NOBODY = Scope(frozenset())
MID_JUNE = date(2015, 6, 15)


@dataclass
class World:
    read: ReadModels
    dialogues: dict[str, UUID]
    cases: dict[str, UUID]

    def ids(self, *names: str) -> list[UUID]:
        return [self.cases[name] for name in names]


async def _lantern(writer: Writer, world: World) -> None:
    saaba = world.dialogues["saaba"] = await writer.convene()
    c1 = world.cases["c1"] = await writer.raise_case(saaba, at=at(date(2015, 4, 1)))
    await writer.agree(c1)
    await writer.assign(c1, "police", date(2015, 5, 1))  # still OPEN: overdue from May 2nd
    kept = await writer.assign(c1, "koglweogo", date(2015, 6, 1))
    await writer.complete(c1, kept, date(2015, 5, 20))
    await writer.on_case(c1, lambda c, d: c.verify_action(d, kept, "femmes"))
    c2 = world.cases["c2"] = await writer.raise_case(
        saaba, "Tensions avec les Koglweogo", "Des abus lors des patrouilles.",
        CaseCategory.VIGILANTE_ABUSE, at=at(date(2015, 4, 10)),
    )  # fmt: skip
    await writer.agree(c2)
    late = await writer.assign(c2, "koglweogo", date(2015, 4, 30))
    await writer.complete(c2, late, date(2015, 5, 5))
    await writer.on_case(c2, lambda c, d: c.resolve("Charte signée"), at(date(2015, 5, 11)))
    await writer.on_case(c2, lambda c, d: c.close(CloseReason.RESOLVED))
    world.cases["c3"] = await writer.raise_case(
        saaba, "Éclairage public", "Les rues autour de l'ÉCOLE sont sombres.",
        CaseCategory.INFRASTRUCTURE, at=at(date(2015, 4, 20)),
    )  # fmt: skip
    c4 = world.cases["c4"] = await writer.raise_case(
        saaba, "Violences faites aux femmes", "Agressions sur le chemin du puits.",
        CaseCategory.GENDER_BASED_VIOLENCE, raised_by="femmes", at=at(date(2015, 5, 1)),
    )  # fmt: skip
    await writer.agree(c4)
    dropped = await writer.assign(c4, "femmes", date(2015, 5, 15))
    await writer.on_case(c4, lambda c, d: c.cancel_action(dropped, "Remplacée"))
    done = await writer.assign(c4, "police", date(2015, 7, 1))
    await writer.complete(c4, done, date(2015, 6, 25))
    await writer.on_case(c4, lambda c, d: c.resolve("Escortes en place"), at(date(2015, 6, 30)))
    dakar = world.dialogues["dakar"] = await writer.convene(
        "Dialogue de Dakar", "SN", "Grand Dakar", convened_on=date(2016, 1, 10),
        groups={"police": (Kind.POLICE, "Police"), "mairie": (Kind.LOCAL_GOVERNMENT, "Mairie"),
                "paroisse": (Kind.RELIGIOUS_LEADERS, "Paroisse")},
    )  # fmt: skip
    c5 = world.cases["c5"] = await writer.raise_case(
        dakar, "Affrontements au stade", "Supporters et fidèles s'affrontent devant l'église.",
        CaseCategory.VIOLENT_CLASH, raised_by="paroisse", at=at(date(2016, 2, 1)),
    )  # fmt: skip
    await writer.agree(c5, ("mairie", "paroisse"))
    await writer.assign(c5, "mairie", date(2016, 8, 1))
    tunis = world.dialogues["tunis"] = await writer.convene(
        "حوار الأمن في تونس", "TN", "تونس", ("ar", "fr"), date(2014, 9, 1),
        {"police": (Kind.POLICE, "الشرطة"), "shabab": (Kind.YOUTH, "الشباب")},
    )  # fmt: skip
    world.cases["c7"] = await writer.raise_case(
        tunis, "سرقات في السوق", "تتكرر السرقات ليلا في السوق المركزي",
        raised_by="shabab", at=at(date(2015, 3, 1)),
    )  # fmt: skip


async def _sfcg(writer: Writer, world: World) -> None:
    jos = world.dialogues["jos"] = await writer.convene(
        "Jos Security Dialogue", "NG", "Jos North", ("en", "ha"), date(2015, 1, 5),
        {"police": (Kind.POLICE, "Nigeria Police Force"), "youth": (Kind.YOUTH, "Youth")},
    )  # fmt: skip
    await writer.on_dialogue(
        jos, lambda d: d.hold_session(SessionKind.DIALOGUE, date(2015, 2, 1), {"youth": 30})
    )
    await writer.on_dialogue(
        jos, lambda d: d.record_trust_survey(1, date(2015, 2, 2), "youth", 50, 12.5)
    )
    c6 = world.cases["c6"] = await writer.raise_case(
        jos, "Police station burned", "Residents burned the station down.",
        CaseCategory.MOB_JUSTICE, raised_by="youth", at=at(date(2015, 5, 6)),
    )  # fmt: skip
    await writer.agree(c6, ("police", "youth"))
    await writer.assign(c6, "police", date(2015, 5, 10))
    nepal = world.dialogues["nepal"] = await writer.convene(
        "प्रहरी र नागरिक संवाद", "NP", "काठमाडौं", ("ne",), date(2007, 5, 1),
        {"prahari": (Kind.POLICE, "नेपाल प्रहरी"), "nagarik": (Kind.CIVIL_SOCIETY, "नागरिक")},
    )  # fmt: skip
    world.cases["c8"] = await writer.raise_case(
        nepal, "लागूऔषध दुरुपयोग", "युवाहरूमा लागूऔषध दुरुपयोग बढ्दैछ",
        CaseCategory.DRUG_ABUSE, raised_by="nagarik", at=at(date(2008, 1, 1)),
    )  # fmt: skip


@pytest.fixture(scope="module")
async def world(test_server: TestServer, template_url: str) -> AsyncIterator[World]:
    database = await test_server.create(template=urlsplit(template_url).path.lstrip("/"))
    async with read_side(database) as stack:
        found = World(stack.read_models, {}, {})
        lantern, sfcg = stack.writer("lantern"), stack.writer("sfcg")
        await _lantern(lantern, found)
        await _sfcg(sfcg, found)
        await stack.caught_up(lantern)
        await stack.caught_up(sfcg)
        yield found


async def titles(world: World, filter: CaseFilter, scope: Scope = EVERYONE) -> list[str]:
    page = await world.read.cases(scope, filter, first=50, after=None, today=MID_JUNE)
    assert page.total_count == len(page.items)
    names = {case_id: name for name, case_id in world.cases.items()}
    return [names[row.case_id] for row in page.items]


# ------------------------------------------------------------ filters


async def test_cases_come_newest_first_and_filter_by_dialogue(world: World) -> None:
    assert await titles(world, CaseFilter(dialogue_id=world.dialogues["saaba"])) == [
        "c4", "c3", "c2", "c1",
    ]  # fmt: skip


async def test_cases_filter_by_country_in_either_case(world: World) -> None:
    assert await titles(world, CaseFilter(country="SN")) == ["c5"]
    assert await titles(world, CaseFilter(country="ng")) == ["c6"]


async def test_cases_filter_by_any_of_several_statuses(world: World) -> None:
    wanted = (CaseStatus.RESOLVED, CaseStatus.CLOSED)
    assert await titles(world, CaseFilter(status=wanted)) == ["c4", "c2"]
    assert await titles(world, CaseFilter(status=(CaseStatus.RAISED,))) == ["c3", "c7", "c8"]


async def test_cases_filter_by_category(world: World) -> None:
    wanted = (CaseCategory.INFRASTRUCTURE, CaseCategory.DRUG_ABUSE)
    assert await titles(world, CaseFilter(category=wanted)) == ["c3", "c8"]


async def test_cases_filter_by_assignee_even_of_a_cancelled_action(world: World) -> None:
    assert await titles(world, CaseFilter(assignee="koglweogo")) == ["c2", "c1"]
    assert await titles(world, CaseFilter(assignee="femmes")) == ["c4"]
    assert await titles(world, CaseFilter(assignee="nobody")) == []


async def test_overdue_is_decided_by_the_day_asked_about(world: World) -> None:
    overdue, on_time = CaseFilter(overdue=True), CaseFilter(overdue=False)
    assert await titles(world, overdue) == ["c6", "c1"]
    assert await titles(world, on_time) == ["c5", "c4", "c3", "c2", "c7", "c8"]
    early = await world.read.cases(EVERYONE, overdue, first=10, after=None, today=date(2015, 5, 2))
    assert [row.case_id for row in early.items] == world.ids("c1")
    later = await world.read.cases(EVERYONE, overdue, first=10, after=None, today=date(2016, 9, 1))
    assert [row.case_id for row in later.items] == world.ids("c5", "c6", "c1")


async def test_search_finds_words_in_any_script_regardless_of_case(world: World) -> None:
    assert await titles(world, CaseFilter(search="CAMBRIOLAGES")) == ["c1"]
    assert await titles(world, CaseFilter(search="école")) == ["c3"]  # ÉCOLE in the text
    assert await titles(world, CaseFilter(search="السوق")) == ["c7"]
    assert await titles(world, CaseFilter(search="दुरुपयोग")) == ["c8"]
    assert await titles(world, CaseFilter(search="station burned")) == ["c6"]
    assert await titles(world, CaseFilter(search="   ")) == await titles(world, CaseFilter())


async def test_every_filter_field_at_once_narrows_to_what_matches_all(world: World) -> None:
    filter = CaseFilter(
        dialogue_id=world.dialogues["saaba"],
        country="BF",
        status=(CaseStatus.IN_PROGRESS,),
        category=(CaseCategory.ROBBERY_BURGLARY,),
        assignee="police",
        overdue=True,
        search="marché",
    )
    assert await titles(world, filter) == ["c1"]


async def test_a_filter_value_outside_the_vocabulary_is_refused_clearly(world: World) -> None:
    with pytest.raises(InvalidInputError) as refused:
        await titles(world, CaseFilter(status=("LOST",)))  # type: ignore[arg-type]
    assert refused.value.field == ("filter", "status")
    with pytest.raises(InvalidInputError):
        await titles(world, CaseFilter(search="x" * 201))
    for text in ({"search": "vol\x00"}, {"assignee": "po\x00lice"}, {"country": "B\x00"}):
        with pytest.raises(InvalidInputError, match="NUL"):
            await titles(world, CaseFilter(**text))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="NUL"):
        await world.read.dialogues(EVERYONE, first=1, after=None, country="\x00")


# ------------------------------------------------------------ pagination


async def test_cases_page_with_first_and_after_and_count_the_whole_filter(world: World) -> None:
    saaba = CaseFilter(dialogue_id=world.dialogues["saaba"])
    one = await world.read.cases(EVERYONE, saaba, first=3, after=None, today=MID_JUNE)
    two = await world.read.cases(EVERYONE, saaba, first=3, after=one.cursors[-1], today=MID_JUNE)
    none = await world.read.cases(EVERYONE, saaba, first=0, after=None, today=MID_JUNE)
    assert [r.case_id for r in one.items] == world.ids("c4", "c3", "c2")
    assert (one.total_count, one.has_next_page, one.has_previous_page) == (4, True, False)
    assert [r.case_id for r in two.items] == world.ids("c1")
    assert (two.total_count, two.has_next_page, two.has_previous_page) == (4, False, True)
    assert (none.items, none.total_count, none.has_next_page) == ([], 4, True)


async def test_dialogues_page_newest_convening_first_and_filter_by_country(world: World) -> None:
    one = await world.read.dialogues(EVERYONE, first=2, after=None)
    two = await world.read.dialogues(EVERYONE, first=10, after=one.cursors[-1])
    senegal = await world.read.dialogues(EVERYONE, first=10, after=None, country="sn")
    names = {dialogue_id: name for name, dialogue_id in world.dialogues.items()}
    assert [names[r.dialogue_id] for r in one.items + two.items] == [
        "dakar", "saaba", "jos", "tunis", "nepal",
    ]  # fmt: skip
    assert (one.total_count, one.has_next_page, two.has_next_page) == (5, True, False)
    assert [r.dialogue_id for r in senegal.items] == [world.dialogues["dakar"]]


@pytest.mark.parametrize("after", ["nonsense", "bm9uc2Vuc2U", "MjAxNS0wNC0wMXxub3QtYS11dWlk"])
async def test_a_cursor_this_list_did_not_hand_out_is_refused(world: World, after: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        await world.read.cases(EVERYONE, CaseFilter(), first=1, after=after, today=MID_JUNE)
    assert refused.value.field == ("after",)
    with pytest.raises(InvalidInputError):
        await world.read.dialogues(EVERYONE, first=1, after=after)


@pytest.mark.parametrize("first", [-1, 1001])
async def test_first_outside_its_range_is_refused(world: World, first: int) -> None:
    with pytest.raises(InvalidInputError) as refused:
        await world.read.cases(EVERYONE, CaseFilter(), first=first, after=None, today=MID_JUNE)
    assert refused.value.field == ("first",)


# ------------------------------------------------------------ accountability


async def test_accountability_counts_cases_and_each_groups_record(world: World) -> None:
    report = await world.read.accountability(EVERYONE, world.dialogues["saaba"], MID_JUNE)
    assert report is not None
    assert (report.open_cases, report.resolved_cases) == (2, 2)  # c1, c3 open; c2, c4 resolved
    assert report.median_days_to_resolution == pytest.approx((31 + 60) / 2)
    assert report.by_group == [
        GroupAccountabilityRow("koglweogo", 2, 2, 1, 0, 0.5),
        GroupAccountabilityRow("police", 2, 1, 0, 1, 1.0),
    ]  # femmes' only action was cancelled


async def test_accountability_overdue_figures_are_for_the_day_asked_about(world: World) -> None:
    april = await world.read.accountability(EVERYONE, world.dialogues["saaba"], date(2015, 4, 15))
    dakar = world.dialogues["dakar"]
    before = await world.read.accountability(EVERYONE, dakar, date(2016, 8, 1))
    after = await world.read.accountability(EVERYONE, dakar, date(2016, 8, 2))
    assert april is not None
    assert before is not None
    assert after is not None
    assert [g.overdue for g in april.by_group] == [0, 0]
    assert before.by_group == [GroupAccountabilityRow("mairie", 1, 0, 0, 0, None)]
    assert after.by_group[0].overdue == 1
    assert (after.open_cases, after.resolved_cases, after.median_days_to_resolution) == (1, 0, None)


# ------------------------------------------------------------ visibility


async def test_a_caller_sees_only_its_organisations_dialogues(world: World) -> None:
    read, d = world.read, world.dialogues
    mine = await read.dialogues(LANTERN, first=10, after=None)
    assert {r.dialogue_id for r in mine.items} == {d["saaba"], d["dakar"], d["tunis"]}
    assert mine.total_count == 3
    assert (await read.dialogues(SFCG, first=10, after=None, country="BF")).total_count == 0
    assert list(await read.dialogues_by_id(LANTERN, [d["saaba"], d["jos"]])) == [d["saaba"]]
    assert await read.groups_by_dialogue(LANTERN, [d["jos"]]) == {d["jos"]: []}
    assert await read.sessions_by_dialogue(LANTERN, [d["jos"]]) == {d["jos"]: []}
    assert await read.surveys_by_dialogue(LANTERN, [d["jos"]]) == {d["jos"]: []}
    assert len((await read.sessions_by_dialogue(SFCG, [d["jos"]]))[d["jos"]]) == 1
    assert len((await read.surveys_by_dialogue(SFCG, [d["jos"]]))[d["jos"]]) == 1
    assert len((await read.groups_by_dialogue(SFCG, [d["jos"]]))[d["jos"]]) == 2
    assert (await read.dialogues(NOBODY, first=10, after=None)).total_count == 0


async def test_a_caller_sees_only_its_organisations_cases_and_reports(world: World) -> None:
    read, c, d = world.read, world.cases, world.dialogues
    assert await titles(world, CaseFilter(), LANTERN) == ["c5", "c4", "c3", "c2", "c1", "c7"]
    assert await titles(world, CaseFilter(dialogue_id=d["jos"]), LANTERN) == []
    assert await titles(world, CaseFilter(search="station"), LANTERN) == []
    assert await titles(world, CaseFilter(overdue=True), SFCG) == ["c6"]
    assert await read.cases_by_id(LANTERN, [c["c6"]]) == {}
    assert list(await read.cases_by_id(SFCG, [c["c6"], c["c1"]])) == [c["c6"]]
    assert await read.actions_by_case(LANTERN, [c["c6"]]) == {c["c6"]: []}
    assert len((await read.actions_by_case(SFCG, [c["c6"]]))[c["c6"]]) == 1
    assert await read.accountability(LANTERN, d["jos"], MID_JUNE) is None
    assert await read.accountability(SFCG, d["jos"], MID_JUNE) is not None
    assert await read.accountability(EVERYONE, uuid4(), MID_JUNE) is None
    assert await titles(world, CaseFilter(), NOBODY) == []
    assert await read.cases_by_id(NOBODY, [c["c1"]]) == {}
    assert set(await read.cases_by_id(EVERYONE, [c["c6"], c["c1"]])) == {c["c6"], c["c1"]}
    assert await read.actions_by_case(NOBODY, [c["c1"]]) == {c["c1"]: []}
    assert len((await read.actions_by_case(EVERYONE, [c["c6"]]))[c["c6"]]) == 1
    assert await read.dialogues_by_id(NOBODY, [d["saaba"]]) == {}
    assert set(await read.dialogues_by_id(EVERYONE, [d["saaba"], d["jos"]])) == {
        d["saaba"],
        d["jos"],
    }


async def test_a_read_whose_connection_was_dropped_runs_again_on_a_new_one(
    fresh_database_url: str,
) -> None:
    async with read_side(fresh_database_url, start=False) as stack:
        writer = stack.writer("lantern")
        dialogue_id = await writer.convene()
        await stack.projections.start()
        await stack.caught_up(writer)
        read = stack.read_models
        assert list(await read.dialogues_by_id(LANTERN, [dialogue_id])) == [dialogue_id]
        # The read models' pool holds the one connection these reads took, one at a time.
        async with read.engine.connect() as connection:
            dropped = await connection.scalar(sa.text("SELECT pg_backend_pid()"))
        administrator = await asyncpg.connect(asyncpg_url(fresh_database_url))
        try:
            assert await administrator.fetchval("SELECT pg_terminate_backend($1)", dropped)
        finally:
            await administrator.close()
        found = await read.dialogues_by_id(LANTERN, [dialogue_id])
        async with read.engine.connect() as connection:
            now = await connection.scalar(sa.text("SELECT pg_backend_pid()"))
    assert list(found) == [dialogue_id]
    assert now != dropped
