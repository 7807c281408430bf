"""Generated events: dialogues run through the domain, cases cloned from templates, hash-chained.

Rows are the events table's columns in COPY order (ids as text). Each stream is
chained exactly as `EventStore.append` does it (`event_hash`, metadata from
`EventMetadata.as_json`), so the audit verifies them like any stored event.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from bench.lifecycles import case_templates
from bench.templates import ANCHOR, COMMUNITY_GROUPS, DATE_FIELDS, CaseTemplate
from bench.texts import NEIGHBOURHOODS, PROBLEMS
from jsd_core.store import EventMetadata
from jsd_core.store.hashing import event_hash

COLUMNS = (
    "event_id", "stream_id", "stream_type", "version", "type", "data", "metadata",
    "recorded_at", "prev_hash", "hash",
)  # fmt: skip
Row = tuple[str, str, str, int, str, str, str, datetime, str | None, str]
FACILITATORS = {
    "lantern": ("a.ouedraogo", "m.diallo", "k.traore"),
    "interpeace": ("n.okafor", "s.shrestha", "l.benali"),
}


def new_id(rng: random.Random) -> UUID:
    """A random (version 4) UUID from a seeded generator, so a dataset can be made again."""
    return UUID(int=rng.getrandbits(128), version=4)


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Period:
    """When the generated events were recorded: over a year, ending before now."""

    start: datetime
    end: datetime


@dataclass(frozen=True)
class DialogueRef:
    """What a case needs of its dialogue."""

    dialogue_id: str
    organization: str


class Chain:
    """One stream's events as the store records them: versions, metadata and hash chain."""

    def __init__(self, rng: random.Random, stream_id: UUID, stream_type: str, org: str) -> None:
        self.rng, self.stream_id, self.stream_type = rng, stream_id, stream_type
        self.organization = org
        self.actor = f"{org}/{rng.choice(FACILITATORS[org])}"
        self.version = 0
        self.prev_hash: str | None = None
        self.rows: list[Row] = []

    def add(self, kind: str, data: dict[str, Any], schema_version: int, at: datetime) -> None:
        command_id, event_id = new_id(self.rng), new_id(self.rng)
        metadata = EventMetadata(self.actor, self.organization, command_id, command_id)
        meta = metadata.as_json(schema_version)
        self.version += 1
        digest = event_hash(
            event_id=event_id,
            stream_id=self.stream_id,
            stream_type=self.stream_type,
            version=self.version,
            type=kind,
            data=data,
            metadata=meta,
            recorded_at=at,
            prev_hash=self.prev_hash,
        )
        self.rows.append(
            (str(event_id), str(self.stream_id), self.stream_type, self.version, kind,
             _json(data), _json(meta), at, self.prev_hash, digest)
        )  # fmt: skip
        self.prev_hash = digest


def clone_case(
    rng: random.Random, template: CaseTemplate, dialogue: DialogueRef, raised_at: datetime
) -> list[Row]:
    """The template's events for a new case of `dialogue`, raised at `raised_at`: fresh case
    and action ids, a problem and place of its own, dates moved by as much as the raising."""
    chain = Chain(rng, new_id(rng), "Case", dialogue.organization)
    shift = raised_at.date() - ANCHOR
    actions: dict[str, str] = {}
    category, title, description = rng.choice(PROBLEMS)
    place = rng.choice(NEIGHBOURHOODS)
    for index, event in enumerate(template.events):
        data = dict(event.data)
        if event.type == "CaseRaised":
            data.update(
                dialogue_id=dialogue.dialogue_id,
                title=f"{title} — {place}",
                description=description,
                category=category.value,
                severity=rng.randint(1, 5),
                location=place,
                raised_by=rng.choice(COMMUNITY_GROUPS),
            )
        if "action_id" in data:
            data["action_id"] = actions.setdefault(data["action_id"], str(new_id(rng)))
        for name in DATE_FIELDS:
            if name in data:
                data[name] = (date.fromisoformat(data[name]) + shift).isoformat()
        at = raised_at + timedelta(days=event.day, seconds=41 * index)
        chain.add(event.type, data, event.schema_version, at)
    return chain.rows


@dataclass(frozen=True)
class CaseJob:
    """`count` cases over the dialogues, for one worker process."""

    seed: int
    count: int
    dialogues: tuple[DialogueRef, ...]
    period: Period


def generate_cases(job: CaseJob) -> list[Row]:
    """Run in a worker process: clone weighted templates into `job.count` cases."""
    rng = random.Random(job.seed)
    templates = case_templates()
    chosen = rng.choices(templates, weights=[t.weight for t in templates], k=job.count)
    seconds = (job.period.end - job.period.start).total_seconds()
    rows: list[Row] = []
    for template in chosen:
        span = timedelta(days=template.events[-1].day + 1).total_seconds()
        offset = rng.uniform(0, max(seconds - span, 0))
        raised_at = job.period.start + timedelta(seconds=offset)
        rows += clone_case(rng, template, rng.choice(job.dialogues), raised_at)
    return rows


def average_events() -> float:
    templates = case_templates()
    weights = sum(t.weight for t in templates)
    return sum(t.weight * len(t.events) for t in templates) / weights
