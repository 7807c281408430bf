"""The dialogues projection: dialogues, their stakeholder groups, sessions and trust surveys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import ClassVar
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncConnection

from jsd_core.domain.vocabulary import DialogueStatus
from jsd_core.projections import tables
from jsd_core.projections.batch import Row, RowSet, insert_rows
from jsd_core.projections.projector import Projector
from jsd_core.store import RecordedEvent


class _Batch:
    def __init__(self) -> None:
        self.dialogues = RowSet(tables.dialogues, "dialogue_id")
        self.groups: list[Row] = []
        self.sessions: list[Row] = []
        self.surveys: list[Row] = []

    def dialogue(self, event: RecordedEvent) -> Row:
        row = self.dialogues.get(event.stream_id)
        row["version"] = event.version
        return row

    def child(self, event: RecordedEvent, **values: object) -> Row:
        """A row of a dialogue's groups, sessions or surveys, stamped with the event."""
        self.dialogue(event)
        return {
            "dialogue_id": event.stream_id,
            "organization": event.organization,
            "version": event.version,
            **values,
        }


def _convened(batch: _Batch, event: RecordedEvent) -> None:
    data = event.data
    batch.dialogues.add(
        {
            "dialogue_id": event.stream_id,
            "organization": data["organization"],
            "name": data["name"],
            "country": data["country"],
            "region": data.get("region"),
            "locality": data["locality"],
            "languages": list(data["languages"]),
            "convened_on": date.fromisoformat(data["convened_on"]),
            "concluded_on": None,
            "summary": None,
            "status": DialogueStatus.ACTIVE.value,
            "version": event.version,
        }
    )


def _group_joined(batch: _Batch, event: RecordedEvent) -> None:
    data = event.data
    batch.groups.append(batch.child(event, key=data["key"], kind=data["kind"], name=data["name"]))


def _session_held(batch: _Batch, event: RecordedEvent) -> None:
    data = event.data
    row = batch.child(
        event,
        session_id=UUID(data["session_id"]),
        kind=data["kind"],
        held_on=date.fromisoformat(data["held_on"]),
        attendance=data["attendance"],
        summary=data.get("summary"),
    )
    batch.sessions.append(row)


def _survey_recorded(batch: _Batch, event: RecordedEvent) -> None:
    data = event.data
    row = batch.child(
        event,
        wave=data["wave"],
        surveyed_on=date.fromisoformat(data["surveyed_on"]),
        group_key=data["group"],
        respondents=data["respondents"],
        trust_score=float(data["trust_score"]),
    )
    batch.surveys.append(row)


def _concluded(batch: _Batch, event: RecordedEvent) -> None:
    row = batch.dialogue(event)
    row["concluded_on"] = date.fromisoformat(event.data["concluded_on"])
    row["summary"] = event.data.get("summary")
    row["status"] = DialogueStatus.CONCLUDED.value


_HANDLERS: dict[str, Callable[[_Batch, RecordedEvent], None]] = {
    "DialogueConvened": _convened,
    "StakeholderGroupJoined": _group_joined,
    "SessionHeld": _session_held,
    "TrustSurveyRecorded": _survey_recorded,
    "DialogueConcluded": _concluded,
}


class DialoguesProjector(Projector):
    """Feeds the dialogues, stakeholder_groups, dialogue_sessions and trust_surveys tables."""

    name: ClassVar[str] = tables.DIALOGUES
    types: ClassVar[tuple[str, ...]] = tuple(_HANDLERS)

    async def apply(self, connection: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        batch = _Batch()
        existing = {e.stream_id for e in events if e.type != "DialogueConvened"}
        await batch.dialogues.load_keys(connection, existing)
        for event in events:
            handler = _HANDLERS.get(event.type)
            if handler is not None:
                handler(batch, event)
        await batch.dialogues.write(connection)
        await insert_rows(connection, tables.stakeholder_groups, batch.groups)
        await insert_rows(connection, tables.dialogue_sessions, batch.sessions)
        await insert_rows(connection, tables.trust_surveys, batch.surveys)
