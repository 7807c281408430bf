"""Who is calling, what their role lets them do, and which organisations they see."""

from jsd_core.access.permissions import (
    ForbiddenError,
    check_audit,
    check_manage_keys,
    check_manage_webhooks,
    check_write,
)
from jsd_core.access.principal import Principal, Role, Scope

__all__ = [
    "ForbiddenError",
    "Principal",
    "Role",
    "Scope",
    "check_audit",
    "check_manage_keys",
    "check_manage_webhooks",
    "check_write",
]
