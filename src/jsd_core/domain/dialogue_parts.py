"""What a dialogue is made of: its stakeholder groups, its sessions and its trust surveys."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from jsd_core.domain.vocabulary import SessionKind, StakeholderKind


@dataclass(frozen=True)
class StakeholderGroup:
    """A party to the dialogue, e.g. ('police', POLICE, 'Commissariat de Saaba')."""

    key: str
    kind: StakeholderKind
    name: str

    @property
    def is_provider(self) -> bool:
        """True for a state security or justice provider, False for a community group."""
        return self.kind.is_provider


@dataclass(frozen=True)
class DialogueSession:
    """A meeting of the dialogue, with how many people of each group attended."""

    session_id: UUID
    kind: SessionKind
    held_on: date
    attendance: Mapping[str, int]
    summary: str | None


@dataclass(frozen=True)
class TrustSurvey:
    """One wave of a perception survey of one group: how far it trusts the others, 0..100."""

    wave: int
    surveyed_on: date
    group: str
    respondents: int
    trust_score: float
