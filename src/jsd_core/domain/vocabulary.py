"""The words of a Justice and Security Dialogue, shared by the domain, the store and GraphQL.

Each enum's values are exactly the GraphQL contract's enum values, so a value
read from an event, a database row or a GraphQL input is the same string.
"""

from enum import StrEnum


class StakeholderKind(StrEnum):
    """Who a stakeholder group is: a state provider or a part of the community."""

    POLICE = "POLICE"
    GENDARMERIE = "GENDARMERIE"
    MILITARY = "MILITARY"
    JUSTICE = "JUSTICE"
    LOCAL_GOVERNMENT = "LOCAL_GOVERNMENT"
    TRADITIONAL_LEADERS = "TRADITIONAL_LEADERS"
    RELIGIOUS_LEADERS = "RELIGIOUS_LEADERS"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    WOMEN = "WOMEN"
    YOUTH = "YOUTH"
    MEDIA = "MEDIA"
    INFORMAL_SECURITY = "INFORMAL_SECURITY"
    RESIDENTS = "RESIDENTS"
    BUSINESS = "BUSINESS"
    OTHER = "OTHER"

    @property
    def is_provider(self) -> bool:
        """True for the state's security and justice providers and officials."""
        return self in PROVIDER_KINDS


PROVIDER_KINDS = frozenset(
    {
        StakeholderKind.POLICE,
        StakeholderKind.GENDARMERIE,
        StakeholderKind.MILITARY,
        StakeholderKind.JUSTICE,
        StakeholderKind.LOCAL_GOVERNMENT,
    }
)


class CaseCategory(StrEnum):
    """What kind of problem a case is about."""

    ROBBERY_BURGLARY = "ROBBERY_BURGLARY"
    VIOLENT_CLASH = "VIOLENT_CLASH"
    WEAPONS_SMUGGLING = "WEAPONS_SMUGGLING"
    DRUG_ABUSE = "DRUG_ABUSE"
    LAND_DISPUTE = "LAND_DISPUTE"
    MOB_JUSTICE = "MOB_JUSTICE"
    VIGILANTE_ABUSE = "VIGILANTE_ABUSE"
    POLICE_MISCONDUCT = "POLICE_MISCONDUCT"
    GENDER_BASED_VIOLENCE = "GENDER_BASED_VIOLENCE"
    VIOLENT_EXTREMISM = "VIOLENT_EXTREMISM"
    INTERCOMMUNAL_TENSION = "INTERCOMMUNAL_TENSION"
    INFRASTRUCTURE = "INFRASTRUCTURE"
    OTHER = "OTHER"


class CaseStatus(StrEnum):
    """Where a case is in its life: RAISED → AGREED → IN_PROGRESS → RESOLVED → CLOSED."""

    RAISED = "RAISED"
    AGREED = "AGREED"
    IN_PROGRESS = "IN_PROGRESS"
    RESOLVED = "RESOLVED"
    CLOSED = "CLOSED"


class ActionStatus(StrEnum):
    """Where an agreed action is: OPEN until COMPLETED (then VERIFIED) or CANCELLED."""

    OPEN = "OPEN"
    COMPLETED = "COMPLETED"
    VERIFIED = "VERIFIED"
    CANCELLED = "CANCELLED"


class CloseReason(StrEnum):
    """Why a case was closed."""

    RESOLVED = "RESOLVED"
    WITHDRAWN = "WITHDRAWN"
    DUPLICATE = "DUPLICATE"
    NOT_ADMITTED = "NOT_ADMITTED"
    REFERRED = "REFERRED"


class DialogueStatus(StrEnum):
    """A dialogue is ACTIVE from its convening until it is CONCLUDED."""

    ACTIVE = "ACTIVE"
    CONCLUDED = "CONCLUDED"


class SessionKind(StrEnum):
    """The kind of meeting a dialogue session was."""

    DIALOGUE = "DIALOGUE"
    COMMITTEE = "COMMITTEE"
    POLICY_FORUM = "POLICY_FORUM"
    OUTREACH = "OUTREACH"
    MENTORING = "MENTORING"
