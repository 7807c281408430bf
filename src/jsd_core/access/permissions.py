"""What each role may do. Every check in the service goes through this module."""

from __future__ import annotations

from jsd_core.access.principal import Principal, Role


class ForbiddenError(Exception):
    """The caller's role or organisation may not do this; nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_write(principal: Principal, organization: str) -> None:
    """Facilitators write their own organisation's dialogues and cases; admins any."""
    if principal.role is Role.ADMIN:
        return
    if principal.role is not Role.FACILITATOR:
        raise ForbiddenError(f"the {principal.role} role may not issue commands")
    if principal.organization != organization:
        # Say nothing about the other organisation's data.
        raise ForbiddenError("this belongs to another organisation")


def check_audit(principal: Principal) -> None:
    if principal.role not in (Role.AUDITOR, Role.ADMIN):
        raise ForbiddenError("only auditors and admins may read histories and verify chains")


def check_manage_webhooks(principal: Principal) -> None:
    if principal.role not in (Role.INTEGRATION, Role.ADMIN):
        raise ForbiddenError("only the integration and admin roles may manage webhooks")


def check_manage_keys(principal: Principal) -> None:
    if principal.role is not Role.ADMIN:
        raise ForbiddenError("only admins may manage keys")
