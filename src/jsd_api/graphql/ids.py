"""Ids in the API: Relay global ids ("TypeName:uuid" in base64) or the aggregate's UUID."""

from __future__ import annotations

from uuid import UUID

from strawberry.relay import GlobalID, GlobalIDValueError

from jsd_api.graphql.errors import InputError


def global_id(value: str) -> tuple[str, UUID] | None:
    """The (type name, UUID) of a Relay global id, or None when `value` is not one."""
    try:
        parsed = GlobalID.from_id(value)
        return parsed.type_name, UUID(parsed.node_id)
    except (GlobalIDValueError, ValueError):
        return None


def parse_uuid(value: str, field: tuple[str, ...]) -> UUID:
    """A plain UUID, e.g. a command id or an action id."""
    try:
        return UUID(value)
    except ValueError:
        raise InputError(f"'{value[:60]}' is not a UUID", field) from None


def parse_id(value: str, type_name: str, field: tuple[str, ...]) -> UUID:
    """The UUID of a `type_name`, given as its Relay global id or as the UUID itself."""
    try:
        return UUID(value)
    except ValueError:
        pass
    parsed = global_id(value)
    if parsed is None or parsed[0] != type_name:
        raise InputError(f"'{value[:60]}' is not the id of a {type_name}", field)
    return parsed[1]


def optional_uuid(value: str | None, field: tuple[str, ...]) -> UUID | None:
    return None if value is None else parse_uuid(value, field)
