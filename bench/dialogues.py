"""Generated dialogues, each run through the real `Dialogue` aggregate: convened before the
period, its groups, a session a month and three waves of the trust survey."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import partial

from bench.dataset import FACILITATORS, Chain, DialogueRef, Period, Row, new_id
from bench.templates import COMMUNITY_GROUPS, GROUPS
from bench.texts import PLACES
from jsd_core import codec
from jsd_core.domain import Dialogue, SessionKind

SUMMARIES = (
    "Les participants ont fait le point sur les engagements du mois.",
    "The committee reviewed the actions due and heard the residents' complaints.",
    "Séance de restitution des résultats de l'enquête de confiance.",
)
KINDS = (SessionKind.DIALOGUE, SessionKind.COMMITTEE, SessionKind.OUTREACH, SessionKind.MENTORING)


def generate_dialogue(
    rng: random.Random, index: int, period: Period
) -> tuple[DialogueRef, list[Row]]:
    """The `index`-th dialogue (organisations alternate; places cycle) and its stored rows."""
    organization = sorted(FACILITATORS)[index % len(FACILITATORS)]
    country, region, locality, languages = PLACES[(index // 2) % len(PLACES)]
    convened = datetime.combine(
        (period.start - timedelta(days=rng.randint(5, 60))).date(), time(9), period.start.tzinfo
    )
    dialogue = Dialogue.convene(
        name=f"Dialogue Sécurité et Justice de {locality}",
        country=country,
        region=region,
        locality=locality,
        organization=organization,
        languages=languages,
        convened_on=convened.date(),
        dialogue_id=new_id(rng),
    )
    days = [0]
    for key, group_kind, name in GROUPS:
        dialogue.add_stakeholder_group(key, group_kind, f"{name} de {locality}")
        days.append(0)
    # Every step in date order, so versions follow time as they do in the store.
    steps: list[tuple[int, Callable[[int], None]]] = []
    for month in range(12):
        steps.append((month * 30 + 7, partial(_session, rng, dialogue, convened)))
    for wave, month in enumerate((1, 6, 11), 1):
        for group in COMMUNITY_GROUPS:
            survey = partial(_survey, rng, dialogue, convened, wave=wave, group=group)
            steps.append((month * 30 + 12, survey))
    for day, take in sorted(steps, key=lambda pair: pair[0]):
        take(day)
        days.append(day)
    chain = Chain(rng, dialogue.id, "Dialogue", organization)
    for number, (event, day) in enumerate(zip(dialogue.collect_events(), days, strict=True)):
        kind, data, schema_version = codec.encode(event)
        chain.add(kind, data, schema_version, convened + timedelta(days=day, minutes=number))
    return DialogueRef(str(dialogue.id), organization), chain.rows


def _session(rng: random.Random, dialogue: Dialogue, convened: datetime, day: int) -> None:
    present = rng.sample([key for key, _, _ in GROUPS], k=5)
    dialogue.hold_session(
        kind=rng.choice(KINDS),
        held_on=(convened + timedelta(days=day)).date(),
        attendance={key: rng.randint(1, 25) for key in present},
        summary=rng.choice(SUMMARIES),
        session_id=new_id(rng),
    )


def _survey(
    rng: random.Random, dialogue: Dialogue, convened: datetime, day: int, *, wave: int, group: str
) -> None:
    dialogue.record_trust_survey(
        wave=wave,
        surveyed_on=(convened + timedelta(days=day)).date(),
        group=group,
        respondents=rng.randint(20, 120),
        trust_score=round(rng.uniform(15, 85), 1),
    )
