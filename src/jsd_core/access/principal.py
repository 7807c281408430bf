"""The caller behind an API key: one organisation, one role."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

ORGANIZATION = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ORGANIZATION_MAX = 64


class Role(StrEnum):
    FACILITATOR = "facilitator"
    PARTNER = "partner"
    AUDITOR = "auditor"
    INTEGRATION = "integration"
    ADMIN = "admin"


def check_organization(organization: str) -> str:
    """Organisation ids are slugs: they appear in event sources and NATS subjects."""
    if len(organization) > ORGANIZATION_MAX or not ORGANIZATION.match(organization):
        raise ValueError(
            f"organization must be a slug of lower-case letters, digits, '-' or '_' "
            f"(at most {ORGANIZATION_MAX} characters), got '{organization[:80]}'"
        )
    return organization


@dataclass(frozen=True)
class Scope:
    """The organisations whose data a caller may see; None means every organisation."""

    organizations: frozenset[str] | None

    def allows(self, organization: str) -> bool:
        return self.organizations is None or organization in self.organizations

    @property
    def everything(self) -> bool:
        return self.organizations is None


@dataclass(frozen=True)
class Principal:
    key_id: UUID
    name: str
    organization: str
    role: Role

    @property
    def actor(self) -> str:
        """How events and deliveries name who acted."""
        return f"{self.organization}/{self.name}"

    @property
    def scope(self) -> Scope:
        if self.role in (Role.AUDITOR, Role.ADMIN):
            return Scope(None)
        return Scope(frozenset({self.organization}))
