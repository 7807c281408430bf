"""The Dialogue aggregate: one Justice and Security Dialogue in one locality.

Each command checks its rules, then calls the `@event` method that records it;
that method only changes state, because it runs again on every replay.

Date rules (the domain has no clock: it compares only dates it was given):
- a session's held_on and a survey's surveyed_on are on or after convened_on;
- concluded_on is on or after convened_on and every session and survey recorded;
- nothing is accepted after DialogueConcluded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, event

from jsd_core.domain import codes
from jsd_core.domain import validation as check
from jsd_core.domain.dialogue_parts import DialogueSession, StakeholderGroup, TrustSurvey
from jsd_core.domain.errors import (
    DialogueConcludedError,
    DuplicateEntryError,
    GroupAlreadyJoinedError,
    UnknownGroupError,
    field_path,
)
from jsd_core.domain.vocabulary import DialogueStatus, SessionKind, StakeholderKind


class Dialogue(Aggregate):
    """A dialogue between security and justice providers and the people they serve."""

    class DialogueConvened(Aggregate.Created):
        """The first event of a dialogue."""

        name: str
        country: str
        region: str | None
        locality: str
        organization: str
        languages: tuple[str, ...]
        convened_on: date

    def __init__(
        self,
        name: str,
        country: str,
        region: str | None,
        locality: str,
        organization: str,
        languages: tuple[str, ...],
        convened_on: date,
    ) -> None:
        self.name, self.country, self.region = name, country, region
        self.locality, self.organization = locality, organization
        self.languages, self.convened_on = languages, convened_on
        self.status = DialogueStatus.ACTIVE
        self.concluded_on: date | None = None
        self.summary: str | None = None
        self.groups: dict[str, StakeholderGroup] = {}
        self.sessions: tuple[DialogueSession, ...] = ()
        self.trust_surveys: tuple[TrustSurvey, ...] = ()

    @classmethod
    def convene(
        cls,
        *,
        name: str,
        country: str,
        locality: str,
        organization: str,
        languages: Iterable[str],
        convened_on: date,
        region: str | None = None,
        dialogue_id: UUID | None = None,
    ) -> Dialogue:
        """Open a dialogue in a locality; its groups join next."""
        return cls._create(
            cls.DialogueConvened,
            id=dialogue_id,
            name=check.text("name", name, check.NAME_LIMIT),
            country=codes.country(country),
            region=check.optional_text("region", region, check.NAME_LIMIT),
            locality=check.text("locality", locality, check.NAME_LIMIT),
            organization=check.text("organization", organization, check.NAME_LIMIT),
            languages=codes.languages(languages),
            convened_on=check.calendar_date("convened_on", convened_on),
        )

    @property
    def is_active(self) -> bool:
        """True until the dialogue concludes."""
        return self.status is DialogueStatus.ACTIVE

    def check_group(
        self, name: str, key: object, field: tuple[str, ...] | None = None
    ) -> StakeholderGroup:
        """The group with this key, or an error naming the input field `name` that gave it."""
        if isinstance(key, str) and key in self.groups:
            return self.groups[key]
        raise UnknownGroupError(
            f"{name} names {key!r}, which is not a group of this dialogue",
            field or field_path(name),
        )

    def check_date(self, name: str, value: object) -> date:
        """A calendar date on or after the convening, or an error naming the field `name`."""
        day = check.calendar_date(name, value)
        return check.not_before(name, day, self.convened_on, "the dialogue was convened")

    def add_stakeholder_group(self, key: str, kind: StakeholderKind, name: str) -> None:
        """A group joins the dialogue under a key unique in it, e.g. 'police'."""
        self._require_active()
        key = codes.group_key("key", key)
        if key in self.groups:
            raise GroupAlreadyJoinedError(
                f"a group with key {key!r} has already joined this dialogue", field_path("key")
            )
        self._group_joined(
            key=key,
            kind=check.member(StakeholderKind, "kind", kind),
            name=check.text("name", name, check.NAME_LIMIT),
        )

    @event("StakeholderGroupJoined")
    def _group_joined(self, key: str, kind: StakeholderKind, name: str) -> None:
        self.groups = {**self.groups, key: StakeholderGroup(key, kind, name)}

    def hold_session(
        self,
        kind: SessionKind,
        held_on: date,
        attendance: Mapping[str, int],
        summary: str | None = None,
        session_id: UUID | None = None,
    ) -> UUID:
        """Record a meeting and how many of each group came; returns its session id."""
        self._require_active()
        session_id = check.identifier(
            "session_id", session_id if session_id is not None else uuid4()
        )
        if any(session.session_id == session_id for session in self.sessions):
            raise DuplicateEntryError(f"session {session_id} is already recorded")
        self._session_held(
            session_id=session_id,
            kind=check.member(SessionKind, "kind", kind),
            held_on=self.check_date("held_on", held_on),
            attendance=self._attendance(attendance),
            summary=check.optional_text("summary", summary, check.TEXT_LIMIT),
        )
        return session_id

    def _attendance(self, attendance: Mapping[str, int]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for index, (key, count) in enumerate(dict(attendance).items()):
            where = ("attendance", str(index))
            group = self.check_group("attendance", key, (*where, "group"))
            counts[group.key] = check.whole_number(
                f"the attendance of {group.key!r}", count, 0, check.COUNT_LIMIT, (*where, "count")
            )
        return counts

    @event("SessionHeld")
    def _session_held(
        self,
        session_id: UUID,
        kind: SessionKind,
        held_on: date,
        attendance: dict[str, int],
        summary: str | None,
    ) -> None:
        session = DialogueSession(session_id, kind, held_on, dict(attendance), summary)
        self.sessions = (*self.sessions, session)

    def record_trust_survey(
        self, wave: int, surveyed_on: date, group: str, respondents: int, trust_score: float
    ) -> None:
        """Record one group's answers in one wave of the trust survey."""
        self._require_active()
        wave = check.whole_number("wave", wave, 1, check.WAVE_LIMIT)
        key = self.check_group("group", group).key
        if any(s.wave == wave and s.group == key for s in self.trust_surveys):
            raise DuplicateEntryError(
                f"wave {wave} of the survey is already recorded for group {key!r}", ("wave",)
            )
        self._trust_survey_recorded(
            wave=wave,
            surveyed_on=self.check_date("surveyed_on", surveyed_on),
            group=key,
            respondents=check.whole_number("respondents", respondents, 1, check.COUNT_LIMIT),
            trust_score=check.score("trust_score", trust_score, 0, 100),
        )

    @event("TrustSurveyRecorded")
    def _trust_survey_recorded(
        self, wave: int, surveyed_on: date, group: str, respondents: int, trust_score: float
    ) -> None:
        survey = TrustSurvey(wave, surveyed_on, group, respondents, trust_score)
        self.trust_surveys = (*self.trust_surveys, survey)

    def conclude(self, concluded_on: date, summary: str | None = None) -> None:
        """Close the dialogue; it accepts nothing more afterwards."""
        self._require_active()
        concluded_on = self.check_date("concluded_on", concluded_on)
        meetings = [s.held_on for s in self.sessions] + [s.surveyed_on for s in self.trust_surveys]
        last = max(meetings, default=self.convened_on)
        self._concluded(
            concluded_on=check.not_before("concluded_on", concluded_on, last, "its last meeting"),
            summary=check.optional_text("summary", summary, check.TEXT_LIMIT),
        )

    @event("DialogueConcluded")
    def _concluded(self, concluded_on: date, summary: str | None) -> None:
        self.status = DialogueStatus.CONCLUDED
        self.concluded_on, self.summary = concluded_on, summary

    def _require_active(self) -> None:
        if self.concluded_on is not None:
            raise DialogueConcludedError(
                f"the dialogue concluded on {self.concluded_on.isoformat()} "
                "and accepts nothing more"
            )
