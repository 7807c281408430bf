"""Bad input through the Ledger: each refused with an error naming the field, nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import asyncpg
import pytest

from jsd_core.access import Role
from jsd_core.application import commands as c
from jsd_core.application.ledger import Ledger
from jsd_core.domain import CaseCategory, SessionKind, StakeholderKind
from jsd_core.domain.errors import (
    DateOrderError,
    EmptyTextError,
    GroupAlreadyJoinedError,
    InvalidCountryError,
    InvalidInputError,
    InvalidLanguageError,
    InvalidValueError,
    OutOfRangeError,
    TextTooLongError,
    UnknownGroupError,
)
from jsd_core.store import EventStore
from tests.support.ledger_world import CONVENED, World, principal, stored, world

CONVENING = c.ConveneDialogue(
    name="Dialogue de Saaba",
    country="BF",
    locality="Saaba",
    languages=("fr",),
    convened_on=CONVENED,
)


def raising(w: World, **changes: Any) -> c.RaiseCase:
    command = c.RaiseCase(
        dialogue_id=w.dialogue_id,
        title="Vols de bétail",
        description="Des bœufs disparaissent la nuit.",
        category=CaseCategory.ROBBERY_BURGLARY,
        severity=3,
        raised_by="femmes",
    )
    return replace(command, **changes)


# (what is wrong, the command, the error, the field it names)
BAD: list[tuple[str, Callable[[World], c.Command], type[InvalidInputError], tuple[str, ...]]] = [
    ("an empty title", lambda w: raising(w, title=""), EmptyTextError, ("title",)),
    ("a blank title", lambda w: raising(w, title="  \n"), EmptyTextError, ("title",)),
    ("a title too long", lambda w: raising(w, title="é" * 201), TextTooLongError, ("title",)),
    ("an unknown group", lambda w: raising(w, raised_by="armee"), UnknownGroupError, ("raisedBy",)),
    ("severity 0", lambda w: raising(w, severity=0), OutOfRangeError, ("severity",)),
    ("severity 6", lambda w: raising(w, severity=6), OutOfRangeError, ("severity",)),
    (
        "a session before the convening",
        lambda w: c.RecordSession(
            dialogue_id=w.dialogue_id,
            kind=SessionKind.DIALOGUE,
            held_on=date(2015, 3, 1),
            attendance={"police": 3},
        ),
        DateOrderError,
        ("heldOn",),
    ),
    (
        "an action due before the convening",
        lambda w: c.AssignAction(
            case_id=w.case_id,
            description="Patrouilles",
            assignee="police",
            due_on=date(2014, 12, 31),
        ),
        DateOrderError,
        ("dueOn",),
    ),
    (
        "an unknown assignee",
        lambda w: c.AssignAction(
            case_id=w.case_id, description="Patrouilles", assignee="armee", due_on=date(2015, 6, 1)
        ),
        UnknownGroupError,
        ("assignee",),
    ),
    (
        "a lower-case country",
        lambda _: replace(CONVENING, country="bf"),
        InvalidCountryError,
        ("country",),
    ),
    (
        "a three-letter country",
        lambda _: replace(CONVENING, country="BFA"),
        InvalidCountryError,
        ("country",),
    ),
    (
        "an unassigned country",
        lambda _: replace(CONVENING, country="XX"),
        InvalidCountryError,
        ("country",),
    ),
    (
        "no language",
        lambda _: replace(CONVENING, languages=()),
        InvalidLanguageError,
        ("languages",),
    ),
    (
        "a language that is no BCP 47 tag",
        lambda _: replace(CONVENING, languages=("fr", "french_BF")),
        InvalidLanguageError,
        ("languages", "1"),
    ),
    (
        "a duplicate group key",
        lambda w: c.AddStakeholderGroup(
            dialogue_id=w.dialogue_id, key="police", kind=StakeholderKind.GENDARMERIE, name="G"
        ),
        GroupAlreadyJoinedError,
        ("key",),
    ),
]


@pytest.fixture
def ledger(store: EventStore) -> Ledger:
    return Ledger(store)


@pytest.mark.parametrize(
    ("command", "error", "field"),
    [pytest.param(command, error, field, id=what) for what, command, error, field in BAD],
)
async def test_bad_input_is_refused_with_the_field_named_and_nothing_stored(
    ledger: Ledger,
    pool: asyncpg.Pool,
    command: Callable[[World], c.Command],
    error: type[InvalidInputError],
    field: tuple[str, ...],
) -> None:
    w = await world(ledger)
    issued = command(w)
    before = await stored(pool)

    with pytest.raises(error) as refused:
        await ledger.handle(w.facilitator, issued)

    assert refused.value.field == field
    assert refused.value.message
    assert await stored(pool) == before


async def test_an_organisation_that_is_no_slug_is_refused(
    ledger: Ledger, pool: asyncpg.Pool
) -> None:
    before = await stored(pool)

    with pytest.raises(InvalidValueError) as refused:
        await ledger.convene_dialogue(
            principal("jsd", Role.ADMIN), replace(CONVENING, organization="Autre Org")
        )

    assert refused.value.field == ("organization",)
    assert await stored(pool) == before
