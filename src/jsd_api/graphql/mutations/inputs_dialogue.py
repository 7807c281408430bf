"""The inputs of the dialogue commands, each turned into its command dataclass."""

from __future__ import annotations

from datetime import date

import strawberry

from jsd_api.graphql.errors import InputError
from jsd_api.graphql.ids import optional_uuid, parse_id
from jsd_api.graphql.types.vocabulary import SessionKind, StakeholderKind
from jsd_core.application import commands

COMMAND_ID = ("commandId",)
DIALOGUE_ID = ("dialogueId",)


@strawberry.input(description="Start a dialogue in a locality.")
class ConveneDialogueInput:
    command_id: strawberry.ID | None = None
    name: str
    country: str = strawberry.field(description="ISO 3166-1 alpha-2, e.g. BF.")
    region: str | None = None
    locality: str
    languages: list[str] = strawberry.field(description="BCP 47 tags, at least one.")
    convened_on: date
    organization: str | None = strawberry.field(
        default=None, description="Only an admin may name another organisation than its own."
    )

    def to_command(self) -> commands.ConveneDialogue:
        return commands.ConveneDialogue(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            name=self.name,
            country=self.country,
            region=self.region,
            locality=self.locality,
            languages=tuple(self.languages),
            convened_on=self.convened_on,
            organization=self.organization,
        )


@strawberry.input(description="A stakeholder group joins the dialogue.")
class AddStakeholderGroupInput:
    command_id: strawberry.ID | None = None
    dialogue_id: strawberry.ID
    expected_version: int | None = None
    key: str = strawberry.field(description="A slug, unique in the dialogue, e.g. 'police'.")
    kind: StakeholderKind
    name: str

    def to_command(self) -> commands.AddStakeholderGroup:
        return commands.AddStakeholderGroup(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            dialogue_id=parse_id(self.dialogue_id, "Dialogue", DIALOGUE_ID),
            expected_version=self.expected_version,
            key=self.key,
            kind=self.kind,
            name=self.name,
        )


@strawberry.input(description="How many people of one group came.")
class AttendanceInput:
    group: str = strawberry.field(description="A stakeholder group key.")
    count: int


@strawberry.input(description="Record a meeting of the dialogue.")
class RecordSessionInput:
    command_id: strawberry.ID | None = None
    dialogue_id: strawberry.ID
    expected_version: int | None = None
    kind: SessionKind
    held_on: date
    attendance: list[AttendanceInput]
    summary: str | None = None

    def to_command(self) -> commands.RecordSession:
        counts: dict[str, int] = {}
        for index, entry in enumerate(self.attendance):
            if entry.group in counts:
                message = f"the attendance names group {entry.group!r} twice"
                raise InputError(message, ("attendance", str(index), "group"))
            counts[entry.group] = entry.count
        return commands.RecordSession(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            dialogue_id=parse_id(self.dialogue_id, "Dialogue", DIALOGUE_ID),
            expected_version=self.expected_version,
            kind=self.kind,
            held_on=self.held_on,
            attendance=counts,
            summary=self.summary,
        )


@strawberry.input(description="One group's answers in one wave of the trust survey.")
class RecordTrustSurveyInput:
    command_id: strawberry.ID | None = None
    dialogue_id: strawberry.ID
    expected_version: int | None = None
    wave: int
    surveyed_on: date
    group: str
    respondents: int
    trust_score: float = strawberry.field(description="0..100.")

    def to_command(self) -> commands.RecordTrustSurvey:
        return commands.RecordTrustSurvey(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            dialogue_id=parse_id(self.dialogue_id, "Dialogue", DIALOGUE_ID),
            expected_version=self.expected_version,
            wave=self.wave,
            surveyed_on=self.surveyed_on,
            group=self.group,
            respondents=self.respondents,
            trust_score=self.trust_score,
        )


@strawberry.input(description="Close the dialogue; it accepts nothing afterwards.")
class ConcludeDialogueInput:
    command_id: strawberry.ID | None = None
    dialogue_id: strawberry.ID
    expected_version: int | None = None
    concluded_on: date
    summary: str | None = None

    def to_command(self) -> commands.ConcludeDialogue:
        return commands.ConcludeDialogue(
            command_id=optional_uuid(self.command_id, COMMAND_ID),
            dialogue_id=parse_id(self.dialogue_id, "Dialogue", DIALOGUE_ID),
            expected_version=self.expected_version,
            concluded_on=self.concluded_on,
            summary=self.summary,
        )
